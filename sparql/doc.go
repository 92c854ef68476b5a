// Package sparql is the SPARQL 1.1 query engine's front door: it parses a
// query once (Parse) and evaluates it over any eval.Dataset (Exec),
// streaming the solutions. The work is done by sparql/parse (text to
// algebra), sparql/eval (planning and evaluation) and sparql/fn (the
// semantics of terms and functions).
package sparql
