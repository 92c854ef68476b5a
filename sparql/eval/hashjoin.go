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
	// hashMaxQuads bounds the memory of one table (about 50 MB).
	hashMaxQuads = 1 << 20
	// hashPrealloc bounds the room reserved from an estimate.
	hashPrealloc = 1 << 18
)

// hashKey identifies a table: which positions are bound at probe time,
// and the graph the step runs in.
type hashKey struct {
	mask  uint8
	graph uint64
}

// hashTable holds the matches of a pattern's constants, indexed by the
// values at the positions of mask.
// Quads with equal keys are chained through next, so a table costs two
// slices and one map, not a slice per key.
type hashTable struct {
	quads [][4]uint64
	next  []int32 // next quad with the same key, -1 at the end
	// one is the position of a single-position key (index1 is used), or
	// -1 (index is used).
	one    int
	index1 map[uint64]int32
	index  map[[3]uint64]int32
}

// head returns the first quad with the key of q, or -1.
func (t *hashTable) head(k [3]uint64) (int32, bool) {
	if t.one >= 0 {
		n, ok := t.index1[k[t.one]]
		return n, ok
	}
	n, ok := t.index[k]
	return n, ok
}

func (t *hashTable) setHead(k [3]uint64, n int32) {
	if t.one >= 0 {
		t.index1[k[t.one]] = n
	} else {
		t.index[k] = n
	}
}

// hashFor returns the hash table that answers probes with the pattern
// values pat, building it when the probes so far justify it, or nil to
// keep using the index.
func (s *step) hashFor(ctx context.Context, x *exec, pat [3]uint64) (*hashTable, error) {
	var mask uint8
	for i, p := range s.tp.pos {
		if p >= 0 && pat[i] != 0 {
			mask |= 1 << i
		}
	}
	key := hashKey{mask: mask}
	if s.tp.graph == inNamed {
		key.graph = x.graph
	}
	if t, ok := s.tables[key]; ok {
		return t, nil
	}
	s.probes++
	if mask == 0 {
		// A step sharing no variable with the steps before it (a cross
		// product) scans the same matches for every outer solution: from
		// the second time on, they come from memory.
		if s.probes < 2 || s.full > hashMaxQuads {
			return nil, nil
		}
	} else if s.probes < hashMinProbes || float64(s.probes) < s.full/hashProbeRatio || s.full > hashMaxQuads {
		return nil, nil
	}
	size := int(s.full)
	if size > hashMaxQuads {
		size = hashMaxQuads
	}
	// The estimate sizes the table up front (growing it while scanning
	// copies every quad again), within reason: an estimate is no promise.
	prealloc := min(size, hashPrealloc)
	t := &hashTable{one: -1, quads: make([][4]uint64, 0, prealloc), next: make([]int32, 0, prealloc)}
	switch mask {
	case 1, 2, 4:
		t.one = map[uint8]int{1: 0, 2: 1, 4: 2}[mask]
		t.index1 = make(map[uint64]int32, prealloc/2)
	default:
		t.index = make(map[[3]uint64]int32, size/2)
	}
	tp := s.tp
	err := x.match(ctx, tp.graph, tp.ids[0], tp.ids[1], tp.ids[2], func(q [4]uint64) bool {
		if x.tick(ctx) != nil {
			return false
		}
		var k [3]uint64
		for i := 0; i < 3; i++ {
			if mask&(1<<i) != 0 {
				k[i] = q[i]
			}
		}
		head, ok := t.head(k)
		if !ok {
			head = -1
		}
		t.setHead(k, int32(len(t.quads)))
		t.next = append(t.next, head)
		t.quads = append(t.quads, q)
		return len(t.quads) < hashMaxQuads
	})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, fatal(err)
	}
	if len(t.quads) >= hashMaxQuads {
		s.full = hashMaxQuads + 1 // too big after all: keep probing the index
		return nil, nil
	}
	if s.tables == nil {
		s.tables = make(map[hashKey]*hashTable)
	}
	s.tables[key] = t
	return t, nil
}

// probe calls yield with the quads of t matching pat.
func (t *hashTable) probe(pat [3]uint64, mask uint8, yield func([4]uint64) bool) {
	var k [3]uint64
	for i := 0; i < 3; i++ {
		if mask&(1<<i) != 0 {
			k[i] = pat[i]
		}
	}
	n, ok := t.head(k)
	if !ok {
		return
	}
	for ; n >= 0; n = t.next[n] {
		if !yield(t.quads[n]) {
			return
		}
	}
}
