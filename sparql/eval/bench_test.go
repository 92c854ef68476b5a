package eval_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/eval"
	"github.com/stadleuven/maturity/sparql/parse"
)

// maturityData builds assessments shaped like the benchmark data of the
// peer tools' gen-data.py (~/.cache/maturity-peers, see bench/): cities
// with yearly assessments of 11 domains and survey responses.
func maturityData(cities, years int) []rdf.Quad {
	iri := func(f string, a ...any) rdf.Term { return rdf.IRI(ex + fmt.Sprintf(f, a...)) }
	num := func(n int) rdf.Term { return rdf.TypedLiteral(fmt.Sprint(n), rdf.XSDInteger) }
	typ := rdf.IRI(rdf.RDFType)
	var qs []rdf.Quad
	add := func(s, p, o rdf.Term) { qs = append(qs, rdf.Triple(s, p, o)) }
	for d := 0; d < 11; d++ {
		add(iri("domain/%d", d), iri("label"), rdf.LangLiteral(fmt.Sprintf("Domain %d", d), "en"))
		add(iri("domain/%d", d), iri("label"), rdf.LangLiteral(fmt.Sprintf("Domein %d", d), "nl"))
		add(iri("domain/%d", d), iri("broader"), iri("theme/%d", d%3))
	}
	for t := 0; t < 3; t++ {
		add(iri("theme/%d", t), iri("broader"), iri("root"))
	}
	for c := 0; c < cities; c++ {
		city := iri("city/%d", c)
		add(city, typ, iri("City"))
		add(city, iri("nis"), rdf.Literal(fmt.Sprint(10000+c)))
		for y := 0; y < years; y++ {
			a := iri("assessment/%d/%d", c, y)
			add(a, typ, iri("Assessment"))
			add(a, iri("city"), city)
			add(a, iri("year"), num(2020+y))
			for d := 0; d < 11; d++ {
				o := iri("obs/%d/%d/%d", c, y, d)
				add(o, iri("assessment"), a)
				add(o, iri("domain"), iri("domain/%d", d))
				add(o, iri("maturity"), num((c+y+d)%5+1))
				if (c+d)%7 != 0 {
					add(o, iri("need"), num((c*y+d)%5+1))
				}
			}
			for r := 0; r < 20; r++ {
				resp := iri("resp/%d/%d/%d", c, y, r)
				add(resp, typ, iri("Response"))
				add(resp, iri("assessment"), a)
				add(resp, iri("profile"), iri("profile/%d", r%5))
				add(resp, iri("q01"), num((c+r)%5+1))
			}
		}
	}
	return qs
}

var benchQueries = []struct{ name, query string }{
	{"lookup", `SELECT ?d ?m WHERE { ?c :nis "10007" . ?a :city ?c ; :year 2021 . ?o :assessment ?a ; :domain ?d ; :maturity ?m }`},
	{"group-avg", `SELECT ?d (AVG(?m) AS ?avg) WHERE { ?a :year 2021 . ?o :assessment ?a ; :domain ?d ; :maturity ?m } GROUP BY ?d`},
	{"filter-arith", `SELECT ?c (COUNT(?o) AS ?n) WHERE { ?a :city ?c . ?o :assessment ?a ; :maturity ?m ; :need ?n0 FILTER(?n0 - ?m >= 2) } GROUP BY ?c`},
	{"optional-unbound", `SELECT ?o WHERE { ?o :domain ?d OPTIONAL { ?o :need ?n } FILTER(!BOUND(?n)) }`},
	{"count-responses", `SELECT ?p (COUNT(?r) AS ?n) WHERE { ?r a :Response ; :profile ?p ; :assessment ?a . ?a :year ?y } GROUP BY ?p`},
	{"union", `SELECT ?k (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r :assessment ?a . { ?r :q01 1 BIND("low" AS ?k) } UNION { ?r :q01 5 BIND("high" AS ?k) } } GROUP BY ?k`},
	{"path-rollup", `SELECT ?t (COUNT(?o) AS ?n) WHERE { ?o :domain ?d . ?d :broader* ?t } GROUP BY ?t`},
	{"order-limit", `SELECT ?o ?m WHERE { ?o :maturity ?m } ORDER BY DESC(?m) ?o LIMIT 10`},
}

func BenchmarkQueries(b *testing.B) {
	ds := dataset.NewMemory(maturityData(100, 3))
	for _, bq := range benchQueries {
		q, err := parse.Parse("PREFIX : <"+ex+">\n"+bq.query, "")
		if err != nil {
			b.Fatalf("%s: %v", bq.name, err)
		}
		b.Run(bq.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, err := eval.Exec(context.Background(), ds, q, eval.Options{})
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for r.Next() {
					r.Row()
					n++
				}
				if err := r.Err(); err != nil {
					b.Fatal(err)
				}
				if n == 0 {
					b.Fatalf("%s: no rows", bq.name)
				}
			}
		})
	}
}
