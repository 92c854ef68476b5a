package ldserver

import (
	"context"
	"fmt"

	"github.com/stadleuven/maturity/rdf"
)

// reader wraps a View for one request: it memoises id↔term decoding and
// records which graphs contributed quads, from which the ETag and
// Last-Modified of the response are computed.
type reader struct {
	ctx    context.Context
	v      View
	terms  map[uint64]rdf.Term
	ids    map[rdf.Term]uint64
	graphs map[uint64]struct{}
}

func newReader(ctx context.Context, v View) *reader {
	return &reader{ctx: ctx, v: v, terms: map[uint64]rdf.Term{}, ids: map[rdf.Term]uint64{}, graphs: map[uint64]struct{}{}}
}

// id returns the id of t; 0 when the dataset has never held it.
func (r *reader) id(t rdf.Term) (uint64, error) {
	if id, ok := r.ids[t]; ok {
		return id, nil
	}
	id, ok, err := r.v.Lookup(t)
	if err != nil {
		return 0, fmt.Errorf("lookup %s: %w", t, err)
	}
	if !ok {
		id = 0
	}
	r.ids[t] = id
	if id != 0 {
		r.terms[id] = t
	}
	return id, nil
}

// iriID is id for an IRI.
func (r *reader) iriID(iri string) (uint64, error) { return r.id(rdf.IRI(iri)) }

// term decodes an id.
func (r *reader) term(id uint64) (rdf.Term, error) {
	if t, ok := r.terms[id]; ok {
		return t, nil
	}
	t, err := r.v.Term(id)
	if err != nil {
		return rdf.Term{}, fmt.Errorf("term %d: %w", id, err)
	}
	r.terms[id] = t
	return t, nil
}

// match calls fn for every quad matching the pattern; fn returns false to
// stop. It does not record graphs: callers record what they use.
func (r *reader) match(s, p, o, g uint64, fn func(q [4]uint64) bool) error {
	return r.v.Match(r.ctx, [4]uint64{s, p, o, g}, fn)
}

// use records that the quad's graph contributed to the response.
func (r *reader) use(q [4]uint64) { r.graphs[q[3]] = struct{}{} }

// quad decodes a quad of ids.
func (r *reader) quad(q [4]uint64) (rdf.Quad, error) {
	var out [4]rdf.Term
	for i, id := range q {
		t, err := r.term(id)
		if err != nil {
			return rdf.Quad{}, err
		}
		out[i] = t
	}
	return rdf.Quad{S: out[0], P: out[1], O: out[2], G: out[3]}, nil
}

// exists reports whether any quad matches the pattern.
func (r *reader) exists(s, p, o, g uint64) (bool, error) {
	found := false
	err := r.match(s, p, o, g, func([4]uint64) bool { found = true; return false })
	return found, err
}

// objects returns the objects of (s, p), recording their graphs.
func (r *reader) objects(s, p uint64) ([]uint64, error) {
	if s == 0 || p == 0 {
		return nil, nil
	}
	var out []uint64
	seen := map[uint64]bool{}
	err := r.match(s, p, 0, 0, func(q [4]uint64) bool {
		r.use(q)
		if !seen[q[2]] {
			seen[q[2]] = true
			out = append(out, q[2])
		}
		return true
	})
	return out, err
}

// subjects returns up to limit subjects of (?, p, o), recording graphs.
func (r *reader) subjects(p, o uint64, limit int) ([]uint64, error) {
	if p == 0 || o == 0 {
		return nil, nil
	}
	var out []uint64
	seen := map[uint64]bool{}
	err := r.match(0, p, o, 0, func(q [4]uint64) bool {
		r.use(q)
		if !seen[q[0]] {
			seen[q[0]] = true
			out = append(out, q[0])
		}
		return len(out) < limit
	})
	return out, err
}
