package store

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A rebuild writes a whole new store file beside the old one, in many
// transactions, and renames it over the old file once it is complete and
// synced (see doc.go, "Rebuilds"). Bulk imports and Compact are rebuilds:
// the old file stays untouched, and readable, until the rename, so a
// failure or a kill at any point leaves the old state.

// buildSpec says what goes into a new file besides the old file's content.
type buildSpec struct {
	old   *bolt.Tx          // the state being replaced
	terms *termTable        // new terms (bulk import), or nil
	runs  [4][]*run         // new quads per index (bulk import), sorted runs
	keep  func(uint64) bool // compaction: old terms to keep (nil: all)
	gone  [][2]uint64       // compaction: (hash, id) of IRIs dropped now, sorted
	now   time.Time
}

// buildStats describes a finished build.
type buildStats struct {
	quads, added int64
	terms        int64 // dictionary entries written (default graph included)
	bytes        int64 // keys and values written
	txs          int
}

// txWriter appends keys in ascending order to one bucket at a time,
// committing whenever limit bytes are pending: bbolt keeps every page a
// transaction writes in memory until commit, so this bounds the memory of
// writing a file of any size.
type txWriter struct {
	ctx      context.Context
	db       *bolt.DB
	tx       *bolt.Tx
	b        *bolt.Bucket
	name     []byte
	pending  int64
	limit    int64
	total    int64
	txs      int
	progress func(int64)
}

func (w *txWriter) begin() error {
	tx, err := w.db.Begin(true)
	if err != nil {
		return err
	}
	w.tx = tx
	if w.name != nil {
		w.use(w.name)
	}
	return nil
}

// use makes name the bucket that put writes to.
func (w *txWriter) use(name []byte) {
	w.name = name
	w.b = w.tx.Bucket(name)
	w.b.FillPercent = 1.0 // keys arrive in order: fill pages completely
}

func (w *txWriter) commit() error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	err := w.tx.Commit()
	w.tx = nil
	w.txs++
	w.pending = 0
	if err == nil && w.progress != nil {
		w.progress(w.total)
	}
	return err
}

// put adds a key; k and v must stay unchanged until the next commit.
func (w *txWriter) put(k, v []byte) error {
	if w.pending >= w.limit {
		if err := w.commit(); err != nil {
			return err
		}
		if err := w.begin(); err != nil {
			return err
		}
	}
	n := int64(len(k) + len(v) + 16)
	w.pending += n
	w.total += n
	return w.b.Put(k, v)
}

func (w *txWriter) rollback() {
	if w.tx != nil {
		_ = w.tx.Rollback()
		w.tx = nil
	}
}

// packer cuts a sorted stream of tuples into blocks (block.go) as they come:
// each block is filled up to blockTarget bytes, which puts four blocks on a
// page when the keys come in order.
type packer struct {
	w    *txWriter
	ts   []tuple
	size int
}

func (p *packer) add(t tuple) error {
	var scratch [48]byte
	var prev tuple
	if len(p.ts) > 0 {
		prev = p.ts[len(p.ts)-1]
	}
	e := len(appendEntry(scratch[:0], &prev, &t))
	if len(p.ts) > 0 && p.size+e > blockTarget {
		if err := p.flush(); err != nil {
			return err
		}
		e = len(appendEntry(scratch[:0], &tuple{}, &t))
	}
	p.ts = append(p.ts, t)
	p.size += e
	return nil
}

func (p *packer) flush() error {
	if len(p.ts) == 0 {
		return nil
	}
	err := p.w.put(appendTuple(nil, &p.ts[len(p.ts)-1], 4), encodeBlock(p.ts))
	p.ts, p.size = p.ts[:0], 0
	return err
}

// blockStream yields the tuples of an index bucket in order.
type blockStream struct {
	c       *bolt.Cursor
	ts      []tuple
	i       int
	started bool
	name    string
}

func (s *blockStream) next() (tuple, bool, error) {
	for s.i == len(s.ts) {
		var k, v []byte
		if !s.started {
			k, v = s.c.First()
			s.started = true
		} else {
			k, v = s.c.Next()
		}
		if k == nil {
			return tuple{}, false, nil
		}
		var err error
		if s.ts, err = decodeBlock(s.ts[:0], v); err != nil {
			return tuple{}, false, fmt.Errorf("index %s: block %x: %w", s.name, k, err)
		}
		s.i = 0
	}
	s.i++
	return s.ts[s.i-1], true, nil
}

