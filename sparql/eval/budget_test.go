package eval_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/budget"
	"github.com/stadleuven/maturity/sparql/eval"
)

// triples3000 is the dataset of the sort bomb of issue 11: 3,000 triples.
func triples3000() dataset.Dataset {
	var qs []rdf.Quad
	for i := range 3000 {
		qs = append(qs, rdf.Triple(rdf.IRI(fmt.Sprintf("%ss%d", ex, i%100)), rdf.IRI(fmt.Sprintf("%sp%d", ex, i%7)),
			rdf.Literal(fmt.Sprintf("value %d", i))))
	}
	return dataset.NewMemory(qs)
}

// drain runs query over ds under opts, reading every row, and returns the
// error that ended it (nil when all rows came).
func drain(t *testing.T, ds dataset.Dataset, query string, opts eval.Options) (int, error) {
	t.Helper()
	r, err := start(t, ds, query, opts)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	n := 0
	for r.Next() {
		_ = r.Row()
		_ = r.Quad()
		n++
	}
	return n, r.Err()
}

// TestBudgets checks each limit of the evaluator against a query that
// breaks it: the query stops with a *budget.Error that names the limit
// and the operator, instead of growing until the process dies (the sort
// of a 9-million-row cross product reached 1 GiB of heap in 5 s; nested
// REPLACE built a 100-million-character string).
func TestBudgets(t *testing.T) {
	ds := triples3000()
	small := budget.Limits{MemoryBytes: 4 << 20}
	cases := []struct {
		name   string
		query  string
		limits budget.Limits
		limit  budget.Name
		what   string
	}{
		{"sorted cross product", `SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f`, small, budget.NameMemoryBytes, "ORDER BY"},
		{"sorted cross product, default budget", `SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f`, budget.Limits{}, budget.NameMemoryBytes, "ORDER BY"},
		{"grouped cross product", `SELECT ?c ?f (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f } GROUP BY ?c ?f`, small, budget.NameMemoryBytes, "GROUP BY"},
		{"distinct cross product", `SELECT DISTINCT ?c ?f { ?a ?b ?c . ?d ?e ?f }`, small, budget.NameMemoryBytes, "DISTINCT"},
		{"sub-select of a cross product", `SELECT * { ?x ?y ?z { SELECT ?c ?f { ?a ?b ?c . ?d ?e ?f } } }`, small, budget.NameMemoryBytes, "sub-query"},
		{"GROUP_CONCAT DISTINCT", `SELECT (GROUP_CONCAT(DISTINCT CONCAT(?c, STR(?f))) AS ?g) { ?a ?b ?c . ?d ?e ?f }`, budget.Limits{MemoryBytes: 4 << 20, StringBytes: -1}, budget.NameMemoryBytes, "GROUP BY"},
		{"computed terms", `SELECT ?z { ?a ?b ?c . ?d ?e ?f BIND(CONCAT(?c, ?f) AS ?z) }`, small, budget.NameMemoryBytes, "computed terms"},
		{"CONSTRUCT", `CONSTRUCT { ?a :with ?f } WHERE { ?a ?b ?c . ?d ?e ?f }`, small, budget.NameMemoryBytes, "CONSTRUCT"},
		{"nested REPLACE", `SELECT ?x { BIND(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("aaaaaaaaaa", "a", "aaaaaaaaaa"), "a", "aaaaaaaaaa"), "a", "aaaaaaaaaa"), "a", "aaaaaaaaaa"), "a", "aaaaaaaaaa"), "a", "aaaaaaaaaa"), "a", "aaaaaaaaaa"), "a", "aaaaaaaaaa") AS ?x) }`, budget.Limits{}, budget.NameStringBytes, "REPLACE"},
		{"nested CONCAT", `SELECT ?x { BIND("0123456789abcdef" AS ?a) BIND(CONCAT(?a,?a,?a,?a,?a,?a,?a,?a,?a,?a,?a,?a,?a,?a,?a,?a) AS ?b) BIND(CONCAT(?b,?b,?b,?b,?b,?b,?b,?b,?b,?b,?b,?b,?b,?b,?b,?b) AS ?c) BIND(CONCAT(?c,?c,?c,?c,?c,?c,?c,?c,?c,?c,?c,?c,?c,?c,?c,?c) AS ?d) BIND(CONCAT(?d,?d,?d,?d,?d,?d,?d,?d,?d,?d,?d,?d,?d,?d,?d,?d) AS ?x) }`, budget.Limits{StringBytes: 512 << 10}, budget.NameStringBytes, "CONCAT"},
		{"GROUP_CONCAT", `SELECT (GROUP_CONCAT(?c) AS ?g) { ?a ?b ?c . ?d ?e ?f }`, budget.Limits{StringBytes: 1 << 20}, budget.NameStringBytes, "GROUP_CONCAT"},
		{"ENCODE_FOR_URI", `SELECT ?x { BIND(REPLACE("//////////", "/", "//////////") AS ?a) BIND(ENCODE_FOR_URI(?a) AS ?x) }`, budget.Limits{StringBytes: 200}, budget.NameStringBytes, "ENCODE_FOR_URI"},
		{"REPLACE inside a FILTER", `SELECT * { ?a ?b ?c FILTER(STRLEN(REPLACE(?c, "", "x")) > 0 || STRLEN(REPLACE(REPLACE(?c, ".", "0123456789"), ".", "0123456789")) > 0) }`, budget.Limits{StringBytes: 500}, budget.NameStringBytes, "REPLACE"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n, err := drain(t, ds, tc.query, eval.Options{Limits: tc.limits})
			var le *budget.Error
			if !errors.As(err, &le) {
				t.Fatalf("%d rows, err = %v; want the %s limit", n, err, tc.limit)
			}
			if le.Limit != tc.limit || le.What != tc.what {
				t.Fatalf("err = %v; want the %s limit met by %s", err, tc.limit, tc.what)
			}
			if !strings.Contains(err.Error(), string(tc.limit)) {
				t.Errorf("message %q does not name the limit", err)
			}
		})
	}
}

