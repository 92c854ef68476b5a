package store

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// appendID appends id in the key encoding: one length byte (1..8) and the
// minimal big-endian bytes. Comparing two encodings bytewise compares the
// numbers (a shorter length is a smaller number), and no encoding is a prefix
// of another, so the concatenation of several ids sorts like the tuple and a
// prefix scan over the first k ids is exact.
func appendID(b []byte, id uint64) []byte {
	n := idLen(id)
	b = append(b, byte(n))
	for i := n - 1; i >= 0; i-- {
		b = append(b, byte(id>>(8*uint(i))))
	}
	return b
}

// idLen is the number of big-endian bytes appendID writes for id (at least 1).
func idLen(id uint64) int {
	n := (bits.Len64(id) + 7) / 8
	if n == 0 {
		n = 1
	}
	return n
}

// readID decodes one id written by appendID and returns the rest of b.
func readID(b []byte) (uint64, []byte, error) {
	if len(b) == 0 {
		return 0, nil, fmt.Errorf("%w: empty id", ErrCorrupt)
	}
	n := int(b[0])
	if n < 1 || n > 8 || len(b) < 1+n {
		return 0, nil, fmt.Errorf("%w: bad id length %d", ErrCorrupt, n)
	}
	var id uint64
	for _, c := range b[1 : 1+n] {
		id = id<<8 | uint64(c)
	}
	if n > 1 && b[1] == 0 {
		return 0, nil, fmt.Errorf("%w: id not minimally encoded", ErrCorrupt)
	}
	return id, b[1+n:], nil
}

// appendTuple appends the key encoding of the first n components of t.
func appendTuple(b []byte, t *tuple, n int) []byte {
	for i := 0; i < n; i++ {
		b = appendID(b, t[i])
	}
	return b
}

// readTuple decodes a full four-id key.
func readTuple(b []byte) (tuple, error) {
	var t tuple
	var err error
	for i := range t {
		if t[i], b, err = readID(b); err != nil {
			return t, err
		}
	}
	if len(b) != 0 {
		return t, fmt.Errorf("%w: %d trailing key bytes", ErrCorrupt, len(b))
	}
	return t, nil
}

// hashKey is the 8-byte key of the term→id bucket.
func hashKey(h uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], h)
	return k[:]
}
