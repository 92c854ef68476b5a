package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// bucketGone keeps tombstones of IRIs that Compact dropped from the
// dictionary: the 64-bit hash of the stored term and the id it had. Lookup
// still finds such an IRI (under its old id, which no quad uses), so the
// server goes on answering 410 Gone rather than 404 for a resource that was
// deleted, as dataset.Dataset describes, while the term itself no longer takes
// space. A term the store holds again gets a new id and wins over its
// tombstone. The bucket exists only in compacted files.
//
// Tombstones are packed like index blocks, because a bbolt entry each
// (16 bytes of element header, the key, the id) would cost as much as half
// the terms they replace: a block of up to about blockTarget bytes holds
// (hash, id) pairs in hash order, each as the uvarint increase of the hash
// and the uvarint id (about 11 bytes), under the key of its last hash.
var bucketGone = []byte("dict:gone")

// goneLookup returns the id an IRI had before Compact dropped it, or 0.
// Without the term there is nothing to verify the hash against: an IRI
// never stored that shares the 64-bit hash of a dropped one would answer 410
// instead of 404, and nothing else.
func goneLookup(gone *bolt.Bucket, enc []byte, h uint64) uint64 {
	if gone == nil || len(enc) == 0 || enc[0] != tagIRI {
		return 0
	}
	k, v := gone.Cursor().Seek(hashKey(h))
	if k == nil {
		return 0
	}
	id := uint64(0)
	_ = goneEntries(v, func(hash, i uint64) bool {
		if hash >= h {
			if hash == h {
				id = i
			}
			return false
		}
		return true
	})
	return id
}

// goneEntries calls fn with the (hash, id) pairs of a tombstone block in
// order, until fn returns false.
func goneEntries(v []byte, fn func(hash, id uint64) bool) error {
	var h uint64
	for i := 0; len(v) > 0; i++ {
		d, n := binary.Uvarint(v)
		if n <= 0 || (i > 0 && d == 0) || h+d < h {
			return fmt.Errorf("%w: tombstone %d out of order", ErrCorrupt, i)
		}
		v = v[n:]
		id, m := binary.Uvarint(v)
		if m <= 0 {
			return fmt.Errorf("%w: tombstone %d truncated", ErrCorrupt, i)
		}
		v = v[m:]
		h += d
		if !fn(h, id) {
			return nil
		}
	}
	return nil
}

// buildGone writes the tombstones: the old ones and those of spec.gone,
// merged in hash order.
func buildGone(w *txWriter, spec *buildSpec) error {
	var all [][2]uint64
	if old := spec.old.Bucket(bucketGone); old != nil {
		err := old.ForEach(func(k, v []byte) error {
			return goneEntries(v, func(h, id uint64) bool {
				all = append(all, [2]uint64{h, id})
				return true
			})
		})
		if err != nil {
			return err
		}
	}
	all = append(all, spec.gone...)
	sortedPairs(all)
	if _, err := w.tx.CreateBucketIfNotExists(bucketGone); err != nil {
		return err
	}
	w.use(bucketGone)
	var block []byte
	var prev uint64
	for i, e := range all {
		if i > 0 && e[0] == all[i-1][0] {
			continue // one id per hash is enough to say 410
		}
		block = binary.AppendUvarint(block, e[0]-prev)
		block = binary.AppendUvarint(block, e[1])
		prev = e[0]
		if len(block) >= blockTarget || i == len(all)-1 {
			if err := w.put(hashKey(e[0]), block); err != nil {
				return err
			}
			block, prev = nil, 0
		}
	}
	return nil
}

// checkGone verifies the tombstone blocks: hashes increase, each key is its
// block's last hash, and every id was assigned and is not a live term's.
func (c *checker) checkGone() {
	gone := c.tx.Bucket(bucketGone)
	if gone == nil {
		return
	}
	var last []byte
	cur := gone.Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		var end uint64
		n := 0
		err := goneEntries(v, func(h, id uint64) bool {
			if n == 0 && last != nil && h <= binary.BigEndian.Uint64(last) {
				c.fail("tombstones: block %x overlaps its predecessor", k)
			}
			if id <= defaultGraphID || id >= c.nextID || c.has(id) {
				c.fail("tombstones: hash %016x names id %d, which is live or was never assigned", h, id)
			}
			end = h
			n++
			return true
		})
		switch {
		case err != nil:
			c.fail("tombstones: block %x: %v", k, err)
		case n == 0 || len(k) != 8 || !bytes.Equal(k, hashKey(end)):
			c.fail("tombstones: block key %x does not name its last entry", k)
		}
		last = k
	}
}
