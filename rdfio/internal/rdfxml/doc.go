// Package rdfxml reads and writes RDF/XML (RDF 1.1 XML Syntax). rdfio's
// Parse, NewWriter and NewGroupWriter call it; nothing else should.
//
// The reader implements the grammar of §7 on encoding/xml's tokens, and
// resolves IRIs with rdf.ResolveIRI. It replaced knakk/rdf's decoder, which
// passes most of the W3C suite but resolves relative IRIs with its own
// string rules and reads "urn:x" or "mailto:x" as prefixed names. It feeds
// the decoder byte by byte so that it can count DTD entity expansion
// against a budget (entities_read.go) and tell a failing reader from
// malformed XML.
//
// The writer keeps the graph until Close and writes one node element per
// subject, typed where rdf:type makes an XML name, with blank nodes used
// once nested. A term holding a character XML 1.0 cannot carry makes it
// fail with *XMLCharError before anything is written, so that a server can
// answer in another format. Its streaming twin writes one node element per
// subject, blank nodes by rdf:nodeID.
//
// # Files
//
//	read.go          Parse; the byte feed, xml:base and xml:lang, the root element
//	nodes_read.go    node and property elements, rdf:parseType Resource and Collection
//	attrs_read.go    attributes: syntax ones, property attributes, rdf:ID, rdf:nodeID
//	literal_read.go  rdf:parseType="Literal" as exclusive canonical XML
//	entities_read.go DTD entities and the expansion budget (DefaultMaxEntityBytes)
//	write.go         the buffering writer: node and property elements, namespaces
//	names_write.go   element names from IRIs, reserved names, XML escaping, XMLCharError
//	group_write.go   NewGroupWriter: streamed RDF/XML
package rdfxml
