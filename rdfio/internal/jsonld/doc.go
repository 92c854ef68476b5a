// Package jsonld reads and writes JSON-LD. rdfio's Parse, NewWriter
// and NewGroupWriter call it; nothing else should. It is the only package
// of the module that imports json-gold.
//
// The reader expands the document with json-gold, which needs it whole,
// checks the expanded form for terms RDF cannot hold (json-gold would drop
// them without a word) and converts it to quads. Errors name the term and,
// where its text is found in the document, its line and column. Remote
// contexts are never fetched: ParseOptions.Context serves every context
// IRI. json-gold's panics on odd input become syntax errors.
//
// The writer compacts with the project's context. For the common case, a
// flat context (prefixes and terms with at most @type, @language and
// @container @set) and a graph without lists or named graphs, it writes the
// document directly, byte for byte what json-gold's fromRDF and compaction
// give (compact_write_test.go checks it on 388 graphs), six to ten times
// faster on a 50-triple resource (BenchmarkWriteJSONLD50 in rdfio against
// BenchmarkWriteJSONLD50JSONGold here); everything else goes through
// json-gold, whose panics become ErrJSONGoldFails. The streaming writer
// always takes the direct path, with the flat part of the context.
//
// # Files
//
//	read.go           Parse: decoding, expansion, checks, positions, the local context loader
//	write.go          the writer: the direct path or json-gold, the context document
//	context_write.go  flat contexts: term definitions and the term selection tables
//	compact_write.go  the direct compactor: node objects and values
//	json_write.go     JSON text exactly as encoding/json writes it
//	group_write.go    NewGroupWriter: streamed JSON-LD
package jsonld
