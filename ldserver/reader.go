package ldserver

import (
	"context"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
)

// reader wraps a View for one request: it memoises id↔term decoding and
// records which graphs contributed quads, from which the ETag and
// Last-Modified of the response are computed.
type reader struct {
	ctx    context.Context
	v      View
	dec    *sparql.Decoder
	graphs map[uint64]struct{}
}

func newReader(ctx context.Context, v View) *reader {
	return &reader{ctx: ctx, v: v, dec: sparql.NewDecoder(v), graphs: map[uint64]struct{}{}}
}

// id returns the id of t; 0 when the dataset has never held it.
func (r *reader) id(t rdf.Term) (uint64, error) { return r.dec.ID(t) }

// iriID is id for an IRI.
func (r *reader) iriID(iri string) (uint64, error) { return r.id(rdf.IRI(iri)) }

// term decodes an id.
func (r *reader) term(id uint64) (rdf.Term, error) { return r.dec.Term(id) }

// match calls fn for every quad matching the pattern; fn returns false to
// stop. It does not record graphs: callers record what they use.
func (r *reader) match(s, p, o, g uint64, fn func(q [4]uint64) bool) error {
	return r.v.Match(r.ctx, [4]uint64{s, p, o, g}, fn)
}

// use records that the quad's graph contributed to the response.
func (r *reader) use(q [4]uint64) { r.graphs[q[3]] = struct{}{} }

// quad decodes a quad of ids.
func (r *reader) quad(q [4]uint64) (rdf.Quad, error) { return r.dec.Quad(q) }

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
