package conformance

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/fn"
	"github.com/stadleuven/maturity/sparql/results"
)

// The comparison follows the SPARQL package's own W3C harness
// (sparql/conformance_compare_test.go), so that counts over the store and
// over eval.Memory mean the same thing.

// outcome of one evaluation test.
type outcome int

const (
	pass        outcome = iota
	passByValue         // equal once numbers are canonical and language tags lower case
	fail
	skip
)

func (o outcome) String() string {
	return [...]string{"pass", "pass by value", "fail", "skip"}[o]
}

// answer is what one execution produced.
type answer struct {
	table *results.Table // SELECT and ASK
	graph []rdf.Quad     // CONSTRUCT and DESCRIBE
}

// canonical maps a term to the form of the lenient second comparison:
// numeric literals in canonical lexical form (the expected files write
// computed numbers in several forms) and language tags in lower case.
func canonical(t rdf.Term) rdf.Term {
	if !t.IsLiteral() {
		return t
	}
	if t.Lang != "" {
		t.Lang = strings.ToLower(t.Lang)
		return t
	}
	if fn.IsNumericDatatype(t.Datatype) {
		if c, err := fn.Cast(t.Datatype, t); err == nil {
			return c
		}
	}
	return t
}

func identity(t rdf.Term) rdf.Term { return t }

// encodeRows turns solutions into a graph, one blank node per row, so that
// rdf.Isomorphic compares them as a multiset with one blank-node mapping
// for the whole result.
func encodeRows(vars []string, rows [][]rdf.Term, norm func(rdf.Term) rdf.Term) []rdf.Quad {
	var qs []rdf.Quad
	rowType := rdf.IRI("urn:x-harness:Row")
	for i, row := range rows {
		r := rdf.Blank("row" + strconv.Itoa(i))
		qs = append(qs, rdf.Triple(r, rdf.IRI(rdf.RDFType), rowType))
		for j, v := range row {
			if v.IsZero() {
				continue
			}
			if v.IsBlank() {
				v = rdf.Blank("v" + v.Value)
			}
			qs = append(qs, rdf.Triple(r, rdf.IRI("urn:x-harness:var:"+vars[j]), norm(v)))
		}
	}
	return qs
}

// sameRows compares solution multisets; when ordered it also checks that
// rows agree position by position on orderBy (all variables when empty).
func sameRows(exp, act *results.Table, ordered bool, orderBy []string, norm func(rdf.Term) rdf.Term) bool {
	if !rdf.Isomorphic(encodeRows(exp.Vars, exp.Rows, norm), encodeRows(act.Vars, act.Rows, norm)) {
		return false
	}
	if !ordered {
		return true
	}
	check := orderBy
	if len(check) == 0 {
		check = exp.Vars
	}
	for i := range exp.Rows {
		for _, v := range check {
			e, a := cell(exp, i, v), cell(act, i, v)
			if e.IsBlank() && a.IsBlank() {
				continue
			}
			if norm(e) != norm(a) {
				return false
			}
		}
	}
	return true
}

func cell(t *results.Table, row int, name string) rdf.Term {
	if i := slices.Index(t.Vars, name); i >= 0 && row < len(t.Rows) {
		return t.Rows[row][i]
	}
	return rdf.Term{}
}

// asCSV passes a table through the CSV writer and reader: a CSV
// expectation has lost its types, so the answer must lose them too.
func asCSV(t *results.Table) (*results.Table, error) {
	var b strings.Builder
	if err := t.Write(&b, results.CSV); err != nil {
		return nil, err
	}
	return results.Read(strings.NewReader(b.String()), results.CSV)
}

