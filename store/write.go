package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/stadleuven/maturity/rdf"
)

// writer applies quad changes inside one bbolt write transaction and keeps
// the per-graph and total counts that the transaction must update with them.
type writer struct {
	tx      *bolt.Tx
	graphs  map[uint64]int64 // quad count delta per graph id
	touched map[uint64]bool  // graphs to stamp with the commit time
	quads   int64
	deleted bool // the transaction deleted quads (see mergeBlocks on Last)
}

func newWriter(tx *bolt.Tx) *writer {
	return &writer{tx: tx, graphs: map[uint64]int64{}, touched: map[uint64]bool{}}
}

// apply inserts (or deletes) quads given as (s, p, o, g) id tuples. The
// primary index decides which quads really change; only those go to the
// other three indexes, which must then agree, or the store is corrupt.
func (w *writer) apply(qs []tuple, insert bool) error {
	if len(qs) == 0 {
		return nil
	}
	// Sorting dominates on large batches and needs no transaction: sort all
	// four orders in parallel while the primary index is merged. The other
	// orders are re-sorted only if some quads turn out not to change.
	var sorted [len(indexes)][]tuple
	var wg sync.WaitGroup
	// sortOthers copies src into the other orders (before the caller may
	// sort src in place) and sorts the copies in the background.
	sortOthers := func(src []tuple) {
		for i := 1; i < len(indexes); i++ {
			ix := &indexes[i]
			ts := make([]tuple, len(src))
			for j := range src {
				ts[j] = ix.toIndex(src[j])
			}
			wg.Go(func() { sorted[i] = sortTuples(ts) })
		}
	}
	if len(qs) >= parallelSort {
		sortOthers(qs)
	}
	qs = sortTuples(qs)
	eff := make([]tuple, 0, len(qs))
	primary := w.tx.Bucket(indexes[0].bucket)
	primary.FillPercent = 1.0
	if !insert {
		w.deleted = true
	}
	err := mergeBlocks(primary, qs, insert, !w.deleted, func(t *tuple) { eff = append(eff, *t) })
	wg.Wait()
	if err != nil {
		return fmt.Errorf("index %s: %w", indexes[0].name, err)
	}
	if len(eff) == 0 {
		return nil
	}
	if len(eff) != len(qs) || len(qs) < parallelSort {
		sortOthers(eff)
		wg.Wait()
	}
	for i := 1; i < len(indexes); i++ {
		ix := &indexes[i]
		b := w.tx.Bucket(ix.bucket)
		b.FillPercent = 1.0
		n := 0
		if err := mergeBlocks(b, sorted[i], insert, !w.deleted, func(*tuple) { n++ }); err != nil {
			return fmt.Errorf("index %s: %w", ix.name, err)
		}
		if n != len(eff) {
			return fmt.Errorf("%w: index %s changed %d quads where %s changed %d", ErrCorrupt, ix.name, n, indexes[0].name, len(eff))
		}
	}
	sign := int64(1)
	if !insert {
		sign = -1
	}
	for i := range eff {
		w.graphs[eff[i][3]] += sign
		w.touched[eff[i][3]] = true
	}
	w.quads += sign * int64(len(eff))
	return nil
}

// parallelSort is the batch size from which apply sorts the secondary
// orders in parallel with the primary merge, betting that most quads change
// (as in a bulk load); smaller batches are not worth the goroutines.
const parallelSort = 1 << 14

// touch marks a graph as modified even if no quad changed (ReplaceGraph).
func (w *writer) touch(g uint64) { w.touched[g] = true }

// finish writes the counts, the graphs' modification times and the next
// generation. It leaves the generation alone when nothing changed.
func (w *writer) finish(now time.Time) error {
	if len(w.touched) == 0 {
		return nil
	}
	gb := w.tx.Bucket(bucketGraphs)
	for g := range w.touched {
		key := appendID(nil, g)
		count, _ := decodeGraphInfo(gb.Get(key))
		count += w.graphs[g]
		if count < 0 {
			return fmt.Errorf("%w: graph %d count below zero", ErrCorrupt, g)
		}
		if err := gb.Put(key, encodeGraphInfo(count, now)); err != nil {
			return err
		}
	}
	m := w.tx.Bucket(bucketMeta)
	total := int64(metaUint(m, metaQuads)) + w.quads
	if total < 0 {
		return fmt.Errorf("%w: quad count below zero", ErrCorrupt)
	}
	if err := m.Put(metaQuads, binary.AppendUvarint(nil, uint64(total))); err != nil {
		return err
	}
	return m.Put(metaGen, binary.AppendUvarint(nil, metaUint(m, metaGen)+1))
}

// encodeGraphInfo and decodeGraphInfo give the value of a graphs entry.
func encodeGraphInfo(count int64, modified time.Time) []byte {
	b := binary.AppendUvarint(nil, uint64(count))
	return binary.BigEndian.AppendUint64(b, uint64(modified.UnixNano()))
}

