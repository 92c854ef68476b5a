// Package dataset is the storage interface: a consistent read view of
// quads whose terms are dictionary-encoded as uint64 ids. The query
// engine (sparql/eval), the catalog (dcat), the assessments (assess), the
// hub's pages and the HTTP packages all read stored RDF through it; the
// store implements it without importing this package, and cmd/maturity
// wires the two together.
//
// It lives apart from the query engine because most of its users evaluate
// no queries: they look terms up and match patterns.
//
//	dataset.go  Dataset, the interface, and ErrUnknownID
//	memory.go   Memory, an in-memory Dataset (tests, examples, small
//	            computed views such as the hub simulator's)
//	decoder.go  Decoder, a memoising id → term decoder over a Dataset, and
//	            GraphQuads, a whole graph as quads
package dataset
