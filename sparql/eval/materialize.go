package eval

import (
	"context"
)

// materialized evaluates an operator that does not depend on the outer
// solution (a sub-select, an aggregation, the right side of MINUS)
// once per graph it runs in, keeps its solutions, and joins them with each
// outer solution through a hash index on a variable they all bind. A join
// with a GROUP BY sub-query thus costs one evaluation, not one per row.
type materialized struct {
	inner op     // run on a fresh row of sc
	sc    *scope // the scope of inner's rows
	slots []int  // the slots solutions may bind
	key   int    // index into slots of a slot every solution binds, or -1
	// cache is keyed by the graph in force (exec.graph); it lives in the
	// operator, which is compiled per execution.
	cache map[uint64]*table
}

type table struct {
	rows  [][]uint64
	index map[uint64][]int // key value → rows
}

func (o *materialized) get(ctx context.Context, x *exec) (*table, error) {
	if t, ok := o.cache[x.graph]; ok {
		return t, nil
	}
	t := &table{}
	row := make([]uint64, o.sc.size())
	// The table stays for the whole execution, and so does its charge;
	// the index costs about as much again per row.
	entry := rowSize(len(o.slots)) + 8 + 8 + mapEntry
	var memErr error
	err := o.inner.run(ctx, x, row, func(r []uint64) bool {
		if memErr = x.mem.grow(entry, "sub-query"); memErr != nil {
			return false
		}
		vals := make([]uint64, len(o.slots))
		for i, s := range o.slots {
			vals[i] = r[s]
		}
		t.rows = append(t.rows, vals)
		return x.tick(ctx) == nil
	})
	if memErr != nil {
		return nil, memErr
	}
	if err == errStop {
		err = ctx.Err()
	}
	if err != nil {
		return nil, err
	}
	if o.key >= 0 && len(t.rows) > 8 {
		t.index = make(map[uint64][]int)
		for i, r := range t.rows {
			t.index[r[o.key]] = append(t.index[r[o.key]], i)
		}
	}
	if o.cache == nil {
		o.cache = make(map[uint64]*table)
	}
	o.cache[x.graph] = t
	return t, nil
}

func (o *materialized) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	t, err := o.get(ctx, x)
	if err != nil {
		return err
	}
	if t.index != nil {
		if id := row[o.slots[o.key]]; id != 0 {
			idx := t.index[id]
			rows := make([][]uint64, len(idx))
			for i, n := range idx {
				rows[i] = t.rows[n]
			}
			return joinRows(ctx, x, row, o.slots, rows, yield)
		}
	}
	return joinRows(ctx, x, row, o.slots, t.rows, yield)
}

// newMaterialized wraps inner, whose solutions bind at most maybe (all of
// certain), as an operator evaluated once.
func newMaterialized(inner op, sc *scope, maybe, certain varSet) *materialized {
	o := &materialized{inner: inner, sc: sc, key: -1}
	for i, v := range maybe.sorted() {
		o.slots = append(o.slots, sc.slot(v))
		if o.key < 0 && certain.has(v) {
			o.key = i
		}
	}
	return o
}
