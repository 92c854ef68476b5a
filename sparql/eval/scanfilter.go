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
