package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/stadleuven/maturity/rdf"
)

// importChunk is how many quads the parsing goroutine hands over at once.
const importChunk = 16 << 10

// Import loads the quads that src emits, all or nothing: they are written in
// one bbolt transaction that commits only after src returned nil, so an
// error from src or emit, a cancelled context or a crash (even kill -9)
// leaves the store as it was. src runs on its own goroutine, parsing while
// this one interns terms, so a parser and the store share the two cores.
// It returns the number of quads src emitted (duplicates included).
//
// The whole import is encoded in memory (16 bytes per quad plus the
// distinct terms while parsing, about 200 bytes per quad while sorting)
// and written in a single ascending pass per bucket. Writing it in several
// passes within the one transaction would be far worse: bbolt splits nodes
// only at commit, so every later pass would insert into ever-growing
// in-memory nodes, moving their tails on each insert.
func (s *Store) Import(ctx context.Context, src func(emit func(rdf.Quad) error) error) (n int64, err error) {
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []rdf.Quad, 4)
	srcDone := make(chan error, 1)
	go func() {
		defer close(chunks)
		// The first chunk grows from nothing, so that a small import does
		// not pay for a whole chunk (3.7 MB); later ones are full size.
		var buf []rdf.Quad
		err := src(func(q rdf.Quad) error {
			if err := validQuad(&q); err != nil {
				return err
			}
			buf = append(buf, q)
			if len(buf) == importChunk {
				select {
				case chunks <- buf:
				case <-ctx.Done():
					return ctx.Err()
				}
				buf = make([]rdf.Quad, 0, importChunk)
			}
			return nil
		})
		if err == nil && len(buf) > 0 {
			select {
			case chunks <- buf:
			case <-ctx.Done():
				err = ctx.Err()
			}
		}
		srcDone <- err
	}()

	var tx *bolt.Tx
	defer func() {
		if err != nil {
			cancel()
			for range chunks { // let the source goroutine finish
			}
			if tx != nil {
				_ = tx.Rollback()
			}
			err = fmt.Errorf("store: import: %w", err)
		}
	}()
	// Small, for the same reason: a map presized for 64 Ki terms costs
	// milliseconds to clear, more than a small import takes in all.
	set := newTermSet(1 << 8)
	local := make([][4]uint32, 0, 1<<16)
	var lastG rdf.Term
	var lastGID uint32
	for chunk := range chunks {
		for i := range chunk {
			q := &chunk[i]
			if len(set.terms) == 0 || q.G != lastG {
				lastG, lastGID = q.G, set.add(q.G)
			}
			local = append(local, [4]uint32{set.add(q.S), set.add(q.P), set.add(q.O), lastGID})
		}
		n += int64(len(chunk))
		if err = ctx.Err(); err != nil {
			return n, err
		}
	}
	if err = <-srcDone; err != nil {
		return n, err
	}
	parsed := time.Now()
	// Only now take the write lock: other writers go on while src parses.
	if tx, err = s.db.Begin(true); err != nil {
		tx = nil
		if errors.Is(err, berrors.ErrDatabaseReadOnly) {
			err = ErrReadOnly
		}
		return n, err
	}
	w := newWriter(tx)
	terms := len(set.terms)
	if err = w.importBatch(set, local); err != nil {
		return n, err
	}
	written := time.Now()
	if err = ctx.Err(); err != nil {
		return n, err
	}
	if err = w.finish(time.Now()); err != nil {
		return n, err
	}
	if s.beforeCommit != nil {
		s.beforeCommit()
	}
	if err = tx.Commit(); err != nil {
		tx = nil // Commit rolls back on failure
		return n, err
	}
	s.log.LogAttrs(ctx, slog.LevelDebug, "store import",
		slog.Int64("quads", n), slog.Int("terms", terms),
		slog.Duration("parse", parsed.Sub(start)),
		slog.Duration("write", written.Sub(parsed)),
		slog.Duration("commit", time.Since(written)))
	return n, nil
}

// importBatch resolves the batch's distinct terms once and writes its quads.
func (w *writer) importBatch(set *termSet, local [][4]uint32) error {
	if len(local) == 0 {
		return nil
	}
	ids, err := resolveTerms(w.tx, set.terms, true)
	if err != nil {
		return err
	}
	ts := make([]tuple, len(local))
	for i, l := range local {
		ts[i] = tuple{ids[l[0]], ids[l[1]], ids[l[2]], ids[l[3]]}
	}
	return w.apply(ts, true)
}
