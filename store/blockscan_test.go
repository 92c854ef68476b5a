package store

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestDecodeRunMatchesBlockReader checks the block-at-a-time decoder
// against blockReader on random blocks, whole and cut at a prefix, and on
// every single-byte corruption of them: both must accept the same blocks
// and decode them alike.
func TestDecodeRunMatchesBlockReader(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 7))
	for trial := range 200 {
		n := 1 + r.IntN(300)
		max := uint64(1) << uint(4+r.IntN(37)) // room for 300 distinct tuples
		set := map[tuple]bool{}
		for len(set) < n {
			var tp tuple
			for c := range tp {
				tp[c] = 1 + r.Uint64N(max)
			}
			set[tp] = true
		}
		ts := make([]tuple, 0, n)
		for tp := range set {
			ts = append(ts, tp)
		}
		slices.SortFunc(ts, func(a, b tuple) int { return a.cmp(&b) })
		block := encodeBlock(ts)
		got, err := decodeRun(nil, block, nil, 0)
		if err != nil || !slices.Equal(got, ts) {
			t.Fatalf("trial %d: decodeRun = %d tuples, %v; want %d", trial, len(got), err, len(ts))
		}
		// Cut at the prefix of a tuple in the middle: everything up to
		// the last tuple with that prefix.
		mid := ts[len(ts)/2]
		plen := 1 + r.IntN(4)
		want := ts[:0:0]
		for i := range ts {
			if cmpPrefix(&ts[i], &mid, plen) <= 0 {
				want = append(want, ts[i])
			}
		}
		if got, err := decodeRun(got, block, &mid, plen); err != nil || !slices.Equal(got, want) {
			t.Fatalf("trial %d: cut at %v/%d: %d tuples, %v; want %d", trial, mid, plen, len(got), err, len(want))
		}
		if trial%10 != 0 {
			continue
		}
		for i := range block {
			bad := slices.Clone(block)
			bad[i] ^= byte(1 << uint(r.IntN(8)))
			ref, refErr := decodeBlock(nil, bad)
			got, err := decodeRun(nil, bad, nil, 0)
			if (err == nil) != (refErr == nil) || err == nil && !slices.Equal(got, ref) {
				t.Fatalf("trial %d, byte %d flipped: decodeRun %d tuples, %v; blockReader %d, %v", trial, i, len(got), err, len(ref), refErr)
			}
		}
	}
}
