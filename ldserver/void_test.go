package ldserver

import (
	"context"
	"math/rand/v2"
	"testing"
)

// TestIDSet checks the bit set of computeStats against a map, over dense
// ids, sparse ones above the bit set and repeats.
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

// TestStatsCounts checks the VoID statistics against counts made with
// maps over the test data.
func TestStatsCounts(t *testing.T) {
	env := newTestEnv(t, nil, nil)
	v, err := env.src.View(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	rd := newReader(context.Background(), v)
	st, err := computeStats(rd)
	if err != nil {
		t.Fatal(err)
	}
	typ, _ := rd.iriID("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
	subj, obj := map[uint64]bool{}, map[uint64]bool{}
	inst := map[uint64]map[uint64]bool{}
	n := 0
	_ = v.Match(context.Background(), [4]uint64{}, func(q [4]uint64) bool {
		n++
		subj[q[0]], obj[q[2]] = true, true
		if q[1] == typ {
			if inst[q[2]] == nil {
				inst[q[2]] = map[uint64]bool{}
			}
			inst[q[2]][q[0]] = true
		}
		return true
	})
	if st.quads != n || st.subjects != len(subj) || st.objects != len(obj) {
		t.Errorf("quads %d, subjects %d, objects %d; want %d, %d, %d", st.quads, st.subjects, st.objects, n, len(subj), len(obj))
	}
	if len(subj) < 100 {
		t.Fatalf("only %d subjects: the test data is too small to tell", len(subj))
	}
	for c, m := range inst {
		ct, _ := rd.term(c)
		if ct.IsIRI() && st.classes[ct.Value] != len(m) {
			t.Errorf("class %s: %d instances, want %d", ct.Value, st.classes[ct.Value], len(m))
		}
	}
}
