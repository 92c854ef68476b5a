package eval

import (
	"math"
	"slices"
)

// Correlated fan-out: positionFanout samples a bound position's values
// from the step's own matches, which assumes that every value an earlier
// step binds there has matches. That fails when the earlier step binds a
// mix of kinds: `?o ex:assessment ?a` yields observations and survey
// responses alike, and only the observations have an ex:domain, so
// `?o ex:domain ?d` keeps one in five of them, not every one. Sampling the
// values from the step that binds the variable measures that share.

const (
	// producerSamples is how many distinct values are drawn from the
	// binding step, and producerRead how many of its matches are read
	// to draw them from.
	producerSamples = 12
	producerRead    = 512
	// producerMin is the fewest matches p needs before sampling is worth
	// its index reads: a smaller step costs little either way.
	producerMin = 256
)

// producerKey names one pairing by the steps' constants: step p probed
// with position i bound to the values producer q binds at its position j.
// It keys a cache on the compiler, since a group is planned afresh for
// each way it is compiled (an OPTIONAL's left side more than once).
type producerKey struct {
	p, q [3]uint64
	i, j int
	g    graphCtx
}

// correlatedFanout lowers fanout f of triple step steps[pi] by what
// sampling the producers of its bound positions shows: the steps already
// placed (mask) that share a variable with it. A triple step binds all its
// variables, so a placed producer means a bound position. pairs caches
// pairFanout per (step, producer) for one planning run (NaN: not yet
// computed), since the dynamic programming asks again for every subset.
func (c *compiler) correlatedFanout(pi int, f float64, steps []*planStep, mask uint32, pairs []float64, g graphCtx) float64 {
	p := steps[pi]
	if p.s.tp == nil || p.s.tp.absent || p.full < producerMin {
		return f
	}
	n := len(steps)
	for k := range steps {
		if mask&(1<<k) == 0 || k == pi {
			continue
		}
		v := pairs[pi*n+k]
		if math.IsNaN(v) {
			v = c.pairFanout(p, steps[k], g)
			pairs[pi*n+k] = v
		}
		f = math.Min(f, v)
	}
	return f
}

// pairFanout is the least producerFanout of p over the variables it
// shares with q, or +Inf when q tells nothing.
func (c *compiler) pairFanout(p, q *planStep, g graphCtx) float64 {
	f := math.Inf(1)
	// Only a producer with more matches than p can bind many values p
	// lacks; sampling the others costs planning time (index reads) for
	// nothing.
	if q.s.tp == nil || q.s.tp.absent || q.full <= p.full {
		return f
	}
	for i, b := range p.pos {
		if b == 0 {
			continue
		}
		for j, qb := range q.pos {
			if qb == b {
				f = math.Min(f, c.producerFanout(p, i, q, j, g))
			}
		}
	}
	return f
}

// producerFanout estimates the matches of p with position i fixed to a
// value that q binds at position j: the mean of Estimate over distinct
// values sampled from q's matches, counting values without matches.
func (c *compiler) producerFanout(p *planStep, i int, q *planStep, j int, g graphCtx) float64 {
	key := producerKey{p.s.tp.ids, q.s.tp.ids, i, j, g}
	if f, ok := c.produced[key]; ok {
		return f
	}
	vals := c.producerSamples(q, j, g)
	f := math.Inf(1) // no sample: no information
	if len(vals) > 0 {
		sum := 0.0
		for _, v := range vals {
			ids := p.s.tp.ids
			ids[i] = v
			sum += c.x.estimate(g, ids[0], ids[1], ids[2])
		}
		// A sample without any match says "rare", not "never".
		f = math.Max(sum, 0.5) / float64(len(vals))
	}
	if c.produced == nil {
		c.produced = make(map[producerKey]float64)
	}
	c.produced[key] = f
	return f
}

// sampleKey names the values a triple pattern (by its constants) binds at
// position j in the graph context g.
type sampleKey struct {
	ids [3]uint64
	j   int
	g   graphCtx
}

// producerSamples returns up to producerSamples distinct values q binds at
// position j, cached per compiler: one producer serves many steps. They
// are drawn evenly from the first producerRead matches, not taken from the
// start: ids follow load order, so the first subjects of one assessment
// are all its observations and its responses come after them.
func (c *compiler) producerSamples(q *planStep, j int, g graphCtx) []uint64 {
	qt := q.s.tp
	key := sampleKey{qt.ids, j, g}
	if vals, ok := c.samples[key]; ok {
		return vals
	}
	vals := make([]uint64, 0, producerRead)
	_ = c.x.match(c.ctx, g, qt.ids[0], qt.ids[1], qt.ids[2], func(m [4]uint64) bool {
		vals = append(vals, m[j])
		return len(vals) < producerRead
	})
	slices.Sort(vals)
	vals = slices.Compact(vals)
	if len(vals) > producerSamples {
		step := float64(len(vals)) / producerSamples
		for k := range producerSamples {
			vals[k] = vals[int(float64(k)*step)]
		}
		vals = slices.Clip(vals[:producerSamples])
	}
	if c.samples == nil {
		c.samples = make(map[sampleKey][]uint64)
	}
	c.samples[key] = vals
	return vals
}
