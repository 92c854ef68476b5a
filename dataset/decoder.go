package dataset

import (
	"context"
	"fmt"

	"github.com/stadleuven/maturity/rdf"
)

// Decoder memoises id↔term translation over a Dataset for the length of
// one task (a request, a catalog build, reading one graph). Readers of a
// Dataset that work in terms rather than ids decode the same few terms
// (predicates, graphs, classes) over and over; a Decoder makes each one
// cost a single Lookup or Term. It is not safe for concurrent use.
type Decoder struct {
	ds    Dataset
	ids   map[rdf.Term]uint64
	terms map[uint64]rdf.Term
	limit int // 0: unbounded
}

// SetLimit bounds the memo to about n terms: when it is full it starts
// afresh. A whole-dataset scan (a dump) sets it, since its terms are
// rarely reused and an unbounded memo would hold the dictionary.
func (d *Decoder) SetLimit(n int) { d.limit = n }

// NewDecoder returns an empty Decoder over ds.
func NewDecoder(ds Dataset) *Decoder {
	return &Decoder{ds: ds, ids: map[rdf.Term]uint64{}, terms: map[uint64]rdf.Term{}}
}

// ID returns the id of t, or 0 when the dataset has never held it (0 never
// matches, so it can go straight into a pattern only where "no match" is
// the wanted outcome; callers check it).
func (d *Decoder) ID(t rdf.Term) (uint64, error) {
	if id, ok := d.ids[t]; ok {
		return id, nil
	}
	id, ok, err := d.ds.Lookup(t)
	if err != nil {
		return 0, fmt.Errorf("lookup %s: %w", t, err)
	}
	if !ok {
		id = 0
	}
	d.remember(id, t)
	return id, nil
}

// Term returns the term of id.
func (d *Decoder) Term(id uint64) (rdf.Term, error) {
	if t, ok := d.terms[id]; ok {
		return t, nil
	}
	t, err := d.ds.Term(id)
	if err != nil {
		return rdf.Term{}, fmt.Errorf("term %d: %w", id, err)
	}
	d.remember(id, t)
	return t, nil
}

// remember records id ↔ t (id 0: t is unknown), starting afresh when the
// memo is full.
func (d *Decoder) remember(id uint64, t rdf.Term) {
	if d.limit > 0 && len(d.ids) >= d.limit {
		clear(d.terms)
		clear(d.ids)
	}
	d.ids[t] = id
	if id != 0 {
		d.terms[id] = t
	}
}

// Quad decodes a quad of ids (s, p, o, g).
func (d *Decoder) Quad(q [4]uint64) (rdf.Quad, error) {
	var out [4]rdf.Term
	for i, id := range q {
		t, err := d.Term(id)
		if err != nil {
			return rdf.Quad{}, err
		}
		out[i] = t
	}
	return rdf.Quad{S: out[0], P: out[1], O: out[2], G: out[3]}, nil
}

// GraphQuads returns every quad of graph g, decoded; nil when the dataset
// has no such graph.
func (d *Decoder) GraphQuads(ctx context.Context, g rdf.Term) ([]rdf.Quad, error) {
	gid, err := d.ID(g)
	if err != nil || gid == 0 {
		return nil, err
	}
	var ids [][4]uint64
	if err := d.ds.Match(ctx, [4]uint64{0, 0, 0, gid}, func(q [4]uint64) bool { ids = append(ids, q); return true }); err != nil {
		return nil, fmt.Errorf("read graph %s: %w", g, err)
	}
	out := make([]rdf.Quad, 0, len(ids))
	for _, q := range ids {
		quad, err := d.Quad(q)
		if err != nil {
			return nil, err
		}
		out = append(out, quad)
	}
	return out, nil
}
