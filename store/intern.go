package store

import (
	"cmp"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/stadleuven/maturity/rdf"
)

// termTable maps the terms of a bulk import to their store ids. It is an
// open-addressing hash table over the stored encodings, kept in one byte
// arena, so that a million terms cost about 70 bytes each and no pointers for
// the garbage collector to chase (a Go map of rdf.Term costs twice that, and
// every collection would scan it). Terms the store already holds are looked
// up in its dictionary once and remembered; new terms get the next ids in
// order of first appearance, as a one-transaction import gives them, which
// keeps the ids of related terms close and so the index deltas small.
type termTable struct {
	i2t, t2i *bolt.Bucket // the store's dictionary (nil buckets: empty store)
	slots    []int32      // entry number + 1; 0 is empty
	hashes   []uint64
	ids      []uint64
	offs     []uint32 // end offset of each entry's encoding in arena
	arena    []byte
	firstNew uint64 // the first id this import assigns
	next     uint64
	scratch  []byte
	// last caches the previous lookup: a graph name repeats on every quad.
	last   rdf.Term
	lastID uint64
	valid  bool
}

func newTermTable(i2t, t2i *bolt.Bucket, next uint64) *termTable {
	return &termTable{i2t: i2t, t2i: t2i, slots: make([]int32, 1<<16), firstNew: next, next: next}
}

// bytes is the table's memory.
func (t *termTable) bytes() int64 {
	return int64(cap(t.slots))*4 + int64(cap(t.hashes))*8 + int64(cap(t.ids))*8 + int64(cap(t.offs))*4 + int64(cap(t.arena))
}

// newTerms is the number of terms the import added.
func (t *termTable) newTerms() int { return int(t.next - t.firstNew) }

func (t *termTable) enc(i int) []byte {
	start := uint32(0)
	if i > 0 {
		start = t.offs[i-1]
	}
	return t.arena[start:t.offs[i]]
}

// id returns the store id of term, assigning one if the store lacks it.
func (t *termTable) id(term rdf.Term) (uint64, error) {
	if t.valid && term == t.last {
		return t.lastID, nil
	}
	if term.IsZero() {
		return defaultGraphID, nil
	}
	var err error
	if t.scratch, err = appendTerm(t.scratch[:0], term); err != nil {
		return 0, err
	}
	id, err := t.lookup(t.scratch)
	if err != nil {
		return 0, err
	}
	t.last, t.lastID, t.valid = term, id, true
	return id, nil
}

// lookup finds or adds the encoded term enc.
func (t *termTable) lookup(enc []byte) (uint64, error) {
	h := hashTerm(enc)
	mask := len(t.slots) - 1
	i := int(h) & mask
	for {
		e := t.slots[i]
		if e == 0 {
			break
		}
		if t.hashes[e-1] == h && string(t.enc(int(e-1))) == string(enc) {
			return t.ids[e-1], nil
		}
		i = (i + 1) & mask
	}
	id := uint64(0)
	if t.i2t != nil {
		var err error
		if id, err = dictLookup(t.i2t, t.t2i, enc, h); err != nil {
			return 0, err
		}
	}
	if id == 0 {
		id = t.next
		t.next++
	}
	t.hashes = append(t.hashes, h)
	t.ids = append(t.ids, id)
	t.arena = append(t.arena, enc...)
	t.offs = append(t.offs, uint32(len(t.arena)))
	t.slots[i] = int32(len(t.hashes))
	if len(t.hashes)*2 > len(t.slots) {
		t.grow()
	}
	return id, nil
}

func (t *termTable) grow() {
	slots := make([]int32, 2*len(t.slots))
	mask := len(slots) - 1
	for e, h := range t.hashes {
		i := int(h) & mask
		for slots[i] != 0 {
			i = (i + 1) & mask
		}
		slots[i] = int32(e + 1)
	}
	t.slots = slots
}

// fresh calls fn with each new term's id and encoding, in id order.
func (t *termTable) fresh(fn func(id uint64, enc []byte) error) error {
	for e, id := range t.ids {
		if id >= t.firstNew {
			if err := fn(id, t.enc(e)); err != nil {
				return err
			}
		}
	}
	return nil
}

// freshByHash returns the new terms' (hash, id) pairs sorted by hash, then
// id: the order of the term→id bucket.
func (t *termTable) freshByHash() [][2]uint64 {
	out := make([][2]uint64, 0, t.newTerms())
	for e, id := range t.ids {
		if id >= t.firstNew {
			out = append(out, [2]uint64{t.hashes[e], id})
		}
	}
	slices.SortFunc(out, func(a, b [2]uint64) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	return out
}
