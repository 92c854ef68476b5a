package eval

import (
	"context"
)

// unionOp is UNION: the left solutions, then the right ones.
type unionOp struct{ left, right op }

func (o *unionOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	if err := o.left.run(ctx, x, row, yield); err != nil {
		return err
	}
	return o.right.run(ctx, x, row, yield)
}
