package w3c

import (
	"slices"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/fn"
	"github.com/stadleuven/maturity/sparql/results"
)

// canonical maps a term to the form of the lenient second comparison:
// numeric literals in canonical lexical form (the expected files write
// computed numbers in several forms, "13.0" and "13" for one decimal) and
// language tags in lower case (RDF 1.1 Concepts §3.3).
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

func canonicalQuads(qs []rdf.Quad) []rdf.Quad {
	out := make([]rdf.Quad, len(qs))
	for i, q := range qs {
		out[i] = rdf.Quad{S: q.S, P: q.P, O: canonical(q.O), G: q.G}
	}
	return out
}

// encodeRows turns solutions into a graph, one blank node per row, so that
// rdf.Isomorphic compares them as a multiset with one blank-node mapping
// for the whole result: a blank node bound in two rows must map to one
// blank node on the other side too.
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

// sameVars reports whether two tables project the same variables, in any
// order: a variable that is projected but never bound is still part of the
// answer (its column is there, empty).
func sameVars(exp, act []string) bool {
	a, b := slices.Clone(exp), slices.Clone(act)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// sameRows compares solution multisets; when ordered it also checks that
// rows agree position by position on orderBy. Ties under ORDER BY may come
// in any order, so only those variables count when they are all projected.
// When the order is by an expression (orderBy empty) or by a variable the
// answer does not show, nothing narrower can be checked: whole rows must
// come in the expected order.
func sameRows(exp, act *results.Table, ordered bool, orderBy []string, norm func(rdf.Term) rdf.Term) bool {
	if !rdf.Isomorphic(encodeRows(exp.Vars, exp.Rows, norm), encodeRows(act.Vars, act.Rows, norm)) {
		return false
	}
	if !ordered {
		return true
	}
	check := orderBy
	if len(check) == 0 || !allIn(check, exp.Vars) {
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

// allIn reports whether every name of vars is in of.
func allIn(vars, of []string) bool {
	for _, v := range vars {
		if !slices.Contains(of, v) {
			return false
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
