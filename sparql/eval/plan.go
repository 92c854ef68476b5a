package eval

import (
	"math"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// The join order of a group is chosen by dynamic programming over subsets
// of its steps (left-deep plans, as in System R) when the group is small,
// and greedily otherwise: by rescanning the remaining steps after each
// choice up to greedyMaxSteps steps, and beyond that (only generated or
// hostile queries get there) with a priority queue that re-costs only the
// steps sharing a variable with the step just placed, so that planning
// stays near-linear in the size of the group. Every phase checks the
// context: a query cancelled while it is being planned stops there. A plan's cost is the number of probes plus the
// number of solutions after every step; the solutions a step yields per
// probe (its fan-out) are estimated from the dataset: Estimate with the
// step's constants, and for a variable bound by an earlier step, Estimate
// with that position fixed to values sampled from the data.

// dpMaxSteps bounds the dynamic programming (2^n subsets), greedyMaxSteps
// the quadratic greedy order.
const (
	dpMaxSteps     = 10
	greedyMaxSteps = 64
)

// filterSelectivity is the assumed share of solutions a filter keeps.
const filterSelectivity = 0.3

// sampleSize is how many matches are read to pick sample values, and
// sampleMin the fewest matches a pattern needs to be worth sampling.
const (
	sampleSize = 64
	sampleMin  = 1024
)

// planStep is what the planner knows of a step, with variables as bits.
type planStep struct {
	s       *step
	maybe   uint64 // variables the step may bind
	certain uint64 // variables it always binds
	pos     [3]uint64
	full    float64    // matches with constants only
	fanout  [3]float64 // per position: matches with that position fixed (0: unknown yet)
}

// orderSteps sorts steps into the cheapest order found. bound are the
// variables the caller binds; filters are the group's filters. It fails
// only when the context ends.
func (c *compiler) orderSteps(steps []*step, g graphCtx, bound varSet, filters []algebra.Expr, compiled []expr) error {
	if len(steps) < 2 {
		return nil
	}
	if len(steps) > greedyMaxSteps || c.x.opts.linearPlans {
		return c.orderLinear(steps, g, bound)
	}
	if len(steps) > dpMaxSteps {
		return c.order(steps, g, bound)
	}
	bit, set := c.bit, c.bits
	ps := make([]*planStep, len(steps))
	for i, s := range steps {
		p := &planStep{s: s, maybe: set(s.maybe), certain: set(s.certain)}
		if s.tp != nil {
			b := s.pattern.(*algebra.BGP).Triples[0]
			for j, n := range [3]algebra.Node{b.S, b.P, b.O} {
				if n.IsVar() {
					p.pos[j] = bit(n.Var)
				}
			}
			if !s.tp.absent {
				p.full = c.x.estimate(g, s.tp.ids[0], s.tp.ids[1], s.tp.ids[2])
			}
		} else {
			p.full = c.estimatePattern(s.pattern, g)
		}
		ps[i] = p
	}
	var fneed []uint64
	sels := make([]float64, len(filters))
	for i, f := range filters {
		fneed = append(fneed, set(exprVars(f)))
		sels[i] = c.selectivity(steps, f, compiled[i], g)
	}
	start := set(bound)
	order, cards, err := c.dp(ps, start, fneed, sels, g)
	if err != nil {
		return err
	}
	sorted := make([]*step, len(steps))
	for i, j := range order {
		sorted[i] = steps[j]
		sorted[i].expected = cards[i]
	}
	copy(steps, sorted)
	return nil
}

type dpState struct {
	cost, card float64
	known      uint64
	last       int // step added last
	prev       uint32
	ok         bool
}

// dp returns the order of the steps and, per position in it, the
// estimated solutions entering that step (its probes per run).
func (c *compiler) dp(ps []*planStep, start uint64, fneed []uint64, sels []float64, g graphCtx) (order []int, cards []float64, err error) {
	n := len(ps)
	states := make([]dpState, 1<<n)
	pairs := make([]float64, n*n)
	for i := range pairs {
		pairs[i] = math.NaN()
	}
	states[0] = dpState{card: 1, known: start, ok: true}
	for mask := uint32(0); mask < 1<<n; mask++ {
		if mask&63 == 63 {
			// Each state samples the data for its estimates.
			if err := c.ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		st := states[mask]
		if !st.ok {
			continue
		}
		for j := 0; j < n; j++ {
			if mask&(1<<j) != 0 {
				continue
			}
			p := ps[j]
			f, work := c.stepEstimate(p, st.known, g)
			if p.s.tp != nil && st.known != 0 {
				if cf := c.correlatedFanout(j, f, ps, mask, pairs, g); cf < f {
					f, work = cf, 1+cf
				}
			}
			known := st.known | p.certain
			card := st.card * f
			for i, need := range fneed {
				if need&known == need && need&st.known != need {
					card *= sels[i]
				}
			}
			if st.known != 0 && p.maybe&st.known == 0 {
				// A cross product is a last resort: probing it is a scan.
				card *= 1 + p.full
			}
			cost := st.cost + st.card*work + card
			next := mask | 1<<j
			if ns := &states[next]; !ns.ok || cost < ns.cost {
				*ns = dpState{cost: cost, card: card, known: known, last: j, prev: mask, ok: true}
			}
		}
	}
	order = make([]int, 0, n)
	cards = make([]float64, 0, n)
	for mask := uint32(1<<n - 1); mask != 0; {
		st := states[mask]
		order = append(order, st.last)
		cards = append(cards, states[st.prev].card)
		mask = st.prev
	}
	for i, j := 0, len(order)-1; i < j; i, j = i+1, j-1 {
		order[i], order[j] = order[j], order[i]
		cards[i], cards[j] = cards[j], cards[i]
	}
	return order, cards, nil
}

// stepEstimate returns the solutions of step p per probe when the
// variables in known are bound, and the work one probe costs (index
// lookups and intermediate solutions inside the step).
func (c *compiler) stepEstimate(p *planStep, known uint64, g graphCtx) (fanout, work float64) {
	if p.s.tp == nil {
		e := c.patternEstimate(p.s.pattern, known, g)
		return e.fanout, e.work
	}
	f := c.fanout(p, known, g)
	return f, 1 + f
}

// fanout estimates the solutions of triple step p per probe when the
// variables in known are bound.
func (c *compiler) fanout(p *planStep, known uint64, g graphCtx) float64 {
	if p.s.tp.absent {
		return 0
	}
	f := p.full
	boundPositions := 0
	for i, b := range p.pos {
		if b == 0 || known&b == 0 {
			continue
		}
		boundPositions++
		f = math.Min(f, c.positionFanout(p, i, g))
	}
	if boundPositions > 1 && p.full > 0 {
		// Two bound positions: the chance that a match of one also
		// matches the other.
		f = math.Max(f*f/p.full, 0.1)
	}
	return f
}

// positionFanout estimates the matches of p with position i fixed to one
// value, by averaging Estimate over values sampled from p's matches.
func (c *compiler) positionFanout(p *planStep, i int, g graphCtx) float64 {
	if p.fanout[i] != 0 {
		return p.fanout[i]
	}
	tp := p.s.tp
	f := 1.0
	switch {
	case i == 0 && tp.pos[2] < 0 && tp.pos[1] < 0:
		// ?s :p <o> probed with ?s bound is a test: it holds for the
		// share of :p's subjects that have <o>, assuming one value per
		// subject.
		if all := c.x.estimate(g, 0, tp.ids[1], 0); all > 0 {
			f = math.Min(1, p.full/all)
		}
	case p.full <= sampleMin:
		// Too few matches to be worth sampling: subjects are nearly
		// unique, objects and predicates repeat.
		if i != 0 {
			f = math.Max(1, math.Sqrt(p.full))
		}
	default:
		var vals []uint64
		seen := map[uint64]bool{}
		read := 0
		_ = c.x.match(c.ctx, g, tp.ids[0], tp.ids[1], tp.ids[2], func(q [4]uint64) bool {
			read++
			if !seen[q[i]] {
				seen[q[i]] = true
				vals = append(vals, q[i])
			}
			return read < sampleSize && len(vals) < 2
		})
		if len(vals) > 0 {
			sum := 0.0
			for _, v := range vals {
				ids := tp.ids
				ids[i] = v
				sum += c.x.estimate(g, ids[0], ids[1], ids[2])
			}
			f = math.Max(sum/float64(len(vals)), 1)
		}
	}
	p.fanout[i] = f
	return f
}

// estimate is a pattern's solutions per probe and the work per probe.
type estimate struct{ fanout, work float64 }

// patternEstimate estimates a pattern other than a triple, probed with the
// variables in known bound, from the triples inside it in written order.
func (c *compiler) patternEstimate(p algebra.Pattern, known uint64, g graphCtx) estimate {
	key := fanoutKey{p, known, g}
	if e, ok := c.fanouts[key]; ok {
		return e
	}
	e := c.patternEstimateUncached(p, known, g)
	if c.fanouts == nil {
		c.fanouts = make(map[fanoutKey]estimate)
	}
	c.fanouts[key] = e
	return e
}

type fanoutKey struct {
	p     algebra.Pattern
	known uint64
	g     graphCtx
}

func (c *compiler) patternEstimateUncached(p algebra.Pattern, known uint64, g graphCtx) estimate {
	switch p := p.(type) {
	case *algebra.BGP:
		e := estimate{fanout: 1}
		for i := range p.Triples {
			ps := c.tripleStep(&p.Triples[i], g)
			if ps == nil {
				return estimate{}
			}
			e.work += e.fanout
			e.fanout *= c.fanout(ps, known, g)
			e.work += e.fanout
			known |= ps.certain
		}
		return e
	case *algebra.Join, *algebra.LeftJoin:
		var left, right algebra.Pattern
		if j, ok := p.(*algebra.Join); ok {
			left, right = j.Left, j.Right
		} else {
			lj := p.(*algebra.LeftJoin)
			left, right = lj.Left, lj.Right
		}
		l := c.patternEstimate(left, known, g)
		r := c.patternEstimate(right, known|c.bits(certainVars(left)), g)
		f := r.fanout
		if _, opt := p.(*algebra.LeftJoin); opt {
			f = math.Max(1, f)
		}
		return estimate{fanout: l.fanout * f, work: l.work + l.fanout*r.work}
	case *algebra.Union:
		l, r := c.patternEstimate(p.Left, known, g), c.patternEstimate(p.Right, known, g)
		return estimate{fanout: l.fanout + r.fanout, work: l.work + r.work}
	case *algebra.Filter:
		e := c.patternEstimate(p.Pattern, known, g)
		e.fanout *= filterSelectivity
		return e
	case *algebra.Extend:
		return c.patternEstimate(p.Pattern, known, g)
	case *algebra.Minus:
		return c.patternEstimate(p.Left, known, g)
	case *algebra.Graph:
		return c.patternEstimate(p.Pattern, known, inNamed)
	case *algebra.Path:
		if c.bits(maybeVars(p))&known != 0 || !p.S.IsVar() || !p.O.IsVar() {
			return estimate{3, 2} // memoized per start node (see pathOp.memo)
		}
		return estimate{1000, 1000}
	case *algebra.Table:
		n := float64(len(p.Rows))
		if c.bits(maybeVars(p))&known != 0 {
			return estimate{math.Max(1, n*0.1), n}
		}
		return estimate{n, n}
	}
	// Sub-selects, aggregates and SERVICE are evaluated once and probed
	// through a hash table.
	est := math.Max(1, c.estimatePattern(p, g))
	if c.bits(maybeVars(p))&known != 0 {
		est = math.Max(1, est*0.01)
	}
	return estimate{est, est}
}

// tripleStep returns planning data for a triple inside another pattern.
func (c *compiler) tripleStep(t *algebra.TriplePattern, g graphCtx) *planStep {
	if ps, ok := c.triples[t]; ok {
		return ps
	}
	tp, err := c.triple(*t, &scope{slots: map[algebra.Var]int{}}, g)
	if err != nil {
		return nil
	}
	bgp := &algebra.BGP{Triples: []algebra.TriplePattern{*t}}
	ps := &planStep{s: &step{tp: tp, pattern: bgp}, certain: c.bits(certainVars(bgp))}
	for j, n := range [3]algebra.Node{t.S, t.P, t.O} {
		if n.IsVar() {
			ps.pos[j] = c.bit(n.Var)
		}
	}
	ps.maybe = ps.certain
	if !tp.absent {
		ps.full = c.x.estimate(g, tp.ids[0], tp.ids[1], tp.ids[2])
	}
	if c.triples == nil {
		c.triples = make(map[*algebra.TriplePattern]*planStep)
	}
	c.triples[t] = ps
	return ps
}

// bit returns the planning bit of v (0 when all 64 are taken: such a
// variable then never counts as bound, which only makes estimates coarser).
func (c *compiler) bit(v algebra.Var) uint64 {
	if b, ok := c.varBits[v]; ok {
		return b
	}
	if len(c.varBits) >= 64 {
		return 0
	}
	if c.varBits == nil {
		c.varBits = make(map[algebra.Var]uint64)
	}
	b := uint64(1) << len(c.varBits)
	c.varBits[v] = b
	return b
}

func (c *compiler) bits(vs varSet) uint64 {
	var m uint64
	for v := range vs {
		m |= c.bit(v)
	}
	return m
}
