package eval

import (
	"container/heap"
	"context"
	"sort"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/fn"
)

// orderOp is ORDER BY: it collects the solutions and sorts them stably.
// Under a LIMIT it keeps only the topK first in a heap.
type orderOp struct {
	in   op
	keys []expr
	desc []bool
	topK int // 0: all
	// slots holds, per key that is a plain variable, its slot (else -1):
	// such keys compare by id first, and comparisons of two ids are
	// memoized, since decoding a number for every comparison dominates a
	// sort with few distinct values.
	slots []int
	memo  map[[2]uint64]int
}

// orderMemoMax bounds the comparison memo.
const orderMemoMax = 1 << 16

// sortRow is a solution with its ORDER BY keys; seq keeps the sort stable.
type sortRow struct {
	row  []uint64
	keys []rdf.Term
	seq  int
}

// compare orders key k of two rows.
func (o *orderOp) compare(k int, a, b *sortRow) int {
	s := o.slots[k]
	if s < 0 || a.row == nil || b.row == nil {
		return fn.OrderCompare(a.keys[k], b.keys[k])
	}
	ia, ib := a.row[s], b.row[s]
	if ia == ib {
		return 0
	}
	pair := [2]uint64{ia, ib}
	if c, ok := o.memo[pair]; ok {
		return c
	}
	c := fn.OrderCompare(a.keys[k], b.keys[k])
	if o.memo == nil {
		o.memo = make(map[[2]uint64]int)
	}
	if len(o.memo) < orderMemoMax {
		o.memo[pair] = c
	}
	return c
}

// less orders by the conditions, then by arrival.
func (o *orderOp) less(a, b *sortRow) bool {
	for k := range o.keys {
		c := o.compare(k, a, b)
		if o.desc[k] {
			c = -c
		}
		if c != 0 {
			return c < 0
		}
	}
	return a.seq < b.seq
}

func (o *orderOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	var rows []*sortRow
	h := &rowHeap{o: o}
	var fatalErr error
	seq := 0
	keys := make([]rdf.Term, len(o.keys))
	// held is what the kept rows cost the meter; a row evicted from the
	// top-k heap gives its share back.
	held := 0
	defer func() { x.mem.shrink(held) }()
	size := func(r *sortRow) int {
		n := rowSize(len(r.row)) + sliceHeader + 8 + 8 // row, keys, seq, pointer
		for _, k := range r.keys {
			n += termBytes(k)
		}
		return n
	}
	err := o.in.run(ctx, x, row, func(r []uint64) bool {
		if err := x.tick(ctx); err != nil {
			fatalErr = err
			return false
		}
		for i, k := range o.keys {
			t, err := k(ctx, x, r)
			if isFatal(err) {
				fatalErr = err
				return false
			}
			keys[i] = t // an error sorts as unbound
		}
		seq++
		cand := sortRow{row: r, keys: keys, seq: seq}
		if o.topK > 0 && len(h.rows) == o.topK && !o.less(&cand, h.rows[0]) {
			return true
		}
		sr := &sortRow{row: append([]uint64(nil), r...), keys: append([]rdf.Term(nil), keys...), seq: seq}
		n := size(sr)
		if err := x.mem.grow(n, "ORDER BY"); err != nil {
			fatalErr = err
			return false
		}
		held += n
		if o.topK > 0 {
			if len(h.rows) == o.topK {
				n := size(heap.Pop(h).(*sortRow))
				x.mem.shrink(n)
				held -= n
			}
			heap.Push(h, sr)
		} else {
			rows = append(rows, sr)
		}
		return true
	})
	if fatalErr != nil {
		return fatalErr
	}
	if err != nil {
		return err
	}
	if o.topK > 0 {
		rows = h.rows
	}
	sort.Slice(rows, func(i, j int) bool { return o.less(rows[i], rows[j]) })
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

// rowHeap is a max-heap of the best rows so far: its root is the row a
// better one evicts.
type rowHeap struct {
	o    *orderOp
	rows []*sortRow
}

func (h *rowHeap) Len() int           { return len(h.rows) }
func (h *rowHeap) Less(i, j int) bool { return h.o.less(h.rows[j], h.rows[i]) }
func (h *rowHeap) Swap(i, j int)      { h.rows[i], h.rows[j] = h.rows[j], h.rows[i] }
func (h *rowHeap) Push(v any)         { h.rows = append(h.rows, v.(*sortRow)) }
func (h *rowHeap) Pop() any {
	last := h.rows[len(h.rows)-1]
	h.rows = h.rows[:len(h.rows)-1]
	return last
}
