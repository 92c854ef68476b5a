package store

import (
	"context"
	"fmt"

	"github.com/stadleuven/maturity/rdf"
)

// GraphContent is the whole new content of one graph.
type GraphContent struct {
	Graph rdf.Term
	Quads []rdf.Quad // their own graph is ignored
}

// ReplaceGraphs replaces several graphs in one transaction, so that related
// graphs (an assessment version and the index that names it current)
// change together or not at all. A graph listed twice gets both contents.
func (s *Store) ReplaceGraphs(ctx context.Context, graphs []GraphContent) error {
	for _, gc := range graphs {
		if gc.Graph.IsLiteral() {
			return fmt.Errorf("store: replace graphs: %w: literal graph name", ErrBadTerm)
		}
	}
	return s.update(ctx, "replace graphs", func(w *writer) error {
		return w.replaceGraphs(ctx, graphs)
	})
}

// replaceGraphs clears the graphs, then encodes and inserts all new quads
// in one pass (see doc.go on why a transaction writes each bucket once).
func (w *writer) replaceGraphs(ctx context.Context, graphs []GraphContent) error {
	n := 0
	for _, gc := range graphs {
		if err := w.clearGraph(ctx, gc.Graph); err != nil {
			return err
		}
		n += len(gc.Quads)
	}
	all := make([]rdf.Quad, 0, n)
	for _, gc := range graphs {
		for _, q := range gc.Quads {
			q.G = gc.Graph
			all = append(all, q)
		}
	}
	ts, err := encodeQuads(w.tx, all, nil, true)
	if err != nil {
		return err
	}
	return w.apply(ts, true)
}
