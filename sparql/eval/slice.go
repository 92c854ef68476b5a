package eval

import (
	"context"
)

// sliceOp is OFFSET/LIMIT.
type sliceOp struct {
	in            op
	offset, limit int64
}

func (o *sliceOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	if o.limit == 0 {
		return nil
	}
	var n, out int64
	stopped, full := false, false
	err := o.in.run(ctx, x, row, func(r []uint64) bool {
		n++
		if n <= o.offset {
			return true
		}
		if !yield(r) {
			stopped = true
			return false
		}
		out++
		if o.limit >= 0 && out >= o.limit {
			full = true
			return false
		}
		return true
	})
	if err == errStop && full && !stopped {
		return nil
	}
	return err
}
