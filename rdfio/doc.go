// Package rdfio reads and writes RDF: N-Triples, N-Quads, Turtle, RDF/XML
// and JSON-LD. Readers stream quads to a callback and report syntax errors
// with file, line and column; writers produce output that re-parses to the
// same graph.
package rdfio
