package eval

// idIndex maps term ids to int32 by open addressing: a power-of-two table
// at most half full, a multiplicative hash and linear probing. Keys too
// spread for a dense index — 15,000 assessments among three million ids
// — were a Go map, whose lookups took a third of a query that probed
// them 165,000 times; here a lookup is a multiply and, mostly, one cache
// line. Id 0 is never a term, so it marks an empty slot.
type idIndex struct {
	keys  []uint64
	vals  []int32
	shift uint8
}

func newIDIndex(n int) idIndex {
	size, shift := 16, uint8(60)
	for size < 2*n {
		size *= 2
		shift--
	}
	return idIndex{keys: make([]uint64, size), vals: make([]int32, size), shift: shift}
}

// slot is where the probe for k starts.
func (x *idIndex) slot(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> x.shift }

// get returns the value of k, or false.
func (x *idIndex) get(k uint64) (int32, bool) {
	if len(x.keys) == 0 {
		return -1, false
	}
	mask := uint64(len(x.keys) - 1)
	for i := x.slot(k); ; i = (i + 1) & mask {
		switch x.keys[i] {
		case k:
			return x.vals[i], true
		case 0:
			return -1, false
		}
	}
}

// put sets the value of k to v and returns its previous value, or -1.
func (x *idIndex) put(k uint64, v int32) int32 {
	mask := uint64(len(x.keys) - 1)
	for i := x.slot(k); ; i = (i + 1) & mask {
		switch x.keys[i] {
		case k:
			old := x.vals[i]
			x.vals[i] = v
			return old
		case 0:
			x.keys[i], x.vals[i] = k, v
			return -1
		}
	}
}
