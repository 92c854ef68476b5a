package eval_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/eval"
)

// versioned is a Memory dataset with a generation, as store snapshots
// have: the table cache only serves datasets that say when they changed.
type versioned struct {
	*dataset.Memory
	gen uint64
}

func (v versioned) Generation() uint64 { return v.gen }

// TestTableCache checks that executions sharing a TableCache reuse the
// hash tables of earlier ones over the same generation — with the same
// answers as without a cache — and never serve tables of an older
// generation.
func TestTableCache(t *testing.T) {
	build := func(people int) []rdf.Quad {
		var qs []rdf.Quad
		for i := range people {
			p := rdf.IRI(fmt.Sprintf("%sperson/%d", ex, i))
			qs = append(qs,
				rdf.Triple(p, rdf.IRI(ex+"city"), rdf.IRI(fmt.Sprintf("%scity/%d", ex, i%7))),
				rdf.Triple(p, rdf.IRI(ex+"age"), rdf.TypedLiteral(fmt.Sprint(20+i%50), rdf.XSDInteger)))
		}
		return qs
	}
	// Every person's city and age: enough probes of :age that the step
	// switches to a hash join.
	const query = `SELECT ?c (SUM(?age) AS ?total) WHERE { ?p :city ?c . ?p :age ?age } GROUP BY ?c ORDER BY ?c`
	cache := eval.NewTableCache(1 << 20)
	v1 := versioned{dataset.NewMemory(build(2000)), 1}
	want := rows(t, v1, query, eval.Options{})
	for range 3 {
		if got := rows(t, v1, query, eval.Options{Tables: cache}); !slices.Equal(got, want) {
			t.Fatalf("with the cache:\n%v\nwant\n%v", got, want)
		}
	}
	hits, misses, bytes := cache.Stats()
	if hits < 2 || bytes == 0 {
		t.Fatalf("hits %d, misses %d, %d bytes: the later runs did not reuse the table", hits, misses, bytes)
	}
	// A newer generation with other data must not see the old tables.
	v2 := versioned{dataset.NewMemory(build(3000)), 2}
	want2 := rows(t, v2, query, eval.Options{})
	if slices.Equal(want2, want) {
		t.Fatal("the second data set gives the same answer: the test cannot tell the generations apart")
	}
	for range 2 {
		if got := rows(t, v2, query, eval.Options{Tables: cache}); !slices.Equal(got, want2) {
			t.Fatalf("after a new generation:\n%v\nwant\n%v", got, want2)
		}
	}
	// An older generation is never cached again over a newer one.
	if got := rows(t, v1, query, eval.Options{Tables: cache}); !slices.Equal(got, want) {
		t.Fatalf("old generation:\n%v\nwant\n%v", got, want)
	}
	// A cache too small for any table holds none and still answers.
	tiny := eval.NewTableCache(100)
	if got := rows(t, v1, query, eval.Options{Tables: tiny}); !slices.Equal(got, want) {
		t.Fatalf("tiny cache:\n%v\nwant\n%v", got, want)
	}
	if _, _, b := tiny.Stats(); b != 0 {
		t.Fatalf("a 100-byte cache holds %d bytes", b)
	}
}
