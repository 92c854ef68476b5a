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
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/eval"
	"github.com/stadleuven/maturity/sparql/parse"
)

func TestAsk(t *testing.T) {
	ds := dataset.NewMemory(cities)
	for _, tc := range []struct {
		query string
		want  bool
	}{
		{`ASK { :gent :score 4 }`, true},
		{`ASK { :gent :score 5 }`, false},
		{`ASK { ?c :score ?s FILTER(?s > 3) }`, true},
		{`ASK { }`, true},
		{`ASK { FILTER(false) }`, false},
	} {
		r := run(t, ds, tc.query, eval.Options{DefaultGraph: eval.OwnDefaultGraph})
		if r.Boolean() != tc.want {
			t.Errorf("%s = %v, want %v", tc.query, r.Boolean(), tc.want)
		}
	}
}

func quads(t *testing.T, ds dataset.Dataset, query string) []rdf.Quad {
	t.Helper()
	r := run(t, ds, query, eval.Options{DefaultGraph: eval.OwnDefaultGraph})
	defer r.Close()
	var out []rdf.Quad
	for r.Next() {
		out = append(out, r.Quad())
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestConstruct(t *testing.T) {
	ds := dataset.NewMemory(cities)
	got := quads(t, ds, `CONSTRUCT { ?c :hasScore [ :value ?s ] . ?c :name ?n . ?n :bad ?s } WHERE { ?c :score ?s OPTIONAL { ?c :name ?n } FILTER(?s >= 3) }`)
	want := data(
		":gent :hasScore _:x1", "_:x1 :value 4", `:gent :name "Gent"`,
		":leuven :hasScore _:x2", "_:x2 :value 3", `:leuven :name "Leuven"`,
	)
	if !rdf.Isomorphic(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	// Each triple comes out once, even when several solutions make it.
	got = quads(t, ds, `CONSTRUCT { :all :region ?r } WHERE { ?c :region ?r }`)
	if len(got) != 1 {
		t.Errorf("duplicate triples: %v", got)
	}
}

func TestDescribe(t *testing.T) {
	ds := dataset.NewMemory(data(
		":x :p :y", ":x :addr _:a", "_:a :street \"Main\"", "_:a :geo _:g", "_:g :lat 5",
		":y :p :x", ":z :p :x",
	))
	got := quads(t, ds, `DESCRIBE ?s WHERE { ?s :p :y }`)
	want := data(":x :p :y", ":x :addr _:a", "_:a :street \"Main\"", "_:a :geo _:g", "_:g :lat 5")
	if !rdf.Isomorphic(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	got = quads(t, ds, `DESCRIBE :y :nothing`)
	if !rdf.Isomorphic(got, data(":y :p :x")) {
		t.Errorf("DESCRIBE :y = %v", got)
	}
}

func TestDataset(t *testing.T) {
	ds := dataset.NewMemory(data(
		":a :p 1", // default graph
		":a :p 2 :g1",
		":a :p 3 :g2",
		":a :p 2 :g2",
	))
	tests := []struct {
		name  string
		query string
		opts  eval.Options
		want  []string
	}{
		// The union is a merge, like FROM: :a :p 2 in two graphs is one
		// triple.
		{"union default", `SELECT ?v WHERE { :a :p ?v }`, eval.Options{},
			[]string{"v=1", "v=2", "v=3"}},
		{"own default", `SELECT ?v WHERE { :a :p ?v }`, eval.Options{DefaultGraph: eval.OwnDefaultGraph},
			[]string{"v=1"}},
		{"named graphs exclude the default graph", `SELECT ?g ?v WHERE { GRAPH ?g { :a :p ?v } }`, eval.Options{},
			[]string{"g=:g1 v=2", "g=:g2 v=2", "g=:g2 v=3"}},
		{"from merges graphs", `SELECT ?v FROM :g1 FROM :g2 WHERE { :a :p ?v }`, eval.Options{},
			[]string{"v=2", "v=3"}},
		{"from without from named has no named graphs", `SELECT ?g FROM :g1 WHERE { GRAPH ?g { ?s ?p ?o } }`, eval.Options{},
			nil},
		{"from named only: empty default graph", `SELECT ?v FROM NAMED :g1 WHERE { :a :p ?v }`, eval.Options{},
			nil},
		{"from named", `SELECT ?g ?v FROM NAMED :g2 WHERE { GRAPH ?g { :a :p ?v } }`, eval.Options{},
			[]string{"g=:g2 v=2", "g=:g2 v=3"}},
		{"graph iri not among from named", `SELECT ?v FROM NAMED :g2 WHERE { GRAPH :g1 { :a :p ?v } }`, eval.Options{},
			nil},
		{"protocol overrides from", `SELECT ?v FROM :g1 WHERE { :a :p ?v }`,
			eval.Options{DefaultGraphIRIs: []rdf.Term{term(":g2")}},
			[]string{"v=2", "v=3"}},
		{"unknown graph is empty", `SELECT ?v FROM :nope WHERE { :a :p ?v }`, eval.Options{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, want := sorted(rows(t, ds, tc.query, tc.opts)), sorted(tc.want)
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

// fakeService answers every SERVICE call with fixed rows and records the
// calls.
type fakeService struct {
	calls []string
	fail  bool
}

func (f *fakeService) Select(_ context.Context, endpoint, query string, _ int64) ([]string, [][]rdf.Term, error) {
	f.calls = append(f.calls, endpoint)
	if f.fail {
		return nil, nil, errors.New("endpoint down")
	}
	return []string{"c", "pop"}, [][]rdf.Term{
		{term(":gent"), term("260000")},
		{term(":leuven"), term("100000")},
		{term(":elsewhere"), term("1")},
	}, nil
}

func TestService(t *testing.T) {
	ds := dataset.NewMemory(cities)
	q := `SELECT ?c ?pop WHERE { ?c :region :vlaams SERVICE <http://remote/sparql> { ?c :population ?pop } }`
	svc := &fakeService{}
	got := sorted(rows(t, ds, q, eval.Options{DefaultGraph: eval.OwnDefaultGraph, Service: svc}))
	want := []string{"c=:gent pop=260000", "c=:leuven pop=100000"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if len(svc.calls) != 1 || svc.calls[0] != "http://remote/sparql" {
		t.Errorf("calls = %v, want one call to http://remote/sparql", svc.calls)
	}

	// Without a handler SERVICE fails, and SILENT turns that into one
	// empty solution.
	pq, err := parse.Parse("PREFIX : <"+ex+">\n"+q, "")
	if err != nil {
		t.Fatal(err)
	}
	r, err := eval.Exec(context.Background(), ds, pq, eval.Options{})
	if err == nil {
		for r.Next() {
		}
		err = r.Err()
	}
	if !errors.Is(err, eval.ErrNoService) {
		t.Errorf("SERVICE without handler: err = %v, want ErrNoService", err)
	}
	silent := `SELECT ?c ?pop WHERE { ?c :region :vlaams SERVICE SILENT <http://remote/sparql> { ?c :population ?pop } }`
	got = rows(t, ds, silent, eval.Options{DefaultGraph: eval.OwnDefaultGraph, Service: &fakeService{fail: true}})
	if len(got) != 3 || !strings.Contains(strings.Join(got, ";"), "pop=-") {
		t.Errorf("SERVICE SILENT with failing endpoint = %v, want the 3 cities unextended", got)
	}
}

// bigDataset has n subjects with two triples each.
func bigDataset(n int) *dataset.Memory {
	qs := make([]rdf.Quad, 0, 2*n)
	for i := 0; i < n; i++ {
		s := rdf.IRI(fmt.Sprintf("%ss%d", ex, i))
		qs = append(qs,
			rdf.Triple(s, rdf.IRI(ex+"p"), rdf.IRI(fmt.Sprintf("%so%d", ex, i%100))),
			rdf.Triple(s, rdf.IRI(ex+"v"), rdf.TypedLiteral(fmt.Sprint(i), rdf.XSDInteger)))
	}
	return dataset.NewMemory(qs)
}

func TestCancellation(t *testing.T) {
	ds := bigDataset(20000)
	for _, query := range []string{
		`SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }`,                                 // streaming cross product
		`SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }`,                  // aggregation reading everything
		`SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c`,                     // sort
		`SELECT * WHERE { ?a :p ?o . ?b :p ?o FILTER(?a != ?b) }`,                // filter dropping rows
		`SELECT * WHERE { ?a (:p|^:p)+ ?b }`,                                     // path closure
		`ASK { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) = CONCAT(STR(?f), "never")) }`, // ASK that never matches
	} {
		t.Run(query, func(t *testing.T) {
			q, err := parse.Parse("PREFIX : <"+ex+">\n"+query, "")
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			start := time.Now()
			r, err := eval.Exec(ctx, ds, q, eval.Options{})
			if err == nil {
				for r.Next() {
				}
				err = r.Err()
				r.Close()
			}
			elapsed := time.Since(start)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("err = %v, want context.DeadlineExceeded", err)
			}
			// Unstopped, each query runs for minutes; the margin is for
			// loaded CI machines.
			if elapsed > 1500*time.Millisecond {
				t.Errorf("stopped after %v, want soon after the 50ms deadline", elapsed)
			}
		})
	}
}
