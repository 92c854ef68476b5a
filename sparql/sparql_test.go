package sparql_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/parse"
)

const ex = "http://example.org/"

func facadeData() *dataset.Memory {
	s := rdf.IRI(ex + "leuven")
	return dataset.NewMemory([]rdf.Quad{
		rdf.Triple(s, rdf.IRI(ex+"name"), rdf.LangLiteral("Leuven", "nl")),
		rdf.Triple(s, rdf.IRI(ex+"score"), rdf.TypedLiteral("3", rdf.XSDInteger)),
		{S: s, P: rdf.IRI(ex + "score"), O: rdf.TypedLiteral("4", rdf.XSDInteger), G: rdf.IRI(ex + "g")},
	})
}

func TestFacadeSelect(t *testing.T) {
	q, err := sparql.Parse(`PREFIX : <`+ex+`> SELECT ?s ?n WHERE { ?s :score ?v ; :name ?n } ORDER BY ?v`, sparql.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if q.Form() != algebra.Select {
		t.Errorf("Form = %v", q.Form())
	}
	for _, tc := range []struct {
		mode sparql.DefaultGraphMode
		rows int
	}{{sparql.UnionDefaultGraph, 2}, {sparql.OwnDefaultGraph, 1}} {
		r, err := sparql.Exec(context.Background(), facadeData(), q, sparql.ExecOptions{DefaultGraph: tc.mode})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(r.Vars(), ","); got != "s,n" {
			t.Errorf("Vars = %s", got)
		}
		n := 0
		for r.Next() {
			row := r.Row()
			if row[0] != rdf.IRI(ex+"leuven") || row[1] != rdf.LangLiteral("Leuven", "nl") {
				t.Errorf("row = %v", row)
			}
			n++
		}
		if err := r.Err(); err != nil {
			t.Fatal(err)
		}
		if n != tc.rows {
			t.Errorf("mode %v: %d rows, want %d", tc.mode, n, tc.rows)
		}
		if err := r.Close(); err != nil {
			t.Error(err)
		}
	}
}

func TestFacadeAskConstruct(t *testing.T) {
	ctx := context.Background()
	ask, err := sparql.Parse(`ASK { ?s <`+ex+`score> 4 }`, sparql.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := sparql.Exec(ctx, facadeData(), ask, sparql.ExecOptions{})
	if err != nil || !r.Boolean() || r.Form() != algebra.Ask {
		t.Errorf("ASK = %v, %v", r.Boolean(), err)
	}
	r, err = sparql.Exec(ctx, facadeData(), ask, sparql.ExecOptions{DefaultGraph: sparql.OwnDefaultGraph})
	if err != nil || r.Boolean() {
		t.Errorf("ASK over the own default graph = %v, %v", r.Boolean(), err)
	}
	c, err := sparql.Parse(`CONSTRUCT { ?s <`+ex+`label> ?n } WHERE { ?s <`+ex+`name> ?n }`, sparql.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err = sparql.Exec(ctx, facadeData(), c, sparql.ExecOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []rdf.Quad
	for r.Next() {
		got = append(got, r.Quad())
	}
	want := []rdf.Quad{rdf.Triple(rdf.IRI(ex+"leuven"), rdf.IRI(ex+"label"), rdf.LangLiteral("Leuven", "nl"))}
	if !rdf.Isomorphic(got, want) {
		t.Errorf("CONSTRUCT = %v", got)
	}
}

func TestFacadeParseError(t *testing.T) {
	_, err := sparql.Parse("SELECT ?x WHERE {\n  ?x ?y }", sparql.ParseOptions{})
	var pe *parse.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T), want *parse.Error", err, err)
	}
	if pe.Line != 2 {
		t.Errorf("error at line %d, want 2", pe.Line)
	}
}

func TestFacadeBase(t *testing.T) {
	q, err := sparql.Parse(`SELECT ?n WHERE { <leuven> <name> ?n }`, sparql.ParseOptions{Base: ex})
	if err != nil {
		t.Fatal(err)
	}
	r, err := sparql.Exec(context.Background(), facadeData(), q, sparql.ExecOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Next() || r.Row()[0] != rdf.LangLiteral("Leuven", "nl") {
		t.Errorf("relative IRIs not resolved against the base")
	}
	r.Close()
}

func TestExplain(t *testing.T) {
	q, err := sparql.Parse(`PREFIX : <`+ex+`> SELECT ?s WHERE { ?s :name ?n ; :score ?v FILTER(?v > 3) }`, sparql.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a := sparql.Explain(q); !strings.Contains(a, "filter") || !strings.Contains(a, "bgp") {
		t.Errorf("Explain = %s", a)
	}
	plan, err := sparql.ExplainPlan(context.Background(), facadeData(), q, sparql.ExecOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"join", "triple ?s <" + ex + "name> ?n", "filter (1)"} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q:\n%s", want, plan)
		}
	}
}

func TestExecCancelled(t *testing.T) {
	q, err := sparql.Parse(`SELECT * WHERE { ?a ?b ?c }`, sparql.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r, err := sparql.Exec(ctx, facadeData(), q, sparql.ExecOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Next() {
		t.Fatal("no first row")
	}
	cancel()
	for r.Next() {
	}
	// The dataset is tiny, so the scan may have ended before it noticed;
	// either way Close must release the evaluation.
	if err := r.Err(); err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("Err = %v", err)
	}
	if err := r.Close(); err != nil {
		t.Error(err)
	}
}
