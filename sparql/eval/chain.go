package eval

import (
	"context"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// compileChain compiles a query's (or sub-select's) solution modifiers —
// Project, Distinct, Reduced, Slice, OrderBy — as streaming operators over
// the pattern below them. The result expects a row without outer bindings.
func (c *compiler) compileChain(p algebra.Pattern, sc *scope, g graphCtx) (op, error) {
	switch p := p.(type) {
	case *algebra.Project:
		inner := c.newScope()
		in, err := c.compileChain(p.Pattern, inner, g)
		if err != nil {
			return nil, err
		}
		o := &projectOp{in: in, inner: inner}
		for _, v := range p.Vars {
			o.from = append(o.from, inner.slot(v))
			o.to = append(o.to, sc.slot(v))
		}
		return o, nil
	case *algebra.Distinct:
		in, err := c.compileChain(p.Pattern, sc, g)
		if err != nil {
			return nil, err
		}
		return c.distinctOver(in, p.Pattern, sc), nil
	case *algebra.Reduced:
		// REDUCED permits removing duplicates but does not require it;
		// keeping them costs no memory.
		return c.compileChain(p.Pattern, sc, g)
	case *algebra.Slice:
		in, err := c.compileChain(p.Pattern, sc, g)
		if err != nil {
			return nil, err
		}
		if o := orderBelow(in); o != nil && p.Limit >= 0 {
			// ORDER BY … LIMIT n keeps only the first offset+n rows.
			o.topK = int(p.Offset + p.Limit)
		}
		return &sliceOp{in: in, offset: p.Offset, limit: p.Limit}, nil
	case *algebra.OrderBy:
		in, err := c.compileChain(p.Pattern, sc, g)
		if err != nil {
			return nil, err
		}
		o := &orderOp{in: in}
		for _, cond := range p.Conditions {
			e, err := c.compileExpr(cond.Expr, sc, g)
			if err != nil {
				return nil, err
			}
			slot := -1
			if v, ok := cond.Expr.(algebra.Var); ok {
				slot = sc.slot(v)
			}
			o.slots = append(o.slots, slot)
			o.keys = append(o.keys, e)
			o.desc = append(o.desc, cond.Desc)
		}
		return o, nil
	}
	return c.compile(p, sc, g, nil)
}

// orderBelow returns the ORDER BY directly under a LIMIT, looking through
// the projection between them (which keeps the number of rows).
func orderBelow(o op) *orderOp {
	if p, ok := o.(*projectOp); ok {
		o = p.in
	}
	ord, _ := o.(*orderOp)
	return ord
}

func (c *compiler) distinctOver(in op, p algebra.Pattern, sc *scope) op {
	o := &distinctOp{in: in}
	for _, v := range maybeVars(p).sorted() {
		o.slots = append(o.slots, sc.slot(v))
	}
	return o
}

// compileSubSelect compiles a sub-select (or other solution modifiers inside
// a pattern): it is evaluated once and joined with the outer solutions.
func (c *compiler) compileSubSelect(p algebra.Pattern, sc *scope, g graphCtx) (op, error) {
	in, err := c.compileChain(p, sc, g)
	if err != nil {
		return nil, err
	}
	return newMaterialized(in, sc, maybeVars(p), certainVars(p)), nil
}

// projectOp runs its pattern in the sub-select's own scope and copies the
// projected variables out.
type projectOp struct {
	in       op
	inner    *scope
	from, to []int
}

func (o *projectOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	inner := make([]uint64, o.inner.size())
	set := make([]int, 0, len(o.to))
	return o.in.run(ctx, x, inner, func(r []uint64) bool {
		set = set[:0]
		ok := true
		for i, f := range o.from {
			id := r[f]
			if id == 0 {
				continue
			}
			t := o.to[i]
			switch row[t] {
			case 0:
				row[t] = id
				set = append(set, t)
			case id:
			default:
				ok = false
			}
		}
		cont := !ok || yield(row)
		for _, t := range set {
			row[t] = 0
		}
		return cont
	})
}
