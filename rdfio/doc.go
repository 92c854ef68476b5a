// Package rdfio reads and writes RDF: N-Triples, N-Quads, Turtle, RDF/XML
// and JSON-LD. Readers stream quads to a callback and report syntax errors
// with file, line and column; writers produce output that re-parses to the
// same graph.
//
// It is the one door: every caller uses Parse, NewWriter, NewGroupWriter and
// WriteAll with a Format from the format table (format.go), which conneg,
// the CLI and the catalog read too, so that they cannot disagree on names,
// media types and extensions.
//
// Hostile input is bounded: RDF/XML entity expansion is counted against
// ParseOptions.MaxEntityBytes (internal/rdfxml/entities_read.go), JSON-LD
// terms RDF cannot hold are errors naming the node, and the RDF/XML writer
// returns an *XMLCharError before writing anything when the data holds a
// character XML 1.0 cannot carry.
//
// # One package per syntax
//
// The syntaxes live in packages of their own under internal/, as Oxigraph
// splits oxttl, oxrdfxml and oxjsonld behind its oxrdfio facade:
//
//	rdfio                 the facade: formats, Parse, NewWriter, NewGroupWriter
//	internal/ttl          N-Triples, N-Quads and Turtle, which share their terminals
//	internal/rdfxml       RDF/XML, on encoding/xml
//	internal/jsonld       JSON-LD, on json-gold, with a direct compactor
//	internal/codec        what the syntaxes share: options, errors, name rules,
//	                      the writers' graph layout, the streaming driver
//	internal/rdftest      fixtures of the tests (graphs, the W3C corpus)
//
// The split was tried and kept because it reads better. In one package of
// 52 files (6.1k lines of code, 3.0k of tests) the identifier prefixes ttl,
// nt, rx, jsonld, lex, read and write stood in for packages, and finding
// the RDF/XML reader meant picking 5 files out of 52. Now each syntax can be
// read alone (ttl 2.2k lines, rdfxml 1.7k, jsonld 1.4k), what they share is
// one small package (codec, 0.8k) that knows none of them, and json-gold
// and encoding/xml are imported by the one package that needs each.
// Splitting also showed what had been copied: the PN_CHARS classes existed
// twice (reader and writer) and the hex-digit test twice, and the RDF/XML
// writer and its streaming twin each wrote the root's namespace
// declarations; each is one function now. The streaming writer, which
// reached into all three buffering writers, became a driver in codec
// (codec.NewGroupWriter) and one small group_write.go per syntax.
//
// The cost: ParseOptions, WriteOptions, Prefix, Writer and SyntaxError are
// aliases of codec's types, as os.PathError is of io/fs's, so `go doc
// rdfio.ParseOptions` shows the alias and the fields are documented in
// codec (go doc ./rdfio/internal/codec ParseOptions); and codec exports
// about 35 names that only rdfio's own packages can import. The
// syntaxes are internal because nothing else in the module needs one
// alone: callers keep one API, and the split can change without them.
// internal/deps keeps codec and the syntaxes from importing one another
// or rdftest.
//
// Tests of one syntax sit in its package; tests that compare formats, the
// W3C runs, the rapper cross-checks, the fuzz targets (tools/fuzz.sh) and
// the benchmarks go through the facade and stay here.
//
// # Files
//
//	format.go       the format table: names, media types, extensions, EU file types
//	parse.go        Parse: BOM, dispatch to the readers; ParseOptions, SyntaxError
//	writer.go       NewWriter, WriteAll: dispatch to the writers; WriteOptions, Writer
//	group_write.go  NewGroupWriter: the streaming writers (dumps)
package rdfio
