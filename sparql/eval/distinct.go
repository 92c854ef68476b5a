package eval

import (
	"context"
)

// distinctOp is DISTINCT (and REDUCED): it keeps the first of equal
// solutions, comparing the slots the pattern may bind.
type distinctOp struct {
	in    op
	slots []int
}

func (o *distinctOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	seen := make(map[string]struct{})
	key := make([]byte, 8*len(o.slots))
	entry := len(key) + 16 + mapEntry // key bytes, string header, bucket
	held := 0
	defer func() { x.mem.shrink(held) }()
	var memErr error
	err := o.in.run(ctx, x, row, func(r []uint64) bool {
		for i, s := range o.slots {
			putID(key[8*i:], r[s])
		}
		if _, dup := seen[string(key)]; dup {
			return true
		}
		if memErr = x.mem.grow(entry, "DISTINCT"); memErr != nil {
			return false
		}
		held += entry
		seen[string(key)] = struct{}{}
		return yield(r)
	})
	if memErr != nil {
		return memErr
	}
	return err
}

func putID(b []byte, id uint64) {
	_ = b[7]
	b[0], b[1], b[2], b[3] = byte(id), byte(id>>8), byte(id>>16), byte(id>>24)
	b[4], b[5], b[6], b[7] = byte(id>>32), byte(id>>40), byte(id>>48), byte(id>>56)
}
