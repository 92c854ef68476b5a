package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
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
	// ImportMemory is the memory budget of Import and Compact in bytes
	// (default DefaultImportMemory). An import that fits it is written in
	// one transaction; a larger one is sorted in runs spilled beside the
	// store file and built into a new file (see doc.go).
	ImportMemory int64
	// Logger receives debug records (import phase timings); nil discards.
	Logger *slog.Logger
}

// DefaultImportMemory is the default Options.ImportMemory: 512 MiB.
const DefaultImportMemory = 512 << 20

// Store is a quad store in one bbolt file. It is safe for concurrent use:
// any number of snapshots read while one write transaction runs.
type Store struct {
	path string
	opts Options // with defaults filled in
	log  *slog.Logger

	// mu guards cur, the open bbolt file. A rebuild (bulk import, Compact)
	// replaces it with a new file; snapshots of the old one go on reading
	// it, and it is closed when the last of them ends.
	mu  sync.RWMutex
	cur *handle
	// wmu orders the writes of this process. bbolt orders transactions
	// itself, but a rebuild spans many transactions on a new file while the
	// old one must not change, so every writer takes wmu first.
	wmu    sync.Mutex
	snaps  atomic.Int64 // open snapshots; Close refuses to wait for them
	closed bool         // guarded by mu

	// beforeCommit, when set (by tests), runs right before Import commits
	// (or, for a rebuild, before the new file is renamed into place); the
	// kill -9 tests use it to kill at chosen points.
	beforeCommit func()
	// buildProgress, when set (by tests), runs after each transaction of a
	// rebuild.
	buildProgress func(written int64)
	// buildTxBytes, when set (by a benchmark), replaces the bytes a rebuild
	// writes per transaction (ImportMemory/16).
	buildTxBytes int64

	// estimates caches counts of Estimate per generation (estimate.go).
	estimates estimateCache
}

// handle is one open bbolt file and the readers still using it.
type handle struct {
	db      *bolt.DB
	mu      sync.Mutex
	refs    int
	retired bool
}

// release ends one use; the last use of a retired file closes it.
func (h *handle) release() {
	h.mu.Lock()
	h.refs--
	last := h.retired && h.refs == 0
	h.mu.Unlock()
	if last {
		h.db.Close()
	}
}

// retire marks the file replaced and closes it once unused.
func (h *handle) retire() {
	h.mu.Lock()
	h.retired = true
	idle := h.refs == 0
	h.mu.Unlock()
	if idle {
		h.db.Close()
	}
}

// acquire returns the current file for one use; release it when done.
func (s *Store) acquire() (*handle, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, ErrClosed
	}
	h := s.cur
	h.mu.Lock()
	h.refs++
	h.mu.Unlock()
	return h, nil
}

// view runs fn in a read transaction of the current file.
func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	h, err := s.acquire()
	if err != nil {
		return err
	}
	defer h.release()
	return h.db.View(fn)
}

// Open opens or creates the store file at path. It takes the file's lock
// (shared when read-only) and, before bbolt maps the file, verifies its page
// structure (verify.go), so that a damaged file gives an error naming the
// damage rather than a crash. A writer also removes temporary files that a
// killed process left beside the store.
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
	if o.ImportMemory <= 0 {
		o.ImportMemory = DefaultImportMemory
	}
	s := &Store{path: path, opts: o, log: o.Logger}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	db, err := openBolt(path, &o, true)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s.cur = &handle{db: db}
	if err := s.init(db, o.ReadOnly); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// Opening for writing walked every page through the map (bbolt
	// rebuilds its free list so); none of that needs to stay resident.
	s.release()
	return s, nil
}

// release drops the current file's mapped pages from the resident set.
func (s *Store) release() {
	_ = s.view(func(tx *bolt.Tx) error {
		releaseMapped(tx.DB(), tx)
		return nil
	})
}

