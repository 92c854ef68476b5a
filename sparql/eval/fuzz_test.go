package eval_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/budget"
	"github.com/stadleuven/maturity/sparql/eval"
	"github.com/stadleuven/maturity/sparql/fn"
	"github.com/stadleuven/maturity/sparql/parse"
)

// FuzzExec runs every query the parser accepts over a small dataset under
// tight limits: the evaluator must never panic or hang, whatever the
// algebra, and when it stops at a limit it must say which, with a
// *budget.Error. A SELECT or ASK whose answer does not depend on the order
// of solutions must also give the same answer when every group is ordered
// by the near-linear planner that large groups use.
func FuzzExec(f *testing.F) {
	for _, q := range []string{
		`SELECT * WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?z } FILTER(?z != 1) }`,
		`SELECT ?c (COUNT(*) AS ?n) WHERE { ?c :region ?r } GROUP BY ?c HAVING (COUNT(*) > 0) ORDER BY DESC(?n) LIMIT 2`,
		`SELECT * WHERE { ?a :next+/^:next? ?b MINUS { ?b :label ?l } }`,
		`SELECT * WHERE { GRAPH ?g { ?s ?p ?o } VALUES ?g { :g2024 UNDEF } }`,
		`SELECT * WHERE { { SELECT ?x WHERE { ?x ?p ?y } LIMIT 3 } FILTER NOT EXISTS { ?x :score ?s } }`,
		`CONSTRUCT { ?s :copy [ :of ?o ] } WHERE { ?s :score ?o BIND(?o + 1 AS ?z) }`,
		`DESCRIBE ?s WHERE { ?s :name ?n }`,
		`ASK { ?s !(:name|^:next) ?o }`,
		// The hostile shapes of issue 11, scaled down.
		`SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i`,
		`SELECT DISTINCT ?c ?f ?i { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }`,
		`SELECT ?x { BIND(REPLACE(REPLACE(REPLACE("aaaa", "a", "aaaa"), "a", "aaaa"), "a", "aaaa") AS ?x) }`,
		`SELECT (GROUP_CONCAT(CONCAT(STR(?a), STR(?c)); separator="--") AS ?g) { ?a ?b ?c . ?d ?e ?f }`,
		`SELECT (SUM(?n * ?n * ?n) AS ?s) { ?a :score ?n . ?b :score ?m BIND(?n * 100000000000000000000 AS ?z) }`,
	} {
		f.Add(q)
	}
	// The W3C queries make good seeds (see testtool.ConformanceDir); they
	// run over this package's data, not their own.
	for _, pattern := range []string{"sparql11/*/*.rq", "sparql10/*/*.rq"} {
		for _, b := range testtool.SeedFiles(f, pattern) {
			f.Add(string(b))
		}
	}
	ds := dataset.NewMemory(cities)
	popts := parse.Options{Base: "http://example.org/base/", Limits: budget.Limits{Depth: 40, Patterns: 40, PathSteps: 10}}
	opts := eval.Options{Limits: budget.Limits{StringBytes: 4 << 10, MemoryBytes: 256 << 10}}
	f.Fuzz(func(t *testing.T, query string) {
		q, err := parse.ParseWith("PREFIX : <"+ex+">\n"+query, popts)
		if err != nil {
			return
		}
		rows, complete := fuzzRun(t, ds, q, opts)
		if !complete || !orderFree(q.Form, query) {
			return
		}
		linear, complete := fuzzRun(t, ds, q, eval.LinearPlans(opts))
		if !complete {
			return
		}
		slices.Sort(rows)
		slices.Sort(linear)
		if !slices.Equal(rows, linear) {
			t.Fatalf("the near-linear join order changed the answer:\n%q\nvs\n%q", rows, linear)
		}
	})
}

// fuzzRun evaluates q and returns its rows (SELECT, as N-Triples terms),
// its answer (ASK) or its triples, and whether it ran to the end.
func fuzzRun(t *testing.T, ds dataset.Dataset, q *algebra.Query, opts eval.Options) ([]string, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	r, err := eval.Exec(ctx, ds, q, opts)
	if err != nil {
		checkExecError(t, err)
		return nil, false
	}
	defer r.Close()
	if q.Form == algebra.Ask {
		return []string{fmt.Sprint(r.Boolean())}, true
	}
	var out []string
	for n := 0; r.Next(); n++ {
		if n == 10000 {
			return nil, false
		}
		var b strings.Builder
		for _, v := range r.Row() {
			if len(v.Value) > 4<<10 && !strings.HasPrefix(v.Value, ex) {
				t.Fatalf("a value of %d bytes got past the string limit", len(v.Value))
			}
			b.WriteString(v.String())
			b.WriteByte(' ')
		}
		b.WriteString(r.Quad().String())
		out = append(out, b.String())
	}
	checkExecError(t, r.Err())
	return out, r.Err() == nil
}

// orderFree reports whether a query's answer, as a multiset, does not
// depend on the order solutions come in, nor on fresh blank nodes or the
// clock: no slicing, no order-sensitive or random functions.
func orderFree(form algebra.Form, text string) bool {
	if form != algebra.Select && form != algebra.Ask {
		return false
	}
	up := strings.ToUpper(text)
	for _, w := range []string{"LIMIT", "OFFSET", "SAMPLE", "GROUP_CONCAT", "RAND", "UUID", "BNODE", "NOW", "SERVICE"} {
		if strings.Contains(up, w) {
			return false
		}
	}
	return true
}

// checkExecError accepts the errors a query may end with: none, a limit
// met, the deadline, a refused SERVICE, or a function the engine lacks.
func checkExecError(t *testing.T, err error) {
	t.Helper()
	var le *budget.Error
	switch {
	case err == nil, errors.Is(err, context.DeadlineExceeded), errors.Is(err, eval.ErrNoService), errors.Is(err, fn.ErrUnknownFunction):
	case errors.As(err, &le):
		if le.What == "" || le.Max <= 0 || !strings.Contains(err.Error(), string(le.Limit)) {
			t.Fatalf("limit error without its particulars: %v", err)
		}
	default:
		t.Fatalf("unexpected evaluation error: %v", err)
	}
}