// createBuildFile creates an empty file for a rebuild beside the store, with
// the store file's permissions.
func (s *Store) createBuildFile() (string, error) {
	dir, base := tempBase(s.path)
	f, err := os.CreateTemp(dir, base+".build-*")
	if err != nil {
		return "", err
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(s.path); err == nil {
		mode = fi.Mode().Perm()
	}
	err = f.Chmod(mode)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// build writes a new store file from spec and returns it open, committed and
// synced, with its name. On error nothing is left behind.
func (s *Store) build(ctx context.Context, spec *buildSpec) (db *bolt.DB, path string, st buildStats, err error) {
	if path, err = s.createBuildFile(); err != nil {
		return nil, "", st, err
	}
	o := s.opts
	o.NoSync = true // synced once, before the rename
	o.ReadOnly = false
	if db, err = openBolt(path, &o, false); err != nil {
		os.Remove(path)
		return nil, "", st, err
	}
	w := &txWriter{ctx: ctx, db: db, limit: max(s.opts.ImportMemory/16, 1<<20), progress: s.buildProgress}
	if s.buildTxBytes > 0 {
		w.limit = s.buildTxBytes
	}
	defer func() {
		if err != nil {
			w.rollback()
			db.Close()
			os.Remove(path)
			db, path = nil, ""
		}
	}()
	if err = w.begin(); err != nil {
		return
	}
	for _, name := range requiredBuckets() {
		if _, err = w.tx.CreateBucket(name); err != nil {
			return
		}
	}
	if err = s.buildDictionary(w, spec, &st); err != nil {
		return
	}
	counts, touched, err := s.buildIndexes(w, spec, &st)
	if err != nil {
		return
	}
	if err = buildGraphs(w, spec, counts, touched); err != nil {
		return
	}
	if err = buildMeta(w, spec, &st); err != nil {
		return
	}
	if err = w.commit(); err != nil {
		return
	}
	st.bytes, st.txs = w.total, w.txs
	// bbolt grows a file in steps of AllocSize past what it uses; a new
	// file needs none of that slack. It only ever touches pages below the
	// high-water mark, and grows the file again before it writes past it.
	var used int64
	if err = db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil }); err != nil {
		return
	}
	if err = os.Truncate(path, used); err != nil {
		return
	}
	db.NoSync = s.opts.NoSync
	if !db.NoSync {
		if err = db.Sync(); err != nil {
			return
		}
	}
	return db, path, st, nil
}

// buildDictionary writes both dictionary buckets: the old terms (those kept)
// and then the new ones, and the term→id lists merged in hash order.
func (s *Store) buildDictionary(w *txWriter, spec *buildSpec, st *buildStats) error {
	w.use(bucketI2T)
	c := spec.old.Bucket(bucketI2T).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		id, rest, err := readID(k)
		if err != nil || len(rest) != 0 {
			return fmt.Errorf("%w: dictionary key %x", ErrCorrupt, k)
		}
		if id != defaultGraphID && spec.keep != nil && !spec.keep(id) {
			continue
		}
		if err := w.put(k, v); err != nil {
			return err
		}
		st.terms++
	}
	fresh := &pairMerge{} // no new terms
	if spec.terms != nil {
		err := spec.terms.fresh(func(id uint64, enc []byte) error {
			st.terms++
			return w.put(appendID(nil, id), enc)
		})
		if err != nil {
			return err
		}
		if fresh, err = spec.terms.freshByHash(); err != nil {
			return err
		}
	}
	head, _, more := fresh.peek()

	w.use(bucketT2I)
	hc := spec.old.Bucket(bucketT2I).Cursor()
	k, v := hc.First()
	for k != nil || more {
		var h uint64
		var val []byte
		switch {
		case k != nil && (!more || binary.BigEndian.Uint64(k) <= head[0]):
			if len(k) != 8 {
				return fmt.Errorf("%w: hash key %x", ErrCorrupt, k)
			}
			h = binary.BigEndian.Uint64(k)
			if spec.keep == nil {
				val = v
			} else {
				for _, id := range idList(v) {
					if spec.keep(id) {
						val = binary.AppendUvarint(val, id)
					}
				}
			}
			k, v = hc.Next()
		default:
			h = head[0]
		}
		if more && head[0] == h {
			val = slices.Clip(val) // never append into the old file's map
			for more && head[0] == h {
				val = binary.AppendUvarint(val, head[1])
				if _, _, err := fresh.next(); err != nil {
					return err
				}
				head, _, more = fresh.peek()
			}
		}
		if len(val) == 0 {
			continue
		}
		if err := w.put(hashKey(h), val); err != nil {
			return err
		}
	}
	if len(spec.gone) > 0 || spec.old.Bucket(bucketGone) != nil {
		return buildGone(w, spec)
	}
	return nil
}

