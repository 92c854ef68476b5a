package eval_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/eval"
)

// cities is a small dataset in the style of the maturity data.
var cities = data(
	`:leuven :name "Leuven"`,
	":leuven :score 3",
	":leuven :region :vlaams",
	`:gent :name "Gent"`,
	":gent :score 4",
	":gent :region :vlaams",
	`:brugge :name "Brugge"`,
	":brugge :region :vlaams",
	`:namen :name "Namur"@fr`,
	":namen :score 2",
	":a :next :b",
	":b :next :c",
	":c :next :a",
	":c :next :d",
	`:d :label "d"`,
	":leuven :score 5 :g2024",
	`:leuven :name "Leuven" :g2024`,
	":gent :score 1 :g2023",
)

func TestSelect(t *testing.T) {
	ds := dataset.NewMemory(cities)
	tests := []struct {
		name    string
		query   string
		want    []string
		ordered bool
		own     bool // OwnDefaultGraph
	}{
		{"bgp join", `SELECT ?c ?s WHERE { ?c :region :vlaams ; :score ?s }`,
			[]string{"c=:gent s=4", "c=:leuven s=3"}, false, true},
		{"union default graph", `SELECT ?s WHERE { :leuven :score ?s }`,
			[]string{"s=3", "s=5"}, false, false},
		{"optional", `SELECT ?c ?s WHERE { ?c :region :vlaams OPTIONAL { ?c :score ?s } }`,
			[]string{"c=:brugge s=-", "c=:gent s=4", "c=:leuven s=3"}, false, true},
		{"optional with filter", `SELECT ?c ?s WHERE { ?c :region :vlaams OPTIONAL { ?c :score ?s FILTER(?s > 3) } }`,
			[]string{"c=:brugge s=-", "c=:gent s=4", "c=:leuven s=-"}, false, true},
		{"filter on optional var", `SELECT ?c WHERE { ?c :region :vlaams OPTIONAL { ?c :score ?s } FILTER(!BOUND(?s)) }`,
			[]string{"c=:brugge"}, false, true},
		{"minus", `SELECT ?c WHERE { ?c :region :vlaams MINUS { ?c :score ?s } }`,
			[]string{"c=:brugge"}, false, true},
		{"minus disjoint", `SELECT ?c WHERE { ?c :region :vlaams MINUS { ?x :label ?l } }`,
			[]string{"c=:brugge", "c=:gent", "c=:leuven"}, false, true},
		{"not exists", `SELECT ?c WHERE { ?c :region :vlaams FILTER NOT EXISTS { ?c :score ?s } }`,
			[]string{"c=:brugge"}, false, true},
		{"exists", `SELECT ?c WHERE { ?c :region :vlaams FILTER EXISTS { ?c :score ?s FILTER(?s >= 4) } }`,
			[]string{"c=:gent"}, false, true},
		{"union", `SELECT ?x WHERE { { :a :next ?x } UNION { ?x :label "d" } }`,
			[]string{"x=:b", "x=:d"}, false, true},
		{"bind and filter", `SELECT ?c ?d WHERE { ?c :score ?s BIND(?s * 2 AS ?d) FILTER(?d > 5) }`,
			[]string{"c=:gent d=8", "c=:leuven d=6"}, false, true},
		{"bind error leaves unbound", `SELECT ?c ?d WHERE { ?c :name ?n BIND(?n + 1 AS ?d) } ORDER BY ?c`,
			[]string{"c=:brugge d=-", "c=:gent d=-", "c=:leuven d=-", "c=:namen d=-"}, true, true},
		{"values", `SELECT ?c ?s WHERE { VALUES ?c { :gent :brugge } ?c :region ?r OPTIONAL { ?c :score ?s } }`,
			[]string{"c=:brugge s=-", "c=:gent s=4"}, false, true},
		{"order by desc limit offset", `SELECT ?c WHERE { ?c :score ?s } ORDER BY DESC(?s) LIMIT 2 OFFSET 1`,
			[]string{"c=:leuven", "c=:namen"}, true, true},
		{"distinct", `SELECT DISTINCT ?r WHERE { ?c :region ?r }`,
			[]string{"r=:vlaams"}, false, true},
		{"group count", `SELECT ?r (COUNT(*) AS ?n) (COUNT(?s) AS ?ns) WHERE { ?c :region ?r OPTIONAL { ?c :score ?s } } GROUP BY ?r`,
			[]string{"r=:vlaams n=3 ns=2"}, false, true},
		{"aggregates without group", `SELECT (SUM(?s) AS ?sum) (MAX(?s) AS ?max) (MIN(?s) AS ?min) WHERE { ?c :score ?s }`,
			[]string{"sum=9 max=4 min=2"}, false, true},
		{"count over nothing", `SELECT (COUNT(*) AS ?n) WHERE { ?c :nothing ?s }`,
			[]string{"n=0"}, false, true},
		{"group by nothing matches", `SELECT ?c (COUNT(*) AS ?n) WHERE { ?c :nothing ?s } GROUP BY ?c`,
			nil, false, true},
		{"having", `SELECT ?c (SUM(?s) AS ?t) WHERE { GRAPH ?g { ?c :score ?s } } GROUP BY ?c HAVING (SUM(?s) > 2)`,
			[]string{"c=:leuven t=5"}, false, true},
		{"group concat", `SELECT (GROUP_CONCAT(?n; SEPARATOR="|") AS ?all) WHERE { VALUES ?n { "a" "b" } }`,
			[]string{`all="a|b"`}, false, true},
		{"sub-select join", `SELECT ?c ?max WHERE { ?c :score ?s { SELECT (MAX(?x) AS ?max) WHERE { ?y :score ?x } } FILTER(?s = ?max) }`,
			[]string{"c=:gent max=4"}, false, true},
		{"sub-select scope", `SELECT ?c ?s WHERE { ?c :region :vlaams { SELECT ?c WHERE { ?c :score ?s } } }`,
			[]string{"c=:gent s=-", "c=:leuven s=-"}, false, true},
		{"graph var", `SELECT ?g ?s WHERE { GRAPH ?g { :leuven :score ?s } }`,
			[]string{"g=:g2024 s=5"}, false, true},
		{"graph var over all named", `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?x ?p ?o } }`,
			[]string{"g=:g2023", "g=:g2024"}, false, true},
		{"graph iri", `SELECT ?c WHERE { GRAPH :g2023 { ?c :score 1 } }`,
			[]string{"c=:gent"}, false, true},
		{"graph default not named", `SELECT ?x WHERE { GRAPH ?g { ?x :next ?y } }`,
			nil, false, true},
		{"own default graph", `SELECT ?s WHERE { :leuven :score ?s }`,
			[]string{"s=3"}, false, true},
		{"from", `SELECT ?s WHERE { ?c :score ?s }`,
			nil, false, true},
		{"path plus with cycle", `SELECT ?x WHERE { :a :next+ ?x }`,
			[]string{"x=:a", "x=:b", "x=:c", "x=:d"}, false, true},
		{"path star", `SELECT ?x WHERE { :d :next* ?x }`,
			[]string{"x=:d"}, false, true},
		{"path star backward", `SELECT ?x WHERE { ?x :next* :b }`,
			[]string{"x=:a", "x=:b", "x=:c"}, false, true},
		{"path optional", `SELECT ?x WHERE { :a :next? ?x }`,
			[]string{"x=:a", "x=:b"}, false, true},
		{"path sequence", `SELECT ?x WHERE { :a :next/:next ?x }`,
			[]string{"x=:c"}, false, true},
		{"path inverse", `SELECT ?x WHERE { :b ^:next ?x }`,
			[]string{"x=:a"}, false, true},
		{"path alternative", `SELECT ?x WHERE { :d :label|^:next ?x }`,
			[]string{`x="d"`, "x=:c"}, false, true},
		{"negated property set", `SELECT ?p ?x WHERE { :c !(:label|^:next) ?x }`,
			[]string{"p=- x=:a", "p=- x=:d"}, false, true},
		{"negated inverse", `SELECT ?x WHERE { :a !^:label ?x }`,
			[]string{"x=:c"}, false, true},
		{"zero length matches a constant absent from the graph", `SELECT * WHERE { :zz :next* :zz }`,
			[]string{""}, false, true},
		{"zero length does not match a bound term absent from the graph", `SELECT ?v WHERE { VALUES ?v { :zz } ?v :next? ?v }`,
			nil, false, true},
		{"zero length on a graph term", `SELECT * WHERE { :d :next* :d }`,
			[]string{""}, false, true},
		{"path both ends free", `SELECT ?x ?y WHERE { ?x :next+ ?y FILTER(?x = :d || ?y = :d) }`,
			[]string{"x=:a y=:d", "x=:b y=:d", "x=:c y=:d"}, false, true},
		{"path same var", `SELECT ?x WHERE { ?x :next+ ?x }`,
			[]string{"x=:a", "x=:b", "x=:c"}, false, true},
		{"in", `SELECT ?c WHERE { ?c :score ?s FILTER(?s IN (2, 4)) }`,
			[]string{"c=:gent", "c=:namen"}, false, true},
		{"coalesce and if", `SELECT ?c (COALESCE(?s, 0) AS ?v) (IF(BOUND(?s), "y", "n") AS ?b) WHERE { ?c :region :vlaams OPTIONAL { ?c :score ?s } }`,
			[]string{`c=:brugge v=0 b="n"`, `c=:gent v=4 b="y"`, `c=:leuven v=3 b="y"`}, false, true},
		{"or masks error", `SELECT ?c WHERE { ?c :region :vlaams OPTIONAL { ?c :score ?s } FILTER(?s > 3 || !BOUND(?s)) }`,
			[]string{"c=:brugge", "c=:gent"}, false, true},
		{"select expression", `SELECT ?c (STR(?n) AS ?t) WHERE { ?c :name ?n FILTER(LANG(?n) = "fr") }`,
			[]string{`c=:namen t="Namur"`}, false, true},
		{"cross product", `SELECT (COUNT(*) AS ?n) WHERE { ?a :region ?r . ?b :score ?s }`,
			[]string{"n=9"}, false, true},
		{"empty group", `SELECT * WHERE { }`, []string{""}, false, true},
		{"filter in optional sees only its group", `SELECT ?c ?s WHERE { ?c :region :vlaams . ?c :name ?n OPTIONAL { ?c :score ?s FILTER(?n = "Gent") } }`,
			[]string{"c=:brugge s=-", "c=:gent s=4", "c=:leuven s=-"}, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := eval.Options{}
			if tc.own {
				opts.DefaultGraph = eval.OwnDefaultGraph
			}
			if tc.name == "from" {
				opts.DefaultGraphIRIs = []rdf.Term{term(":g2099")}
			}
			got := rows(t, ds, tc.query, opts)
			want := tc.want
			if !tc.ordered {
				got, want = sorted(got), sorted(want)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s\n got  %s\n want %s", tc.query, strings.Join(got, " ; "), strings.Join(want, " ; "))
			}
		})
	}
}
