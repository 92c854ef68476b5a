package store

import (
	"context"
	"fmt"
	"time"

	"github.com/stadleuven/maturity/rdf"
)

// GraphSel selects the graphs a term-level pattern reads.
// Its zero value is AnyGraph.
type GraphSel struct {
	one   bool // read graph only, instead of the union of all graphs
	graph rdf.Term
}

// The graph selections; treat them as constants.
var (
	// AnyGraph reads every graph, the default graph included (the union).
	AnyGraph = GraphSel{}
	// DefaultGraphOnly reads the stored default graph only.
	DefaultGraphOnly = GraphSel{one: true}
)

// Graph selects one graph; the zero Term selects the default graph.
func Graph(g rdf.Term) GraphSel { return GraphSel{one: true, graph: g} }

// Quads calls yield with every quad matching s, p, o (the zero Term matches
// anything) in the selected graphs, until yield returns false. A term the
// store never held matches nothing.
func (v *Snapshot) Quads(ctx context.Context, s, p, o rdf.Term, g GraphSel, yield func(rdf.Quad) bool) error {
	var pattern [4]uint64
	terms := [4]rdf.Term{s, p, o, g.graph}
	for i, t := range terms {
		if t.IsZero() && (i < 3 || !g.one) {
			continue
		}
		id, ok, err := v.Lookup(t)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		pattern[i] = id
	}
	cache := make(map[uint64]rdf.Term)
	var termErr error
	term := func(id uint64) rdf.Term {
		if t, ok := cache[id]; ok {
			return t
		}
		t, err := v.Term(id)
		if err != nil {
			termErr = err
		}
		if len(cache) < 1<<16 {
			cache[id] = t
		}
		return t
	}
	err := v.Match(ctx, pattern, func(q [4]uint64) bool {
		quad := rdf.Quad{S: term(q[0]), P: term(q[1]), O: term(q[2]), G: term(q[3])}
		if termErr != nil {
			return false
		}
		return yield(quad)
	})
	if termErr != nil {
		return termErr
	}
	return err
}

// GraphInfo describes one graph of the store.
type GraphInfo struct {
	Graph    rdf.Term // the zero Term for the default graph
	Quads    int64
	Modified time.Time // zero if the graph was never written
}

// GraphInfos lists the default graph and every named graph holding quads.
func (v *Snapshot) GraphInfos(ctx context.Context) ([]GraphInfo, error) {
	if err := v.live(); err != nil {
		return nil, err
	}
	count, mod := decodeGraphInfo(v.graphs.Get(appendID(nil, defaultGraphID)))
	infos := []GraphInfo{{Quads: count, Modified: mod}}
	var err error
	gerr := v.Graphs(ctx, func(g uint64) bool {
		var t rdf.Term
		if t, err = v.Term(g); err != nil {
			return false
		}
		count, mod := decodeGraphInfo(v.graphs.Get(appendID(nil, g)))
		infos = append(infos, GraphInfo{Graph: t, Quads: count, Modified: mod})
		return true
	})
	if err == nil {
		err = gerr
	}
	if err != nil {
		return nil, fmt.Errorf("store: graph infos: %w", err)
	}
	return infos, nil
}

// GraphModified returns when graph g (zero Term: the default graph) was last
// written, and false if it never was. A cleared graph keeps its time.
func (v *Snapshot) GraphModified(g rdf.Term) (time.Time, bool, error) {
	id, ok, err := v.Lookup(g)
	if err != nil || !ok {
		return time.Time{}, false, err
	}
	if err := v.live(); err != nil {
		return time.Time{}, false, err
	}
	val := v.graphs.Get(appendID(nil, id))
	if val == nil {
		return time.Time{}, false, nil
	}
	_, mod := decodeGraphInfo(val)
	return mod, true, nil
}

// Stats summarises the store.
type Stats struct {
	Quads     int64 // all quads, every graph
	Terms     int64 // dictionary entries (terms ever stored)
	Graphs    int64 // named graphs holding quads
	FileBytes int64 // size of the database file
	// UsedBytes is the file up to its last page in use (bbolt's high-water
	// mark). A commit that needs pages beyond the memory map (at least
	// Options.MmapSize, in powers of two) grows the map and so waits for
	// every open snapshot (doc.go, Concurrency).
	UsedBytes int64
}

// Stats returns the store's counts as of the snapshot.
func (v *Snapshot) Stats() (Stats, error) {
	if err := v.live(); err != nil {
		return Stats{}, err
	}
	st := Stats{
		Quads:     int64(v.quads),
		Terms:     int64(v.nextID) - defaultGraphID - 1,
		FileBytes: fileSize(v.path),
		UsedBytes: v.tx.Size(),
	}
	err := v.Graphs(context.Background(), func(uint64) bool { st.Graphs++; return true })
	if err != nil {
		return st, err
	}
	return st, nil
}
