package store

import (
	"context"
	"log/slog"
	"time"

	"github.com/stadleuven/maturity/rdf"
)

// Bulk import (see doc.go, "Imports"): terms get their store ids as they
// come (termTable), quads are gathered in a buffer of fixed size, and each
// full buffer is sorted in the four index orders and spilled as four runs.
// A new store file is then built from the old one and the runs (build.go)
// and renamed over it.

// spillShare is the part of the memory budget that the quad buffer (32
// bytes a quad) and the sort's two key buffers (16 bytes each) take. The
// term table, the parser and bbolt's pages of the build share the rest.
const spillShare = 0.25

// termShare is the part of the budget the term table may fill before it
// spills its new terms to disk (intern.go).
const termShare = 0.3

// spiller gathers quads (in s, p, o, g order) and spills sorted runs.
type spiller struct {
	dir, base  string
	buf        []tuple
	keys, more [][2]uint64 // packedSort's buffers, allocated at the first spill
	wide       []tuple     // radixSortWith's, for ids too wide to pack
	runs       [len(indexes)][]*run
	spilled    int64
}

func newSpiller(path string, budget int64) *spiller {
	dir, base := tempBase(path)
	n := max(int(float64(budget)*spillShare/64), 1<<12)
	return &spiller{dir: dir, base: base, buf: make([]tuple, 0, n)}
}

func (sp *spiller) add(t tuple) error {
	sp.buf = append(sp.buf, t)
	if len(sp.buf) == cap(sp.buf) {
		return sp.spill()
	}
	return nil
}

// spill sorts the buffer in each index order and writes one run per order.
// Each order is sorted in place (packedSort), and the sorted tuples are then
// permuted in place into the next order: a run needs the set, not the input
// order.
func (sp *spiller) spill() error {
	if len(sp.buf) == 0 {
		return nil
	}
	if sp.keys == nil {
		sp.keys, sp.more = make([][2]uint64, cap(sp.buf)), make([][2]uint64, cap(sp.buf))
	}
	ts := sp.buf
	for i := range indexes {
		if i > 0 {
			from, to := &indexes[i-1], &indexes[i]
			for j := range ts {
				ts[j] = to.toIndex(from.toQuad(ts[j]))
			}
		}
		sorted, ok := packedSort(ts, sp.keys, sp.more)
		if !ok { // ids of more than 128 bits together: sort the tuples
			if sp.wide == nil {
				sp.wide = make([]tuple, cap(sp.buf))
			}
			sorted = dedupe(radixSortWith(ts, sp.wide))
			copy(ts, sorted)
			sorted = ts[:len(sorted)]
		}
		ts = sorted
		r, err := writeRun(sp.dir, sp.base, ts)
		if err != nil {
			return err
		}
		sp.runs[i] = append(sp.runs[i], r)
	}
	sp.spilled += int64(len(sp.buf))
	sp.buf = sp.buf[:0]
	return nil
}

// finish spills what is left and frees the buffers.
func (sp *spiller) finish() error {
	err := sp.spill()
	sp.buf, sp.keys, sp.more, sp.wide = nil, nil, nil, nil
	return err
}

func (sp *spiller) close() {
	for i := range sp.runs {
		for _, r := range sp.runs[i] {
			r.close()
		}
		sp.runs[i] = nil
	}
}

// quadTerm returns component c (0 s, 1 p, 2 o, 3 g) of q.
func quadTerm(q *rdf.Quad, c int) rdf.Term {
	switch c {
	case 0:
		return q.S
	case 1:
		return q.P
	case 2:
		return q.O
	}
	return q.G
}

// bulkImport goes on with an import whose first quads (local, over the
// terms of set) are in memory and whose rest comes from chunks (nil when
// the source is done). It returns the number of quads read from chunks.
func (s *Store) bulkImport(ctx context.Context, set *termSet, local [][4]uint32, chunks <-chan []rdf.Quad, srcDone <-chan error, start time.Time) (n int64, err error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	h, err := s.acquire()
	if err != nil {
		return 0, err
	}
	defer h.release()
	old, err := h.db.Begin(false)
	if err != nil {
		return 0, err
	}
	defer func() {
		if old != nil {
			old.Rollback()
		}
	}()
	table := newTermTable(old.Bucket(bucketI2T), old.Bucket(bucketT2I), metaUint(old.Bucket(bucketMeta), metaNextID))
	table.limit = int64(float64(s.opts.ImportMemory) * termShare)
	table.dir, table.base = tempBase(s.path)
	defer table.close()
	sp := newSpiller(s.path, s.opts.ImportMemory)
	defer sp.close()

	gids := make([]uint64, len(set.terms))
	for i, t := range set.terms {
		if gids[i], err = table.id(t); err != nil {
			return n, err
		}
	}
	for _, l := range local {
		if err = sp.add(tuple{gids[l[0]], gids[l[1]], gids[l[2]], gids[l[3]]}); err != nil {
			return n, err
		}
	}
	set, local, gids = nil, nil, nil
	var ids [4]uint64
	if chunks == nil { // the source is done; a nil channel would block
		c := make(chan []rdf.Quad)
		close(c)
		chunks = c
	}
	for chunk := range chunks {
		for i := range chunk {
			q := &chunk[i]
			// The graph first, as a one-transaction import numbers terms.
			for _, c := range [4]int{3, 0, 1, 2} {
				if ids[c], err = table.id(quadTerm(q, c)); err != nil {
					return n, err
				}
			}
			if err = sp.add(tuple(ids)); err != nil {
				return n, err
			}
		}
		n += int64(len(chunk))
		if err = ctx.Err(); err != nil {
			return n, err
		}
	}
	if srcDone != nil {
		if err = <-srcDone; err != nil {
			return n, err
		}
	}
	if err = sp.finish(); err != nil {
		return n, err
	}
	parsed := time.Now()
	db, path, st, err := s.build(ctx, &buildSpec{old: old, terms: table, runs: sp.runs, now: time.Now()})
	if err != nil {
		return n, err
	}
	built := time.Now()
	old.Rollback()
	old = nil
	if err = s.install(db, path); err != nil {
		return n, err
	}
	s.log.LogAttrs(ctx, slog.LevelDebug, "store bulk import",
		slog.Int64("quads", sp.spilled), slog.Int("new terms", table.newTerms()),
		slog.Int64("term table bytes", table.bytes()), slog.Int("term spills", len(table.frozen)),
		slog.Int("runs", len(sp.runs[0])), slog.Int("transactions", st.txs),
		slog.Duration("parse and sort", parsed.Sub(start)),
		slog.Duration("build", built.Sub(parsed)),
		slog.Duration("install", time.Since(built)))
	return n, nil
}