// TestBudgetsLeaveNormalQueriesAlone checks queries within the limits
// give their full answers, and that a hash join that does not fit the
// memory budget falls back to index lookups and still answers.
func TestBudgetsLeaveNormalQueriesAlone(t *testing.T) {
	ds := triples3000()
	for _, tc := range []struct {
		query  string
		limits budget.Limits
		rows   int
	}{
		{`SELECT * { ?a ?b ?c } ORDER BY ?c`, budget.Limits{}, 3000},
		{`SELECT ?a (COUNT(*) AS ?n) (GROUP_CONCAT(?c) AS ?g) { ?a ?b ?c } GROUP BY ?a`, budget.Limits{}, 100},
		{`SELECT DISTINCT ?a ?b { ?a ?b ?c }`, budget.Limits{}, 700},
		{`SELECT * { ?a ?b ?c } ORDER BY ?c LIMIT 5`, budget.Limits{MemoryBytes: 64 << 10}, 5},
		// 3,000 probes of :p0 switch to a hash join, which a 1 KiB
		// budget cannot hold: index lookups answer instead.
		{`SELECT * { ?a ?b ?c . ?a <` + ex + `p0> ?d }`, budget.Limits{}, 12870},
		{`SELECT * { ?a ?b ?c . ?a <` + ex + `p0> ?d }`, budget.Limits{MemoryBytes: 1 << 10}, 12870},
		{`SELECT ?x { BIND(REPLACE("aaaaaaaaaa", "a", "aaaaaaaaaa") AS ?x) }`, budget.Limits{StringBytes: 100}, 1},
	} {
		n, err := drain(t, ds, tc.query, eval.Options{Limits: tc.limits})
		if err != nil || n != tc.rows {
			t.Errorf("%s: %d rows, err %v; want %d rows", tc.query, n, err, tc.rows)
		}
	}
}

// TestHashJoinPerGraphBudget is a query of bench/kill9.sh that the
// memory budget refused although it needed little memory: per named graph,
// the observations whose two scores are present, counted per graph. Inside
// GRAPH ?g each graph gets hash tables of its own, and each was sized and
// charged for the pattern's matches in every graph, not the graph's own: 200
// graphs of 11 observations made 200 tables sized for 2,200 quads.
func TestHashJoinPerGraphBudget(t *testing.T) {
	var qs []rdf.Quad
	for g := range 200 {
		graph := rdf.IRI(fmt.Sprintf("%sgraph/v%d", ex, g))
		for o := range 11 {
			s := rdf.IRI(fmt.Sprintf("%sobs/%d/%d", ex, g, o))
			qs = append(qs,
				rdf.Quad{S: s, P: rdf.IRI(rdf.RDFType), O: rdf.IRI(ex + "Observation"), G: graph},
				rdf.Quad{S: s, P: rdf.IRI(ex + "maturity"), O: rdf.Literal(fmt.Sprint(o % 5)), G: graph},
				rdf.Quad{S: s, P: rdf.IRI(ex + "need"), O: rdf.Literal(fmt.Sprint(o % 4)), G: graph})
		}
	}
	ds := dataset.NewMemory(qs)
	q := `SELECT ?g (COUNT(DISTINCT ?o) AS ?n) WHERE { GRAPH ?g { ?o a :Observation ; :maturity ?m ; :need ?x } } GROUP BY ?g`
	r, err := start(t, ds, q, eval.Options{Limits: budget.Limits{MemoryBytes: 8 << 20}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 0
	for r.Next() {
		if got := r.Row()[1]; got.Value != "11" {
			t.Errorf("graph %s: %s observations, want 11", r.Row()[0].Value, got.Value)
		}
		n++
	}
	if err := r.Err(); err != nil || n != 200 {
		t.Fatalf("%d groups, err %v; want 200 groups within 8 MiB", n, err)
	}
}
