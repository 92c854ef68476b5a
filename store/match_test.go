package store

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// TestMatchAllPatterns checks Match and Estimate for all sixteen bound and
// unbound combinations of s, p, o and g against a brute-force filter of the
// stored quads, with values taken from real quads and with unknown ids.
func TestMatchAllPatterns(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	r := rand.New(rand.NewPCG(1, 2))
	// Several batches, so blocks are split and merged by later writes.
	for range 4 {
		if err := s.Add(ctx, randomQuads(r, 1500)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	v := snapshot(t, s)
	var all [][4]uint64
	if err := v.Match(ctx, [4]uint64{}, func(q [4]uint64) bool { all = append(all, q); return true }); err != nil {
		t.Fatal(err)
	}
	if len(all) < 3000 {
		t.Fatalf("only %d distinct quads stored", len(all))
	}
	if est, _ := v.Estimate([4]uint64{}); est != uint64(len(all)) {
		t.Errorf("Estimate(all) = %d, want %d", est, len(all))
	}
	for mask := 0; mask < 16; mask++ {
		for trial := 0; trial < 25; trial++ {
			src := all[r.IntN(len(all))]
			var pat [4]uint64
			for c := 0; c < 4; c++ {
				if mask&(1<<c) != 0 {
					pat[c] = src[c]
					if trial%8 == 7 {
						pat[c] = 1 << 40 // an id no term has
					}
				}
			}
			want := 0
			wantSet := map[[4]uint64]bool{}
			for _, q := range all {
				ok := true
				for c := 0; c < 4; c++ {
					if pat[c] != 0 && q[c] != pat[c] {
						ok = false
					}
				}
				if ok {
					want++
					wantSet[q] = true
				}
			}
			got := 0
			var prev [4]uint64
			err := v.Match(ctx, pat, func(q [4]uint64) bool {
				if !wantSet[q] {
					t.Errorf("pattern %v: unexpected %v", pat, q)
				}
				if got > 0 && q == prev {
					t.Errorf("pattern %v: %v twice", pat, q)
				}
				prev = q
				got++
				return true
			})
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("pattern %v (mask %04b): %d quads, want %d", pat, mask, got, want)
			}
			est, err := v.Estimate(pat)
			if err != nil {
				t.Fatal(err)
			}
			if _, n := choose(pat); n == popcount(mask) {
				if est != uint64(want) {
					t.Errorf("pattern %v: estimate %d, want exactly %d", pat, est, want)
				}
			} else if est < uint64(want) {
				t.Errorf("pattern %v: estimate %d below the %d matches", pat, est, want)
			}
		}
	}
}

func popcount(mask int) int {
	n := 0
	for ; mask != 0; mask &= mask - 1 {
		n++
	}
	return n
}

// TestMatchStops checks that Match ends when yield returns false and when
// the context is cancelled mid-scan.
func TestMatchStops(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if err := s.Add(ctx, randomQuads(rand.New(rand.NewPCG(3, 4)), 5000)); err != nil {
		t.Fatal(err)
	}
	v := snapshot(t, s)
	n := 0
	if err := v.Match(ctx, [4]uint64{}, func([4]uint64) bool { n++; return n < 10 }); err != nil || n != 10 {
		t.Fatalf("stopped after %d quads, err %v; want 10, nil", n, err)
	}
	cctx, cancel := context.WithCancel(ctx)
	n = 0
	err := v.Match(cctx, [4]uint64{}, func([4]uint64) bool {
		if n++; n == 5 {
			cancel()
		}
		return true
	})
	if err != context.Canceled {
		t.Fatalf("err = %v after cancel, want context.Canceled", err)
	}
	if n > 5+scanBatch {
		t.Errorf("%d quads yielded after cancel", n-5)
	}
	err = v.Quads(cctx, rdf.Term{}, rdf.Term{}, rdf.Term{}, AnyGraph, func(rdf.Quad) bool { return true })
	if err != context.Canceled {
		t.Errorf("Quads on a cancelled context: %v", err)
	}
}

// TestQuadsGraphSelection checks the term-level API's graph selection.
func TestQuadsGraphSelection(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	qs := randomQuads(rand.New(rand.NewPCG(5, 6)), 800)
	if err := s.Add(ctx, qs); err != nil {
		t.Fatal(err)
	}
	g1 := rdf.IRI("http://example.org/g/1")
	tests := []struct {
		name string
		sel  GraphSel
		keep func(q rdf.Quad) bool
	}{
		{"any", AnyGraph, func(rdf.Quad) bool { return true }},
		{"default only", DefaultGraphOnly, func(q rdf.Quad) bool { return q.G.IsZero() }},
		{"graph zero", Graph(rdf.Term{}), func(q rdf.Quad) bool { return q.G.IsZero() }},
		{"named", Graph(g1), func(q rdf.Quad) bool { return q.G == g1 }},
		{"unknown", Graph(rdf.IRI("http://example.org/none")), func(rdf.Quad) bool { return false }},
	}
	subject := qs[0].S
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := map[rdf.Quad]bool{}
			for _, q := range qs {
				if q.S == subject && tc.keep(q) {
					want[q] = true
				}
			}
			v := snapshot(t, s)
			got := 0
			err := v.Quads(ctx, subject, rdf.Term{}, rdf.Term{}, tc.sel, func(q rdf.Quad) bool {
				if !want[q] {
					t.Errorf("unexpected %v", q)
				}
				got++
				return true
			})
			if err != nil {
				t.Fatal(err)
			}
			if got != len(want) {
				t.Errorf("%d quads, want %d", got, len(want))
			}
		})
	}
}

// TestSnapshotSharedByGoroutines reads one snapshot from several goroutines
// at once, as a parallel query plan does (run with -race).
func TestSnapshotSharedByGoroutines(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	qs := randomQuads(rand.New(rand.NewPCG(31, 32)), 3000)
	if err := s.Add(ctx, qs); err != nil {
		t.Fatal(err)
	}
	v := snapshot(t, s)
	want := len(allQuadsOf(t, v))
	done := make(chan int)
	for w := range 4 {
		go func() {
			n := 0
			err := v.Match(ctx, [4]uint64{}, func(q [4]uint64) bool {
				if _, err := v.Term(q[w%3]); err != nil {
					t.Error(err)
					return false
				}
				if _, ok, err := v.Lookup(qs[n%len(qs)].S); !ok || err != nil {
					t.Error("lookup failed", err)
					return false
				}
				n++
				return true
			})
			if err != nil {
				t.Error(err)
			}
			done <- n
		}()
	}
	for range 4 {
		if n := <-done; n != want {
			t.Errorf("goroutine saw %d quads, want %d", n, want)
		}
	}
}

func allQuadsOf(t *testing.T, v *Snapshot) [][4]uint64 {
	t.Helper()
	var all [][4]uint64
	if err := v.Match(context.Background(), [4]uint64{}, func(q [4]uint64) bool { all = append(all, q); return true }); err != nil {
		t.Fatal(err)
	}
	return all
}
