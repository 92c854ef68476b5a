package store

import (
	"bytes"
	"fmt"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// estimateBlocks caps how many blocks Estimate walks; past it (a million
// quads or more) the count is a lower bound. A lower cap of 512 blocks
// (about 100,000 quads) made the ranges of ten million triples look alike
// to the planner (838,000 and 230,000 both counted as 230,000), and a
// join then built a hash table of 838,000 quads for 400 probes. Counting
// a range costs a page walk per block (about a millisecond for 4,000
// blocks), so counts are cached per generation (estimateCache).
const estimateBlocks = 8192

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
	count, ok := v.store.estimates.get(v.gen, pattern)
	if !ok {
		var err error
		if count, err = countRange(v.idx[num], &prefix, n); err != nil {
			return 0, fmt.Errorf("store: estimate: %w", err)
		}
		v.store.estimates.put(v.gen, pattern, count)
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

// estimateCache keeps range counts for the snapshots of one generation:
// every query plans anew and asks for the same large ranges again.
type estimateCache struct {
	mu  sync.Mutex
	gen uint64
	m   map[[4]uint64]uint64
}

// estimateCacheMax bounds the counts kept (a few hundred KiB).
const estimateCacheMax = 1 << 14

func (c *estimateCache) get(gen uint64, pattern [4]uint64) (uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return 0, false
	}
	n, ok := c.m[pattern]
	return n, ok
}

func (c *estimateCache) put(gen uint64, pattern [4]uint64, n uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen < c.gen {
		return
	}
	if gen > c.gen || c.m == nil || len(c.m) >= estimateCacheMax {
		c.gen, c.m = gen, make(map[[4]uint64]uint64)
	}
	c.m[pattern] = n
}
