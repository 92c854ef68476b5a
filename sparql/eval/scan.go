package eval

import "context"

// Reading the dataset for a triple pattern in the graph it is evaluated
// in: a named graph, the union default graph (a set: the copies of a
// triple in several graphs count once), the merge of FROM graphs, or the
// stored default graph; one quad or a block of them at a time; and the
// cached estimates the planner asks for.

// match calls yield with the (s, p, o) of every triple matching the pattern
// in the graph of gc. Overlay ids match nothing, as the dataset lacks them.
func (x *exec) match(ctx context.Context, gc graphCtx, s, p, o uint64, yield func(q [4]uint64) bool) error {
	if (s|p|o)&overlayBit != 0 {
		return nil
	}
	if gc == inNamed {
		return x.ds.Match(ctx, [4]uint64{s, p, o, x.graph}, yield)
	}
	if x.dflt.all {
		// The union is a set of triples: the quads of a triple stored in
		// several graphs come one after another (Dataset), and all but
		// the first are dropped.
		var last [3]uint64
		return x.ds.Match(ctx, [4]uint64{s, p, o, 0}, func(q [4]uint64) bool {
			if t := [3]uint64{q[0], q[1], q[2]}; t != last {
				last = t
				return yield(q)
			}
			return true
		})
	}
	switch len(x.dflt.ids) {
	case 0:
		return nil
	case 1:
		return x.ds.Match(ctx, [4]uint64{s, p, o, x.dflt.ids[0]}, yield)
	}
	// The default graph is the merge of several graphs: a triple in two of
	// them is one triple.
	seen := make(map[[3]uint64]struct{})
	stopped := false
	for _, g := range x.dflt.ids {
		err := x.ds.Match(ctx, [4]uint64{s, p, o, g}, func(q [4]uint64) bool {
			k := [3]uint64{q[0], q[1], q[2]}
			if _, dup := seen[k]; dup {
				return true
			}
			seen[k] = struct{}{}
			if !yield(q) {
				stopped = true
				return false
			}
			return true
		})
		if err != nil || stopped {
			return err
		}
	}
	return nil
}

// matchBlocks is match a run of quads at a time (see blockMatcher). The
// runs are valid only during the call.
func (x *exec) matchBlocks(ctx context.Context, gc graphCtx, s, p, o uint64, yield func(qs [][4]uint64) bool) error {
	if (s|p|o)&overlayBit != 0 {
		return nil
	}
	if bm, ok := x.ds.(blockMatcher); ok {
		g, one := uint64(0), true
		switch {
		case gc == inNamed:
			g = x.graph
		case x.dflt.all:
		case len(x.dflt.ids) == 1:
			g = x.dflt.ids[0]
		default:
			one = false
		}
		if one && g == 0 && gc == inDefault {
			var d unionDedup
			return bm.MatchBlocks(ctx, [4]uint64{s, p, o, 0}, func(qs [][4]uint64) bool {
				if qs = d.run(qs); len(qs) == 0 {
					return true
				}
				return yield(qs)
			})
		}
		if one {
			return bm.MatchBlocks(ctx, [4]uint64{s, p, o, g}, yield)
		}
	}
	const run = 256
	buf := make([][4]uint64, 0, run)
	stopped := false
	err := x.match(ctx, gc, s, p, o, func(q [4]uint64) bool {
		buf = append(buf, q)
		if len(buf) == run {
			stopped = !yield(buf)
			buf = buf[:0]
		}
		return !stopped
	})
	if err != nil || stopped || len(buf) == 0 {
		return err
	}
	yield(buf)
	return nil
}

// unionDedup drops, from runs of quads matched over all graphs, the
// quads whose triple the quad before them already has (see match): the
// copies of one triple come one after another, within a run or across
// two.
type unionDedup struct {
	last [3]uint64
	buf  [][4]uint64
}

// run returns qs without the repeated triples; qs itself when there are
// none, which is the common case and costs one comparison per quad.
func (d *unionDedup) run(qs [][4]uint64) [][4]uint64 {
	for i := range qs {
		t := [3]uint64{qs[i][0], qs[i][1], qs[i][2]}
		if t != d.last {
			d.last = t
			continue
		}
		// A repeat: keep what came before it, then copy the rest.
		out := append(d.buf[:0], qs[:i]...)
		for _, q := range qs[i+1:] {
			if t := [3]uint64{q[0], q[1], q[2]}; t != d.last {
				d.last = t
				out = append(out, q)
			}
		}
		d.buf = out
		return out
	}
	return qs
}

// estimate guesses how many triples match in the graph of gc. Estimates
// are cached: planning asks for the same pattern again and again, and a
// store may count blocks to answer.
func (x *exec) estimate(gc graphCtx, s, p, o uint64) float64 {
	if (s|p|o)&overlayBit != 0 {
		return 0
	}
	key := [4]uint64{s, p, o, uint64(gc)}
	if e, ok := x.estimates[key]; ok {
		return e
	}
	e := x.estimateUncached(gc, s, p, o)
	if x.estimates == nil {
		x.estimates = make(map[[4]uint64]float64)
	}
	x.estimates[key] = e
	return e
}

func (x *exec) estimateUncached(gc graphCtx, s, p, o uint64) float64 {
	var total uint64
	graphs := []uint64{0}
	if gc == inDefault && !x.dflt.all {
		graphs = x.dflt.ids
	}
	for _, g := range graphs {
		n, err := x.ds.Estimate([4]uint64{s, p, o, g})
		if err == nil {
			total += n
		}
	}
	return float64(total)
}
