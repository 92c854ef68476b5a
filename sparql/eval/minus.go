package eval

import (
	"context"

	"github.com/stadleuven/maturity/sparql/algebra"
)

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
