package eval

import "context"

// A triple pattern probed with many different bound values is cheaper to
// scan once into a hash table than to look up row by row: each index
// lookup costs a seek (and, in the store, a block decode), a scan costs a
// fraction of that per quad. Steps therefore start as index nested loops
// and switch to a hash join once the probes outweigh a scan of the
// pattern's constants-only matches. The switch is adaptive because the
// number of probes is known only at run time.

const (
	// hashMinProbes is the least number of probes before a switch.
	hashMinProbes = 32
	// hashProbeRatio: switch when probes exceed full matches / ratio. A
	// store lookup costs some 30 to 100 times a scanned quad, so by then
	// the lookups have cost about as much as the scan will.
	hashProbeRatio = 64
	// hashEagerRatio: switch after hashEagerProbes probes already when
	// the planner expects at least full matches / ratio probes per run:
	// waiting for full/hashProbeRatio probes costs as much as the scan
	// again (a thousand index lookups for 67,000 survey responses). The
	// ratio leaves room for an estimate that is a few times too high,
	// and hashEagerProbes for a LIMIT the plan does not know of.
	hashEagerRatio  = 4
	hashEagerProbes = 256
	// hashDoubt: a step the planner expects too few probes for keeps the
	// index until the probes are this many times the estimate.
	hashDoubt = 4
	// hashMaxQuads bounds the memory of one table (about 50 MB); the
	// execution's memory budget may bound it further (see hashFor).
	hashMaxQuads = 1 << 20
	// hashPrealloc bounds the room reserved from an estimate.
	hashPrealloc = 1 << 18
)

// hashKey identifies a table: which positions are bound at probe time,
// and the graph the step runs in.
type hashKey struct {
	mask  uint8
	graph uint64
	// exists is set for a table that only answers whether a match
	// exists (see existsOnly).
	exists bool
}

// hashTable holds the matches of a pattern's constants, indexed by the
// values at the positions of mask.
// Quads with equal keys are chained through next, so a table costs two
// slices and an index, not a slice per key.
type hashTable struct {
	// quads holds the s, p, o of each match (the graph is never read).
	quads [][3]uint64
	next  []int32 // next quad with the same key, -1 at the end
	// one is the position of a single-position key, or -1 (index is
	// used). A single-position key is looked up in dense when the key ids
	// are packed closely enough, else in index1.
	one int
	// dense[id-base] is the first quad with key id, or -1. Store ids are
	// handed out in load order, so the subjects of one kind of resource
	// (responses, observations) fill a narrow id range: an array lookup
	// there costs one memory access where a Go map costs a hash, a
	// control-group match and (on tables of 10^5 keys) two cache misses.
	// Probes come in the outer scan's order, mostly ascending ids, which
	// the array turns into near-sequential access.
	dense  []int32
	base   uint64
	index1 idIndex
	index  map[[3]uint64]int32
	// bits, when set, is all the table holds: a step whose probes bind
	// every variable of its pattern only asks whether a match exists
	// (`?r a ex:Response` after ?r is bound), so the keys of the matches
	// are a bit set over their id range (bit id-base), a bit per id
	// where a match costs 24 bytes and its index share (see existsOnly).
	bits []uint64
}

// stepTable is one step's use of a hash table, which a TableCache may
// share with other executions: the table, and when the step has scan
// filters their verdict on each quad once a probe met it (see
// scanfilter.go) and the row they are evaluated in.
type stepTable struct {
	*hashTable
	verdicts []uint8
	scratch  []uint64
}

// denseSlack bounds the wasted room of a dense index: at most this many
// slots per quad (4 bytes each, against the 24 bytes of the quad itself),
// or denseFloor slots whatever the quads (512 KiB, cleared in some ten
// microseconds): the resources of a dataset of a million quads have ids
// within about 10^5 of each other, so even a table of 300 assessments,
// which a map would hold in a few KiB, is probed faster through an array.
const (
	denseSlack = 8
	denseFloor = 1 << 17
)

// head returns the first quad with the key of k, or false.
func (t *hashTable) head(k [3]uint64) (int32, bool) {
	if t.one >= 0 {
		if t.dense != nil {
			i := k[t.one] - t.base // wraps below base: out of range too
			if i >= uint64(len(t.dense)) || t.dense[i] < 0 {
				return -1, false
			}
			return t.dense[i], true
		}
		return t.index1.get(k[t.one])
	}
	n, ok := t.index[k]
	return n, ok
}

