package eval

import (
	"context"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// leftJoinOp is OPTIONAL: each left solution is extended by the right
// solutions that satisfy the filter, or kept alone when none does.
type leftJoinOp struct {
	left, right op
	filter      expr // nil: true
	// one is right's only step when right is a single triple pattern:
	// it is probed directly for each left solution (probe.go).
	one *step
}

func (c *compiler) compileLeftJoin(p *algebra.LeftJoin, sc *scope, g graphCtx, bound varSet) (op, error) {
	l, err := c.compile(p.Left, sc, g, bound)
	if err != nil {
		return nil, err
	}
	cl := certainVars(p.Left)
	r, err := c.compile(p.Right, sc, g, bound.union(cl))
	if err != nil {
		return nil, err
	}
	o := &leftJoinOp{left: l, right: r, one: singleTriple(r)}
	unsafe := maybeVars(p.Right).minus(cl)
	if p.Expr != nil {
		if o.filter, err = c.compileExpr(p.Expr, sc, g); err != nil {
			return nil, err
		}
		unsafe = unsafe.union(exprVars(p.Expr).minus(cl).minus(certainVars(p.Right)))
	}
	return wrapIsolate(o, sc, unsafe), nil
}

func (o *leftJoinOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	var inner error
	stopped, matched := false, false
	// One callback for all left solutions: a closure per row would
	// allocate per row.
	onRight := func(m []uint64) bool {
		if o.filter != nil {
			b, err := ebv(o.filter(ctx, x, m))
			if isFatal(err) {
				inner = err
				return false
			}
			if err != nil || !b {
				return true
			}
		}
		matched = true
		if !yield(m) {
			stopped = true
			return false
		}
		return true
	}
	err := o.left.run(ctx, x, row, func(r []uint64) bool {
		matched = false
		var err error
		if o.one != nil {
			err = o.one.eachMatch(ctx, x, r, false, onRight)
		} else {
			err = o.right.run(ctx, x, r, onRight)
		}
		if err != nil && err != errStop {
			inner = err
			return false
		}
		if inner != nil || stopped {
			return false
		}
		if !matched && !yield(r) {
			stopped = true
			return false
		}
		return true
	})
	if inner != nil {
		return inner
	}
	if stopped {
		return errStop
	}
	return err
}
