package eval

// LinearPlans returns opts with every group ordered by the near-linear
// greedy order, which otherwise only groups of more than greedyMaxSteps
// steps get: the answers must not depend on the order.
func LinearPlans(opts Options) Options {
	opts.linearPlans = true
	return opts
}

// BitsTable builds a bit-set table of keys and reports whether it took
// them, and then whether it holds each of probe.
func BitsTable(keys, probe []uint64) (bool, []bool) {
	var t hashTable
	if !t.linkBits(keys) {
		return false, nil
	}
	has := make([]bool, len(probe))
	for i, k := range probe {
		has[i] = t.hasKey(k)
	}
	return true, has
}

// IDIndex fills an idIndex with keys (values their positions, the last
// position for a repeated key) and looks up probe.
func IDIndex(keys, probe []uint64) []int32 {
	x := newIDIndex(len(keys))
	for i, k := range keys {
		x.put(k, int32(i))
	}
	out := make([]int32, len(probe))
	for i, k := range probe {
		v, ok := x.get(k)
		if !ok {
			v = -1
		}
		out[i] = v
	}
	return out
}
