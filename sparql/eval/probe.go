package eval

import "context"

// One triple pattern probed for one solution at a time, outside a join:
// the right side of OPTIONAL { ?o ex:needScore ?need } and the pattern of
// FILTER NOT EXISTS { ?r ex:q01 ?answer } are run once per solution of
// their left side, tens of thousands of times. Running them as a join of
// one step costs a run's set-up each time; probing the step directly —
// its hash table once the probes justify one (hashjoin.go), else its
// index — costs the lookup alone.

// singleTriple returns the triple step of o when o is a join of exactly
// that one step without filters outside the step, or nil.
func singleTriple(o op) *step {
	j, ok := o.(*joinOp)
	if !ok || len(j.steps) != 1 || j.steps[0].tp == nil {
		return nil
	}
	for _, fs := range j.filters {
		if len(fs) > 0 {
			return nil
		}
	}
	return j.steps[0]
}

// probeState is the state of one eachMatch call; the step keeps it for
// the next call, which then allocates nothing.
type probeState struct {
	s     *step
	ctx   context.Context
	x     *exec
	row   []uint64
	pat   [3]uint64
	yield yieldFn
	err   error
	stop  bool
	busy  bool
	cb    func([][4]uint64) bool
}

// eachMatch calls yield with row extended by each match of triple step s
// that is compatible with it (bound in place and unbound afterwards) and
// passes the step's scan filters, until yield returns false. With exists,
// the caller only asks whether there is a match (EXISTS): the variables
// the row leaves unbound may stay unbound.
func (s *step) eachMatch(ctx context.Context, x *exec, row []uint64, exists bool, yield yieldFn) error {
	tp := s.tp
	if tp.absent {
		return nil
	}
	p := s.probe
	if p == nil || p.busy {
		// A nested call (an operator met again through its own yield)
		// gets state of its own.
		p = &probeState{s: s}
		p.cb = p.scanned
		if s.probe == nil {
			s.probe = p
		}
	}
	*p = probeState{s: s, ctx: ctx, x: x, row: row, yield: yield, busy: true, cb: p.cb}
	defer func() { p.busy, p.row, p.yield, p.ctx = false, nil, nil, nil }()
	var mask uint8
	for i := range p.pat {
		if q := tp.pos[i]; q < 0 {
			p.pat[i] = tp.ids[i]
		} else if p.pat[i] = row[q]; p.pat[i] != 0 {
			mask |= 1 << i
		}
	}
	if (p.pat[0]|p.pat[1]|p.pat[2])&overlayBit != 0 {
		return nil // computed terms are not in the dataset
	}
	t, err := s.hashFor(ctx, x, p.pat, exists)
	if err != nil {
		return err
	}
	if t == nil {
		err := x.matchBlocks(ctx, tp.graph, p.pat[0], p.pat[1], p.pat[2], p.cb)
		if err != nil {
			return fatal(err)
		}
		return p.result()
	}
	if t.bits != nil {
		if t.hasKey(p.pat[t.one]) {
			p.match(&p.pat, false) // binds nothing: every variable is bound
		}
		return p.result()
	}
	n, ok := t.first(&p.pat, mask)
	if !ok {
		return nil
	}
	for ; n >= 0 && !p.stop && p.err == nil; n = t.next[n] {
		if t.verdicts != nil {
			keep, err := s.verdict(ctx, x, t, n)
			if err != nil {
				return err
			}
			if !keep {
				continue
			}
		}
		p.match(&t.quads[n], false)
	}
	return p.result()
}

func (p *probeState) result() error {
	if p.err != nil {
		return p.err
	}
	if p.stop {
		return errStop
	}
	return nil
}

// scanned is the callback of an index scan.
func (p *probeState) scanned(qs [][4]uint64) bool {
	for i := range qs {
		if !p.match((*[3]uint64)(qs[i][:3]), true) {
			return false
		}
	}
	return true
}

// match binds quad q into the row and yields it; false stops. scanned
// says whether the scan filters still have to judge q.
func (p *probeState) match(q *[3]uint64, scanned bool) bool {
	if err := p.x.tick(p.ctx); err != nil {
		p.err = err
		return false
	}
	tp, row := p.s.tp, p.row
	var set [3]int
	n := 0
	ok := true
	for i := 0; i < 3 && ok; i++ {
		if p.pat[i] != 0 {
			continue
		}
		slot := tp.pos[i]
		switch row[slot] {
		case 0:
			row[slot] = q[i]
			set[n] = slot
			n++
		case q[i]:
		default:
			ok = false
		}
	}
	if ok && scanned && len(p.s.scanFilters) > 0 {
		var err error
		if ok, err = p.s.scanFilter(p.ctx, p.x, row); err != nil {
			p.err = err
		}
	}
	if ok && p.err == nil && !p.yield(row) {
		p.stop = true
	}
	for i := 0; i < n; i++ {
		row[set[i]] = 0
	}
	return !p.stop && p.err == nil
}
