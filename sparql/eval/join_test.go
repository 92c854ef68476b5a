package eval_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/eval"
)

// TestHashJoinShapes runs joins whose later steps switch to hash tables of
// every kind — a dense index, a map over spread ids, a bit set of keys for
// a pattern that only tests (?p a :Student after ?p is bound), a test
// whose keys are spread — and checks the answers against the depth-first
// order of the same plan, step by step, and against counts made in Go.
func TestHashJoinShapes(t *testing.T) {
	var qs []rdf.Quad
	students, withAge := 0, 0
	for i := range 3000 {
		p := rdf.IRI(fmt.Sprintf("%sp/%d", ex, i))
		qs = append(qs, rdf.Triple(p, rdf.IRI(ex+"name"), rdf.Literal(fmt.Sprint("n", i))))
		if i%3 != 0 {
			qs = append(qs, rdf.Triple(p, rdf.IRI(ex+"age"), rdf.TypedLiteral(fmt.Sprint(i%70), rdf.XSDInteger)))
			withAge++
			if i%2 == 0 {
				students++
			}
		}
		if i%2 == 0 {
			qs = append(qs, rdf.Triple(p, rdf.IRI(rdf.RDFType), rdf.IRI(ex+"Student")))
		}
		// Other terms between the people spread their ids apart.
		for j := range i % 5 {
			qs = append(qs, rdf.Triple(rdf.IRI(fmt.Sprintf("%sx/%d/%d", ex, i, j)), rdf.IRI(ex+"filler"), rdf.Literal(fmt.Sprint(i, j))))
		}
	}
	ds := dataset.NewMemory(qs)
	tests := []struct {
		query string
		want  string
	}{
		{`SELECT (COUNT(*) AS ?n) WHERE { ?p :name ?name . ?p :age ?a . ?p a :Student }`, fmt.Sprint(students)},
		{`SELECT (COUNT(*) AS ?n) WHERE { ?p :name ?name . ?p :age ?a }`, fmt.Sprint(withAge)},
		{`SELECT (COUNT(*) AS ?n) WHERE { ?p :name ?name . FILTER NOT EXISTS { ?p a :Student } }`, fmt.Sprint(1500)},
		{`SELECT (COUNT(*) AS ?n) WHERE { ?p :name ?name . OPTIONAL { ?p :age ?a } FILTER(!BOUND(?a)) }`, fmt.Sprint(1000)},
		{`SELECT (COUNT(*) AS ?n) WHERE { ?p :name ?name . FILTER NOT EXISTS { ?p :age ?any } }`, fmt.Sprint(1000)},
		{`SELECT (COUNT(*) AS ?n) WHERE { ?p :name ?name . FILTER EXISTS { ?p :age ?any } ?p :age ?a }`, fmt.Sprint(withAge)},
	}
	for _, tc := range tests {
		got := rows(t, ds, tc.query, eval.Options{})
		if want := []string{"n=" + tc.want}; !slices.Equal(got, want) {
			t.Errorf("%s\n got %v, want %v", tc.query, got, want)
		}
		cache := eval.NewTableCache(64 << 20)
		for range 2 {
			if got := rows(t, versioned{ds, 1}, tc.query, eval.Options{Tables: cache}); !slices.Equal(got, []string{"n=" + tc.want}) {
				t.Errorf("%s with a table cache: %v", tc.query, got)
			}
		}
	}
}

func TestBitsTable(t *testing.T) {
	ok, has := eval.BitsTable([]uint64{100, 164, 165, 1000}, []uint64{0, 99, 100, 101, 163, 164, 165, 166, 1000, 1001, 1 << 40})
	if want := []bool{false, false, true, false, false, true, true, false, true, false, false}; !ok || !slices.Equal(has, want) {
		t.Errorf("bits: ok %v, has %v, want %v", ok, has, want)
	}
	if ok, _ := eval.BitsTable([]uint64{1, 1 << 40}, nil); ok {
		t.Error("a bit set over 2^40 ids for two keys")
	}
	if ok, has := eval.BitsTable(nil, []uint64{1}); !ok || has[0] {
		t.Errorf("empty: %v %v", ok, has)
	}
}

func TestIDIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{0, 1, 7, 1000, 50000} {
		keys := make([]uint64, n)
		want := map[uint64]int32{}
		for i := range keys {
			keys[i] = 1 + r.Uint64N(uint64(3*n+10))
			if r.IntN(3) == 0 {
				keys[i] = 1 + r.Uint64()>>1 // spread
			}
			want[keys[i]] = int32(i)
		}
		probe := make([]uint64, 0, 2*n+1)
		for k := range want {
			probe = append(probe, k)
		}
		for range n + 1 {
			probe = append(probe, 1+r.Uint64N(uint64(6*n+20)))
		}
		got := eval.IDIndex(keys, probe)
		for i, k := range probe {
			w, ok := want[k]
			if !ok {
				w = -1
			}
			if got[i] != w {
				t.Fatalf("n %d: key %d → %d, want %d", n, k, got[i], w)
			}
		}
	}
}
