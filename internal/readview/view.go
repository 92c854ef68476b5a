package readview

import (
	"context"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
)

// Source hands out consistent read views of the dataset.
type Source interface {
	View(ctx context.Context) (View, error)
}

// View is one consistent read view. The store's snapshots satisfy it. A
// handler closes it as soon as it has read what it needs, before it
// writes a large response or commits a write.
type View interface {
	sparql.Dataset
	// GraphModified returns when graph g (zero Term: the default graph)
	// last changed, and false when it does not exist.
	GraphModified(g rdf.Term) (time.Time, bool, error)
	// Generation changes on every committed write.
	Generation() uint64
	Close() error
}