// link builds the index and chains over the scanned quads, once the scan
// is complete: knowing every key first lets a single-position key choose
// a dense index and sizes a map exactly. Chains run from the last scanned
// quad to the first, as when they were built while scanning.
func (t *hashTable) link(mask uint8) {
	t.next = make([]int32, len(t.quads))
	if t.one >= 0 {
		lo, hi := ^uint64(0), uint64(0)
		for i := range t.quads {
			v := t.quads[i][t.one]
			lo, hi = min(lo, v), max(hi, v)
		}
		if len(t.quads) > 0 && hi-lo < max(uint64(len(t.quads))*denseSlack, denseFloor) {
			t.base = lo
			t.dense = make([]int32, hi-lo+1)
			for i := range t.dense {
				t.dense[i] = -1
			}
			for i := range t.quads {
				k := t.quads[i][t.one] - lo
				t.next[i] = t.dense[k]
				t.dense[k] = int32(i)
			}
			return
		}
		t.index1 = newIDIndex(len(t.quads))
		for i := range t.quads {
			t.next[i] = t.index1.put(t.quads[i][t.one], int32(i))
		}
		return
	}
	t.index = make(map[[3]uint64]int32, len(t.quads))
	for i := range t.quads {
		var k [3]uint64
		for j := 0; j < 3; j++ {
			if mask&(1<<j) != 0 {
				k[j] = t.quads[i][j]
			}
		}
		if h, ok := t.index[k]; ok {
			t.next[i] = h
		} else {
			t.next[i] = -1
		}
		t.index[k] = int32(i)
	}
}

// hashFor returns the hash table that answers probes with the pattern
// values pat, building it when the probes so far justify it, or nil to
// keep using the index.
//
// exists says that the caller only asks whether a match exists (EXISTS),
// so the variables the probe leaves unbound need not be kept.
func (s *step) hashFor(ctx context.Context, x *exec, pat [3]uint64, exists bool) (*stepTable, error) {
	var mask uint8
	for i, p := range s.tp.pos {
		if p >= 0 && pat[i] != 0 {
			mask |= 1 << i
		}
	}
	exists = exists || existsOnly(s.tp.ids, mask)
	key := hashKey{mask: mask, exists: exists}
	if s.tp.graph == inNamed {
		key.graph = x.graph
	}
	if s.last != nil && s.lastKey == key {
		return s.last, nil
	}
	if t, ok := s.tables[key]; ok {
		s.last, s.lastKey = t, key
		return t, nil
	}
	s.probes++
	// A table another execution built is used at once; the cache is
	// asked on the first probe, and again before building one.
	ck, cacheable := x.cacheKey(s, mask, exists)
	if cacheable && s.probes == 1 {
		if t := x.opts.Tables.get(x.gen, ck); t != nil && (t.bits == nil || len(s.scanFilters) == 0) {
			return s.keep(key, t), nil
		}
	}
	if mask == 0 {
		// A step sharing no variable with the steps before it (a cross
		// product) scans the same matches for every outer solution: from
		// the second time on, they come from memory.
		if s.probes < 2 || s.full > hashMaxQuads {
			return nil, nil
		}
	} else if s.probes < hashMinProbes || s.full > hashMaxQuads ||
		float64(s.probes) < s.full/hashProbeRatio &&
			(s.probes < hashEagerProbes || s.expected < s.full/hashEagerRatio) ||
		s.expected > 0 && s.expected < s.full/hashProbeRatio && float64(s.probes) < hashDoubt*s.expected {
		// The last case: the planner expects fewer probes in all than
		// pay for a scan of the pattern (4,000 filtered scores probing
		// the 838,000 assessments of every observation and response);
		// switching when the probes reach full/hashProbeRatio would scan
		// it for the last few. Its estimate is trusted until the probes
		// are hashDoubt times more.
		return nil, nil
	}
	if cacheable && s.probes > 1 {
		if t := x.opts.Tables.get(x.gen, ck); t != nil && (t.bits == nil || len(s.scanFilters) == 0) {
			return s.keep(key, t), nil
		}
	}
	size := int(s.full)
	if size > hashMaxQuads {
		size = hashMaxQuads
	}
	// The table is checked against the meter as it fills (a match, its
	// chain link and its share of a dense index, which most tables get)
	// and charged what it holds once built. A table that does not fit
	// the budget is dropped, and the step keeps probing the index:
	// slower, but it needs no memory, so the query still gets its answer.
	const perQuad = 24 + 4 + 8 // s, p, o; chain link; dense index share
	// The estimate sizes the table up front: growing it while scanning
	// copies every quad again (for 840,000 assessments at ten million
	// triples, a fifth of the query's time went to growslice). The
	// store's estimate of a pattern is exact up to a million or more
	// quads, so the whole of it is reserved when the budget allows;
	// otherwise, as an estimate is no promise, at most hashPrealloc.
	prealloc := size
	if !x.mem.fits(max(prealloc, 1) * perQuad) {
		prealloc = min(size, hashPrealloc)
	}
	if !x.mem.fits(max(prealloc, 1) * perQuad) {
		s.full = hashMaxQuads + 1 // never fits: keep probing the index
		return nil, nil
	}
	fits := true
	t := &hashTable{one: -1}
	switch mask {
	case 1, 2, 4:
		t.one = map[uint8]int{1: 0, 2: 1, 4: 2}[mask]
	}
	tp := s.tp
	var keys []uint64 // an exists-only table's keys, while scanning
	exists = exists && t.one >= 0 && len(s.scanFilters) == 0
	if exists {
		keys = make([]uint64, 0, prealloc)
	} else {
		t.quads = make([][3]uint64, 0, prealloc)
	}
	n := 0
	err := x.matchBlocks(ctx, tp.graph, tp.ids[0], tp.ids[1], tp.ids[2], func(qs [][4]uint64) bool {
		if ctx.Err() != nil {
			return false
		}
		if exists {
			for i := range qs {
				keys = append(keys, qs[i][t.one])
			}
		} else {
			if len(t.quads)+len(qs) > cap(t.quads) {
				next := max(2*cap(t.quads), len(t.quads)+len(qs), 1024) * perQuad
				if fits = x.mem.fits(next); !fits {
					return false
				}
			}
			for i := range qs {
				t.quads = append(t.quads, [3]uint64(qs[i][:3]))
			}
		}
		n += len(qs)
		return n < hashMaxQuads
	})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, fatal(err)
	}
	if c := cap(t.quads); len(t.quads) < c/2 {
		// The estimate was far off: it counts the pattern's matches in
		// every graph, and inside GRAPH ?g each graph builds a table of its
		// own from its few. Keep, and charge, only what was found; else
		// hundreds of graphs each hold a table sized for all of them.
		t.quads = append(make([][3]uint64, 0, len(t.quads)), t.quads...)
	}
	if n >= hashMaxQuads || !fits {
		s.full = hashMaxQuads + 1 // too big after all: keep probing the index
		return nil, nil
	}
	if !exists || !t.linkBits(keys) {
		if exists {
			// Keys too spread for a bit set: an ordinary table of them.
			t.quads = make([][3]uint64, len(keys))
			for i, k := range keys {
				t.quads[i] = tp.ids
				t.quads[i][t.one] = k
			}
		}
		t.link(mask)
	}
	if x.mem.grow(int(t.bytes()), "hash join") != nil {
		s.full = hashMaxQuads + 1
		return nil, nil
	}
	if cacheable {
		x.opts.Tables.put(x.gen, ck, t)
	}
	return s.keep(key, t), nil
}

