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

// importChunk is how many quads the parsing goroutine hands over at once,
// at most: six chunks are in flight (four queued, one filling, one being
// interned), at about 440 bytes a parsed quad, so a small budget gets
// smaller chunks (chunkFor).
const importChunk = 16 << 10

// chunkFor returns the chunk size for a memory budget: in-flight chunks
// take at most a twentieth of it.
func chunkFor(budget int64) int {
	return int(min(importChunk, max(1<<10, budget/20/6/440)))
}

// Import loads the quads that src emits, all or nothing: an error from src
// or emit, a cancelled context or a crash (even kill -9) leaves the store as
// it was. src runs on its own goroutine, parsing while this one interns
// terms, so a parser and the store share the two cores. It returns the
// number of quads src emitted (duplicates included).
//
// Memory stays within Options.ImportMemory whatever the input size (see
// doc.go, "Imports"). An import that fits is encoded in memory and written
// in one transaction. A larger one (or one that would dirty too much of a
// large store) is a bulk import: its quads are sorted in runs spilled beside
// the store file, and a new file holding the old content and the new is
// built in many transactions and renamed over the old one (build.go).
// Other writers of this process wait while a bulk import runs.
func (s *Store) Import(ctx context.Context, src func(emit func(rdf.Quad) error) error) (n int64, err error) {
	if s.opts.ReadOnly {
		return 0, fmt.Errorf("store: import: %w", ErrReadOnly)
	}
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []rdf.Quad, 4)
	srcDone := make(chan error, 1)
	chunk := chunkFor(s.opts.ImportMemory)
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
			if len(buf) == chunk {
				select {
				case chunks <- buf:
				case <-ctx.Done():
					return ctx.Err()
				}
				buf = make([]rdf.Quad, 0, chunk)
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
	defer func() {
		if err != nil {
			cancel()
			for range chunks { // let the source goroutine finish
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
	budget := s.opts.ImportMemory
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
		if oneTxMemory(len(local), len(set.terms), 0) > budget {
			// Too large for one transaction: go on as a bulk import.
			m, err := s.bulkImport(ctx, set, local, chunks, srcDone, start)
			return n + m, err
		}
	}
	if err = <-srcDone; err != nil {
		return n, err
	}
	if oneTxMemory(len(local), len(set.terms), s.fileBytes()) > budget || preferBulk(len(local), s.quadCount()) {
		_, err := s.bulkImport(ctx, set, local, nil, nil, start)
		return n, err
	}
	return n, s.importOneTx(ctx, set, local, start)
}

// Memory of a one-transaction import, measured at a million triples (409 MiB
// peak RSS): about 400 bytes per quad (ids, four sorted orders with their
// radix buffers, the blocks and bbolt's pages) and 200 per distinct term.
// Blocks a write touches in an existing file become dirty pages, up to one
// per quad and index.
const (
	oneTxQuadBytes = 400
	oneTxTermBytes = 200
)

// oneTxMemory estimates the memory of importing quads with terms distinct
// terms in one transaction into a store file of fileBytes.
func oneTxMemory(quads, terms int, fileBytes int64) int64 {
	dirty := min(fileBytes, int64(quads)*4*4096)
	return int64(quads)*oneTxQuadBytes + int64(terms)*oneTxTermBytes + 2*dirty
}

// preferBulk reports whether a bulk import is the cheaper way to add quads
// to a store holding stored quads. It rewrites the whole file, but in order
// and with full pages, so it wins when the import is at least as large as
// what the store holds: at a million triples into an empty store it is as
// fast as one transaction, in half the memory, with a 17 % smaller file
// (doc.go, "Measured"). Small imports keep the one transaction, which
// leaves other writers free while the source is parsed.
func preferBulk(quads int, stored int64) bool {
	const bulkMinQuads = 50_000
	return quads >= bulkMinQuads && int64(quads) >= stored
}

// quadCount is the number of quads in the store (0 if it cannot be read).
func (s *Store) quadCount() int64 {
	var n uint64
	_ = s.view(func(tx *bolt.Tx) error {
		n = metaUint(tx.Bucket(bucketMeta), metaQuads)
		return nil
	})
	return int64(n)
}

// fileBytes is the size of the current store file.
func (s *Store) fileBytes() int64 { return fileSize(s.path) }

// importOneTx writes an import that fits in memory in one transaction.
func (s *Store) importOneTx(ctx context.Context, set *termSet, local [][4]uint32, start time.Time) (err error) {
	parsed := time.Now()
	// Only now take the write lock: other writers go on while src parses.
	s.wmu.Lock()
	defer s.wmu.Unlock()
	h, err := s.acquire()
	if err != nil {
		return err
	}
	defer h.release()
	tx, err := h.db.Begin(true)
	if err != nil {
		if errors.Is(err, berrors.ErrDatabaseReadOnly) {
			err = ErrReadOnly
		}
		return err
	}
	defer func() {
		if err != nil && tx != nil {
			_ = tx.Rollback()
		}
	}()
	w := newWriter(tx)
	terms := len(set.terms)
	if err = w.importBatch(set, local); err != nil {
		return err
	}
	written := time.Now()
	if err = ctx.Err(); err != nil {
		return err
	}
	if err = w.finish(time.Now()); err != nil {
		return err
	}
	if s.beforeCommit != nil {
		s.beforeCommit()
	}
	err = tx.Commit()
	tx = nil // Commit rolls back on failure
	if err != nil {
		return err
	}
	s.log.LogAttrs(ctx, slog.LevelDebug, "store import",
		slog.Int("quads", len(local)), slog.Int("terms", terms),
		slog.Duration("parse", parsed.Sub(start)),
		slog.Duration("write", written.Sub(parsed)),
		slog.Duration("commit", time.Since(written)))
	return nil
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
