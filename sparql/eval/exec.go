package eval

import (
	"context"
	"math/rand/v2"
	"strconv"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/budget"
	"github.com/stadleuven/maturity/sparql/fn"
)

// exec is the state of one execution. It is used by one goroutine at a
// time (the producer and the consumer of a Result hand over control, they
// never run at once).
type exec struct {
	ds   Dataset
	d    *dict
	env  *fn.Env
	opts Options
	lim  budget.Limits // opts.Limits, resolved
	mem  meter

	dflt  graphSet // the active default graph
	named graphSet // the graphs GRAPH ranges over
	// namedSet caches the named graphs for membership tests.
	namedSet map[uint64]struct{}

	// graph is the graph a surrounding GRAPH is evaluating, for patterns
	// compiled inNamed.
	graph uint64

	// fixed marks the slots of scope fixedScope that an EXISTS substituted.
	fixed      []bool
	fixedScope int

	estimates map[[4]uint64]float64 // see estimate

	// gen is the dataset's generation when hasGen (see TableCache).
	gen    uint64
	hasGen bool

	ticks       uint32
	bnodes      uint64
	bnodePrefix string
	scopeID     int
}

// graphSet is a set of graphs: every graph (all), or the listed ids.
type graphSet struct {
	all bool
	ids []uint64
}

func (x *exec) isFixed(scope, slot int) bool {
	return x.fixed != nil && x.fixedScope == scope && slot < len(x.fixed) && x.fixed[slot]
}

// tick checks for cancellation every 1024 calls, so long loops stop soon
// after the context ends without paying for ctx.Err on every row.
func (x *exec) tick(ctx context.Context) error {
	x.ticks++
	if x.ticks&1023 == 0 {
		return ctx.Err()
	}
	return nil
}

// setupDataset resolves the RDF dataset of the query (§13): the protocol's
// graphs override FROM/FROM NAMED, which override the default mode.
func (x *exec) setupDataset(ctx context.Context, from, fromNamed []rdf.Term) error {
	if len(x.opts.DefaultGraphIRIs) > 0 || len(x.opts.NamedGraphIRIs) > 0 {
		from, fromNamed = x.opts.DefaultGraphIRIs, x.opts.NamedGraphIRIs
	}
	if len(from) > 0 || len(fromNamed) > 0 {
		var err error
		if x.dflt.ids, err = x.graphIDs(from); err != nil {
			return err
		}
		x.named.ids, err = x.graphIDs(fromNamed)
		return err
	}
	switch x.opts.DefaultGraph {
	case OwnDefaultGraph:
		id, ok, err := x.d.lookup(rdf.Term{})
		if err != nil {
			return err
		}
		if ok {
			x.dflt.ids = []uint64{id}
		}
	default:
		x.dflt.all = true
	}
	x.named.all = true
	return nil
}

func (x *exec) graphIDs(iris []rdf.Term) ([]uint64, error) {
	var ids []uint64
	seen := map[uint64]bool{}
	for _, g := range iris {
		id, ok, err := x.d.lookup(g)
		if err != nil {
			return nil, err
		}
		if ok && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// namedGraphs calls yield with each graph GRAPH ?g ranges over.
func (x *exec) namedGraphs(ctx context.Context, yield func(uint64) bool) error {
	if !x.named.all {
		for _, g := range x.named.ids {
			if !yield(g) {
				return nil
			}
		}
		return nil
	}
	return x.ds.Graphs(ctx, yield)
}

// isNamed reports whether g is one of the graphs GRAPH ranges over.
func (x *exec) isNamed(ctx context.Context, g uint64) (bool, error) {
	if g&overlayBit != 0 {
		return false, nil
	}
	if x.namedSet == nil {
		set := make(map[uint64]struct{})
		err := x.namedGraphs(ctx, func(id uint64) bool {
			set[id] = struct{}{}
			return true
		})
		if err != nil {
			return false, fatal(err)
		}
		x.namedSet = set
	}
	_, ok := x.namedSet[g]
	return ok, nil
}

// freshBlank returns a new blank node, unique within the execution.
func (x *exec) freshBlank() rdf.Term {
	if x.bnodePrefix == "" {
		// Labels must not collide with the dataset's blank nodes in the
		// same output.
		x.bnodePrefix = "c" + strconv.FormatUint(rand.Uint64()&0xffffffffff, 36) + "x"
	}
	x.bnodes++
	return rdf.Blank(x.bnodePrefix + strconv.FormatUint(x.bnodes, 10))
}
