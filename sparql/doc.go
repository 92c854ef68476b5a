// Package sparql is the SPARQL 1.1 query engine's front door: it parses a
// query once (Parse) and evaluates it over any eval.Dataset (Exec),
// streaming the solutions. The work is done by sparql/parse (text to
// algebra), sparql/eval (planning and evaluation) and sparql/fn (the
// semantics of terms and functions).
//
// One Limits value (package sparql/budget) bounds a query on its way
// through: pass it to Parse (nesting, patterns, path steps) and, in
// ExecOptions, to Exec (computed strings, operator memory, SERVICE
// answers). A query that meets a limit fails with an error naming it; the
// zero Limits holds the documented defaults.
package sparql
