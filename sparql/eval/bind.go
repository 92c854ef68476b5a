package eval

import (
	"context"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// extendOp is BIND: it binds a slot to the value of an expression, or
// leaves it unbound when the expression fails.
type extendOp struct {
	in   op
	slot int
	e    expr
	// newRow starts a new solution for BNODE(str); a chain of BINDs over
	// one solution (SELECT expressions) shares it.
	newRow bool
	name   algebra.Var
}

func (c *compiler) compileExtend(p *algebra.Extend, sc *scope, g graphCtx, bound varSet) (op, error) {
	in, err := c.compile(p.Pattern, sc, g, bound)
	if err != nil {
		return nil, err
	}
	e, err := c.compileExpr(p.Expr, sc, g)
	if err != nil {
		return nil, err
	}
	_, chained := p.Pattern.(*algebra.Extend)
	o := &extendOp{in: in, slot: sc.slot(p.Var), e: e, newRow: !chained, name: p.Var}
	unsafe := setOf(p.Var).union(exprVars(p.Expr).minus(certainVars(p.Pattern)))
	return wrapIsolate(o, sc, unsafe), nil
}

func (o *extendOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	var fatalErr error
	err := o.in.run(ctx, x, row, func(r []uint64) bool {
		if o.newRow {
			x.env.NewRow()
		}
		v, err := o.e(ctx, x, r)
		if err != nil {
			if isFatal(err) {
				fatalErr = err
				return false
			}
			return yield(r)
		}
		id, err := x.d.intern(v)
		if err != nil {
			fatalErr = err
			return false
		}
		r[o.slot] = id
		cont := yield(r)
		r[o.slot] = 0
		return cont
	})
	if fatalErr != nil {
		return fatalErr
	}
	return err
}
