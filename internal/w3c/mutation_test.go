package w3c

import (
	"context"
	"slices"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/results"
)

// mutation breaks a passing answer in one way; ok is false when the
// answer has nothing to break that way (no rows, no typed literal).
type mutation struct {
	name  string
	apply func(a Answer, exp *Expected) (Answer, bool)
}

var mutations = []mutation{
	{"an extra variable, projected and never bound", func(a Answer, _ *Expected) (Answer, bool) {
		if a.Table == nil || a.Table.Boolean != nil {
			return a, false
		}
		t := &results.Table{Vars: append(slices.Clone(a.Table.Vars), "mutantExtra")}
		for _, r := range a.Table.Rows {
			t.Rows = append(t.Rows, append(slices.Clone(r), rdf.Term{}))
		}
		return Answer{Table: t}, true
	}},
	{"a missing row (or triple)", func(a Answer, _ *Expected) (Answer, bool) {
		switch {
		case a.Table == nil && len(a.Graph) > 0:
			return Answer{Graph: a.Graph[:len(a.Graph)-1]}, true
		case a.Table != nil && len(a.Table.Rows) > 0:
			return Answer{Table: &results.Table{Vars: a.Table.Vars, Rows: a.Table.Rows[:len(a.Table.Rows)-1]}}, true
		}
		return a, false
	}},
	{"a changed literal datatype", func(a Answer, exp *Expected) (Answer, bool) {
		if exp.CSV {
			return a, false // a CSV expectation has no datatypes to hold an answer to
		}
		if a.Table == nil {
			g := slices.Clone(a.Graph)
			for i := range g {
				if o, ok := retype(g[i].O); ok {
					g[i].O = o
					return Answer{Graph: g}, true
				}
			}
			return a, false
		}
		t := &results.Table{Vars: a.Table.Vars}
		done := false
		for _, r := range a.Table.Rows {
			r = slices.Clone(r)
			for j := range r {
				if o, ok := retype(r[j]); ok && !done {
					r[j], done = o, true
				}
			}
			t.Rows = append(t.Rows, r)
		}
		return Answer{Table: t}, done
	}},
	{"a flipped boolean", func(a Answer, _ *Expected) (Answer, bool) {
		if a.Table == nil || a.Table.Boolean == nil {
			return a, false
		}
		b := !*a.Table.Boolean
		return Answer{Table: &results.Table{Vars: a.Table.Vars, Boolean: &b}}, true
	}},
}

// retype changes the datatype of a typed literal: an xsd:integer becomes
// an xsd:decimal of the same digits (the subtle case: a by-value
// comparison must not see them as equal either), any other datatype but
// xsd:string becomes xsd:string.
func retype(t rdf.Term) (rdf.Term, bool) {
	if !t.IsLiteral() || t.Lang != "" || t.Datatype == "" || t.Datatype == rdf.XSDString {
		return t, false
	}
	if t.Datatype == rdf.XSDInteger {
		return rdf.TypedLiteral(t.Value, rdf.XSDDecimal), true
	}
	return rdf.TypedLiteral(t.Value, rdf.XSDString), true
}

// Ensure the harness fails what it must: every evaluation test of both
// SPARQL suites that passes is run again with its answer broken in each of
// the ways above, and every broken answer must be judged a failure. And
// sparql10's sort-not-projected, written for exactly this, must fail with
// its rows reversed, although the ORDER BY key is not in the answer.
func TestHarnessCatchesMutations(t *testing.T) {
	ctx := context.Background()
	root := testtool.Testdata(t)
	tried := make([]int, len(mutations))
	caught := make([]int, len(mutations))
	reversed := false
	for _, s := range QuerySuites() {
		tests, err := s.Read(root)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range tests {
			if !tc.IsEvaluation() {
				continue
			}
			if _, skip := SkipReason(tc.Key()); skip {
				continue
			}
			ans, exp, q := answer(t, ctx, tc)
			if o, detail := JudgeTest(tc, exp, ans, nil, q); o == Fail {
				t.Fatalf("%s fails unbroken: %s", tc.Key(), FirstLine(detail))
			}
			for i, m := range mutations {
				bad, ok := m.apply(ans, exp)
				if !ok {
					continue
				}
				tried[i]++
				if o, _ := JudgeTest(tc, exp, bad, nil, q); o == Fail {
					caught[i]++
				} else {
					t.Errorf("%s: %s was judged %v", tc.Key(), m.name, o)
				}
			}
			if tc.Key() == "sparql10/sort/sort-not-projected" {
				reversed = true
				rows := slices.Clone(ans.Table.Rows)
				slices.Reverse(rows)
				o, _ := JudgeTest(tc, exp, Answer{Table: &results.Table{Vars: ans.Table.Vars, Rows: rows}}, nil, q)
				testtool.Figure(t, "harness mutation sort-not-projected with its %d rows reversed: judged %v", len(rows), o)
				if o != Fail {
					t.Errorf("sort-not-projected with its rows reversed was judged %v", o)
				}
			}
		}
	}
	if !reversed {
		t.Error("sparql10/sort/sort-not-projected not found")
	}
	for i, m := range mutations {
		testtool.Figure(t, "harness mutation %s: %d of %d broken answers judged failed", m.name, caught[i], tried[i])
		if tried[i] < 10 {
			t.Errorf("%s: tried on only %d answers", m.name, tried[i])
		}
	}
}

// answer runs one test in memory and returns its answer, expectation and
// parsed query.
func answer(t *testing.T, ctx context.Context, tc QueryTest) (Answer, *Expected, *sparql.Query) {
	t.Helper()
	_, q, exp, err := Prepare(tc)
	if err != nil {
		t.Fatalf("%s: %v", tc.Key(), err)
	}
	files, err := DataFiles(tc, q.Algebra())
	if err != nil {
		t.Fatalf("%s: %v", tc.Key(), err)
	}
	quads, err := LoadQuads(files)
	if err != nil {
		t.Fatalf("%s: %v", tc.Key(), err)
	}
	ans, err := Execute(ctx, dataset.NewMemory(quads), q, sparql.OwnDefaultGraph)
	if err != nil {
		t.Fatalf("%s: %v", tc.Key(), err)
	}
	return ans, exp, q
}