func decodeGraphInfo(v []byte) (count int64, modified time.Time) {
	if len(v) == 0 {
		return 0, time.Time{}
	}
	c, n := binary.Uvarint(v)
	if n <= 0 || len(v) != n+8 {
		return 0, time.Time{}
	}
	return int64(c), time.Unix(0, int64(binary.BigEndian.Uint64(v[n:])))
}

// validQuad rejects quads no RDF dataset can hold.
func validQuad(q *rdf.Quad) error {
	switch {
	case q.S.IsZero() || q.P.IsZero() || q.O.IsZero():
		return fmt.Errorf("%w: missing subject, predicate or object in %v", ErrBadTerm, q)
	case q.G.IsLiteral():
		return fmt.Errorf("%w: literal graph name in %v", ErrBadTerm, q)
	}
	return nil
}

// encodeQuads turns quads into id tuples, assigning ids when assign is set.
// Without assign, quads with a term the store never held are dropped (they
// cannot be stored). graph, when not nil, overrides every quad's graph.
func encodeQuads(tx *bolt.Tx, quads []rdf.Quad, graph *rdf.Term, assign bool) ([]tuple, error) {
	set := newTermSet(len(quads))
	local := make([][4]uint32, len(quads))
	for i := range quads {
		q := quads[i]
		if graph != nil {
			q.G = *graph
		}
		if err := validQuad(&q); err != nil {
			return nil, err
		}
		local[i] = [4]uint32{set.add(q.S), set.add(q.P), set.add(q.O), set.add(q.G)}
	}
	ids, err := resolveTerms(tx, set.terms, assign)
	if err != nil {
		return nil, err
	}
	out := make([]tuple, 0, len(quads))
next:
	for _, l := range local {
		var t tuple
		for c := range t {
			if t[c] = ids[l[c]]; t[c] == 0 {
				continue next
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// update runs fn in a write transaction and commits when fn and the final
// bookkeeping succeed; the context is checked before commit so that a
// cancelled write leaves nothing behind.
func (s *Store) update(ctx context.Context, op string, fn func(w *writer) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	h, err := s.acquire()
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	defer h.release()
	err = h.db.Update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		if err := fn(w); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return w.finish(time.Now())
	})
	if err != nil {
		if errors.Is(err, berrors.ErrDatabaseReadOnly) || errors.Is(err, berrors.ErrTxNotWritable) {
			err = ErrReadOnly
		}
		return fmt.Errorf("store: %s: %w", op, err)
	}
	return nil
}

// Add adds quads in one transaction; quads already present are ignored.
func (s *Store) Add(ctx context.Context, quads []rdf.Quad) error {
	return s.update(ctx, "add", func(w *writer) error {
		ts, err := encodeQuads(w.tx, quads, nil, true)
		if err != nil {
			return err
		}
		return w.apply(ts, true)
	})
}

// Remove removes quads in one transaction; absent quads are ignored. Terms
// stay in the dictionary (their ids remain valid, see dataset.Dataset).
func (s *Store) Remove(ctx context.Context, quads []rdf.Quad) error {
	return s.update(ctx, "remove", func(w *writer) error {
		ts, err := encodeQuads(w.tx, quads, nil, false)
		if err != nil {
			return err
		}
		return w.apply(ts, false)
	})
}

// ReplaceGraph makes graph g hold exactly quads (their own graph is ignored),
// atomically: a reader sees the old graph or the new one, never a mix. The
// zero Term names the default graph.
func (s *Store) ReplaceGraph(ctx context.Context, g rdf.Term, quads []rdf.Quad) error {
	if g.IsLiteral() {
		return fmt.Errorf("store: replace graph: %w: literal graph name", ErrBadTerm)
	}
	return s.update(ctx, "replace graph "+g.String(), func(w *writer) error {
		return w.replaceGraphs(ctx, []GraphContent{{Graph: g, Quads: quads}})
	})
}

// ClearGraph removes every quad of graph g (the zero Term: the default graph).
func (s *Store) ClearGraph(ctx context.Context, g rdf.Term) error {
	return s.update(ctx, "clear graph "+g.String(), func(w *writer) error {
		return w.clearGraph(ctx, g)
	})
}

// clearGraph deletes the quads of g, read from the graph-first index.
func (w *writer) clearGraph(ctx context.Context, g rdf.Term) error {
	ids, err := resolveTerms(w.tx, []rdf.Term{g}, false)
	if err != nil {
		return err
	}
	gid := ids[0]
	if gid == 0 {
		return nil
	}
	gspo := &indexes[3]
	var qs []tuple
	prefix := tuple{gid}
	err = scan(ctx, w.tx.Bucket(gspo.bucket), &prefix, 1, func(t *tuple) bool {
		qs = append(qs, gspo.toQuad(*t))
		return true
	})
	if err != nil {
		return err
	}
	w.touch(gid)
	return w.apply(qs, false)
}
