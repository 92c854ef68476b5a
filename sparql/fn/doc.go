// Package fn is the term-level semantics of SPARQL 1.1 expressions: the
// effective boolean value, the comparison and arithmetic operators with
// XPath type promotion, every built-in function, the XSD casts and the
// aggregate accumulators.
//
// It works on rdf.Term values only and knows nothing about solutions,
// patterns or storage; the evaluator calls it once variables are bound.
// Errors are ordinary Go errors that wrap the sentinels in errors.go, so the
// evaluator can treat every one as a SPARQL expression error.
//
// Numbers follow XPath: xsd:integer arithmetic is exact (math/big, it never
// wraps), xsd:decimal arithmetic is exact except for non-terminating
// quotients, which are rounded to DecimalDigits fractional digits;
// xsd:float is computed in float64 and rounded to float32.
package fn
