package w3c

import (
	"slices"
	"strconv"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/results"
)

// ResultSetGraph decodes the rs: vocabulary, the DAWG result sets written
// as RDF, with rows in rs:index order when the file gives one. It reports
// false for a graph without an rs:ResultSet, which is then a CONSTRUCT
// result. The row order only counts when the query has an ORDER BY (see
// Judge): rs:index alone does not make it count.
func ResultSetGraph(qs []rdf.Quad) (*results.Table, bool) {
	g := newProps(qs)
	var set rdf.Term
	for _, q := range qs {
		if q.P.Value == rdf.RDFType && q.O.Value == RS+"ResultSet" {
			set = q.S
		}
	}
	if set.IsZero() {
		return nil, false
	}
	t := &results.Table{}
	if b := g.one(set, RS+"boolean"); !b.IsZero() {
		v := b.Value == "true"
		t.Boolean = &v
		return t, true
	}
	for _, v := range g[set][RS+"resultVariable"] {
		t.Vars = append(t.Vars, v.Value)
	}
	type indexed struct {
		i   int
		row map[string]rdf.Term
	}
	var rows []indexed
	for _, s := range g[set][RS+"solution"] {
		row := map[string]rdf.Term{}
		for _, b := range g[s][RS+"binding"] {
			// Some result sets bind variables they do not declare.
			name := g.one(b, RS+"variable").Value
			if !slices.Contains(t.Vars, name) {
				t.Vars = append(t.Vars, name)
			}
			row[name] = g.one(b, RS+"value")
		}
		idx := -1
		if v := g.one(s, RS+"index"); !v.IsZero() {
			idx, _ = strconv.Atoi(v.Value)
		}
		rows = append(rows, indexed{idx, row})
	}
	slices.SortStableFunc(rows, func(a, b indexed) int { return a.i - b.i })
	for _, r := range rows {
		row := make([]rdf.Term, len(t.Vars))
		for i, v := range t.Vars {
			row[i] = r.row[v]
		}
		t.Rows = append(t.Rows, row)
	}
	return t, true
}
