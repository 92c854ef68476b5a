// Package parse turns SPARQL 1.1 query text into the algebra of package
// sparql/algebra: a lexer, a recursive-descent parser for the full SPARQL 1.1
// Query grammar (https://www.w3.org/TR/sparql11-query/#grammar) and the
// translation to algebra of §18.2, including the checks the grammar cannot
// express (variable scope of BIND and SELECT expressions, grouping and
// aggregate rules, VALUES row widths, blank node label scope).
//
// Errors are *Error values that carry the line and column (1-based, in
// characters) of the offending token.
package parse
