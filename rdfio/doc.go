// Package rdfio reads and writes RDF: N-Triples, N-Quads, Turtle, RDF/XML
// and JSON-LD. Readers stream quads to a callback and report syntax errors
// with file, line and column; writers produce output that re-parses to the
// same graph.
//
// Hostile input is bounded: RDF/XML entity expansion is counted against
// ParseOptions.MaxEntityBytes (rdfxml_entities_read.go), JSON-LD terms RDF
// cannot hold are errors naming the node, and the RDF/XML writer returns
// an *XMLCharError before writing anything when the data holds a
// character XML 1.0 cannot carry.
package rdfio
