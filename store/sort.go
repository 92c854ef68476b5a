package store

import (
	"math/bits"
	"slices"
)

// sortTuples sorts ts and drops duplicates. Large batches use an LSD radix
// sort over the bits the ids actually use (a bulk load sorts every batch
// four times, once per index, and radix passes beat comparison sorting by a
// wide margin there); passes in which every tuple has the same digit, such
// as the graph of a single-graph load, are skipped.
func sortTuples(ts []tuple) []tuple {
	if len(ts) < 4096 {
		slices.SortFunc(ts, func(a, b tuple) int { return a.cmp(&b) })
	} else {
		ts = radixSort(ts)
	}
	return dedupe(ts)
}

// dedupe removes adjacent duplicates in place.
func dedupe(ts []tuple) []tuple {
	if len(ts) < 2 {
		return ts
	}
	w := 1
	for r := 1; r < len(ts); r++ {
		if ts[r] != ts[w-1] {
			ts[w] = ts[r]
			w++
		}
	}
	return ts[:w]
}

const radixBits = 11

// radixSort sorts ts and returns the sorted slice, which may be a new one.
func radixSort(ts []tuple) []tuple { return radixSortWith(ts, make([]tuple, len(ts))) }

// radixSortWith sorts ts using buf (at least as long) as scratch space and
// returns the sorted slice: ts or buf[:len(ts)].
func radixSortWith(ts, buf []tuple) []tuple {
	var maxv [4]uint64
	for i := range ts {
		for c := 0; c < 4; c++ {
			maxv[c] |= ts[i][c]
		}
	}
	if len(ts) == 0 {
		return ts
	}
	src, dst := ts, buf[:len(ts)]
	var count [1 << radixBits]int
	for c := 3; c >= 0; c-- {
		width := bits.Len64(maxv[c])
		for shift := 0; shift < width; shift += radixBits {
			clear(count[:])
			for i := range src {
				count[(src[i][c]>>uint(shift))&(1<<radixBits-1)]++
			}
			if count[(src[0][c]>>uint(shift))&(1<<radixBits-1)] == len(src) {
				continue // every tuple has this digit: the pass would not move anything
			}
			sum := 0
			for d := range count {
				n := count[d]
				count[d] = sum
				sum += n
			}
			for i := range src {
				d := (src[i][c] >> uint(shift)) & (1<<radixBits - 1)
				dst[count[d]] = src[i]
				count[d]++
			}
			src, dst = dst, src
		}
	}
	return src
}
