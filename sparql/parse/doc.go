// Package parse turns SPARQL 1.1 query text into the algebra of package
// sparql/algebra: a lexer, a recursive-descent parser for the full SPARQL 1.1
// Query grammar (https://www.w3.org/TR/sparql11-query/#grammar) and the
// translation to algebra of §18.2, including the checks the grammar cannot
// express (variable scope of BIND and SELECT expressions, grouping and
// aggregate rules, VALUES row widths, blank node label scope).
//
// Errors are *Error values that carry the line and column (1-based, in
// characters) of the offending token.
//
// Parsing and translation are one pass: each grammar function returns
// algebra, and the lexer produces tokens only as the parser asks for them,
// a few ahead, so a query that breaks a limit (nesting depth, number of
// patterns, path length; Options.Limits) is refused at the offending token
// before the rest is read. Error messages come in English and Dutch
// (Error.Localized), with a hint for common mistakes.
//
// # Files
//
//	parser.go       Parse, ParseWith, Options; the parser, its look-ahead, token
//	                tests, limits, IRIs and the prologue (BASE, PREFIX)
//	lex.go          tokens and the lexer
//	lex_names.go    IRIs, variables, blank node labels, keywords, prefixed names
//	lex_literal.go  strings, numbers, language tags, \u escapes
//	chars.go        the grammar's character classes
//	error.go        Error: position, snippet, Dutch and English messages
//	hints.go        "did you mean" for built-in names, well-known prefixes
//	query.go        SELECT, CONSTRUCT, DESCRIBE and ASK; dataset clauses, subqueries
//	select.go       the SELECT clause, GROUP BY and ORDER BY conditions
//	modifiers.go    solution modifiers and their translation (§18.2.4-§18.2.5):
//	                grouping, HAVING, SELECT expressions, ORDER BY, slices
//	group.go        group graph patterns (§18.2.2.6): OPTIONAL, MINUS, GRAPH,
//	                SERVICE, FILTER, BIND, VALUES, UNION; variable scope
//	triples.go      triple patterns, blank node property lists, collections,
//	                CONSTRUCT templates, literals; paths to triples (§18.2.2.4)
//	path.go         property path expressions
//	expr.go         expressions and function calls
//	builtin.go      the built-in functions' names and arities, aggregate names
package parse
