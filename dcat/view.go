package dcat

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// View is what the catalog reads: a consistent read view that also knows
// when each graph last changed. The store's snapshots and the linked-data
// server's views satisfy it.
type View interface {
	dataset.Dataset
	// GraphModified returns when graph g last changed, and false when it
	// does not exist.
	GraphModified(g rdf.Term) (time.Time, bool, error)
}

// reader memoises id and term decoding for one Build.
type reader struct {
	ctx context.Context
	v   View
	dec *dataset.Decoder
}

func newReader(ctx context.Context, v View) *reader {
	return &reader{ctx: ctx, v: v, dec: dataset.NewDecoder(v)}
}

// id returns the id of t, 0 when the view has never held it.
func (r *reader) id(t rdf.Term) (uint64, error) {
	id, err := r.dec.ID(t)
	if err != nil {
		return 0, fmt.Errorf("dcat: %w", err)
	}
	return id, nil
}

func (r *reader) term(id uint64) (rdf.Term, error) {
	t, err := r.dec.Term(id)
	if err != nil {
		return rdf.Term{}, fmt.Errorf("dcat: %w", err)
	}
	return t, nil
}

// graphs returns the IRIs of every named graph, sorted.
func (r *reader) graphs() ([]string, error) {
	var ids []uint64
	if err := r.v.Graphs(r.ctx, func(g uint64) bool { ids = append(ids, g); return true }); err != nil {
		return nil, fmt.Errorf("dcat: list graphs: %w", err)
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		t, err := r.term(id)
		if err != nil {
			return nil, err
		}
		if t.IsIRI() {
			out = append(out, t.Value)
		}
	}
	sort.Strings(out)
	return out, nil
}

// objects returns the objects of (s, p) in graph g (zero: any graph),
// deduplicated, in the view's order.
func (r *reader) objects(s rdf.Term, p string, g rdf.Term) ([]rdf.Term, error) {
	sid, err := r.id(s)
	if err != nil || sid == 0 {
		return nil, err
	}
	pid, err := r.id(rdf.IRI(p))
	if err != nil || pid == 0 {
		return nil, err
	}
	var gid uint64
	if !g.IsZero() {
		if gid, err = r.id(g); err != nil || gid == 0 {
			return nil, err
		}
	}
	var ids []uint64
	seen := map[uint64]bool{}
	err = r.v.Match(r.ctx, [4]uint64{sid, pid, 0, gid}, func(q [4]uint64) bool {
		if !seen[q[2]] {
			seen[q[2]] = true
			ids = append(ids, q[2])
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("dcat: read %s %s: %w", s, p, err)
	}
	return r.termsOf(ids)
}

// subjects returns the subjects of (?, p, o) in graph g (zero: any graph).
func (r *reader) subjects(p string, o, g rdf.Term) ([]rdf.Term, error) {
	pid, err := r.id(rdf.IRI(p))
	if err != nil || pid == 0 {
		return nil, err
	}
	oid, err := r.id(o)
	if err != nil || oid == 0 {
		return nil, err
	}
	var gid uint64
	if !g.IsZero() {
		if gid, err = r.id(g); err != nil || gid == 0 {
			return nil, err
		}
	}
	var ids []uint64
	err = r.v.Match(r.ctx, [4]uint64{0, pid, oid, gid}, func(q [4]uint64) bool { ids = append(ids, q[0]); return true })
	if err != nil {
		return nil, fmt.Errorf("dcat: read ? %s %s: %w", p, o, err)
	}
	return r.termsOf(ids)
}

// termsOf returns the terms of ids, in order.
func (r *reader) termsOf(ids []uint64) ([]rdf.Term, error) {
	out := make([]rdf.Term, 0, len(ids))
	for _, id := range ids {
		t, err := r.term(id)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// text returns the language-tagged values of (s, p) by language; a plain
// string counts as Dutch when there is no Dutch one.
func (r *reader) text(s rdf.Term, p string) (vocab.Text, error) {
	return r.textIn(s, p, rdf.Term{})
}

// textIn is text read from graph g only.
func (r *reader) textIn(s rdf.Term, p string, g rdf.Term) (vocab.Text, error) {
	ts, err := r.objects(s, p, g)
	if err != nil {
		return nil, err
	}
	out := vocab.Text{}
	plain := ""
	for _, t := range ts {
		switch {
		case !t.IsLiteral():
		case t.Lang != "":
			out[t.Lang] = t.Value
		case plain == "":
			plain = t.Value
		}
	}
	if out["nl"] == "" && plain != "" {
		out["nl"] = plain
	}
	return out, nil
}

// graphQuads returns every quad of graph g with the graph name kept.
func (r *reader) graphQuads(g string) ([]rdf.Quad, error) {
	qs, err := r.dec.GraphQuads(r.ctx, rdf.IRI(g))
	if err != nil {
		return nil, fmt.Errorf("dcat: %w", err)
	}
	return qs, nil
}

// modified returns the latest modification time of the graphs, and the
// graphs that exist.
func (r *reader) modified(graphs []string) (time.Time, []string, error) {
	var latest time.Time
	var exist []string
	for _, g := range graphs {
		t, ok, err := r.v.GraphModified(rdf.IRI(g))
		if err != nil {
			return time.Time{}, nil, fmt.Errorf("dcat: modification time of %s: %w", g, err)
		}
		if !ok {
			continue
		}
		exist = append(exist, g)
		if t.After(latest) {
			latest = t
		}
	}
	return latest, exist, nil
}

// graphsOf returns the graphs holding a statement about s with one of the
// predicates, sorted.
func (r *reader) graphsOf(s rdf.Term, preds ...string) ([]string, error) {
	sid, err := r.id(s)
	if err != nil || sid == 0 {
		return nil, err
	}
	seen := map[uint64]bool{}
	for _, p := range preds {
		pid, err := r.id(rdf.IRI(p))
		if err != nil {
			return nil, err
		}
		if pid == 0 {
			continue
		}
		if err := r.v.Match(r.ctx, [4]uint64{sid, pid, 0, 0}, func(q [4]uint64) bool { seen[q[3]] = true; return true }); err != nil {
			return nil, fmt.Errorf("dcat: read %s: %w", s, err)
		}
	}
	var out []string
	for id := range seen {
		t, err := r.term(id)
		if err != nil {
			return nil, err
		}
		if t.IsIRI() {
			out = append(out, t.Value)
		}
	}
	sort.Strings(out)
	return out, nil
}
