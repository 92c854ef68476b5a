// Package rml holds the RML mapping documents the tool ships: the
// self-assessment sheet (zelfevaluatie.ttl), the staff survey export
// (bevraging.ttl) and an organisation list (organisaties.ttl). They are
// data, run by package assess. The survey mapping is the one meant to be
// adapted: a city whose survey tool exports other columns adapts a copy and
// passes it with `maturity survey import --mapping FILE`; the other two map
// the tool's own CSV layouts and are always used as shipped.
package rml
