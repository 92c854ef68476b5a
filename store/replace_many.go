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
// change together or not at all.
func (s *Store) ReplaceGraphs(ctx context.Context, graphs []GraphContent) error {
	for _, gc := range graphs {
		if gc.Graph.IsLiteral() {
			return fmt.Errorf("store: replace graphs: %w: literal graph name", ErrBadTerm)
		}
	}
	return s.update(ctx, "replace graphs", func(w *writer) error {
		for _, gc := range graphs {
			g := gc.Graph
			if err := w.clearGraph(ctx, g); err != nil {
				return err
			}
			ts, err := encodeQuads(w.tx, gc.Quads, &g, true)
			if err != nil {
				return err
			}
			if err := w.apply(ts, true); err != nil {
				return err
			}
			if len(ts) > 0 {
				w.touch(ts[0][3])
			}
		}
		return nil
	})
}
