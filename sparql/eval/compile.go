package eval

import (
	"context"
	"fmt"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// compiler turns algebra into operators for one execution: it needs the
// execution for constant ids and join-order estimates.
type compiler struct {
	ctx context.Context // for the dataset reads of planning
	x   *exec

	// Planning state shared by all groups of the query (see plan.go).
	varBits map[algebra.Var]uint64
	fanouts map[fanoutKey]estimate
	triples map[*algebra.TriplePattern]*planStep
	// produced caches producerFanout (see correlate.go).
	produced map[producerKey]float64
	samples  map[sampleKey][]uint64
}

func (c *compiler) newScope() *scope {
	c.x.scopeID++
	return &scope{id: c.x.scopeID, slots: make(map[algebra.Var]int)}
}

// compile compiles p in scope sc. bound holds the variables the caller will
// certainly have bound when it runs the operator; it only guides the join
// order.
func (c *compiler) compile(p algebra.Pattern, sc *scope, g graphCtx, bound varSet) (op, error) {
	switch p := p.(type) {
	case *algebra.BGP, *algebra.Join, *algebra.Filter, *algebra.Path:
		return c.compileJoin(p, sc, g, bound)
	case *algebra.LeftJoin:
		return c.compileLeftJoin(p, sc, g, bound)
	case *algebra.Union:
		l, err := c.compile(p.Left, sc, g, bound)
		if err != nil {
			return nil, err
		}
		r, err := c.compile(p.Right, sc, g, bound)
		if err != nil {
			return nil, err
		}
		return &unionOp{l, r}, nil
	case *algebra.Graph:
		return c.compileGraph(p, sc, g, bound)
	case *algebra.Extend:
		return c.compileExtend(p, sc, g, bound)
	case *algebra.Minus:
		return c.compileMinus(p, sc, g, bound)
	case *algebra.Table:
		return c.compileTable(p, sc)
	case *algebra.Group:
		return c.compileGroup(p, sc, g)
	case *algebra.Service:
		return c.compileService(p, sc)
	case *algebra.Project, *algebra.Distinct, *algebra.Reduced, *algebra.Slice, *algebra.OrderBy:
		return c.compileSubSelect(p, sc, g)
	}
	return nil, fmt.Errorf("unsupported pattern %T", p)
}
