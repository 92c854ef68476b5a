package voidstats

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/rdf"
)

// TestIDSet checks the bit set of Compute against a map, over dense ids,
// sparse ones above the bit set and repeats.
func TestIDSet(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var s idSet
	ref := map[uint64]bool{}
	for range 20000 {
		id := 1 + r.Uint64N(5000)
		if r.IntN(10) == 0 {
			id = idSetDense + r.Uint64N(1<<40)
		}
		s.add(id)
		ref[id] = true
	}
	if s.n != len(ref) {
		t.Fatalf("idSet counts %d, a map %d", s.n, len(ref))
	}
}

// TestComputeCounts checks the counts against ones made with maps over
// random data spread over graphs, with repeats across graphs.
func TestComputeCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	iri := func(kind string, n int) rdf.Term { return rdf.IRI(fmt.Sprintf("http://ex.org/%s%d", kind, n)) }
	var quads []rdf.Quad
	for range 3000 {
		s, o := iri("s", r.IntN(400)), iri("o", r.IntN(300))
		p := iri("p", r.IntN(5))
		if r.IntN(4) == 0 {
			p, o = rdf.IRI(rdf.RDFType), iri("C", r.IntN(3))
		}
		g := rdf.Term{}
		if r.IntN(2) == 0 {
			g = iri("g", r.IntN(4))
		}
		quads = append(quads, rdf.Quad{S: s, P: p, O: o, G: g})
	}
	v, err := readview.NewMemory(quads, rdf.Term{}).View(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	st, err := Compute(context.Background(), v)
	if err != nil {
		t.Fatal(err)
	}
	type spog struct{ s, p, o, g rdf.Term }
	set := map[spog]bool{}
	subj, obj := map[rdf.Term]bool{}, map[rdf.Term]bool{}
	inst := map[string]map[rdf.Term]bool{}
	for _, q := range quads {
		if set[spog{q.S, q.P, q.O, q.G}] {
			continue
		}
		set[spog{q.S, q.P, q.O, q.G}] = true
		subj[q.S], obj[q.O] = true, true
		if q.P.Value == rdf.RDFType {
			if inst[q.O.Value] == nil {
				inst[q.O.Value] = map[rdf.Term]bool{}
			}
			inst[q.O.Value][q.S] = true
		}
	}
	if st.Quads != len(set) || st.Subjects != len(subj) || st.Objects != len(obj) {
		t.Errorf("quads %d, subjects %d, objects %d; want %d, %d, %d", st.Quads, st.Subjects, st.Objects, len(set), len(subj), len(obj))
	}
	for c, m := range inst {
		if st.Classes[c] != len(m) {
			t.Errorf("class %s: %d instances, want %d", c, st.Classes[c], len(m))
		}
	}
}
