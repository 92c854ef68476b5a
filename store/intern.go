package store

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/stadleuven/maturity/rdf"
)

// termTable maps the terms of a bulk import to their store ids. It is an
// open-addressing hash table over the stored encodings, kept in one byte
// arena, so that a term costs about 90 bytes and no pointers for the garbage
// collector to chase (a Go map of rdf.Term costs twice that, and every
// collection would scan it). Terms the store already holds are looked up in
// its dictionary once and remembered; new terms get the next ids in order of
// first appearance, as a one-transaction import gives them, which keeps the
// ids of related terms close and so the index deltas small.
//
// The table is bounded: when it outgrows its share of the budget, its new
// terms are frozen into a generation on disk (termGen: the encodings in id
// order, and (hash, id) records in hash order with a Bloom filter and a
// sparse index in memory, about 1.5 bytes a term) and the table starts
// afresh. A term of a frozen generation met again is found there and cached
// in the table again.
type termTable struct {
	i2t, t2i *bolt.Bucket // the store's dictionary
	slots    []int32      // entry number + 1; 0 is empty
	hashes   []uint64
	ids      []uint64
	offs     []uint32 // end offset of each entry's encoding in arena
	arena    []byte
	start    uint64 // the first id this import assigns
	firstNew uint64 // the first id assigned since the last freeze
	next     uint64
	scratch  []byte
	// last caches the previous lookup: a graph name repeats on every quad.
	last   rdf.Term
	lastID uint64
	valid  bool

	limit     int64 // bytes of entries from which the table freezes (0: never)
	dir, base string
	frozen    []*termGen
	err       error // a failed freeze, reported by the next id
}

func newTermTable(i2t, t2i *bolt.Bucket, next uint64) *termTable {
	return &termTable{i2t: i2t, t2i: t2i, slots: make([]int32, 1<<16), start: next, firstNew: next, next: next}
}

// bytes is the table's memory.
func (t *termTable) bytes() int64 {
	n := int64(cap(t.slots))*4 + int64(cap(t.hashes))*8 + int64(cap(t.ids))*8 + int64(cap(t.offs))*4 + int64(cap(t.arena))
	for _, g := range t.frozen {
		n += int64(len(g.bloom))*8 + int64(len(g.sparse))*8
	}
	return n
}

// newTerms is the number of terms the import added.
func (t *termTable) newTerms() int { return int(t.next - t.start) }

func (t *termTable) enc(i int) []byte {
	start := uint32(0)
	if i > 0 {
		start = t.offs[i-1]
	}
	return t.arena[start:t.offs[i]]
}

// id returns the store id of term, assigning one if the store lacks it.
func (t *termTable) id(term rdf.Term) (uint64, error) {
	if t.valid && term == t.last {
		return t.lastID, nil
	}
	if term.IsZero() {
		return defaultGraphID, nil
	}
	var err error
	if t.scratch, err = appendTerm(t.scratch[:0], term); err != nil {
		return 0, err
	}
	id, err := t.lookup(t.scratch)
	if err != nil {
		return 0, err
	}
	t.last, t.lastID, t.valid = term, id, true
	return id, nil
}

// lookup finds or adds the encoded term enc.
func (t *termTable) lookup(enc []byte) (uint64, error) {
	if t.err != nil {
		return 0, t.err
	}
	h := hashTerm(enc)
	mask := len(t.slots) - 1
	i := int(h) & mask
	for {
		e := t.slots[i]
		if e == 0 {
			break
		}
		if t.hashes[e-1] == h && string(t.enc(int(e-1))) == string(enc) {
			return t.ids[e-1], nil
		}
		i = (i + 1) & mask
	}
	id := uint64(0)
	for _, g := range t.frozen {
		var err error
		if id, err = g.find(enc, h); err != nil || id != 0 {
			if err != nil {
				return 0, err
			}
			break
		}
	}
	if id == 0 && t.i2t != nil {
		var err error
		if id, err = dictLookup(t.i2t, t.t2i, enc, h); err != nil {
			return 0, err
		}
	}
	if id == 0 {
		id = t.next
		t.next++
	}
	t.hashes = append(t.hashes, h)
	t.ids = append(t.ids, id)
	t.arena = append(t.arena, enc...)
	t.offs = append(t.offs, uint32(len(t.arena)))
	t.slots[i] = int32(len(t.hashes))
	if len(t.hashes)*2 > len(t.slots) {
		t.grow()
	}
	if t.limit > 0 && int64(len(t.hashes))*20+int64(len(t.arena)) > t.limit {
		if err := t.freeze(); err != nil {
			t.err = fmt.Errorf("spill terms: %w", err)
		}
	}
	return id, nil
}

