package store

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// tuple is a quad of term ids in the component order of one index.
type tuple [4]uint64

// less reports whether a sorts before b.
func (a *tuple) less(b *tuple) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// cmp compares a and b like cmp.Compare.
func (a *tuple) cmp(b *tuple) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// Blocks: an index stores its sorted tuples in runs of a few hundred, each
// under the key of its last tuple. The value is
//
//	uvarint count, then per tuple uvarint(delta<<2 | k) and uvarint(t[j]) for j > k
//
// where k is the first component that differs from the previous tuple (the
// zero tuple before the first) and delta the (positive) increase there.
// Neighbours in a sorted index share leading ids, so a tuple costs 3 to 7
// bytes instead of bbolt's 16-byte element header plus a 10- to 20-byte key.

// blockTarget is the encoded size at which a block is split. A point lookup
// decodes at most one or two blocks, so this bounds its cost; it is also
// small enough that several blocks share a 4 KiB page.
const blockTarget = 960

// appendEntry appends the delta encoding of t after prev.
func appendEntry(b []byte, prev, t *tuple) []byte {
	k := 0
	for k < 3 && t[k] == prev[k] {
		k++
	}
	b = binary.AppendUvarint(b, (t[k]-prev[k])<<2|uint64(k))
	for j := k + 1; j < 4; j++ {
		b = binary.AppendUvarint(b, t[j])
	}
	return b
}

// encodeBlock returns a freshly allocated block value for ts (sorted,
// distinct). bbolt keeps a reference to values until commit, so a block's
// bytes are never reused.
func encodeBlock(ts []tuple) []byte {
	b := make([]byte, 0, 2+len(ts)*6)
	b = binary.AppendUvarint(b, uint64(len(ts)))
	var prev tuple
	for i := range ts {
		b = appendEntry(b, &prev, &ts[i])
		prev = ts[i]
	}
	return b
}

// blockCount returns the number of tuples in a block without decoding them.
func blockCount(v []byte) (int, error) {
	n, k := binary.Uvarint(v)
	if k <= 0 || n == 0 || n > uint64(len(v)) {
		return 0, fmt.Errorf("%w: bad block header", ErrCorrupt)
	}
	return int(n), nil
}

// blockReader decodes a block one tuple at a time, so that a scan can stop
// early and needs no buffer.
type blockReader struct {
	v    []byte
	left int // tuples not yet read
	i    int // tuples read
	prev tuple
}

func newBlockReader(v []byte) (blockReader, error) {
	n, err := blockCount(v)
	if err != nil {
		return blockReader{}, err
	}
	_, k := binary.Uvarint(v)
	return blockReader{v: v[k:], left: n}, nil
}

// next returns the next tuple, or false at the end of the block. It checks
// that tuples strictly increase and hold no zero id, which also rejects most
// random damage, and that nothing follows the last one.
func (r *blockReader) next() (tuple, bool, error) {
	if r.left == 0 {
		if len(r.v) != 0 {
			return tuple{}, false, fmt.Errorf("%w: %d trailing bytes in block", ErrCorrupt, len(r.v))
		}
		return tuple{}, false, nil
	}
	x, m := binary.Uvarint(r.v)
	if m <= 0 {
		return tuple{}, false, fmt.Errorf("%w: truncated block entry %d", ErrCorrupt, r.i)
	}
	r.v = r.v[m:]
	pos, delta := int(x&3), x>>2
	if delta == 0 || r.prev[pos]+delta < r.prev[pos] {
		return tuple{}, false, fmt.Errorf("%w: block entry %d out of order", ErrCorrupt, r.i)
	}
	t := r.prev
	t[pos] += delta
	for j := pos + 1; j < 4; j++ {
		if t[j], m = binary.Uvarint(r.v); m <= 0 {
			return tuple{}, false, fmt.Errorf("%w: truncated block entry %d", ErrCorrupt, r.i)
		}
		r.v = r.v[m:]
	}
	if t[0] == 0 || t[1] == 0 || t[2] == 0 || t[3] == 0 {
		return tuple{}, false, fmt.Errorf("%w: zero id in block entry %d", ErrCorrupt, r.i)
	}
	r.prev = t
	r.left--
	r.i++
	return t, true, nil
}

// decodeBlock appends the tuples of a block to dst.
func decodeBlock(dst []tuple, v []byte) ([]tuple, error) {
	r, err := newBlockReader(v)
	if err != nil {
		return dst, err
	}
	dst = slices.Grow(dst, r.left)
	for {
		t, ok, err := r.next()
		if err != nil || !ok {
			return dst, err
		}
		dst = append(dst, t)
	}
}

// splitBlocks cuts sorted tuples into blocks of about blockTarget encoded
// bytes, evenly, so that a block that just overflowed becomes two half-full
// ones rather than a full one and a sliver.
func splitBlocks(ts []tuple, emit func(last *tuple, value []byte) error) error {
	if len(ts) == 0 {
		return nil
	}
	// Measure the delta-encoded size of the run in one pass.
	var scratch [64]byte
	total := 0
	var prev tuple
	for i := range ts {
		total += len(appendEntry(scratch[:0], &prev, &ts[i]))
		prev = ts[i]
	}
	nblocks := (total + blockTarget - 1) / blockTarget
	per := (len(ts) + nblocks - 1) / nblocks
	for start := 0; start < len(ts); {
		end := min(start+per, len(ts))
		if err := emit(&ts[end-1], encodeBlock(ts[start:end])); err != nil {
			return err
		}
		start = end
	}
	return nil
}
