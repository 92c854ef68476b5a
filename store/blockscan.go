package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Block-at-a-time reads. A query reads tens of thousands of quads per
// pattern; decoding them one call per tuple (blockReader.next, which
// returns a tuple by value, then a permutation and a callback per quad)
// took about 28 ns a quad. Decoding a whole block into a reused buffer,
// checking the range only in the first and last blocks, and handing the
// caller the block's quads as one slice takes about a third of that.

// decodeRun decodes block v into dst[:0], with blockReader's checks:
// tuples strictly increase, hold no zero id, and fill the block exactly.
// With a prefix (of plen components), it stops at the first tuple past the
// prefix, which it leaves out: a lookup of a few tuples in a block of a
// few hundred then decodes about half the block, as blockReader did.
func decodeRun(dst []tuple, v []byte, prefix *tuple, plen int) ([]tuple, error) {
	n, k := binary.Uvarint(v)
	if k <= 0 || n == 0 || n > uint64(len(v)) {
		return dst, fmt.Errorf("%w: bad block header", ErrCorrupt)
	}
	v = v[k:]
	if uint64(cap(dst)) < n {
		dst = make([]tuple, n)
	}
	dst = dst[:n]
	// The previous tuple lives in four variables rather than an array,
	// which the compiler keeps in registers.
	var a, b, c, d uint64
	for i := range dst {
		x, m := uvarint(v)
		if m <= 0 {
			return dst[:0], fmt.Errorf("%w: truncated block entry %d", ErrCorrupt, i)
		}
		v = v[m:]
		delta := x >> 2
		var old uint64
		switch x & 3 {
		case 0:
			old, a = a, a+delta
			b, m = uvarint(v)
			if m > 0 {
				v = v[m:]
				c, m = uvarint(v)
			}
			if m > 0 {
				v = v[m:]
				d, m = uvarint(v)
			}
		case 1:
			old, b = b, b+delta
			c, m = uvarint(v)
			if m > 0 {
				v = v[m:]
				d, m = uvarint(v)
			}
		case 2:
			old, c = c, c+delta
			d, m = uvarint(v)
		default:
			old, d = d, d+delta
			m = 0
		}
		if m < 0 || m == 0 && x&3 != 3 {
			return dst[:0], fmt.Errorf("%w: truncated block entry %d", ErrCorrupt, i)
		}
		v = v[m:]
		if delta == 0 || old+delta < old {
			return dst[:0], fmt.Errorf("%w: block entry %d out of order", ErrCorrupt, i)
		}
		if a == 0 || b == 0 || c == 0 || d == 0 {
			return dst[:0], fmt.Errorf("%w: zero id in block entry %d", ErrCorrupt, i)
		}
		dst[i] = tuple{a, b, c, d}
		if prefix != nil && cmpPrefix(&dst[i], prefix, plen) > 0 {
			return dst[:i], nil
		}
	}
	if len(v) != 0 {
		return dst[:0], fmt.Errorf("%w: %d trailing bytes in block", ErrCorrupt, len(v))
	}
	return dst, nil
}

// uvarint is binary.Uvarint with the one- and two-byte cases, which are
// most of a block's numbers, inline.
func uvarint(b []byte) (uint64, int) {
	if len(b) > 0 && b[0] < 0x80 {
		return uint64(b[0]), 1
	}
	if len(b) > 1 && b[1] < 0x80 {
		return uint64(b[0]&0x7f) | uint64(b[1])<<7, 2
	}
	return binary.Uvarint(b)
}

// scanRuns calls fn, in index order, with runs of the tuples of the index
// bucket whose first n components equal those of prefix (at most a block
// each, in a buffer fn must not keep), until fn returns false.
func scanRuns(ctx context.Context, b *bolt.Bucket, prefix *tuple, n int, buf []tuple, fn func(ts []tuple) bool) ([]tuple, error) {
	var keyBuf [4 * 9]byte
	start := appendTuple(keyBuf[:0], prefix, n)
	c := b.Cursor()
	first := true
	for k, v := c.Seek(start); k != nil; k, v = c.Next() {
		// A block whose last tuple (its key) has the prefix holds no
		// tuple past it; the others end the scan, and are decoded only
		// up to the end of the prefix range.
		last := !bytes.HasPrefix(k, start)
		var stop *tuple
		if last {
			stop = prefix
		}
		var err error
		if buf, err = decodeRun(buf, v, stop, n); err != nil {
			return buf, fmt.Errorf("store: block %x: %w", k, err)
		}
		ts := buf
		if first {
			// Only the first block may begin before the prefix.
			lo := 0
			for lo < len(ts) && cmpPrefix(&ts[lo], prefix, n) < 0 {
				lo++
			}
			ts = ts[lo:]
			first = false
		}
		if len(ts) > 0 && !fn(ts) || last {
			return buf, nil
		}
		if err := ctx.Err(); err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// runBuffers are the buffers of one MatchBlocks call, pooled per snapshot:
// a query makes thousands of point lookups, and a block's buffers are a
// few KiB each.
type runBuffers struct {
	tuples []tuple
	quads  [][4]uint64
}

// MatchBlocks is Match a block at a time: it calls yield with runs of the
// matching quads (s, p, o, g ids), in a buffer that is reused after yield
// returns, until yield returns false. Callers that copy or loop over many
// quads save a call per quad.
func (v *Snapshot) MatchBlocks(ctx context.Context, pattern [4]uint64, yield func(qs [][4]uint64) bool) error {
	if err := v.live(); err != nil {
		return err
	}
	num, n := choose(pattern)
	ix := &indexes[num]
	prefix := ix.toIndex(pattern)
	var filter [4]bool
	filtered := false
	for i := n; i < 4; i++ {
		filter[i] = prefix[i] != 0
		filtered = filtered || filter[i]
	}
	rb, _ := v.runs.Get().(*runBuffers)
	if rb == nil {
		rb = &runBuffers{}
	}
	defer v.runs.Put(rb)
	var matched int64
	defer func() { v.reads.Add(matched) }()
	var err error
	rb.tuples, err = scanRuns(ctx, v.idx[num], &prefix, n, rb.tuples, func(ts []tuple) bool {
		matched += int64(len(ts))
		if cap(rb.quads) < len(ts) {
			rb.quads = make([][4]uint64, len(ts))
		}
		out := rb.quads[:len(ts)]
		k := 0
		for i := range ts {
			t := &ts[i]
			if filtered && (filter[1] && t[1] != prefix[1] || filter[2] && t[2] != prefix[2] || filter[3] && t[3] != prefix[3]) {
				continue
			}
			// The inverse of each index's permutation (see indexes).
			switch num {
			case 0: // spog
				out[k] = *t
			case 1: // posg
				out[k] = [4]uint64{t[2], t[0], t[1], t[3]}
			case 2: // ospg
				out[k] = [4]uint64{t[1], t[2], t[0], t[3]}
			default: // gspo
				out[k] = [4]uint64{t[1], t[2], t[3], t[0]}
			}
			k++
		}
		return k == 0 || yield(out[:k])
	})
	return err
}