// diffRows describes how two tables differ, for failure reports.
func diffRows(exp, act *results.Table) string {
	render := func(t *results.Table) map[string]int {
		m := map[string]int{}
		for i := range t.Rows {
			var parts []string
			for j, v := range t.Vars {
				if c := t.Rows[i][j]; !c.IsZero() {
					parts = append(parts, "?"+v+"="+c.String())
				}
			}
			slices.Sort(parts)
			m[strings.Join(parts, " ")]++
		}
		return m
	}
	e, a := render(exp), render(act)
	var b strings.Builder
	fmt.Fprintf(&b, "expected %d rows, got %d", len(exp.Rows), len(act.Rows))
	n := 0
	for k, c := range e {
		if a[k] < c && n < 6 {
			fmt.Fprintf(&b, "\n  missing: %s", k)
			n++
		}
	}
	for k, c := range a {
		if e[k] < c && n < 12 {
			fmt.Fprintf(&b, "\n  extra:   %s", k)
			n++
		}
	}
	return b.String()
}

// judge compares an answer with the expectation.
func judge(exp *expected, act answer, q *sparql.Query) (outcome, string) {
	if exp.graph != nil || q.Form() == algebra.Construct || q.Form() == algebra.Describe {
		if rdf.Isomorphic(exp.graph, act.graph) {
			return pass, ""
		}
		if rdf.Isomorphic(canonicalQuads(exp.graph), canonicalQuads(act.graph)) {
			return passByValue, ""
		}
		return fail, fmt.Sprintf("graph differs: expected %d triples, got %d\nexpected:\n%s\ngot:\n%s",
			len(exp.graph), len(act.graph), nquads(exp.graph), nquads(act.graph))
	}
	tab := act.table
	if exp.table.Boolean != nil || tab.Boolean != nil {
		if exp.table.Boolean != nil && tab.Boolean != nil && *exp.table.Boolean == *tab.Boolean {
			return pass, ""
		}
		return fail, fmt.Sprintf("boolean: expected %v, got %v", boolString(exp.table.Boolean), boolString(tab.Boolean))
	}
	if exp.csv {
		conv, err := asCSV(tab)
		if err != nil {
			return fail, "write result as CSV: " + err.Error()
		}
		tab = conv
	}
	ordered, orderBy := orderOf(q.Algebra().Pattern)
	if sameRows(exp.table, tab, ordered, orderBy, identity) {
		return pass, ""
	}
	if sameRows(exp.table, tab, ordered, orderBy, canonical) {
		return passByValue, ""
	}
	return fail, diffRows(exp.table, tab)
}

// sameAnswer reports whether two executions of q answered alike: the same
// graph, boolean or solution multiset (in the same order on the ORDER BY
// keys), blank nodes relabelled.
func sameAnswer(a, b answer, q *sparql.Query) bool {
	if a.table == nil || b.table == nil {
		return a.table == nil && b.table == nil && rdf.Isomorphic(a.graph, b.graph)
	}
	if a.table.Boolean != nil || b.table.Boolean != nil {
		return a.table.Boolean != nil && b.table.Boolean != nil && *a.table.Boolean == *b.table.Boolean
	}
	ordered, orderBy := orderOf(q.Algebra().Pattern)
	return slices.Equal(a.table.Vars, b.table.Vars) && sameRows(a.table, b.table, ordered, orderBy, identity)
}

func boolString(b *bool) string {
	if b == nil {
		return "no boolean"
	}
	return fmt.Sprint(*b)
}

func canonicalQuads(qs []rdf.Quad) []rdf.Quad {
	out := make([]rdf.Quad, len(qs))
	for i, q := range qs {
		out[i] = rdf.Quad{S: q.S, P: q.P, O: canonical(q.O), G: q.G}
	}
	return out
}

// orderOf reports whether the query's solutions are ordered (a top-level
// ORDER BY) and by which variables; when a condition is an expression the
// variable list is nil and whole rows are compared in order.
func orderOf(p algebra.Pattern) (bool, []string) {
	for {
		switch n := p.(type) {
		case *algebra.Slice:
			p = n.Pattern
		case *algebra.Distinct:
			p = n.Pattern
		case *algebra.Reduced:
			p = n.Pattern
		case *algebra.Project:
			p = n.Pattern
		case *algebra.Extend:
			p = n.Pattern
		case *algebra.OrderBy:
			var vars []string
			for _, c := range n.Conditions {
				v, ok := c.Expr.(algebra.Var)
				if !ok {
					return true, nil
				}
				vars = append(vars, string(v))
			}
			return true, vars
		default:
			return false, nil
		}
	}
}
