package eval

import "github.com/stadleuven/maturity/dataset"

// Dataset is the storage the evaluator reads: package dataset defines it
// for every reader of stored RDF, not only for queries.
type Dataset = dataset.Dataset
