package eval

import (
	"context"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// Filters pushed into a step. FILTER(lang(?label) = "en") after
// `?profile skos:prefLabel ?label` depends on the label alone: it is
// decided by each match of that triple pattern, whatever the solution it
// extends. When the step has switched to a hash join, the verdict on a
// quad of the table is kept the first time a probe meets it, and later
// probes read it from an array — 10 evaluations instead of one per probe
// (134,000 in a query over survey responses, each a map lookup in the
// filter's memo). Judging every quad while the table is built would
// instead decode the terms of quads no probe meets: the table of
// rdfs:label holds 2,235 labels of which a query over 60 cities needs 72.

// ownsFilter reports whether filter f reads only variables of triple step
// s and nothing else that varies, so that a match of s alone decides it.
func (s *step) ownsFilter(f algebra.Expr) bool {
	if s.tp == nil || !deterministic(f) {
		return false
	}
	vars := exprVars(f)
	if len(vars) == 0 {
		return false
	}
	b := s.pattern.(*algebra.BGP).Triples[0]
	for v := range vars {
		if !(b.S.IsVar() && b.S.Var == v || b.P.IsVar() && b.P.Var == v || b.O.IsVar() && b.O.Var == v) {
			return false
		}
	}
	return true
}

// scanFilter runs the step's scan filters on row, which holds a match of
// the step; false drops the match, and a fatal error is returned.
func (s *step) scanFilter(ctx context.Context, x *exec, row []uint64) (bool, error) {
	for _, f := range s.scanFilters {
		b, err := ebv(f(ctx, x, row))
		if err != nil {
			if isFatal(err) {
				return false, err
			}
			return false, nil
		}
		if !b {
			return false, nil
		}
	}
	return true, nil
}

// keepQuad runs the scan filters on quad q alone, in a scratch row.
func (s *step) keepQuad(ctx context.Context, x *exec, scratch []uint64, q *[3]uint64) (bool, error) {
	tp := s.tp
	for i, p := range tp.pos {
		if p >= 0 {
			scratch[p] = q[i]
		}
	}
	ok, err := s.scanFilter(ctx, x, scratch)
	for _, p := range tp.pos {
		if p >= 0 {
			scratch[p] = 0
		}
	}
	return ok, err
}

// verdict returns whether quad n of table t passes the step's scan
// filters, judging it on first use.
func (s *step) verdict(ctx context.Context, x *exec, t *stepTable, n int32) (bool, error) {
	switch t.verdicts[n] {
	case verdictPass:
		return true, nil
	case verdictFail:
		return false, nil
	}
	keep, err := s.keepQuad(ctx, x, t.scratch, &t.quads[n])
	if err != nil {
		return false, err
	}
	t.verdicts[n] = verdictFail
	if keep {
		t.verdicts[n] = verdictPass
	}
	return keep, nil
}

// Verdicts on the quads of a hash table; 0 is not judged yet.
const (
	verdictPass = 1 + iota
	verdictFail
)

// Sampled selectivity. The planner assumes a filter keeps filterSelectivity
// of the solutions; for one that a triple pattern decides alone, it reads
// the pattern's first matches and counts how many pass — FILTER(?m < 2.0)
// on the maturity scores keeps 2.5 %, which makes the scores the place to
// start from rather than the municipalities.

const (
	// selectivityMinMatches is the fewest matches a pattern needs for its
	// filters to be sampled: a small step costs little either way.
	selectivityMinMatches = 4096
	// selectivityRead bounds the matches read, selectivityDistinct the
	// distinct values judged (each may decode terms).
	selectivityRead     = 4096
	selectivityDistinct = 256
)

// selectivity estimates the share of solutions filter f (compiled as e)
// keeps: sampled when a triple step of steps decides it alone, else
// filterSelectivity.
func (c *compiler) selectivity(steps []*step, f algebra.Expr, e expr, g graphCtx) float64 {
	if g == inNamed {
		return filterSelectivity // its graph is known only when it runs
	}
	for _, s := range steps {
		if !s.ownsFilter(f) || s.tp.absent || c.x.estimate(g, s.tp.ids[0], s.tp.ids[1], s.tp.ids[2]) < selectivityMinMatches {
			continue
		}
		tp := s.tp
		scratch := make([]uint64, max(tp.pos[0], tp.pos[1], tp.pos[2])+1)
		// The positions of the filter's variables: their values are what
		// the filter judges.
		var judged [3]bool
		vars := exprVars(f)
		b := s.pattern.(*algebra.BGP).Triples[0]
		for i, n := range [3]algebra.Node{b.S, b.P, b.O} {
			judged[i] = n.IsVar() && vars.has(n.Var)
		}
		seen := make(map[[3]uint64]struct{})
		read, pass := 0, 0
		var failed bool
		_ = c.x.matchBlocks(c.ctx, g, tp.ids[0], tp.ids[1], tp.ids[2], func(qs [][4]uint64) bool {
			for i := range qs {
				q := (*[3]uint64)(qs[i][:3])
				var key [3]uint64
				for j := range key {
					if judged[j] {
						key[j] = q[j]
					}
				}
				seen[key] = struct{}{}
				for j, p := range tp.pos {
					if p >= 0 {
						scratch[p] = q[j]
					}
				}
				ok, err := ebv(e(c.ctx, c.x, scratch))
				if isFatal(err) {
					failed = true
					return false
				}
				read++
				if ok && err == nil {
					pass++
				}
				if read >= selectivityRead || len(seen) >= selectivityDistinct && read >= selectivityDistinct {
					return false
				}
			}
			return true
		})
		if failed || read == 0 {
			return filterSelectivity
		}
		return (float64(pass) + 0.5) / (float64(read) + 1)
	}
	return filterSelectivity
}
