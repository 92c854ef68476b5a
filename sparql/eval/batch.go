package eval

// Batched joins. Evaluated one solution at a time, a join step costs a
// chain of calls per solution — the step's dispatch, the hash-table
// choice, a callback per match, the filters, the next step — which
// profiles showed to be most of the time of a query over tens of
// thousands of solutions (about 130 ns per solution and step, against
// some 20 for the probe itself). A batched run instead hands each step up
// to batchRows solutions at once, laid out row after row in one buffer
// per step: the step loops over them, probes its index or hash table and
// writes the extended solutions into its own buffer, which the next step
// takes over when it is full. The per-solution work is then a copy of the
// row and the probe, in one loop without callbacks on the hash path.
//
// The solutions come out in another order than in the depth-first run
// (a step's matches for one input row no longer follow each other
// through every later step), which SPARQL leaves free. Streaming stays:
// a full buffer goes on at once, so at most batchRows solutions per step
// are held, and a consumer that stops (LIMIT, ASK) stops the run.

const (
	// batchRows is the most solutions a step holds before passing them on.
	batchRows = 256
	// batchBytes bounds the buffers of one run; a group with too many
	// steps or variables for them (only generated queries have those)
	// runs depth-first.
	batchBytes = 1 << 20
)

// batchable reports whether runs of j are batched: it has a triple step
// to gain from it, and its buffers fit batchBytes.
func (j *joinOp) batchable(width int) bool {
	if len(j.steps) == 0 || width == 0 {
		return false
	}
	triples := false
	for _, s := range j.steps {
		triples = triples || s.tp != nil
	}
	return triples && len(j.steps)*width*8*batchRows <= batchBytes
}

// batchStep is the state of step k in a batched run: its output buffer
// and, for index scans, the input row being extended (a method value on
// it is the scan's callback, made once per run).
type batchStep struct {
	r   *joinRun
	k   int
	out []uint64 // n rows of the run's width
	n   int
	in  []uint64 // the input row of the current index scan
	pat [3]uint64
	cb  func([][4]uint64) bool
	// opYield receives an operator step's solutions.
	opYield yieldFn
}

// batchState returns the state of step k, made on first use.
func (r *joinRun) batchState(k int) *batchStep {
	if r.batch == nil {
		r.batch = make([]*batchStep, len(r.j.steps))
	}
	b := r.batch[k]
	if b == nil || len(b.out) != batchRows*len(r.row) {
		b = &batchStep{r: r, k: k, out: make([]uint64, batchRows*len(r.row))}
		b.cb = b.scanned
		b.opYield = b.produced
		r.batch[k] = b
	}
	return b
}

// feed runs step k over the n rows in rows (each len(r.row) wide) and
// everything after it; false stops the run.
func (r *joinRun) feed(k int, rows []uint64, n int) bool {
	w := len(r.row)
	if k == len(r.j.steps) {
		for i := 0; i < n; i++ {
			if !r.yield(rows[i*w : (i+1)*w : (i+1)*w]) {
				r.stop = true
				return false
			}
		}
		return true
	}
	b := r.batchState(k)
	s := r.j.steps[k]
	for i := 0; i < n; i++ {
		in := rows[i*w : (i+1)*w : (i+1)*w]
		if s.op != nil {
			err := s.op.run(r.ctx, r.x, in, b.opYield)
			if err != nil && err != errStop && r.err == nil {
				r.err = err
			}
		} else {
			r.probeBatch(b, s, in)
		}
		if r.err != nil || r.stop {
			return false
		}
	}
	if b.n > 0 {
		n := b.n
		b.n = 0
		return r.feed(k+1, b.out, n)
	}
	return true
}

// probeBatch extends row in by the matches of triple step s.
func (r *joinRun) probeBatch(b *batchStep, s *step, in []uint64) {
	tp := s.tp
	if tp.absent {
		return
	}
	pat := &b.pat
	var mask uint8
	for i := range pat {
		if p := tp.pos[i]; p < 0 {
			pat[i] = tp.ids[i]
		} else {
			pat[i] = in[p]
			if pat[i] != 0 {
				mask |= 1 << i
			}
		}
	}
	if (pat[0]|pat[1]|pat[2])&overlayBit == 0 {
		t, err := s.hashFor(r.ctx, r.x, *pat, false)
		if err != nil {
			r.err = err
			return
		}
		if t != nil {
			if t.bits != nil {
				if t.hasKey(pat[t.one]) {
					b.emit(in, pat, false) // binds nothing: every variable is bound
				}
				return
			}
			n, ok := t.first(pat, mask)
			if !ok {
				return
			}
			for ; n >= 0; n = t.next[n] {
				if t.verdicts != nil {
					keep, err := s.verdict(r.ctx, r.x, t, n)
					if err != nil {
						r.err = err
						return
					}
					if !keep {
						continue
					}
				}
				if !b.emit(in, &t.quads[n], false) {
					return
				}
			}
			return
		}
	}
	b.in = in
	err := r.x.matchBlocks(r.ctx, tp.graph, pat[0], pat[1], pat[2], b.cb)
	if err != nil && r.err == nil {
		r.err = fatal(err)
	}
}

// scanned is the callback of an index scan of step b.k.
func (b *batchStep) scanned(qs [][4]uint64) bool {
	for i := range qs {
		if !b.emit(b.in, (*[3]uint64)(qs[i][:3]), true) {
			return false
		}
	}
	return true
}

// emit appends row in, extended by match q of step b.k, to the step's
// buffer when they are compatible and the filters placed after the step
// keep it, and passes the buffer on when it is full; false stops the
// step. scanned says whether q comes from the index, which the step's
// scan filters have not judged yet (on the hash path the caller asks the
// table's verdicts).
func (b *batchStep) emit(in []uint64, q *[3]uint64, scanned bool) bool {
	r := b.r
	if err := r.x.tick(r.ctx); err != nil {
		r.err = err
		return false
	}
	w := len(in)
	dst := b.out[b.n*w : (b.n+1)*w : (b.n+1)*w]
	copy(dst, in)
	s := r.j.steps[b.k]
	tp := s.tp
	for i := 0; i < 3; i++ {
		if b.pat[i] != 0 {
			continue
		}
		slot := tp.pos[i]
		switch dst[slot] {
		case 0:
			dst[slot] = q[i]
		case q[i]:
		default:
			return true
		}
	}
	if scanned && len(s.scanFilters) > 0 {
		ok, err := s.scanFilter(r.ctx, r.x, dst)
		if err != nil {
			r.err = err
			return false
		}
		if !ok {
			return true
		}
	}
	return b.keep(dst)
}

// produced receives a solution of operator step b.k.
func (b *batchStep) produced(row []uint64) bool {
	r := b.r
	w := len(r.row)
	dst := b.out[b.n*w : (b.n+1)*w : (b.n+1)*w]
	copy(dst, row)
	return b.keep(dst)
}

// keep runs the filters after step b.k on dst, the next free row of the
// buffer, and keeps it when they pass.
func (b *batchStep) keep(dst []uint64) bool {
	r := b.r
	if !r.filterRow(b.k+1, dst) {
		return r.err == nil
	}
	b.n++
	if b.n*len(dst) == len(b.out) {
		n := b.n
		b.n = 0
		return r.feed(b.k+1, b.out, n)
	}
	return true
}
