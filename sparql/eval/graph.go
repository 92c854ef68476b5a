package eval

import (
	"context"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// graphOp is GRAPH: it evaluates its pattern in one named graph or in each.
type graphOp struct {
	in   op
	slot int    // -1 for a constant graph
	id   uint64 // the constant graph's id; 0 when the dataset lacks it
	name algebra.Node
}

func (c *compiler) compileGraph(p *algebra.Graph, sc *scope, g graphCtx, bound varSet) (op, error) {
	o := &graphOp{slot: -1, name: p.Name}
	if p.Name.IsVar() {
		o.slot = sc.slot(p.Name.Var)
		bound = bound.union(setOf(p.Name.Var))
	} else {
		id, ok, err := c.x.d.lookup(p.Name.Term)
		if err != nil {
			return nil, err
		}
		if ok {
			o.id = id
		}
	}
	in, err := c.compile(p.Pattern, sc, inNamed, bound)
	if err != nil {
		return nil, err
	}
	o.in = in
	return o, nil
}

func (o *graphOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	outer := x.graph
	defer func() { x.graph = outer }()
	// Operators after this one may be inside another GRAPH: they see its
	// graph again while they run.
	inner := func(g uint64) yieldFn {
		return func(r []uint64) bool {
			x.graph = outer
			cont := yield(r)
			x.graph = g
			return cont
		}
	}
	one := func(g uint64) error {
		ok, err := x.isNamed(ctx, g)
		if err != nil || !ok {
			return err
		}
		x.graph = g
		return o.in.run(ctx, x, row, inner(g))
	}
	if o.slot < 0 {
		if o.id == 0 {
			return nil
		}
		return one(o.id)
	}
	if g := row[o.slot]; g != 0 {
		return one(g)
	}
	var graphs []uint64
	if err := x.namedGraphs(ctx, func(g uint64) bool {
		graphs = append(graphs, g)
		return true
	}); err != nil {
		return fatal(err)
	}
	for _, g := range graphs {
		row[o.slot] = g
		x.graph = g
		err := o.in.run(ctx, x, row, inner(g))
		row[o.slot] = 0
		if err != nil {
			return err
		}
	}
	return nil
}
