package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/stadleuven/maturity/rdf"
)

// formatVersion is the on-disk layout version written into new files.
const formatVersion = 2

// defaultGraphID is the reserved id of the stored default graph (the zero
// rdf.Term). Term ids proper start after it.
const defaultGraphID = 1

// Bucket names.
var (
	bucketMeta   = []byte("meta")
	bucketI2T    = []byte("dict:id")   // id key → stored term
	bucketT2I    = []byte("dict:hash") // 8-byte term hash → uvarint ids
	bucketGraphs = []byte("graphs")    // graph id key → uvarint count, int64 modified ns
)

// Keys in the meta bucket.
var (
	metaVersion = []byte("version")
	metaNextID  = []byte("nextid")
	metaQuads   = []byte("quads")
	metaGen     = []byte("generation")
)

// Options tune Open. The zero value (or nil) is right for production.
type Options struct {
	// ReadOnly opens the file with a shared lock; writes fail with ErrReadOnly.
	ReadOnly bool
	// NoSync skips fsync on commit: faster, but a crash of the machine (not
	// of the process) may lose or corrupt the last transactions. For tests
	// and throw-away stores only.
	NoSync bool
	// Timeout bounds the wait for the file lock; zero waits one second.
	Timeout time.Duration
	// MmapSize is the initial size of the memory map (default 1 GiB). Writers
	// wait for every open snapshot when the file outgrows the map (see
	// doc.go), so a generous map keeps that rare; it costs address space
	// only.
	MmapSize int
	// Logger receives debug records (import phase timings); nil discards.
	Logger *slog.Logger
}

// Store is a quad store in one bbolt file. It is safe for concurrent use:
// any number of snapshots read while one write transaction runs.
type Store struct {
	db    *bolt.DB
	path  string
	snaps atomic.Int64 // open snapshots; Close refuses to wait for them
	log   *slog.Logger

	// beforeCommit, when set (by tests), runs right before Import commits;
	// the kill -9 test uses it to kill inside bbolt's commit.
	beforeCommit func()

	// estimates caches counts of Estimate per generation (estimate.go).
	estimates estimateCache
}

// Open opens or creates the store file at path.
func Open(path string, opts *Options) (*Store, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Timeout == 0 {
		o.Timeout = time.Second
	}
	if o.MmapSize == 0 {
		o.MmapSize = 1 << 30
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{
		Timeout:         o.Timeout,
		ReadOnly:        o.ReadOnly,
		NoSync:          o.NoSync,
		InitialMmapSize: o.MmapSize,
		FreelistType:    bolt.FreelistMapType,
		NoFreelistSync:  true,
	})
	if errors.Is(err, berrors.ErrTimeout) {
		// bbolt only says "timeout": name the usual cause, a server
		// holding the file's lock.
		return nil, fmt.Errorf("store: open %s: in use by another process (a running maturity serve?): %w", path, err)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// bbolt grows the file by AllocSize past what a commit needs once the
	// map is larger than that, and the map is large from the start here:
	// with the 16 MiB default even a tiny store takes 16 MiB.
	db.AllocSize = 4 << 20
	s := &Store{db: db, path: path, log: o.Logger}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if err := s.init(o.ReadOnly); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return s, nil
}

// init creates the buckets of a new file and checks the version of an old one.
func (s *Store) init(readOnly bool) error {
	check := func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if m == nil {
			return errors.New("not a maturity store (no meta bucket)")
		}
		v, _ := binary.Uvarint(m.Get(metaVersion))
		if v != formatVersion {
			return fmt.Errorf("%w: file has %d, this build reads %d", ErrVersion, v, formatVersion)
		}
		return nil
	}
	if readOnly {
		return s.db.View(check)
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta) != nil {
			return check(tx)
		}
		for _, name := range [][]byte{bucketMeta, bucketI2T, bucketT2I, bucketGraphs} {
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		for i := range indexes {
			if _, err := tx.CreateBucket(indexes[i].bucket); err != nil {
				return err
			}
		}
		m := tx.Bucket(bucketMeta)
		for k, v := range map[string]uint64{string(metaVersion): formatVersion, string(metaNextID): defaultGraphID + 1} {
			if err := m.Put([]byte(k), binary.AppendUvarint(nil, v)); err != nil {
				return err
			}
		}
		term, _ := appendTerm(nil, rdf.Term{})
		return tx.Bucket(bucketI2T).Put(appendID(nil, defaultGraphID), term)
	})
}

// Close closes the file. It fails while snapshots are open, where bbolt
// would wait for them forever if their owner is the caller.
func (s *Store) Close() error {
	if n := s.snaps.Load(); n > 0 {
		return fmt.Errorf("store: close: %w: %d snapshots still open", ErrBusy, n)
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Path returns the database file name.
func (s *Store) Path() string { return s.path }

// metaUint reads a uvarint from the meta bucket (0 when absent).
func metaUint(m *bolt.Bucket, key []byte) uint64 {
	v, _ := binary.Uvarint(m.Get(key))
	return v
}

// fileSize returns the size of the database file.
func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
