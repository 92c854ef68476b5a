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
// wraps; small integers take an allocation-free path), xsd:decimal
// arithmetic is exact except for non-terminating quotients, which keep
// DecimalDigits fractional digits; xsd:float is computed in float64 and
// rounded to float32. "1" (a string) is never the integer 1.
//
// Beyond SPARQL 1.1, the XPath operators on date/times and durations are
// supported, since assessments are compared over time: dateTime - dateTime
// gives an xsd:dayTimeDuration, durations add to date/times, and
// dayTimeDuration and yearMonthDuration values compare and scale.
//
// Computed literals are in canonical form: integers and decimals without
// superfluous zeros ("3", "2.5"), doubles and floats with an exponent
// ("2.5E0"), booleans as true/false.
package fn
