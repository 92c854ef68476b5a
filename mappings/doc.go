// Package mappings turns CSV into RDF with RML mapping documents
// (http://w3id.org/rml/ core, and the legacy rr:/rml: vocabulary), the
// mapping language of Flemish linked-data work, so that a city adapts a
// mapping to its own survey tool without changing code.
//
// A Mapping is parsed once from Turtle and run against sources that the
// caller opens, writing quads to a sink; it never touches a store.
package mappings
