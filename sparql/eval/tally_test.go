package eval_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/eval"
)

// TestTalliedAggregates checks MIN, MAX, SUM and AVG of a plain variable,
// which are tallied on ids, against the same aggregates of COALESCE(?v),
// which take the row-by-row path, and against known values.
func TestTalliedAggregates(t *testing.T) {
	dec := func(s string) rdf.Term { return rdf.TypedLiteral(s, rdf.XSDDecimal) }
	dbl := func(s string) rdf.Term { return rdf.TypedLiteral(s, rdf.XSDDouble) }
	quads := func(g string, vals ...rdf.Term) []rdf.Quad {
		var qs []rdf.Quad
		for i, v := range vals {
			s := rdf.IRI(ex + g + "/" + string(rune('a'+i)))
			qs = append(qs,
				rdf.Quad{S: s, P: rdf.IRI(ex + "group"), O: rdf.IRI(ex + g)},
				rdf.Quad{S: s, P: rdf.IRI(ex + "v"), O: v})
		}
		return qs
	}
	var all []rdf.Quad
	all = append(all, quads("ints", term("3"), term("3"), term("4"), term("3"), term("1"))...)
	all = append(all, quads("decs", dec("2.5"), dec("2.5"), dec("3.0"), dec("2.5"), term("1"))...)
	all = append(all, quads("dbls", dbl("0.1"), dbl("0.2"), dbl("0.1"), dec("0.3"))...)
	all = append(all, quads("few", dec("1.5"), term("2"), term("2"))...)
	all = append(all, quads("mixed", term("2"), rdf.Literal("x"), term("2"))...)
	ds := dataset.NewMemory(all)
	const q = `SELECT ?g (MIN(%s) AS ?min) (MAX(%s) AS ?max) (SUM(%s) AS ?sum) (AVG(%s) AS ?avg)
		WHERE { ?s :group ?g OPTIONAL { ?s :v ?v } } GROUP BY ?g ORDER BY ?g`
	query := func(e string) string {
		return fmt.Sprintf(q, e, e, e, e)
	}
	tallied := rows(t, ds, query("?v"), eval.Options{})
	generic := rows(t, ds, query("COALESCE(?v)"), eval.Options{})
	if len(tallied) != 5 {
		t.Fatalf("got %d groups: %v", len(tallied), tallied)
	}
	want := map[int]string{
		2: `g=:few min="1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> max=2 sum="5.5"^^<http://www.w3.org/2001/XMLSchema#decimal> avg="1.833333333333333333333333"^^<http://www.w3.org/2001/XMLSchema#decimal>`,
		3: `g=:ints min=1 max=4 sum=14 avg="2.8"^^<http://www.w3.org/2001/XMLSchema#decimal>`,
	}
	for i := range tallied {
		if w, ok := want[i]; ok && tallied[i] != w {
			t.Errorf("group %d: got %s, want %s", i, tallied[i], w)
		}
		if tallied[i] != generic[i] {
			t.Errorf("group %d: tallied %s, row by row %s", i, tallied[i], generic[i])
		}
	}
	if !strings.HasSuffix(tallied[4], " sum=- avg=-") {
		t.Errorf("mixed: got %s, want SUM and AVG unbound", tallied[4])
	}
}
