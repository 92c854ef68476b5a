package algebra

import "github.com/stadleuven/maturity/rdf"

// Form is the query form (§16).
type Form int

// The four query forms.
const (
	Select Form = iota
	Construct
	Ask
	Describe
)

// String returns the SPARQL keyword of f.
func (f Form) String() string {
	switch f {
	case Select:
		return "SELECT"
	case Construct:
		return "CONSTRUCT"
	case Ask:
		return "ASK"
	case Describe:
		return "DESCRIBE"
	}
	return "Form(?)"
}

// Query is a translated query: its form, the algebra of its WHERE clause
// with all solution modifiers applied, and what the form needs to build
// the result.
type Query struct {
	Form Form
	// Pattern is the complete algebra: for SELECT it ends in Project (then
	// Distinct/Reduced, Slice); for the other forms ORDER BY and
	// OFFSET/LIMIT are applied without projection.
	Pattern Pattern
	// Vars are the result variables of a SELECT, in order; for SELECT *
	// the visible in-scope variables in order of first appearance.
	Vars []Var
	// Template is the CONSTRUCT template. Blank node terms in it are
	// instantiated afresh for each solution (§16.2.1).
	Template []TriplePattern
	// Describe holds the resources of DESCRIBE (IRIs and variables); for
	// DESCRIBE * the visible in-scope variables.
	Describe []Node
	// From and FromNamed are the dataset clause IRIs (§13.2).
	From      []rdf.Term
	FromNamed []rdf.Term
	// Base is the base IRI in force at the end of the prologue ("" when
	// none); IRI() needs it at evaluation time.
	Base string
	// Prefixes are the prologue's PREFIX declarations, prefix → IRI.
	Prefixes map[string]string
}
