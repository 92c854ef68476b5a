package eval

import (
	"context"
	"sort"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/fn"
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
			o.keys = append(o.keys, e)
			o.desc = append(o.desc, cond.Desc)
		}
		return o, nil
	}
	return c.compile(p, sc, g, nil)
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

// orderOp is ORDER BY: it collects the solutions and sorts them stably.
type orderOp struct {
	in   op
	keys []expr
	desc []bool
}

func (o *orderOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	type sortRow struct {
		row  []uint64
		keys []rdf.Term
	}
	var rows []sortRow
	var fatalErr error
	err := o.in.run(ctx, x, row, func(r []uint64) bool {
		if err := x.tick(ctx); err != nil {
			fatalErr = err
			return false
		}
		sr := sortRow{row: append([]uint64(nil), r...), keys: make([]rdf.Term, len(o.keys))}
		for i, k := range o.keys {
			t, err := k(ctx, x, r)
			if isFatal(err) {
				fatalErr = err
				return false
			}
			sr.keys[i] = t // an error sorts as unbound
		}
		rows = append(rows, sr)
		return true
	})
	if fatalErr != nil {
		return fatalErr
	}
	if err != nil {
		return err
	}
	sort.SliceStable(rows, func(i, j int) bool {
		for k := range o.keys {
			c := fn.OrderCompare(rows[i].keys[k], rows[j].keys[k])
			if o.desc[k] {
				c = -c
			}
			if c != 0 {
				return c < 0
			}
		}
		return false
	})
	for _, r := range rows {
		if err := x.tick(ctx); err != nil {
			return err
		}
		if !yield(r.row) {
			return errStop
		}
	}
	return nil
}

// minusOp is MINUS: it drops left solutions compatible with a right
// solution with which they share a bound variable. The right side does not
// depend on the left, so it is evaluated once.
type minusOp struct {
	left   op
	right  *materialized
	common []int // indexes into right.slots of variables the left may bind
	leftOf []int // their slots
}

func (c *compiler) compileMinus(p *algebra.Minus, sc *scope, g graphCtx, bound varSet) (op, error) {
	l, err := c.compile(p.Left, sc, g, bound)
	if err != nil {
		return nil, err
	}
	r, err := c.compile(p.Right, sc, g, nil)
	if err != nil {
		return nil, err
	}
	right := newMaterialized(r, sc, maybeVars(p.Right), certainVars(p.Right))
	o := &minusOp{left: l, right: right}
	ml := maybeVars(p.Left)
	for i, v := range maybeVars(p.Right).sorted() {
		if ml.has(v) {
			o.common = append(o.common, i)
			o.leftOf = append(o.leftOf, right.slots[i])
		}
	}
	if len(o.common) == 0 {
		return l, nil // disjoint domains: MINUS removes nothing
	}
	unsafe := maybeVars(p.Right).minus(certainVars(p.Left))
	return wrapIsolate(o, sc, unsafe), nil
}

func (o *minusOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	t, err := o.right.get(ctx, x)
	if err != nil {
		return err
	}
	return o.left.run(ctx, x, row, func(r []uint64) bool {
		cand := t.rows
		if t.index != nil {
			if id := r[o.right.slots[o.right.key]]; id != 0 {
				idx := t.index[id]
				cand = make([][]uint64, len(idx))
				for i, n := range idx {
					cand[i] = t.rows[n]
				}
			}
		}
		for _, b := range cand {
			shared, compatible := false, true
			for i, ci := range o.common {
				a, bv := r[o.leftOf[i]], b[ci]
				if a == 0 || bv == 0 {
					continue
				}
				shared = true
				if a != bv {
					compatible = false
					break
				}
			}
			if shared && compatible {
				return true
			}
		}
		return yield(r)
	})
}