func (t *termTable) grow() {
	slots := make([]int32, 2*len(t.slots))
	mask := len(slots) - 1
	for e, h := range t.hashes {
		i := int(h) & mask
		for slots[i] != 0 {
			i = (i + 1) & mask
		}
		slots[i] = int32(e + 1)
	}
	t.slots = slots
}

// freeze writes the table's new terms to a generation on disk and empties
// the table, keeping its buffers.
func (t *termTable) freeze() error {
	g, err := newTermGen(t.dir, t.base, t.firstNew, t.next, func(fn func(id, hash uint64, enc []byte) error) error {
		for e, id := range t.ids {
			if id >= t.firstNew {
				if err := fn(id, t.hashes[e], t.enc(e)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	t.frozen = append(t.frozen, g)
	t.firstNew = t.next
	clear(t.slots)
	t.hashes, t.ids, t.offs, t.arena = t.hashes[:0], t.ids[:0], t.offs[:0], t.arena[:0]
	t.valid = false
	return nil
}

// close releases the frozen generations' files.
func (t *termTable) close() {
	for _, g := range t.frozen {
		g.terms.Close()
		g.hashes.Close()
	}
	t.frozen = nil
}

// fresh calls fn with each new term's id and encoding, in id order. The
// encoding must not be kept past the next bbolt commit by the caller only if
// it came from the table; frozen terms are read into fresh memory.
func (t *termTable) fresh(fn func(id uint64, enc []byte) error) error {
	for _, g := range t.frozen {
		if err := g.each(fn); err != nil {
			return err
		}
	}
	for e, id := range t.ids {
		if id >= t.firstNew {
			if err := fn(id, t.enc(e)); err != nil {
				return err
			}
		}
	}
	return nil
}

// freshByHash returns the new terms' (hash, id) pairs sorted by hash, then
// id (the order of the term→id bucket): the frozen generations' records
// merged with the table's.
func (t *termTable) freshByHash() (*pairMerge, error) {
	var mem [][2]uint64
	for e, id := range t.ids {
		if id >= t.firstNew {
			mem = append(mem, [2]uint64{t.hashes[e], id})
		}
	}
	sortedPairs(mem)
	streams := []pairStream{&pairSlice{ps: mem}}
	for _, g := range t.frozen {
		r, err := g.records()
		if err != nil {
			return nil, err
		}
		streams = append(streams, r)
	}
	return newPairMerge(streams)
}

// termGen is one frozen generation of new terms: ids first..end-1.
type termGen struct {
	first, end uint64
	terms      *os.File // uvarint length and encoding per term, in id order
	hashes     *os.File // genRecord per term, sorted by (hash, id)
	n          int64
	sparse     []uint64 // the hash of every genSparse-th record
	bloom      []uint64
}

const (
	genRecord = 32 // hash, id, offset of the encoding, its length
	genSparse = 64
	bloomBits = 10 // per term: about 1 % false positives with 7 probes
	bloomK    = 7
)

// newTermGen writes a generation from each, which yields the terms in id
// order.
func newTermGen(dir, base string, first, end uint64, each func(fn func(id, hash uint64, enc []byte) error) error) (*termGen, error) {
	g := &termGen{first: first, end: end}
	var err error
	if g.terms, err = newRunFile(dir, base); err != nil {
		return nil, err
	}
	if g.hashes, err = newRunFile(dir, base); err != nil {
		g.terms.Close()
		return nil, err
	}
	var recs [][4]uint64
	bw := bufio.NewWriterSize(g.terms, runBufSize)
	off := uint64(0)
	err = each(func(id, hash uint64, enc []byte) error {
		var lb [binary.MaxVarintLen64]byte
		n := binary.PutUvarint(lb[:], uint64(len(enc)))
		if _, err := bw.Write(lb[:n]); err != nil {
			return err
		}
		if _, err := bw.Write(enc); err != nil {
			return err
		}
		recs = append(recs, [4]uint64{hash, id, off + uint64(n), uint64(len(enc))})
		off += uint64(n + len(enc))
		return nil
	})
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		g.terms.Close()
		g.hashes.Close()
		return nil, err
	}
	slices.SortFunc(recs, func(a, b [4]uint64) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	g.n = int64(len(recs))
	g.bloom = make([]uint64, (len(recs)*bloomBits+63)/64+1)
	hw := bufio.NewWriterSize(g.hashes, runBufSize)
	var rec [genRecord]byte
	for i, r := range recs {
		if i%genSparse == 0 {
			g.sparse = append(g.sparse, r[0])
		}
		g.bloomAdd(r[0])
		for j, v := range r {
			binary.LittleEndian.PutUint64(rec[8*j:], v)
		}
		if _, err := hw.Write(rec[:]); err != nil {
			g.terms.Close()
			g.hashes.Close()
			return nil, err
		}
	}
	if err := hw.Flush(); err != nil {
		g.terms.Close()
		g.hashes.Close()
		return nil, err
	}
	return g, nil
}

func (g *termGen) bloomPos(h uint64, i int) (int, uint64) {
	m := uint64(len(g.bloom)) * 64
	h2 := h>>33 | 1
	p := (h + uint64(i)*h2) % m
	return int(p / 64), 1 << (p % 64)
}

func (g *termGen) bloomAdd(h uint64) {
	for i := range bloomK {
		w, b := g.bloomPos(h, i)
		g.bloom[w] |= b
	}
}

func (g *termGen) mayHave(h uint64) bool {
	for i := range bloomK {
		if w, b := g.bloomPos(h, i); g.bloom[w]&b == 0 {
			return false
		}
	}
	return true
}

// find returns the id of enc in this generation, or 0.
func (g *termGen) find(enc []byte, h uint64) (uint64, error) {
	if g.n == 0 || !g.mayHave(h) {
		return 0, nil
	}
	// The records with hash h start in the sparse block before the first
	// sparse hash >= h.
	k, _ := slices.BinarySearch(g.sparse, h)
	if k > 0 {
		k--
	}
	from := int64(k) * genSparse
	to := min(from+2*genSparse, g.n)
	buf := make([]byte, (to-from)*genRecord)
	if _, err := g.hashes.ReadAt(buf, from*genRecord); err != nil {
		return 0, err
	}
	for i := 0; i < len(buf); i += genRecord {
		rh := binary.LittleEndian.Uint64(buf[i:])
		if rh < h {
			continue
		}
		if rh > h {
			break
		}
		off, n := binary.LittleEndian.Uint64(buf[i+16:]), binary.LittleEndian.Uint64(buf[i+24:])
		if n != uint64(len(enc)) {
			continue
		}
		got := make([]byte, n)
		if _, err := g.terms.ReadAt(got, int64(off)); err != nil {
			return 0, err
		}
		if string(got) == string(enc) {
			return binary.LittleEndian.Uint64(buf[i+8:]), nil
		}
	}
	// Equal hashes spanning more than two sparse blocks: collisions of a
	// 64-bit hash, not seen in practice; look further rather than miss.
	if to < g.n && binary.LittleEndian.Uint64(buf[len(buf)-genRecord:]) == h {
		return g.findFrom(enc, h, to)
	}
	return 0, nil
}

// findFrom scans the records from record i on while their hash is h.
func (g *termGen) findFrom(enc []byte, h uint64, i int64) (uint64, error) {
	var rec [genRecord]byte
	for ; i < g.n; i++ {
		if _, err := g.hashes.ReadAt(rec[:], i*genRecord); err != nil {
			return 0, err
		}
		if binary.LittleEndian.Uint64(rec[:]) != h {
			return 0, nil
		}
		off, n := binary.LittleEndian.Uint64(rec[16:]), binary.LittleEndian.Uint64(rec[24:])
		got := make([]byte, n)
		if _, err := g.terms.ReadAt(got, int64(off)); err != nil {
			return 0, err
		}
		if string(got) == string(enc) {
			return binary.LittleEndian.Uint64(rec[8:]), nil
		}
	}
	return 0, nil
}

// each calls fn with the generation's terms in id order, each in memory of
// its own (bbolt keeps values until commit).
func (g *termGen) each(fn func(id uint64, enc []byte) error) error {
	if _, err := g.terms.Seek(0, io.SeekStart); err != nil {
		return err
	}
	br := bufio.NewReaderSize(g.terms, runBufSize)
	for id := g.first; id < g.end; id++ {
		n, err := binary.ReadUvarint(br)
		if err != nil {
			return fmt.Errorf("spilled terms: %w", err)
		}
		enc := make([]byte, n)
		if _, err := io.ReadFull(br, enc); err != nil {
			return fmt.Errorf("spilled terms: %w", err)
		}
		if err := fn(id, enc); err != nil {
			return err
		}
	}
	return nil
}

// records streams the generation's (hash, id) pairs in order.
func (g *termGen) records() (pairStream, error) {
	if _, err := g.hashes.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return &genReader{r: bufio.NewReaderSize(g.hashes, runBufSize), left: g.n}, nil
}

type genReader struct {
	r    *bufio.Reader
	left int64
	rec  [genRecord]byte
}

func (r *genReader) next() ([2]uint64, bool, error) {
	if r.left == 0 {
		return [2]uint64{}, false, nil
	}
	if _, err := io.ReadFull(r.r, r.rec[:]); err != nil {
		return [2]uint64{}, false, fmt.Errorf("spilled terms: %w", err)
	}
	r.left--
	return [2]uint64{binary.LittleEndian.Uint64(r.rec[:]), binary.LittleEndian.Uint64(r.rec[8:])}, true, nil
}

// pairStream yields (hash, id) pairs in order.
type pairStream interface {
	next() ([2]uint64, bool, error)
}

type pairSlice struct {
	ps [][2]uint64
	i  int
}

func (s *pairSlice) next() ([2]uint64, bool, error) {
	if s.i == len(s.ps) {
		return [2]uint64{}, false, nil
	}
	s.i++
	return s.ps[s.i-1], true, nil
}

// pairMerge merges a few pair streams; it has a peek for the dictionary
// merge. There are few generations, so a linear scan of the heads will do.
type pairMerge struct {
	streams []pairStream
	heads   [][2]uint64
	live    []bool
}

func newPairMerge(streams []pairStream) (*pairMerge, error) {
	m := &pairMerge{streams: streams, heads: make([][2]uint64, len(streams)), live: make([]bool, len(streams))}
	for i, s := range streams {
		var err error
		if m.heads[i], m.live[i], err = s.next(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// peek returns the smallest head without taking it.
func (m *pairMerge) peek() ([2]uint64, int, bool) {
	best := -1
	for i, ok := range m.live {
		if ok && (best < 0 || cmp.Or(cmp.Compare(m.heads[i][0], m.heads[best][0]), cmp.Compare(m.heads[i][1], m.heads[best][1])) < 0) {
			best = i
		}
	}
	if best < 0 {
		return [2]uint64{}, 0, false
	}
	return m.heads[best], best, true
}

func (m *pairMerge) next() ([2]uint64, bool, error) {
	p, i, ok := m.peek()
	if !ok {
		return p, false, nil
	}
	var err error
	m.heads[i], m.live[i], err = m.streams[i].next()
	return p, true, err
}
