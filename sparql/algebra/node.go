package algebra

import (
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// Var is a query variable, named without the leading '?' or '$'.
//
// The translation introduces variables no user can write, so they never
// clash with the query's own (§18.2: "fresh variables"):
//   - "_:label" for a blank node in a graph pattern, which acts as a
//     variable that is never projected (§4.1.4);
//   - ".name" for other fresh variables: anonymous blank nodes, property
//     path steps, aggregates and GROUP BY expressions.
//
// Neither ':' nor '.' can occur in a SPARQL VARNAME.
type Var string

// Hidden reports whether v was introduced by the translation rather than
// written by the user; SELECT * and DESCRIBE * leave hidden variables out.
func (v Var) Hidden() bool {
	return strings.HasPrefix(string(v), ".") || strings.HasPrefix(string(v), "_:")
}

// String returns "?name".
func (v Var) String() string { return "?" + string(v) }

// Node is a position in a triple pattern: a variable or an RDF term.
// Exactly one of Var and Term is set. A blank node Term only occurs in
// CONSTRUCT templates, where it stands for a fresh blank node per solution.
type Node struct {
	Var  Var
	Term rdf.Term
}

// VarNode returns a Node holding a variable.
func VarNode(v Var) Node { return Node{Var: v} }

// TermNode returns a Node holding an RDF term.
func TermNode(t rdf.Term) Node { return Node{Term: t} }

// IsVar reports whether n is a variable.
func (n Node) IsVar() bool { return n.Var != "" }

// String prints the variable as ?name and the term in the compact form used
// throughout the printer (see FormatTerm).
func (n Node) String() string {
	if n.IsVar() {
		return n.Var.String()
	}
	return FormatTerm(n.Term)
}
