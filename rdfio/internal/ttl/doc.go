// Package ttl reads and writes the Turtle family: N-Triples, N-Quads and
// Turtle, whose grammars share their terminals (IRIs, strings, blank node
// labels, language tags). rdfio's Parse, NewWriter and NewGroupWriter call
// it; nothing else should.
//
// The N-Triples reader is line-oriented and works on bufio's bytes,
// copying only the final strings and interning predicates, datatypes and
// graph names, so a triple costs at most two allocations. The Turtle
// reader is a recursive-descent parser over a lexer that keeps a window of
// the input, so memory is bounded by the longest token, not the document;
// nesting deeper than 512 levels is a syntax error. Both emit each triple
// as soon as it is complete.
//
// The N-Triples and N-Quads writers stream. The Turtle writer keeps the
// graph until Close: it sorts it, declares the prefixes it used, nests
// blank nodes used once, writes lists as collections and numbers and
// booleans bare, and writes IRIs relative to the base only where they
// resolve back to the same IRI. Its streaming twin writes one statement per
// subject.
//
// # Files
//
//	lex_chars.go           hex digits, \u and \U escapes, ECHAR (all three grammars)
//	lex_turtle.go          Turtle tokens; the lexer and its input window
//	lex_turtle_terms.go    IRIREF, strings, numbers, prefixed names
//	turtle_read.go         ParseTurtle: statements, directives, [] and ( )
//	ntriples_read.go       ParseNTriples, ParseNQuads: lines and statements
//	ntriples_terms_read.go their terms, with fast paths for plain IRIs and strings
//	nt_write.go            the N-Triples and N-Quads writers
//	turtle_write.go        the Turtle writer: layout, prefixes, literals
//	turtle_local_write.go  which IRIs can be written as prefixed names, and how
//	base_write.go          which IRIs can be written relative to the base
//	turtle_group_write.go  NewTurtleGroupWriter: streamed Turtle
package ttl