// openBolt opens a bbolt file with the store's settings, locking and
// verifying it first (lock.go, verify.go). cleanup removes leftovers of
// killed processes (writers only).
func openBolt(path string, o *Options, cleanup bool) (*bolt.DB, error) {
	var verr error
	db, err := bolt.Open(path, 0o644, &bolt.Options{
		Timeout:         o.Timeout,
		ReadOnly:        o.ReadOnly,
		NoSync:          o.NoSync,
		InitialMmapSize: o.MmapSize,
		FreelistType:    bolt.FreelistMapType,
		NoFreelistSync:  true,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := openLocked(name, flag, !o.ReadOnly, o.Timeout)
			if err != nil {
				verr = err
				return nil, err
			}
			if !o.ReadOnly && cleanup {
				removeLeftovers(name)
			}
			fi, err := f.Stat()
			switch {
			case err != nil:
			case fi.Size() > 0:
				err = verifyFile(f, fi.Size())
			case o.ReadOnly:
				// bbolt would try to lay out a new file in it.
				err = fmt.Errorf("%w: empty file", ErrCorrupt)
			}
			if err != nil {
				f.Close()
				verr = err
				return nil, err
			}
			return f, nil
		},
	})
	if errors.Is(verr, errLocked) || errors.Is(err, berrors.ErrTimeout) {
		// bbolt only says "timeout": name the usual cause.
		return nil, lockedError()
	}
	if verr != nil {
		return nil, verr
	}
	if err != nil {
		return nil, err
	}
	// bbolt grows the file by AllocSize past what a commit needs once the
	// map is larger than that, and the map is large from the start here:
	// with the 16 MiB default even a tiny store takes 16 MiB.
	db.AllocSize = 4 << 20
	return db, nil
}

// init creates the buckets of a new file and checks the version of an old one.
func (s *Store) init(db *bolt.DB, readOnly bool) error {
	check := func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if m == nil {
			return fmt.Errorf("%w: not a maturity store (no meta bucket)", ErrCorrupt)
		}
		v, _ := binary.Uvarint(m.Get(metaVersion))
		if v != formatVersion {
			return fmt.Errorf("%w: file has %d, this build reads %d", ErrVersion, v, formatVersion)
		}
		return checkBuckets(tx)
	}
	if readOnly {
		return db.View(check)
	}
	return db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta) != nil {
			return check(tx)
		}
		return createBuckets(tx, defaultGraphID+1)
	})
}

// requiredBuckets are the buckets every store file has.
func requiredBuckets() [][]byte {
	names := [][]byte{bucketMeta, bucketI2T, bucketT2I, bucketGraphs}
	for i := range indexes {
		names = append(names, indexes[i].bucket)
	}
	return names
}

// checkBuckets fails when a bucket the store reads is missing: reads would
// otherwise meet a nil bucket.
func checkBuckets(tx *bolt.Tx) error {
	for _, name := range requiredBuckets() {
		if tx.Bucket(name) == nil {
			return fmt.Errorf("%w: bucket %q is missing", ErrCorrupt, name)
		}
	}
	return nil
}

// createBuckets lays out an empty store: the buckets, the version, the next
// free id and the default graph's dictionary entry.
func createBuckets(tx *bolt.Tx, nextID uint64) error {
	for _, name := range requiredBuckets() {
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	m := tx.Bucket(bucketMeta)
	if err := m.Put(metaVersion, binary.AppendUvarint(nil, formatVersion)); err != nil {
		return err
	}
	if err := m.Put(metaNextID, binary.AppendUvarint(nil, nextID)); err != nil {
		return err
	}
	term, _ := appendTerm(nil, rdf.Term{})
	return tx.Bucket(bucketI2T).Put(appendID(nil, defaultGraphID), term)
}

// Close closes the file. It fails while snapshots are open, where bbolt
// would wait for them forever if their owner is the caller.
func (s *Store) Close() error {
	s.wmu.Lock() // let a running write or rebuild finish
	defer s.wmu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	if n := s.snaps.Load(); n > 0 {
		return fmt.Errorf("store: close: %w: %d snapshots still open", ErrBusy, n)
	}
	s.closed = true
	if err := s.cur.db.Close(); err != nil {
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
