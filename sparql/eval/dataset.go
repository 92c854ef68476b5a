package eval

import (
	"context"

	"github.com/stadleuven/maturity/dataset"
)

// Dataset is the storage the evaluator reads: package dataset defines it
// for every reader of stored RDF, not only for queries.
type Dataset = dataset.Dataset

// blockMatcher is a Dataset that can also hand over the matches of a
// pattern a run at a time (the store does, a block at a time): a hash
// join copies each run at once, and a batched join loops over it without
// a call per quad. The slice is valid only during the call.
type blockMatcher interface {
	MatchBlocks(ctx context.Context, pattern [4]uint64, yield func(qs [][4]uint64) bool) error
}
