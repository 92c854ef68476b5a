package store

import (
	"bytes"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// index is one sort order of the quads. perm[i] names the quad component
// (0 s, 1 p, 2 o, 3 g) stored at position i of the index's tuples.
type index struct {
	name   string
	bucket []byte
	perm   [4]int
}

// indexes lists the four orders; see doc.go for why these four. The first is
// the primary: writes consult it to learn which quads are really new.
var indexes = [4]index{
	{"spog", []byte("ix:spog"), [4]int{0, 1, 2, 3}},
	{"posg", []byte("ix:posg"), [4]int{1, 2, 0, 3}},
	{"ospg", []byte("ix:ospg"), [4]int{2, 0, 1, 3}},
	{"gspo", []byte("ix:gspo"), [4]int{3, 0, 1, 2}},
}

// toIndex reorders a quad (s, p, o, g) into the index's order.
func (ix *index) toIndex(q tuple) tuple {
	return tuple{q[ix.perm[0]], q[ix.perm[1]], q[ix.perm[2]], q[ix.perm[3]]}
}

// toQuad is the inverse of toIndex.
func (ix *index) toQuad(t tuple) tuple {
	var q tuple
	for i, c := range ix.perm {
		q[c] = t[i]
	}
	return q
}

// choose returns the number of the index whose order puts the most bound components of the
// pattern first, and how many leading components are bound there. Every
// pattern gets a prefix of at least the length its best single order allows,
// so no bound pattern is answered by a full scan.
func choose(pattern [4]uint64) (ixNum, prefixLen int) {
	prefixLen = -1
	for i := range indexes {
		n := 0
		for n < 4 && pattern[indexes[i].perm[n]] != 0 {
			n++
		}
		if n > prefixLen {
			ixNum, prefixLen = i, n
		}
	}
	return ixNum, prefixLen
}

// locate positions c on the block that holds (or would hold) key: the last
// block whose first tuple is <= key, or the first block when key precedes
// them all. It returns nil when the bucket is empty.
func locate(c *bolt.Cursor, key []byte) (k, v []byte) {
	k, v = c.Seek(key)
	if k != nil && bytes.Equal(k, key) {
		return k, v
	}
	if pk, pv := c.Prev(); pk != nil {
		return pk, pv
	}
	return c.First()
}

// mergeBlocks applies sorted, distinct tuples (in the index's order) to the
// bucket: inserting them when insert is true, deleting them otherwise. It
// calls changed for every tuple that was actually added or removed, in order.
// Each touched block is decoded, merged and re-split, so a bulk load into an
// empty range writes full blocks and a small write rewrites one block.
func mergeBlocks(b *bolt.Bucket, ts []tuple, insert bool, changed func(t *tuple)) error {
	var keyBuf []byte
	var cur, out []tuple
	for i := 0; i < len(ts); {
		keyBuf = appendTuple(keyBuf[:0], &ts[i], 4)
		c := b.Cursor()
		k, v := locate(c, keyBuf)
		cur = cur[:0]
		var err error
		if k != nil {
			if cur, err = decodeBlock(cur, v); err != nil {
				return fmt.Errorf("block %x: %w", k, err)
			}
		}
		// The tuples of ts that belong to this block end before the next
		// block's first tuple.
		j := len(ts)
		if k != nil {
			if nk, _ := c.Next(); nk != nil {
				next, err := readTuple(nk)
				if err != nil {
					return fmt.Errorf("block key %x: %w", nk, err)
				}
				j = i + searchTuples(ts[i:], &next)
			}
		}
		if j == i {
			// Only when the located block is the first one and ts[i]
			// precedes it: that case is handled by the block itself, so j
			// cannot be i. Guard against a corrupt order anyway.
			return fmt.Errorf("%w: block order", ErrCorrupt)
		}
		n := 0
		merged := mergeRun(out[:0], cur, ts[i:j], insert, func(t *tuple) { n++; changed(t) })
		if len(cur) > 0 || !insert {
			out = merged // our buffer, reused; otherwise merged is ts itself
		}
		if n == 0 {
			i = j
			continue // nothing new or gone here: leave the page clean
		}
		if k != nil {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		if err := splitBlocks(merged, func(first *tuple, value []byte) error {
			return b.Put(appendTuple(nil, first, 4), value)
		}); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// searchTuples returns the number of tuples in ts (sorted) that are < bound.
func searchTuples(ts []tuple, bound *tuple) int {
	lo, hi := 0, len(ts)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ts[m].less(bound) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// mergeRun merges the sorted runs old and upd into dst: their union when
// insert, old minus upd otherwise. changed sees each tuple that made a
// difference.
func mergeRun(dst, old, upd []tuple, insert bool, changed func(t *tuple)) []tuple {
	if len(old) == 0 && insert {
		// A bulk load into an empty range: upd is the result, no copy.
		for i := range upd {
			changed(&upd[i])
		}
		return upd
	}
	dst = slices.Grow(dst, len(old)+len(upd))
	i, j := 0, 0
	for i < len(old) && j < len(upd) {
		switch old[i].cmp(&upd[j]) {
		case -1:
			dst = append(dst, old[i])
			i++
		case 1:
			if insert {
				dst = append(dst, upd[j])
				changed(&upd[j])
			}
			j++
		default:
			if insert {
				dst = append(dst, old[i])
			} else {
				changed(&upd[j])
			}
			i++
			j++
		}
	}
	dst = append(dst, old[i:]...)
	if insert {
		for ; j < len(upd); j++ {
			dst = append(dst, upd[j])
			changed(&upd[j])
		}
	}
	return dst
}
