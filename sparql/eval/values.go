package eval

import (
	"context"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// tableOp is VALUES.
type tableOp struct {
	slots []int
	rows  [][]uint64 // 0 = UNDEF
}

func (c *compiler) compileTable(p *algebra.Table, sc *scope) (op, error) {
	o := &tableOp{slots: make([]int, len(p.Vars))}
	for i, v := range p.Vars {
		o.slots[i] = sc.slot(v)
	}
	for _, r := range p.Rows {
		ids := make([]uint64, len(r))
		for i, t := range r {
			if t.IsZero() {
				continue
			}
			id, err := c.x.d.intern(t)
			if err != nil {
				return nil, err
			}
			ids[i] = id
		}
		o.rows = append(o.rows, ids)
	}
	return o, nil
}

func (o *tableOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	return joinRows(ctx, x, row, o.slots, o.rows, yield)
}

// joinRows yields each of rows (values for slots, 0 = unbound) that is
// compatible with row, merged into it.
func joinRows(ctx context.Context, x *exec, row []uint64, slots []int, rows [][]uint64, yield yieldFn) error {
	var set []int
	for _, r := range rows {
		if err := x.tick(ctx); err != nil {
			return err
		}
		set = set[:0]
		ok := true
		for i, id := range r {
			if id == 0 {
				continue
			}
			s := slots[i]
			switch row[s] {
			case 0:
				row[s] = id
				set = append(set, s)
			case id:
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		cont := !ok || yield(row)
		for _, s := range set {
			row[s] = 0
		}
		if !cont {
			return errStop
		}
	}
	return nil
}