// keep makes t the step's table for key.
func (s *step) keep(key hashKey, t *hashTable) *stepTable {
	st := &stepTable{hashTable: t}
	if len(s.scanFilters) > 0 {
		tp := s.tp
		st.verdicts = make([]uint8, len(t.quads))
		st.scratch = make([]uint64, max(tp.pos[0], tp.pos[1], tp.pos[2])+1)
	}
	if s.tables == nil {
		s.tables = make(map[hashKey]*stepTable)
	}
	s.tables[key] = st
	s.last, s.lastKey = st, key
	return st
}

// first returns the first quad of t matching pat at the positions of
// mask, or false; t.next chains the others.
func (t *hashTable) first(pat *[3]uint64, mask uint8) (int32, bool) {
	var k [3]uint64
	for i := 0; i < 3; i++ {
		if mask&(1<<i) != 0 {
			k[i] = pat[i]
		}
	}
	return t.head(k)
}

// probe calls yield with the quads of t matching pat.
func (t *hashTable) probe(pat [3]uint64, mask uint8, yield func([4]uint64) bool) {
	if t.bits != nil {
		if t.hasKey(pat[t.one]) {
			yield([4]uint64{pat[0], pat[1], pat[2]})
		}
		return
	}
	n, ok := t.first(&pat, mask)
	if !ok {
		return
	}
	for ; n >= 0; n = t.next[n] {
		q := &t.quads[n]
		if !yield([4]uint64{q[0], q[1], q[2]}) {
			return
		}
	}
}

// existsOnly reports whether a table of the pattern with constants ids,
// probed with the positions of mask bound, only answers whether a match
// exists: mask covers every position that is not a constant.
func existsOnly(ids [3]uint64, mask uint8) bool {
	for i, id := range ids {
		if id == 0 && mask&(1<<i) == 0 {
			return false
		}
	}
	return true
}

// bitsSlack bounds a bit set's id range per key (32 bytes of bits a key,
// what a match of an ordinary table costs), or bitsFloor ids whatever the
// keys (1 MiB).
const (
	bitsSlack = 256
	bitsFloor = 1 << 23
)

// linkBits makes t the bit set of keys, or returns false when they are
// too spread out for one.
func (t *hashTable) linkBits(keys []uint64) bool {
	if len(keys) == 0 {
		t.bits = []uint64{}
		return true
	}
	lo, hi := keys[0], keys[0]
	for _, k := range keys {
		lo, hi = min(lo, k), max(hi, k)
	}
	if hi-lo >= max(uint64(len(keys))*bitsSlack, bitsFloor) {
		return false
	}
	t.base = lo
	t.bits = make([]uint64, (hi-lo)/64+1)
	for _, k := range keys {
		k -= lo
		t.bits[k/64] |= 1 << (k % 64)
	}
	return true
}

// hasKey reports whether bit-set table t holds key k.
func (t *hashTable) hasKey(k uint64) bool {
	i := k - t.base // wraps below base: out of range too
	return i/64 < uint64(len(t.bits)) && t.bits[i/64]&(1<<(i%64)) != 0
}
