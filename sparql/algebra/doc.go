// Package algebra defines the SPARQL 1.1 algebra that the parser produces and
// the optimiser and evaluator consume: graph patterns, property path
// expressions, expressions and the Query that ties them to a query form
// (SPARQL 1.1 Query Language §18, https://www.w3.org/TR/sparql11-query/#sparqlAlgebra).
//
// The types are plain data: a parsed query is a tree of Pattern values whose
// leaves are BGP, Path and Table. Every type prints an SSE-like form
// (https://jena.apache.org/documentation/notes/sse.html) with String, so
// tests can compare whole trees as text.
//
// Variables are named without the leading '?'. Variables the user cannot
// write (blank nodes in patterns, fresh variables of the translation) are
// hidden: see Var.Hidden.
package algebra
