package sparql_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/fn"
	"github.com/stadleuven/maturity/sparql/results"
)

// expected is what a test's mf:result holds: a solution table (from
// .srx, .srj, .tsv, .csv or an rs:ResultSet graph) or a graph.
type expected struct {
	table   *results.Table
	graph   []rdf.Quad
	ordered bool // an RDF result set with rs:index
	csv     bool
}

func readExpected(iri string) (*expected, error) {
	path, ok := localPath(iri)
	if !ok {
		return nil, fmt.Errorf("result %s is not a file", iri)
	}
	ext := strings.ToLower(filepath.Ext(path))
	if f, err := results.ParseFormat(ext); err == nil {
		in, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer in.Close()
		t, err := results.Read(in, f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return &expected{table: t, csv: f == results.CSV}, nil
	}
	qs, err := readRDF(path, rdf.Term{}, "e")
	if err != nil {
		return nil, err
	}
	if t, ordered, ok := resultSetGraph(qs); ok {
		return &expected{table: t, ordered: ordered}, nil
	}
	return &expected{graph: qs}, nil
}

// resultSetGraph decodes the rs: vocabulary (the DAWG result sets in RDF).
func resultSetGraph(qs []rdf.Quad) (*results.Table, bool, bool) {
	g := graph{}
	var set rdf.Term
	for _, q := range qs {
		if g[q.S] == nil {
			g[q.S] = map[string][]rdf.Term{}
		}
		g[q.S][q.P.Value] = append(g[q.S][q.P.Value], q.O)
		if q.P.Value == rdf.RDFType && q.O.Value == rsNS+"ResultSet" {
			set = q.S
		}
	}
	if set.IsZero() {
		return nil, false, false
	}
	t := &results.Table{}
	if b := g.one(set, rsNS+"boolean"); !b.IsZero() {
		v := b.Value == "true"
		t.Boolean = &v
		return t, false, true
	}
	for _, v := range g[set][rsNS+"resultVariable"] {
		t.Vars = append(t.Vars, v.Value)
	}
	type indexed struct {
		i   int
		row []rdf.Term
	}
	var rows []indexed
	ordered := false
	for _, s := range g[set][rsNS+"solution"] {
		row := make([]rdf.Term, len(t.Vars))
		for _, b := range g[s][rsNS+"binding"] {
			name := g.one(b, rsNS+"variable").Value
			i := slices.Index(t.Vars, name)
			if i < 0 {
				t.Vars = append(t.Vars, name)
				i = len(t.Vars) - 1
				for j := range rows {
					rows[j].row = append(rows[j].row, rdf.Term{})
				}
				row = append(row, rdf.Term{})
			}
			for len(row) < len(t.Vars) {
				row = append(row, rdf.Term{})
			}
			row[i] = g.one(b, rsNS+"value")
		}
		idx := -1
		if v := g.one(s, rsNS+"index"); !v.IsZero() {
			idx, _ = strconv.Atoi(v.Value)
			ordered = true
		}
		rows = append(rows, indexed{idx, row})
	}
	slices.SortStableFunc(rows, func(a, b indexed) int { return a.i - b.i })
	for _, r := range rows {
		for len(r.row) < len(t.Vars) {
			r.row = append(r.row, rdf.Term{})
		}
		t.Rows = append(t.Rows, r.row)
	}
	return t, ordered, true
}

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
