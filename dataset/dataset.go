package dataset

import (
	"context"
	"errors"
	"fmt"

	"github.com/stadleuven/maturity/rdf"
)

// Dataset is what the readers of stored RDF need from storage: a consistent read view
// in which terms are dictionary-encoded as uint64 ids. The store satisfies it
// without importing this package; cmd/maturity wires the two together.
//
// Id 0 means "unbound" in a pattern and is never a term's id. The zero
// rdf.Term stands for the default graph: Lookup(rdf.Term{}) returns the id
// of the stored default graph, which can then be used as the graph of a
// pattern. A pattern whose graph is 0 matches quads in every graph,
// including the default graph (the union).
type Dataset interface {
	// Lookup returns the id of t, and false when the dataset has never
	// held t. It never allocates an id. A term that was removed may keep
	// its id: Lookup then succeeds and Match finds nothing (the linked-data
	// server answers 410 Gone for such IRIs).
	Lookup(t rdf.Term) (id uint64, ok bool, err error)
	// Term returns the term for an id returned by Lookup or Match.
	Term(id uint64) (rdf.Term, error)
	// Match calls yield with every quad (s, p, o, g ids) matching the
	// pattern until yield returns false. It returns ctx.Err() when the
	// context ends during the scan. When the pattern's graph is 0, the
	// quads of one triple (the same s, p, o in several graphs) must come
	// one after another: the evaluator keeps the first of them for the
	// union default graph, a set of triples, by comparing each quad with
	// the one before (the store's s-p-o-g, p-o-s-g and o-s-p-g orders give
	// this for free).
	Match(ctx context.Context, pattern [4]uint64, yield func(quad [4]uint64) bool) error
	// Estimate returns an estimate of how many quads match the pattern,
	// cheap enough to call while planning.
	Estimate(pattern [4]uint64) (uint64, error)
	// Graphs calls yield with the id of every named graph (the default
	// graph excluded) until yield returns false.
	Graphs(ctx context.Context, yield func(g uint64) bool) error
}

// ErrUnknownID is returned when a dataset or a dictionary is asked for an
// id it never handed out: a bug, not bad input.
var ErrUnknownID = errors.New("unknown term id")

func errUnknownID(id uint64) error { return fmt.Errorf("%w %d", ErrUnknownID, id) }
