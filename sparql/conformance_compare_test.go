package sparql_test

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/fn"
	"github.com/stadleuven/maturity/sparql/results"
)

// canonical maps a term to the form used for the lenient second
// comparison: numeric literals in canonical lexical form (the expected
// files write computed numbers in several forms, "13.0" and "13" for the
// same decimal) and language tags in lower case (RDF 1.1 §3.3).
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

// sameRows compares solution multisets; with orderBy set it also checks
// that rows agree position by position on those variables (all variables
// when orderBy is empty and ordered is true).
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

// asCSV passes a table through the CSV writer and reader, which is how a
// CSV expectation must be compared: types are gone on both sides.
func asCSV(t *results.Table) (*results.Table, error) {
	var b strings.Builder
	if err := t.Write(&b, results.CSV); err != nil {
		return nil, err
	}
	return results.Read(strings.NewReader(b.String()), results.CSV)
}

// diffRows describes how two tables differ, for the failure report.
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

// compareResult judges one evaluation result against the expectation.
func compareResult(exp *expected, act *results.Table, graph []rdf.Quad, q *sparql.Query, text string) (outcome, string) {
	context := fmt.Sprintf("\n%s\nalgebra: %s", text, q)
	if exp.graph != nil || q.Form() == algebra.Construct || q.Form() == algebra.Describe {
		if rdf.Isomorphic(exp.graph, graph) {
			return pass, ""
		}
		if rdf.Isomorphic(canonicalQuads(exp.graph), canonicalQuads(graph)) {
			return passByValue, fmt.Sprintf("expected:\n%s\ngot:\n%s", quadsString(exp.graph), quadsString(graph))
		}
		return fail, fmt.Sprintf("graph differs: expected %d triples, got %d\nexpected:\n%s\ngot:\n%s%s",
			len(exp.graph), len(graph), quadsString(exp.graph), quadsString(graph), context)
	}
	if exp.table.Boolean != nil || act.Boolean != nil {
		if exp.table.Boolean != nil && act.Boolean != nil && *exp.table.Boolean == *act.Boolean {
			return pass, ""
		}
		return fail, fmt.Sprintf("boolean: expected %v, got %v%s", ptr(exp.table.Boolean), ptr(act.Boolean), context)
	}
	if exp.csv {
		conv, err := asCSV(act)
		if err != nil {
			return fail, "write result as CSV: " + err.Error()
		}
		act = conv
	}
	ordered, orderBy := orderOf(q.Algebra().Pattern)
	if sameRows(exp.table, act, ordered, orderBy, identity) {
		return pass, ""
	}
	if sameRows(exp.table, act, ordered, orderBy, canonical) {
		return passByValue, diffRows(exp.table, act)
	}
	return fail, diffRows(exp.table, act) + orderNote(ordered, orderBy) + context
}

func orderNote(ordered bool, by []string) string {
	if !ordered {
		return ""
	}
	return fmt.Sprintf("\n(order checked on %v)", by)
}

func ptr(b *bool) string {
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

func quadsString(qs []rdf.Quad) string {
	lines := make([]string, len(qs))
	for i, q := range qs {
		lines[i] = "  " + q.String()
	}
	sort.Strings(lines)
	if len(lines) > 30 {
		lines = append(lines[:30], "  …")
	}
	return strings.Join(lines, "\n")
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
