package eval_test

import (
	"context"
	"testing"
	"time"

	"github.com/stadleuven/maturity/sparql/eval"
	"github.com/stadleuven/maturity/sparql/parse"
)

// FuzzExec runs every query the parser accepts over a small dataset: the
// evaluator must never panic or hang, whatever the algebra.
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
	} {
		f.Add(q)
	}
	ds := eval.NewMemory(cities)
	f.Fuzz(func(t *testing.T, query string) {
		q, err := parse.Parse("PREFIX : <"+ex+">\n"+query, "http://example.org/base/")
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		r, err := eval.Exec(ctx, ds, q, eval.Options{})
		if err != nil {
			return
		}
		defer r.Close()
		for n := 0; r.Next() && n < 10000; n++ {
			_ = r.Row()
			_ = r.Quad()
		}
	})
}
