package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/stadleuven/maturity/rdf"
)

// termSet collects the distinct terms of a write batch, numbered in the order
// they were first seen, so that the dictionary is consulted once per term and
// not once per occurrence.
type termSet struct {
	idx   map[rdf.Term]uint32
	terms []rdf.Term
}

func newTermSet(capacity int) *termSet {
	return &termSet{idx: make(map[rdf.Term]uint32, capacity)}
}

// add returns the local number of t.
func (s *termSet) add(t rdf.Term) uint32 {
	if i, ok := s.idx[t]; ok {
		return i
	}
	i := uint32(len(s.terms))
	s.idx[t] = i
	s.terms = append(s.terms, t)
	return i
}

// encodedTerms holds the stored encodings and hashes of a slice of terms.
type encodedTerms struct {
	enc  [][]byte // sub-slices of one allocation, never reused (bbolt keeps them until commit)
	hash []uint64
}

func encodeTerms(terms []rdf.Term) (*encodedTerms, error) {
	size := 0
	for i := range terms {
		size += 8 + len(terms[i].Value) + len(terms[i].Lang) + len(terms[i].Datatype)
	}
	buf := make([]byte, 0, size)
	e := &encodedTerms{enc: make([][]byte, len(terms)), hash: make([]uint64, len(terms))}
	for i := range terms {
		start := len(buf)
		var err error
		if buf, err = appendTerm(buf, terms[i]); err != nil {
			return nil, err
		}
		e.enc[i] = buf[start:len(buf):len(buf)]
		e.hash[i] = hashTerm(e.enc[i])
	}
	return e, nil
}

// dictLookup finds the id of an encoded term, verifying every candidate of
// its hash against the id→term bucket so that a hash collision can never
// confuse two terms.
func dictLookup(i2t, t2i *bolt.Bucket, enc []byte, h uint64) (uint64, error) {
	if len(enc) == 1 && enc[0] == tagDefaultGraph {
		return defaultGraphID, nil
	}
	v := t2i.Get(hashKey(h))
	for len(v) > 0 {
		id, n := binary.Uvarint(v)
		if n <= 0 {
			return 0, fmt.Errorf("%w: bad id list under hash %016x", ErrCorrupt, h)
		}
		v = v[n:]
		stored := i2t.Get(appendID(nil, id))
		if stored == nil {
			return 0, fmt.Errorf("%w: hash %016x names id %d, which has no term", ErrCorrupt, h, id)
		}
		if bytes.Equal(stored, enc) {
			return id, nil
		}
	}
	return 0, nil
}

// resolveTerms returns the id of every term, in the same order. With assign,
// terms the store does not hold get new ids, numbered in the order given
// (first appearance keeps related terms close, which keeps index deltas
// small); without, they get 0. Hash lookups run in hash order, which turns
// the term→id bucket traffic of a large batch into a sequential walk.
func resolveTerms(tx *bolt.Tx, terms []rdf.Term, assign bool) ([]uint64, error) {
	e, err := encodeTerms(terms)
	if err != nil {
		return nil, err
	}
	i2t, t2i, meta := tx.Bucket(bucketI2T), tx.Bucket(bucketT2I), tx.Bucket(bucketMeta)
	order := make([]int32, len(terms))
	for i := range order {
		order[i] = int32(i)
	}
	// Ties (equal hashes) keep input order, so ids stay deterministic.
	byHash := func(a, b int32) int {
		return cmp.Or(cmp.Compare(e.hash[a], e.hash[b]), cmp.Compare(a, b))
	}
	slices.SortFunc(order, byHash)
	ids := make([]uint64, len(terms))
	var fresh []int32
	for _, i := range order {
		id, err := dictLookup(i2t, t2i, e.enc[i], e.hash[i])
		if err != nil {
			return nil, err
		}
		ids[i] = id
		if id == 0 && assign {
			fresh = append(fresh, i)
		}
	}
	if len(fresh) == 0 {
		return ids, nil
	}
	// Number new terms in input order; a term repeated in terms gets one id.
	slices.Sort(fresh)
	next := metaUint(meta, metaNextID)
	if next <= defaultGraphID {
		return nil, fmt.Errorf("%w: next id %d", ErrCorrupt, next)
	}
	seen := make(map[string]uint64)
	i2t.FillPercent = 1.0 // ids only grow: fill pages completely
	var added []int32
	for _, i := range fresh {
		if id, ok := seen[string(e.enc[i])]; ok {
			ids[i] = id
			continue
		}
		ids[i] = next
		seen[string(e.enc[i])] = next
		if err := i2t.Put(appendID(nil, next), e.enc[i]); err != nil {
			return nil, err
		}
		added = append(added, i)
		next++
	}
	if err := meta.Put(metaNextID, binary.AppendUvarint(nil, next)); err != nil {
		return nil, err
	}
	// Append the new ids to their hash entries, in hash order (an append to
	// the bucket in a fresh store, so fill its pages).
	t2i.FillPercent = 1.0
	slices.SortFunc(added, byHash)
	for k := 0; k < len(added); {
		h := e.hash[added[k]]
		key := hashKey(h)
		v := slices.Clone(t2i.Get(key))
		for ; k < len(added) && e.hash[added[k]] == h; k++ {
			v = binary.AppendUvarint(v, ids[added[k]])
		}
		if err := t2i.Put(key, v); err != nil {
			return nil, err
		}
	}
	return ids, nil
}
