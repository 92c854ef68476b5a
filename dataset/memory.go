package dataset

import (
	"context"

	"github.com/stadleuven/maturity/rdf"
)

// Memory is a Dataset held in maps and slices. Tests, the W3C harness and
// small tools use it; it is immutable after NewMemory, so concurrent reads
// are safe.
type Memory struct {
	terms []rdf.Term // terms[id-1]
	ids   map[rdf.Term]uint64
	quads [][4]uint64
	// index[pos][id] lists the quads (positions in quads) whose term at pos
	// is id; Match scans the shortest list among the bound positions.
	index  [4]map[uint64][]int32
	graphs []uint64 // named graphs, in first-seen order
}

// NewMemory returns a Dataset holding quads, with ids assigned in order of
// first appearance. The default graph gets id 1. Duplicate quads are kept
// once. The quads of one triple in several graphs are kept together, at
// the place of the first, as Dataset.Match promises.
func NewMemory(quads []rdf.Quad) *Memory {
	m := &Memory{ids: make(map[rdf.Term]uint64)}
	for i := range m.index {
		m.index[i] = make(map[uint64][]int32)
	}
	m.intern(rdf.Term{})
	seen := make(map[[4]uint64]struct{}, len(quads))
	// graphsOf lists, per triple in order of first appearance, its graphs.
	var order [][3]uint64
	graphsOf := make(map[[3]uint64][]uint64)
	named := make(map[uint64]struct{})
	for _, q := range quads {
		k := [4]uint64{m.intern(q.S), m.intern(q.P), m.intern(q.O), m.intern(q.G)}
		if _, dup := seen[k]; dup {
			continue
		}
		seen[k] = struct{}{}
		t := [3]uint64{k[0], k[1], k[2]}
		if _, ok := graphsOf[t]; !ok {
			order = append(order, t)
		}
		graphsOf[t] = append(graphsOf[t], k[3])
		if _, ok := named[k[3]]; !ok && !q.G.IsZero() {
			named[k[3]] = struct{}{}
			m.graphs = append(m.graphs, k[3])
		}
	}
	for _, t := range order {
		for _, g := range graphsOf[t] {
			k := [4]uint64{t[0], t[1], t[2], g}
			n := int32(len(m.quads))
			m.quads = append(m.quads, k)
			for pos, id := range k {
				m.index[pos][id] = append(m.index[pos][id], n)
			}
		}
	}
	return m
}

func (m *Memory) intern(t rdf.Term) uint64 {
	if id, ok := m.ids[t]; ok {
		return id
	}
	m.terms = append(m.terms, t)
	id := uint64(len(m.terms))
	m.ids[t] = id
	return id
}

// Len returns the number of distinct quads.
func (m *Memory) Len() int { return len(m.quads) }

// Lookup implements Dataset.
func (m *Memory) Lookup(t rdf.Term) (uint64, bool, error) {
	id, ok := m.ids[t]
	return id, ok, nil
}

// Term implements Dataset.
func (m *Memory) Term(id uint64) (rdf.Term, error) {
	if id == 0 || id > uint64(len(m.terms)) {
		return rdf.Term{}, errUnknownID(id)
	}
	return m.terms[id-1], nil
}

// candidates returns the shortest posting list among the bound positions,
// or all=true when nothing is bound.
func (m *Memory) candidates(p [4]uint64) (list []int32, all bool) {
	all = true
	for pos, id := range p {
		if id == 0 {
			continue
		}
		l := m.index[pos][id]
		if all || len(l) < len(list) {
			list, all = l, false
		}
	}
	return list, all
}

// Match implements Dataset.
func (m *Memory) Match(ctx context.Context, p [4]uint64, yield func([4]uint64) bool) error {
	list, all := m.candidates(p)
	n := len(list)
	if all {
		n = len(m.quads)
	}
	for i := 0; i < n; i++ {
		if i&1023 == 1023 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var q [4]uint64
		if all {
			q = m.quads[i]
		} else {
			q = m.quads[list[i]]
		}
		if (p[0] != 0 && p[0] != q[0]) || (p[1] != 0 && p[1] != q[1]) ||
			(p[2] != 0 && p[2] != q[2]) || (p[3] != 0 && p[3] != q[3]) {
			continue
		}
		if !yield(q) {
			return nil
		}
	}
	return ctx.Err()
}

// estimateScan bounds the posting-list entries Estimate checks; beyond it
// the count is extrapolated.
const estimateScan = 4096

// Estimate implements Dataset: the matches among the shortest posting
// list, counted exactly up to estimateScan entries and extrapolated from
// them beyond.
func (m *Memory) Estimate(p [4]uint64) (uint64, error) {
	list, all := m.candidates(p)
	if all {
		return uint64(len(m.quads)), nil
	}
	n := min(len(list), estimateScan)
	hits := 0
	for _, i := range list[:n] {
		q := m.quads[i]
		if (p[0] == 0 || p[0] == q[0]) && (p[1] == 0 || p[1] == q[1]) &&
			(p[2] == 0 || p[2] == q[2]) && (p[3] == 0 || p[3] == q[3]) {
			hits++
		}
	}
	if n == 0 {
		return 0, nil
	}
	return uint64(hits * len(list) / n), nil
}

// Graphs implements Dataset.
func (m *Memory) Graphs(ctx context.Context, yield func(uint64) bool) error {
	for _, g := range m.graphs {
		if !yield(g) {
			return nil
		}
	}
	return ctx.Err()
}

var _ Dataset = (*Memory)(nil)

// Quads returns the dataset's quads, in insertion order.
func (m *Memory) Quads() []rdf.Quad {
	out := make([]rdf.Quad, len(m.quads))
	for i, q := range m.quads {
		out[i] = rdf.Quad{S: m.terms[q[0]-1], P: m.terms[q[1]-1], O: m.terms[q[2]-1], G: m.terms[q[3]-1]}
	}
	return out
}
