// Package codec is what rdfio's syntax packages (ttl, rdfxml, jsonld) and
// its facade share, and nothing else: the option and error types that
// rdfio re-exports as aliases, the name rules of the grammars, and the
// machinery every writer needs. It knows none of the syntaxes; they stand
// side by side on it (internal/deps checks both).
//
// Readers take ParseOptions and return *SyntaxError; they label blank
// nodes with BlankLabel and AnonLabel, so that labels from separately
// parsed documents and anonymous nodes never meet. Writers call CheckQuad
// on every quad, so that no writer produces what a reader refuses, lay out
// the graph with NewGraph (sorted, grouped by subject, blank nodes nested
// where they are used once) and write blank labels with WriteBlankLabel.
// A streaming writer is a GroupFormat handed to NewGroupWriter.
//
// # Files
//
//	options.go  ParseOptions, WriteOptions, Prefix, the Writer interface
//	errors.go   SyntaxError, ErrClosed, ErrCannotStream, file names in messages
//	check.go    CheckQuad, CheckIRI: what no syntax can carry
//	names.go    PN_CHARS classes and XML names, language tags, IRI characters,
//	            blank node labels as read and as written
//	graph.go    Graph: the writers' sorted, grouped, nested layout; quad order
//	group.go    NewGroupWriter: one subject's triples at a time (rdfio.NewGroupWriter)
package codec
