package store

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"

	"github.com/stadleuven/maturity/rdf"
)

// Snapshot is a consistent read view of the store: a bbolt read transaction.
// It implements dataset.Dataset (without importing it). Its methods may be called
// from several goroutines at once (every bucket is opened up front, and
// read-only cursors share nothing). Close it promptly: see doc.go for how
// long-lived snapshots interact with writers.
type Snapshot struct {
	store  *Store
	h      *handle
	tx     *bolt.Tx
	path   string
	i2t    *bolt.Bucket
	t2i    *bolt.Bucket
	gone   *bolt.Bucket // nil unless compacted
	graphs *bolt.Bucket
	idx    [len(indexes)]*bolt.Bucket
	gen    uint64
	quads  uint64
	nextID uint64
	closed atomic.Bool
	// runs pools the buffers of MatchBlocks (blockscan.go).
	runs sync.Pool
	// reads counts quads matched and terms decoded, to release the mapped
	// pages after a large scan (Close).
	reads atomic.Int64
}

// releaseAfter is the number of reads after which closing a snapshot drops
// the store file's pages from the resident set: a dump or a full scan
// touches a large part of the file, and the server's RSS would keep it.
const releaseAfter = 1 << 22

// Snapshot opens a read view. The caller must Close it.
func (s *Store) Snapshot() (*Snapshot, error) {
	h, err := s.acquire()
	if err != nil {
		return nil, fmt.Errorf("store: snapshot: %w", err)
	}
	tx, err := h.db.Begin(false)
	if err != nil {
		h.release()
		return nil, fmt.Errorf("store: snapshot: %w", err)
	}
	s.snaps.Add(1)
	v := &Snapshot{
		store:  s,
		h:      h,
		tx:     tx,
		path:   s.path,
		i2t:    tx.Bucket(bucketI2T),
		t2i:    tx.Bucket(bucketT2I),
		gone:   tx.Bucket(bucketGone),
		graphs: tx.Bucket(bucketGraphs),
	}
	for i := range indexes {
		v.idx[i] = tx.Bucket(indexes[i].bucket)
	}
	m := tx.Bucket(bucketMeta)
	v.gen, v.quads, v.nextID = metaUint(m, metaGen), metaUint(m, metaQuads), metaUint(m, metaNextID)
	return v, nil
}

// Close ends the read transaction. It is safe to call more than once.
func (v *Snapshot) Close() error {
	if v.closed.Swap(true) {
		return nil
	}
	defer v.store.snaps.Add(-1)
	if v.reads.Load() >= releaseAfter {
		releaseMapped(v.tx.DB(), v.tx)
	}
	err := v.tx.Rollback()
	v.h.release()
	if err != nil {
		return fmt.Errorf("store: close snapshot: %w", err)
	}
	return nil
}

// live returns ErrClosed once the snapshot is closed: bbolt would fault on
// a finished transaction.
func (v *Snapshot) live() error {
	if v.closed.Load() {
		return ErrClosed
	}
	return nil
}

// Generation increases with every committed write that changed a quad, so
// equal generations mean equal data (dump regeneration, ETags).
func (v *Snapshot) Generation() uint64 { return v.gen }

// Lookup returns the id of t without assigning one. The zero Term (the
// default graph) has a reserved id.
func (v *Snapshot) Lookup(t rdf.Term) (uint64, bool, error) {
	if err := v.live(); err != nil {
		return 0, false, err
	}
	if t.IsZero() {
		return defaultGraphID, true, nil
	}
	enc, err := appendTerm(nil, t)
	if err != nil {
		return 0, false, fmt.Errorf("store: lookup: %w", err)
	}
	h := hashTerm(enc)
	id, err := dictLookup(v.i2t, v.t2i, enc, h)
	if err != nil {
		return 0, false, fmt.Errorf("store: lookup %v: %w", t, err)
	}
	if id == 0 {
		id = goneLookup(v.gone, enc, h)
	}
	return id, id != 0, nil
}

// Term returns the term of an id.
func (v *Snapshot) Term(id uint64) (rdf.Term, error) {
	if err := v.live(); err != nil {
		return rdf.Term{}, err
	}
	v.reads.Add(1)
	var kb [9]byte
	b := v.i2t.Get(appendID(kb[:0], id))
	if b == nil {
		return rdf.Term{}, fmt.Errorf("%w: %d", ErrUnknownID, id)
	}
	t, err := decodeTerm(b)
	if err != nil {
		return rdf.Term{}, fmt.Errorf("store: term %d: %w", id, err)
	}
	return t, nil
}

// Match calls yield with each quad (s, p, o, g ids) matching the pattern,
// where 0 matches anything and a graph of 0 means every graph, the default
// graph included. The quads come from one range scan of the index that
// binds the longest prefix; other bound components are filtered.
func (v *Snapshot) Match(ctx context.Context, pattern [4]uint64, yield func(q [4]uint64) bool) error {
	var err error
	seen := 0
	serr := v.MatchBlocks(ctx, pattern, func(qs [][4]uint64) bool {
		for _, q := range qs {
			if seen++; seen%scanBatch == 0 {
				if err = ctx.Err(); err != nil {
					return false
				}
			}
			if !yield(q) {
				return false
			}
		}
		return true
	})
	if serr != nil {
		return serr
	}
	return err
}

// Graphs calls yield with the id of every named graph that holds quads.
func (v *Snapshot) Graphs(ctx context.Context, yield func(g uint64) bool) error {
	if err := v.live(); err != nil {
		return err
	}
	c := v.graphs.Cursor()
	for k, val := c.First(); k != nil; k, val = c.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		id, _, err := readID(k)
		if err != nil {
			return fmt.Errorf("store: graphs: %w", err)
		}
		if count, _ := decodeGraphInfo(val); id == defaultGraphID || count == 0 {
			continue
		}
		if !yield(id) {
			return nil
		}
	}
	return nil
}
