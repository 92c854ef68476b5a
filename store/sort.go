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

// packedSort sorts ts and removes duplicates like dedupe(radixSortWith(ts,
// scratch)), but on keys of two words: each component takes only the bits
// its largest id needs, so that a quad of ids below 2^32 sorts as 16 bytes
// instead of 32, halving the memory the radix passes move. keys and spare
// must be as long as ts. It reports false, having done nothing, when the
// components need more than 128 bits together.
func packedSort(ts []tuple, keys, spare [][2]uint64) ([]tuple, bool) {
	var maxv [4]uint64
	for i := range ts {
		for c := range 4 {
			maxv[c] |= ts[i][c]
		}
	}
	var width [4]uint
	total := uint(0)
	for c := range 4 {
		width[c] = uint(bits.Len64(maxv[c]))
		total += width[c]
	}
	if total > 128 {
		return ts, false
	}
	// Component c occupies bits [off[c], off[c]+width[c]) counted from the
	// top of the 128-bit key, so that keys compare like the tuples.
	var off [4]uint
	for c, o := 0, uint(0); c < 4; c++ {
		off[c] = o
		o += width[c]
	}
	put := func(k *[2]uint64, v uint64, off, w uint) {
		if w == 0 {
			return
		}
		shift := 128 - off - w // position of the lowest bit
		if shift >= 64 {
			k[0] |= v << (shift - 64)
			return
		}
		k[1] |= v << shift
		if shift+w > 64 {
			k[0] |= v >> (64 - shift)
		}
	}
	get := func(k *[2]uint64, off, w uint) uint64 {
		if w == 0 {
			return 0
		}
		shift := 128 - off - w
		mask := uint64(1)<<w - 1
		if w == 64 {
			mask = ^uint64(0)
		}
		if shift >= 64 {
			return k[0] >> (shift - 64) & mask
		}
		v := k[1] >> shift
		if shift+w > 64 {
			v |= k[0] << (64 - shift)
		}
		return v & mask
	}
	keys = keys[:len(ts)]
	for i := range ts {
		var k [2]uint64
		for c := range 4 {
			put(&k, ts[i][c], off[c], width[c])
		}
		keys[i] = k
	}
	sorted := radixSort2(keys, spare[:len(ts)], total)
	n := 0
	for i := range sorted {
		if i > 0 && sorted[i] == sorted[i-1] {
			continue
		}
		var t tuple
		for c := range 4 {
			t[c] = get(&sorted[i], off[c], width[c])
		}
		ts[n] = t
		n++
	}
	return ts[:n], true
}

// radixSort2 sorts two-word keys whose low 128-bits bits are used, LSD, and
// returns the sorted slice (keys or buf).
func radixSort2(keys, buf [][2]uint64, bitsUsed uint) [][2]uint64 {
	src, dst := keys, buf
	var count [1 << radixBits]int
	for shift := uint(128 - bitsUsed); shift < 128; shift += radixBits {
		w, s := 1, shift // word and shift within it
		if shift >= 64 {
			w, s = 0, shift-64
		}
		digit := func(k *[2]uint64) uint64 {
			d := k[w] >> s
			if s+radixBits > 64 && w == 1 {
				d |= k[0] << (64 - s)
			}
			return d & (1<<radixBits - 1)
		}
		clear(count[:])
		for i := range src {
			count[digit(&src[i])]++
		}
		if count[digit(&src[0])] == len(src) {
			continue
		}
		sum := 0
		for d := range count {
			n := count[d]
			count[d] = sum
			sum += n
		}
		for i := range src {
			d := digit(&src[i])
			dst[count[d]] = src[i]
			count[d]++
		}
		src, dst = dst, src
	}
	return src
}
