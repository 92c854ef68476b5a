package eval

import "context"

// Running a group of joined patterns (joinOp, compiled and ordered in
// join.go): depth first, one step a level, a triple step by index scan or
// hash table, filters at the first level where their variables are
// bound; batched runs are in batch.go.

// joinRun is the state of one run of a joinOp.
type joinRun struct {
	j     *joinOp
	ctx   context.Context
	x     *exec
	row   []uint64
	yield yieldFn
	err   error
	stop  bool
	// levels hold each triple step's scan state and callback, made on
	// first use: a callback closure made per probe would be one heap
	// allocation per intermediate solution.
	levels []*levelScan
	// batch holds each step's state in a batched run (batch.go).
	batch []*batchStep
}

// levelScan is the state of triple step k while its matches are read.
// Step k is never re-entered while its own scan runs (only the steps after
// it are), so one per step and run is enough.
type levelScan struct {
	r   *joinRun
	k   int
	tp  *triplePat
	pat [3]uint64
	cb  func([4]uint64) bool
}

func (j *joinOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	r := j.spare
	if r != nil {
		j.spare = nil
		*r = joinRun{j: j, ctx: ctx, x: x, row: row, yield: yield, levels: r.levels, batch: r.batch}
	} else {
		r = &joinRun{j: j, ctx: ctx, x: x, row: row, yield: yield}
	}
	defer func() {
		r.ctx, r.row, r.yield, r.err = nil, nil, nil, nil
		j.spare = r
	}()
	if !r.filter(0) {
		return nil
	}
	if j.batchable(len(row)) {
		r.feed(0, row, 1)
	} else {
		r.level(0)
	}
	if r.err != nil {
		return r.err
	}
	if r.stop {
		return errStop
	}
	return nil
}

// filter runs the filters placed after k steps; false drops the row.
func (r *joinRun) filter(k int) bool { return r.filterRow(k, r.row) }

// filterRow runs the filters placed after k steps on row; false drops it.
func (r *joinRun) filterRow(k int, row []uint64) bool {
	for _, f := range r.j.filters[k] {
		b, err := ebv(f(r.ctx, r.x, row))
		if err != nil {
			if isFatal(err) {
				r.err = err
			}
			return false
		}
		if !b {
			return false
		}
	}
	return true
}

// level evaluates step k and everything after it; false stops the run.
func (r *joinRun) level(k int) bool {
	if k == len(r.j.steps) {
		if !r.yield(r.row) {
			r.stop = true
			return false
		}
		return true
	}
	s := r.j.steps[k]
	if s.op != nil {
		err := s.op.run(r.ctx, r.x, r.row, func(row []uint64) bool {
			// An operator may yield its own row rather than r.row (a
			// batched join yields from its buffers): the steps after it
			// bind into that one while it is valid.
			saved := r.row
			r.row = row
			cont := true
			if !r.filter(k + 1) {
				cont = r.err == nil
			} else {
				cont = r.level(k + 1)
			}
			r.row = saved
			return cont
		})
		if err != nil && err != errStop && r.err == nil {
			r.err = err
		}
		return r.err == nil && !r.stop
	}
	tp := s.tp
	if tp.absent {
		return true
	}
	ls := r.scan(k, tp)
	pat := &ls.pat
	for i := range pat {
		if tp.pos[i] < 0 {
			pat[i] = tp.ids[i]
		} else {
			pat[i] = r.row[tp.pos[i]]
		}
	}
	cb := ls.cb
	if (pat[0]|pat[1]|pat[2])&overlayBit == 0 {
		t, err := s.hashFor(r.ctx, r.x, *pat, false)
		if err != nil {
			r.err = err
			return false
		}
		if t != nil {
			var mask uint8
			for i, p := range tp.pos {
				if p >= 0 && pat[i] != 0 {
					mask |= 1 << i
				}
			}
			t.probe(*pat, mask, cb)
			return r.err == nil && !r.stop
		}
	}
	err := r.x.match(r.ctx, tp.graph, pat[0], pat[1], pat[2], cb)
	if err != nil && r.err == nil {
		r.err = fatal(err)
	}
	return r.err == nil && !r.stop
}

// scan returns the scan state of triple step k, making it on first use.
func (r *joinRun) scan(k int, tp *triplePat) *levelScan {
	if r.levels == nil {
		r.levels = make([]*levelScan, len(r.j.steps))
	}
	ls := r.levels[k]
	if ls == nil {
		ls = &levelScan{r: r, k: k, tp: tp}
		ls.cb = ls.match
		r.levels[k] = ls
	}
	return ls
}

// match binds one match of step k into the row and runs the steps after
// it; false stops the scan.
func (ls *levelScan) match(q [4]uint64) bool {
	r, tp := ls.r, ls.tp
	if err := r.x.tick(r.ctx); err != nil {
		r.err = err
		return false
	}
	var set [3]int
	n := 0
	ok := true
	for i := 0; i < 3; i++ {
		if ls.pat[i] != 0 {
			continue
		}
		slot := tp.pos[i]
		switch r.row[slot] {
		case 0:
			r.row[slot] = q[i]
			set[n] = slot
			n++
		case q[i]:
		default:
			ok = false
		}
	}
	if ok && len(r.j.steps[ls.k].scanFilters) > 0 {
		var err error
		if ok, err = r.j.steps[ls.k].scanFilter(r.ctx, r.x, r.row); err != nil {
			r.err = err
		}
	}
	cont := true
	if ok && r.filter(ls.k+1) {
		cont = r.level(ls.k + 1)
	} else if r.err != nil {
		cont = false
	}
	for i := 0; i < n; i++ {
		r.row[set[i]] = 0
	}
	return cont
}
