// Package rdf is the RDF 1.1 term and quad model shared by every other
// package: the store encodes these terms, the parsers produce them, the
// SPARQL engine and the serializers consume them.
//
// A Term is a small comparable value, so it can be a map key and compared
// with ==. Its String method prints the N-Triples form. The zero Term means
// "no term": in Quad.G it is the default graph.
package rdf
