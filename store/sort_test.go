package store

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPackedSort checks the two-word radix sort against a comparison sort,
// for ids of every width up to the 128 bits it takes, and that wider ids
// are left to the caller.
func TestPackedSort(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, widths := range [][4]uint{{1, 1, 1, 1}, {20, 7, 20, 1}, {32, 32, 32, 32}, {40, 3, 50, 30}, {11, 11, 11, 11}, {0, 64, 0, 64}, {63, 1, 1, 63}} {
		for _, n := range []int{1, 2, 100, 5000} {
			ts := make([]tuple, n)
			for i := range ts {
				for c := range 4 {
					if widths[c] > 0 {
						ts[i][c] = r.Uint64() >> (64 - widths[c])
					}
				}
				if i > 0 && r.IntN(5) == 0 {
					ts[i] = ts[r.IntN(i)] // duplicates
				}
			}
			want := slices.Clone(ts)
			slices.SortFunc(want, func(a, b tuple) int { return a.cmp(&b) })
			want = dedupe(want)
			got, ok := packedSort(slices.Clone(ts), make([][2]uint64, n), make([][2]uint64, n))
			if !ok {
				t.Fatalf("widths %v: refused", widths)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("widths %v, %d tuples: sorted wrongly", widths, n)
			}
		}
	}
	wide := []tuple{{1 << 40, 1 << 40, 1 << 40, 1 << 40}}
	if _, ok := packedSort(wide, make([][2]uint64, 1), make([][2]uint64, 1)); ok {
		t.Error("164 bits of ids accepted")
	}
}

// TestSpillerRuns checks the runs a spiller writes, for narrow ids (the
// packed sort) and ids too wide to pack: each run is its buffer's quads in
// one index order, sorted and without duplicates.
func TestSpillerRuns(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, shift := range []uint{44, 10} { // 4×20 bits, 4×54 bits
		sp := newSpiller(t.TempDir()+"/s.db", 1) // the smallest buffer: 4096 quads
		var all []tuple
		for range 10000 {
			q := tuple{r.Uint64()>>shift | 1, r.Uint64()>>shift | 1, r.Uint64()>>shift | 1, r.Uint64()>>shift | 1}
			if len(all) > 0 && r.IntN(4) == 0 {
				q = all[r.IntN(len(all))]
			}
			all = append(all, q)
			if err := sp.add(q); err != nil {
				t.Fatal(err)
			}
		}
		if err := sp.finish(); err != nil {
			t.Fatal(err)
		}
		for i := range indexes {
			if len(sp.runs[i]) != 3 {
				t.Fatalf("%d runs, want 3", len(sp.runs[i]))
			}
			for k, run := range sp.runs[i] {
				end := min((k+1)*4096, len(all))
				want := make([]tuple, 0, 4096)
				for _, q := range all[k*4096 : end] {
					want = append(want, indexes[i].toIndex(q))
				}
				slices.SortFunc(want, func(a, b tuple) int { return a.cmp(&b) })
				want = dedupe(want)
				rr, err := newRunReader(run)
				if err != nil {
					t.Fatal(err)
				}
				var got []tuple
				for {
					q, ok, err := rr.next()
					if err != nil {
						t.Fatal(err)
					}
					if !ok {
						break
					}
					got = append(got, q)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("shift %d, index %s, run %d: %d tuples, want %d", shift, indexes[i].name, k, len(got), len(want))
				}
			}
		}
		sp.close()
	}
}