// buildIndexes writes the four indexes, each the merge of the old index and
// the new runs. It returns the quads per graph and the graphs that gained
// quads.
func (s *Store) buildIndexes(w *txWriter, spec *buildSpec, st *buildStats) (map[uint64]int64, map[uint64]bool, error) {
	counts := map[uint64]int64{}
	touched := map[uint64]bool{}
	for i := range indexes {
		ix := &indexes[i]
		if _, err := w.tx.CreateBucketIfNotExists(ix.bucket); err != nil {
			return nil, nil, err
		}
		w.use(ix.bucket)
		streams := []tupleStream{&blockStream{c: spec.old.Bucket(ix.bucket).Cursor(), name: ix.name}}
		for _, r := range spec.runs[i] {
			rr, err := newRunReader(r)
			if err != nil {
				return nil, nil, err
			}
			streams = append(streams, rr)
		}
		m, err := newMerger(streams)
		if err != nil {
			return nil, nil, err
		}
		p := &packer{w: w}
		var n int64
		for {
			t, ok, err := m.next()
			if err != nil {
				return nil, nil, err
			}
			if !ok {
				break
			}
			if err := p.add(t); err != nil {
				return nil, nil, err
			}
			n++
			if i == 0 {
				counts[t[3]]++
				if !m.old {
					st.added++
					touched[t[3]] = true
				}
			}
		}
		if err := p.flush(); err != nil {
			return nil, nil, err
		}
		if i == 0 {
			st.quads = n
		} else if n != st.quads {
			return nil, nil, fmt.Errorf("%w: index %s holds %d quads where %s holds %d", ErrCorrupt, ix.name, n, indexes[0].name, st.quads)
		}
	}
	return counts, touched, nil
}

// buildGraphs writes the graph entries: the merged counts, the commit time
// for graphs that gained quads, the old time for the others. Graphs emptied
// earlier keep their entry (and so their modification time).
func buildGraphs(w *txWriter, spec *buildSpec, counts map[uint64]int64, touched map[uint64]bool) error {
	old := spec.old.Bucket(bucketGraphs)
	var keys []uint64
	c := old.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		g, rest, err := readID(k)
		if err != nil || len(rest) != 0 {
			return fmt.Errorf("%w: graph key %x", ErrCorrupt, k)
		}
		keys = append(keys, g)
	}
	for g := range counts {
		if old.Get(appendID(nil, g)) == nil {
			keys = append(keys, g)
		}
	}
	slices.Sort(keys)
	w.use(bucketGraphs)
	for _, g := range keys {
		key := appendID(nil, g)
		_, mod := decodeGraphInfo(old.Get(key))
		if touched[g] {
			mod = spec.now
		}
		if err := w.put(key, encodeGraphInfo(counts[g], mod)); err != nil {
			return err
		}
	}
	return nil
}

// buildMeta writes the version, the next id, the quad count and the
// generation (raised when quads were added, so that caches see the change).
func buildMeta(w *txWriter, spec *buildSpec, st *buildStats) error {
	m := spec.old.Bucket(bucketMeta)
	next := metaUint(m, metaNextID)
	if spec.terms != nil {
		next = max(next, spec.terms.next)
	}
	gen := metaUint(m, metaGen)
	if st.added > 0 {
		gen++
	}
	w.use(bucketMeta)
	// Keys in order: generation, nextid, quads, version.
	for _, kv := range []struct {
		k []byte
		v uint64
	}{{metaGen, gen}, {metaNextID, next}, {metaQuads, uint64(st.quads)}, {metaVersion, formatVersion}} {
		if err := w.put(kv.k, binary.AppendUvarint(nil, kv.v)); err != nil {
			return err
		}
	}
	return nil
}

// install renames a built file over the store file and makes it the one
// that new snapshots and writes use; snapshots of the old file finish on it.
// The caller holds wmu.
func (s *Store) install(db *bolt.DB, path string) error {
	if s.beforeCommit != nil {
		s.beforeCommit()
	}
	if err := os.Rename(path, s.path); err != nil {
		db.Close()
		os.Remove(path)
		return err
	}
	dir, _ := tempBase(s.path)
	if err := syncDir(dir); err != nil {
		// The rename is done and the new file synced; only the directory
		// entry may not survive a machine crash.
		s.log.Warn("store: sync directory after rebuild", "dir", dir, "err", err)
	}
	s.mu.Lock()
	old := s.cur
	s.cur = &handle{db: db}
	s.mu.Unlock()
	old.retire()
	s.release()
	return nil
}

// sortedPairs sorts (hash, id) pairs.
func sortedPairs(ps [][2]uint64) {
	slices.SortFunc(ps, func(a, b [2]uint64) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
}

// errNoChange stops a rebuild that would write the same content.
var errNoChange = errors.New("no change")

var _ = bytes.Equal
