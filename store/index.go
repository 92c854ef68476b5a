package store

import (
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

// choose returns the number of the index whose order puts the most bound
// components of the pattern first, and how many leading components are
// bound there. Any pattern with a bound component gets a prefix of at least
// one, so no bound pattern is answered by a full scan.
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

// mergeBlocks applies sorted, distinct tuples (in the index's order) to the
// bucket: inserting them when insert is true, deleting them otherwise. It
// calls changed for every tuple that was actually added or removed, in order.
// Each touched block is decoded, merged and re-split, so a bulk load into an
// empty range writes full blocks and a small write rewrites one block.
//
// Blocks are keyed by their last tuple so that the block holding a tuple is
// found by Seek alone. bbolt's Prev is not reliable within a write
// transaction that deleted a whole leaf's keys (the emptied node stays until
// commit and Prev reports it as the beginning), while Seek and Next skip
// such nodes. Last uses Prev too: after deleting every key of a bucket it
// never returns. So tuples past every block join the final block only when
// lastOK says the transaction has not deleted from the bucket; otherwise
// they form blocks of their own (a partial block that Compact repacks).
func mergeBlocks(b *bolt.Bucket, ts []tuple, insert, lastOK bool, changed func(t *tuple)) error {
	var keyBuf []byte
	var cur, out []tuple
	for i := 0; i < len(ts); {
		keyBuf = appendTuple(keyBuf[:0], &ts[i], 4)
		c := b.Cursor()
		// The block for ts[i] is the first whose last tuple is >= ts[i]. It
		// takes the tuples of ts up to its last one, or all the rest if it
		// is the final block; past every block, they join the final block.
		k, v := c.Seek(keyBuf)
		j := len(ts)
		if k != nil {
			last, err := readTuple(k)
			if err != nil {
				return fmt.Errorf("block key %x: %w", k, err)
			}
			if nk, _ := c.Next(); nk != nil {
				j = i + countUpTo(ts[i:], &last)
			}
		} else if lastOK {
			k, v = c.Last()
		}
		if j == i {
			return fmt.Errorf("%w: block %x sorts before %v", ErrCorrupt, k, ts[i])
		}
		cur = cur[:0]
		if k != nil {
			var err error
			if cur, err = decodeBlock(cur, v); err != nil {
				return fmt.Errorf("block %x: %w", k, err)
			}
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
		if err := splitBlocks(merged, func(last *tuple, value []byte) error {
			return b.Put(appendTuple(nil, last, 4), value)
		}); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// countUpTo returns the number of tuples in ts (sorted) that are <= bound.
func countUpTo(ts []tuple, bound *tuple) int {
	lo, hi := 0, len(ts)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if !bound.less(&ts[m]) {
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
