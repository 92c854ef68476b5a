package w3c

import (
	"fmt"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/results"
)

// Outcome of one test.
type Outcome int

const (
	Pass Outcome = iota
	// PassByValue: equal only once numbers are canonical and language
	// tags lower case. It counts as a pass, but apart, so that it stays
	// visible.
	PassByValue
	Fail
	Skip
)

func (o Outcome) String() string {
	return [...]string{"pass", "pass by value", "fail", "skip"}[o]
}

// Answer is what one execution of a query produced.
type Answer struct {
	Table *results.Table // SELECT and ASK
	Graph []rdf.Quad     // CONSTRUCT and DESCRIBE
}

// JudgeTest judges the answer to test tc as Judge does, and then applies
// the by-value list (byvalue.go): only a listed test may pass by value,
// and a listed test must not pass strictly. Every harness judges through
// it.
func JudgeTest(tc QueryTest, exp *Expected, ans Answer, err error, q *sparql.Query) (Outcome, string) {
	o, detail := Judge(exp, ans, err, q)
	return admit(tc.Key(), o, detail)
}

// Judge compares the answer of q, or the error its execution gave, with
// the expectation: first strictly (the projected variables, terms exactly,
// blank nodes up to renaming, rows in order on the ORDER BY keys), then by
// value. The detail describes a failure, or for a pass by value how the
// answers differ. It knows no test by name; JudgeTest does.
func Judge(exp *Expected, ans Answer, err error, q *sparql.Query) (Outcome, string) {
	if err != nil {
		return Fail, "exec: " + err.Error()
	}
	if exp.Graph != nil || q.Form() == algebra.Construct || q.Form() == algebra.Describe {
		if rdf.Isomorphic(exp.Graph, ans.Graph) {
			return Pass, ""
		}
		if rdf.Isomorphic(canonicalQuads(exp.Graph), canonicalQuads(ans.Graph)) {
			return PassByValue, fmt.Sprintf("expected:\n%s\ngot:\n%s", NQuads(exp.Graph), NQuads(ans.Graph))
		}
		return Fail, fmt.Sprintf("graph differs: expected %d triples, got %d\nexpected:\n%s\ngot:\n%s",
			len(exp.Graph), len(ans.Graph), NQuads(exp.Graph), NQuads(ans.Graph))
	}
	tab := ans.Table
	if tab == nil {
		tab = &results.Table{}
	}
	if exp.Table.Boolean != nil || tab.Boolean != nil {
		if exp.Table.Boolean != nil && tab.Boolean != nil && *exp.Table.Boolean == *tab.Boolean {
			return Pass, ""
		}
		return Fail, fmt.Sprintf("boolean: expected %v, got %v", boolString(exp.Table.Boolean), boolString(tab.Boolean))
	}
	if !sameVars(exp.Table.Vars, tab.Vars) {
		return Fail, fmt.Sprintf("projected variables: expected %v, got %v", exp.Table.Vars, tab.Vars)
	}
	if exp.CSV {
		conv, err := asCSV(tab)
		if err != nil {
			return Fail, "write result as CSV: " + err.Error()
		}
		tab = conv
	}
	ordered, orderBy := orderOf(q.Algebra().Pattern)
	if sameRows(exp.Table, tab, ordered, orderBy, identity) {
		return Pass, ""
	}
	if sameRows(exp.Table, tab, ordered, orderBy, canonical) {
		return PassByValue, diffRows(exp.Table, tab)
	}
	detail := diffRows(exp.Table, tab)
	if ordered {
		detail += fmt.Sprintf("\n(order checked on %v)", orderBy)
	}
	return Fail, detail
}

// SameAnswer reports whether two executions of q answered alike, strictly:
// the same graph, the same boolean, or the same projected variables and
// solution multiset (in the same order on the ORDER BY keys), blank nodes
// relabelled.
func SameAnswer(a, b Answer, q *sparql.Query) bool {
	if a.Table == nil || b.Table == nil {
		return a.Table == nil && b.Table == nil && rdf.Isomorphic(a.Graph, b.Graph)
	}
	if a.Table.Boolean != nil || b.Table.Boolean != nil {
		return a.Table.Boolean != nil && b.Table.Boolean != nil && *a.Table.Boolean == *b.Table.Boolean
	}
	ordered, orderBy := orderOf(q.Algebra().Pattern)
	return sameVars(a.Table.Vars, b.Table.Vars) && sameRows(a.Table, b.Table, ordered, orderBy, identity)
}
