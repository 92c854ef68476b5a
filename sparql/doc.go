// Package sparql is the SPARQL 1.1 query engine's front door: it parses a
// query once (Parse) and evaluates it over any Dataset (Exec), streaming
// the solutions. The work is done by sparql/parse (text to algebra),
// sparql/eval (planning and evaluation), sparql/fn (the semantics of terms
// and functions) and sparql/service (federated SERVICE calls); answers are
// written by sparql/results.
//
// A client of the engine needs this package and, to write answers,
// sparql/results, nothing else: the names it handles (Dataset, Decoder,
// Form, SyntaxError, LimitError, ServiceRefused, NewServiceClient) are
// declared here, as aliases where the type lives in a sub-package.
//
// One Limits value (package sparql/budget) bounds a query on its way
// through: pass it to Parse (nesting, patterns, path steps) and, in
// ExecOptions, to Exec (computed strings, operator memory, SERVICE
// answers). A query that meets a limit fails with a *LimitError naming
// it; the zero Limits holds the documented defaults.
//
//	sparql.go  Parse, Exec, ExplainPlan, Query, Result and the facade's names
package sparql
