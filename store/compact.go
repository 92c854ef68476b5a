package store

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	bolt "go.etcd.io/bbolt"
)

// CompactStats describes what Compact did.
type CompactStats struct {
	BytesBefore, BytesAfter int64 // file sizes
	Quads                   int64
	TermsBefore, TermsAfter int64 // dictionary entries (the default graph's included)
	Tombstones              int   // IRIs dropped from the dictionary now, still answered 410
	Duration                time.Duration
}

// Compact rewrites the store into a new file and gives back the space that
// deletes and replacements left (see doc.go, "Rebuilds"): blocks emptied or
// thinned by deletes are packed full again, free pages disappear, and terms
// no quad uses any more are dropped from the dictionary (IRIs keep a
// tombstone, bucketGone, so that the server still answers 410 Gone for
// them). Ids do not change, nor do the generation and the graphs' times:
// the data is the same.
//
// It runs while the store serves: snapshots go on reading the old file until
// they close, and writers of this process wait until the new file is in
// place. Like a bulk import it needs free disk space for a second copy.
func (s *Store) Compact(ctx context.Context) (CompactStats, error) {
	var st CompactStats
	if s.opts.ReadOnly {
		return st, fmt.Errorf("store: compact: %w", ErrReadOnly)
	}
	start := time.Now()
	st.BytesBefore = s.fileBytes()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	h, err := s.acquire()
	if err != nil {
		return st, fmt.Errorf("store: compact: %w", err)
	}
	defer h.release()
	old, err := h.db.Begin(false)
	if err != nil {
		return st, fmt.Errorf("store: compact: %w", err)
	}
	defer func() {
		if old != nil {
			old.Rollback()
		}
	}()
	used, err := usedTerms(ctx, old)
	if err != nil {
		return st, fmt.Errorf("store: compact: %w", err)
	}
	keep := func(id uint64) bool { return id < uint64(len(used))*64 && used[id/64]&(1<<(id%64)) != 0 }
	var gone [][2]uint64
	err = old.Bucket(bucketI2T).ForEach(func(k, v []byte) error {
		st.TermsBefore++
		id, _, err := readID(k)
		if err != nil {
			return err
		}
		if id == defaultGraphID || keep(id) {
			st.TermsAfter++
		} else if len(v) > 0 && v[0] == tagIRI {
			gone = append(gone, [2]uint64{hashTerm(v), id})
		}
		return nil
	})
	if err != nil {
		return st, fmt.Errorf("store: compact: %w", err)
	}
	sortedPairs(gone)
	db, path, bst, err := s.build(ctx, &buildSpec{old: old, keep: keep, gone: gone, now: time.Now()})
	if err != nil {
		return st, fmt.Errorf("store: compact: %w", err)
	}
	old.Rollback()
	old = nil
	if err := s.install(db, path); err != nil {
		return st, fmt.Errorf("store: compact: %w", err)
	}
	st.BytesAfter = s.fileBytes()
	st.Quads = bst.quads
	st.Tombstones = len(gone)
	st.Duration = time.Since(start)
	s.log.LogAttrs(ctx, slog.LevelDebug, "store compact",
		slog.Int64("bytes before", st.BytesBefore), slog.Int64("bytes after", st.BytesAfter),
		slog.Int64("terms before", st.TermsBefore), slog.Int64("terms after", st.TermsAfter),
		slog.Int("tombstones", st.Tombstones), slog.Duration("took", st.Duration))
	return st, nil
}

// usedTerms returns a bitset of the ids that a quad or a graph entry uses.
func usedTerms(ctx context.Context, tx *bolt.Tx) ([]uint64, error) {
	next := metaUint(tx.Bucket(bucketMeta), metaNextID)
	used := make([]uint64, (next+64)/64)
	mark := func(id uint64) error {
		if id >= next {
			return fmt.Errorf("%w: id %d at or past the next id %d", ErrCorrupt, id, next)
		}
		used[id/64] |= 1 << (id % 64)
		return nil
	}
	var merr error
	err := scan(ctx, tx.Bucket(indexes[0].bucket), &tuple{}, 0, func(t *tuple) bool {
		for _, id := range t {
			if merr = mark(id); merr != nil {
				return false
			}
		}
		return true
	})
	if err == nil {
		err = merr
	}
	if err != nil {
		return nil, err
	}
	// A graph emptied by deletes keeps its entry, and so its name and
	// modification time.
	err = tx.Bucket(bucketGraphs).ForEach(func(k, _ []byte) error {
		g, _, err := readID(k)
		if err != nil {
			return err
		}
		return mark(g)
	})
	return used, err
}
