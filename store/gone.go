package store

import (
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// bucketGone keeps tombstones of IRIs that Compact dropped from the
// dictionary: the 8-byte hash of the stored term, mapped to uvarint ids like
// the term→id bucket. Lookup still finds such an IRI (under its old id, which
// no quad uses), so the server goes on answering 410 Gone rather than 404 for
// a resource that was deleted, as eval.Dataset describes, while the term
// itself no longer takes space. A term the store holds again gets a new id
// and wins over its tombstone. The bucket exists only in compacted files.
var bucketGone = []byte("dict:gone")

// goneLookup returns the id an IRI had before Compact dropped it, or 0.
// Without the term there is nothing to verify the hash against: an IRI
// never stored that shares the 64-bit hash of a dropped one would answer 410
// instead of 404, and nothing else.
func goneLookup(gone *bolt.Bucket, enc []byte, h uint64) uint64 {
	if gone == nil || len(enc) == 0 || enc[0] != tagIRI {
		return 0
	}
	v := gone.Get(hashKey(h))
	id, n := binary.Uvarint(v)
	if n <= 0 {
		return 0
	}
	return id
}

// buildGone writes the tombstones: the old ones and those of spec.gone,
// merged in hash order.
func buildGone(w *txWriter, spec *buildSpec) error {
	if _, err := w.tx.CreateBucketIfNotExists(bucketGone); err != nil {
		return err
	}
	w.use(bucketGone)
	add := spec.gone
	var c *bolt.Cursor
	var k, v []byte
	if old := spec.old.Bucket(bucketGone); old != nil {
		c = old.Cursor()
		k, v = c.First()
	}
	for k != nil || len(add) > 0 {
		var h uint64
		var val []byte
		if k != nil && (len(add) == 0 || binary.BigEndian.Uint64(k) <= add[0][0]) {
			if len(k) != 8 {
				return fmt.Errorf("%w: tombstone key %x", ErrCorrupt, k)
			}
			h, val = binary.BigEndian.Uint64(k), v
			k, v = c.Next()
		} else {
			h = add[0][0]
		}
		if len(add) > 0 && add[0][0] == h {
			val = slices.Clip(val)
			for len(add) > 0 && add[0][0] == h {
				val = binary.AppendUvarint(val, add[0][1])
				add = add[1:]
			}
		}
		if err := w.put(hashKey(h), val); err != nil {
			return err
		}
	}
	return nil
}
