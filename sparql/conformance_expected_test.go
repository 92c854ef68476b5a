package sparql_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
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
