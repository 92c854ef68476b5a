package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// estimateBlocks caps how many blocks Estimate walks; past it (some hundred
// thousand quads) the count is a lower bound, which is all a planner needs
// to know that the pattern is not selective.
const estimateBlocks = 512

// Estimate returns the number of quads matching the pattern: exact for a
// pattern that is a prefix of an index (up to estimateBlocks blocks), and an
// upper bound when further components are filtered. Blocks wholly inside the
// range are counted from their headers without decoding.
func (v *Snapshot) Estimate(pattern [4]uint64) (uint64, error) {
	if err := v.live(); err != nil {
		return 0, err
	}
	num, n := choose(pattern)
	if n == 0 {
		return v.quads, nil
	}
	ix := &indexes[num]
	if n == 1 && ix.perm[0] == 3 {
		return v.graphCount(pattern[3]), nil
	}
	prefix := ix.toIndex(pattern)
	count, err := countRange(v.idx[num], &prefix, n)
	if err != nil {
		return 0, fmt.Errorf("store: estimate: %w", err)
	}
	if g := pattern[3]; g != 0 && n < 4 && ix.perm[n-1] != 3 {
		count = min(count, v.graphCount(g))
	}
	return count, nil
}

// graphCount returns the stored number of quads in graph g.
func (v *Snapshot) graphCount(g uint64) uint64 {
	count, _ := decodeGraphInfo(v.graphs.Get(appendID(nil, g)))
	return uint64(count)
}

// countRange counts the tuples whose first n components equal prefix's. A
// block is wholly inside the range when its own last tuple and that of the
// block before it both have the prefix; such blocks are counted from their
// headers.
func countRange(b *bolt.Bucket, prefix *tuple, n int) (uint64, error) {
	start := appendTuple(nil, prefix, n)
	c := b.Cursor()
	var total uint64
	prevIn := false
	blocks := 0
	for k, v := c.Seek(start); k != nil && blocks < estimateBlocks; k, v = c.Next() {
		blocks++
		in := bytes.HasPrefix(k, start)
		if prevIn && in {
			cnt, err := blockCount(v)
			if err != nil {
				return 0, err
			}
			total += uint64(cnt)
			continue
		}
		r, err := newBlockReader(v)
		if err != nil {
			return 0, err
		}
		for {
			t, ok, err := r.next()
			if err != nil {
				return 0, err
			}
			if !ok {
				break
			}
			switch cmpPrefix(&t, prefix, n) {
			case 0:
				total++
			case 1:
				return total, nil
			}
		}
		prevIn = in
	}
	return total, nil
}
