package eval

import (
	"math"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// joinOp is a group of joined patterns — triple patterns and other
// operators — evaluated as nested loops in an order chosen from estimates,
// each step binding its variables into the index scans of the next. Each
// filter runs right after the step from which all its variables are
// certainly bound.
type joinOp struct {
	steps []*step
	// filters[k] run after k steps (filters[0] before any step).
	filters [][]expr
	// spare is the state of a finished run, kept for the next: the
	// right side of an OPTIONAL or a UNION branch runs once per outer
	// solution, and a fresh run with its scan states costs several heap
	// allocations each time. A nested run of the same join finds no
	// spare and makes its own.
	spare *joinRun
}

// step is one pattern of a joinOp: a triple pattern or an operator.
type step struct {
	tp      *triplePat
	op      op
	pattern algebra.Pattern // for estimates and printing
	certain varSet
	maybe   varSet

	// full estimates the matches of a triple pattern's constants alone;
	// probes counts index lookups and tables holds hash tables once the
	// step switched to a hash join (see hashjoin.go).
	full   float64
	probes int
	tables map[hashKey]*stepTable
	// expected is the planner's estimate of the probes per run (0 when
	// it made none); see hashFor.
	expected float64
	// last is the table of the latest probe and lastKey its key: a step
	// nearly always probes with one key, and a map lookup on a struct key
	// per probe showed up in profiles.
	last    *stepTable
	lastKey hashKey
	// scanFilters are the filters that read only variables of this
	// triple step, so that a match's own values decide them: they run on
	// each match before the next step, and on each quad of a hash table
	// as it is built, once instead of once per probe (see scanfilter.go).
	scanFilters []expr
	// probe is the state of eachMatch (probe.go), kept for the next call.
	probe *probeState
}

// triplePat is a triple pattern with constants resolved to ids.
type triplePat struct {
	pos   [3]int    // slot, or -1 for a constant
	ids   [3]uint64 // constant ids (0 where pos >= 0)
	graph graphCtx
	// absent is set when a constant is not in the dataset: no match.
	absent bool
}

// flatPart is a group split into steps (each triple as a one-triple BGP,
// or another pattern) and filters.
type flatPart struct {
	steps   []algebra.Pattern
	filters []algebra.Expr
}

// flatten splits a group into steps and filters. others are the
// variables mentioned elsewhere in the enclosing group: a nested FILTER can
// only be moved out to the group when it cannot see their values.
func flatten(p algebra.Pattern, others varSet, out *flatPart) {
	switch p := p.(type) {
	case *algebra.BGP:
		for i := range p.Triples {
			out.steps = append(out.steps, &algebra.BGP{Triples: p.Triples[i : i+1]})
		}
	case *algebra.Join:
		flatten(p.Left, others.union(mentionedVars(p.Right)), out)
		flatten(p.Right, others.union(mentionedVars(p.Left)), out)
	case *algebra.Filter:
		risky := exprVars(p.Expr).minus(certainVars(p.Pattern)).intersect(others)
		if len(risky) > 0 {
			out.steps = append(out.steps, p)
			return
		}
		flatten(p.Pattern, others, out)
		out.filters = append(out.filters, conjuncts(p.Expr)...)
	default:
		out.steps = append(out.steps, p)
	}
}

// conjuncts splits e at its top-level && operators. FILTER(a && b) keeps
// exactly the solutions FILTER(a) and then FILTER(b) keep (an error is
// false either way), and the parts can run as soon as each one's
// variables are bound.
func conjuncts(e algebra.Expr) []algebra.Expr {
	if b, ok := e.(*algebra.Binary); ok && b.Op == algebra.OpAnd {
		return append(conjuncts(b.Left), conjuncts(b.Right)...)
	}
	return []algebra.Expr{e}
}

func (c *compiler) compileJoin(p algebra.Pattern, sc *scope, g graphCtx, bound varSet) (op, error) {
	var fp flatPart
	flatten(p, nil, &fp)
	steps := make([]*step, 0, len(fp.steps))
	for _, sp := range fp.steps {
		s := &step{pattern: sp, certain: certainVars(sp), maybe: maybeVars(sp)}
		if b, ok := sp.(*algebra.BGP); ok && len(b.Triples) == 1 {
			tp, err := c.triple(b.Triples[0], sc, g)
			if err != nil {
				return nil, err
			}
			s.tp = tp
		}
		steps = append(steps, s)
	}
	// Filters are compiled before the order is chosen: the planner
	// samples the selectivity of those a single triple pattern decides.
	compiled := make([]expr, len(fp.filters))
	for i, f := range fp.filters {
		e, err := c.compileExpr(f, sc, g)
		if err != nil {
			return nil, err
		}
		compiled[i] = memoFilter(e, f, sc)
	}
	if err := c.orderSteps(steps, g, bound, fp.filters, compiled); err != nil {
		return nil, err
	}
	for _, s := range steps {
		if s.tp != nil && !s.tp.absent {
			s.full = c.x.estimate(g, s.tp.ids[0], s.tp.ids[1], s.tp.ids[2])
		}
	}
	// Operators are compiled in join order, so each knows what the steps
	// before it bind. The sets grow in place: a union per step would
	// copy them, quadratic in a large group.
	known := bound.union(nil)
	for _, s := range steps {
		if s.tp == nil {
			var err error
			if path, ok := s.pattern.(*algebra.Path); ok {
				s.op, err = c.compilePath(path, sc, g)
			} else {
				s.op, err = c.compile(s.pattern, sc, g, known)
			}
			if err != nil {
				return nil, err
			}
		}
		known.add(s.certain)
	}
	j := &joinOp{steps: steps, filters: make([][]expr, len(steps)+1)}
	all := make(varSet)
	// certainAt[v] is the number of steps after which v is certainly bound.
	certainAt := make(map[algebra.Var]int)
	for k, s := range steps {
		all.add(s.maybe)
		for v := range s.certain {
			if _, ok := certainAt[v]; !ok {
				certainAt[v] = k + 1
			}
		}
	}
	unsafe := make(varSet)
	for i, f := range fp.filters {
		e := compiled[i]
		// A filter runs after the first steps that certainly bind all its
		// variables that the group binds at all; one whose variables the
		// group may leave unbound runs at the end.
		at := 0
		for v := range exprVars(f) {
			if !all.has(v) {
				continue
			}
			k, ok := certainAt[v]
			if !ok {
				k = len(steps)
			}
			at = max(at, k)
		}
		if at > 0 && steps[at-1].ownsFilter(f) {
			steps[at-1].scanFilters = append(steps[at-1].scanFilters, e)
		} else {
			j.filters[at] = append(j.filters[at], e)
		}
		for v := range exprVars(f) {
			if _, ok := certainAt[v]; !ok {
				unsafe[v] = struct{}{}
			}
		}
	}
	if len(steps) == 1 && len(fp.filters) == 0 && steps[0].op != nil {
		return steps[0].op, nil
	}
	return wrapIsolate(j, sc, unsafe), nil
}

func (c *compiler) triple(t algebra.TriplePattern, sc *scope, g graphCtx) (*triplePat, error) {
	tp := &triplePat{graph: g}
	for i, n := range [3]algebra.Node{t.S, t.P, t.O} {
		if n.IsVar() {
			tp.pos[i] = sc.slot(n.Var)
			continue
		}
		tp.pos[i] = -1
		id, ok, err := c.x.d.lookup(n.Term)
		if err != nil {
			return nil, err
		}
		if !ok {
			tp.absent = true
		}
		tp.ids[i] = id
	}
	return tp, nil
}

// order sorts steps greedily: the cheapest step first, then always the
// cheapest step that shares a variable with those before it, so that index
// lookups stay bound and cross products come last.
func (c *compiler) order(steps []*step, g graphCtx, bound varSet) error {
	known := bound.union(nil)
	for i := range steps {
		if err := c.ctx.Err(); err != nil {
			return err
		}
		best, bestCost, bestConnected := -1, math.Inf(1), false
		for j := i; j < len(steps); j++ {
			s := steps[j]
			connected := len(s.maybe.intersect(known)) > 0
			cost := c.cost(s, g, known)
			better := best < 0 || connected && !bestConnected ||
				connected == bestConnected && cost < bestCost
			if better {
				best, bestCost, bestConnected = j, cost, connected
			}
		}
		steps[i], steps[best] = steps[best], steps[i]
		known.add(steps[i].certain)
	}
	return nil
}

// cost estimates how many solutions a step produces per input solution
// when the variables in known are bound.
func (c *compiler) cost(s *step, g graphCtx, known varSet) float64 {
	if s.tp != nil {
		if s.tp.absent {
			return 0
		}
		est := c.x.estimate(g, s.tp.ids[0], s.tp.ids[1], s.tp.ids[2])
		b := s.pattern.(*algebra.BGP).Triples[0]
		// Without statistics on fan-out, a bound subject is assumed to
		// select far more than a bound object, and that more than a bound
		// predicate.
		for i, n := range [3]algebra.Node{b.S, b.P, b.O} {
			if n.IsVar() && known.has(n.Var) {
				est *= [3]float64{0.0001, 0.2, 0.002}[i]
			}
		}
		return est + 0.5
	}
	est := c.estimatePattern(s.pattern, g)
	if len(s.maybe.intersect(known)) > 0 {
		est *= 0.01
	}
	// Operators other than triple patterns evaluate after the triple
	// patterns of similar cost, since they cannot use the index as well.
	return est*1.5 + 1
}

// estimatePattern is a rough size estimate of a pattern's solutions.
func (c *compiler) estimatePattern(p algebra.Pattern, g graphCtx) float64 {
	switch p := p.(type) {
	case *algebra.BGP:
		if len(p.Triples) == 0 {
			return 1
		}
		best := math.Inf(1)
		for _, t := range p.Triples {
			tp, err := c.triple(t, &scope{slots: map[algebra.Var]int{}}, g)
			if err != nil {
				continue
			}
			e := 0.0
			if !tp.absent {
				e = c.x.estimate(g, tp.ids[0], tp.ids[1], tp.ids[2])
			}
			best = math.Min(best, e)
		}
		return best
	case *algebra.Join:
		return math.Min(c.estimatePattern(p.Left, g), c.estimatePattern(p.Right, g))
	case *algebra.LeftJoin:
		return c.estimatePattern(p.Left, g)
	case *algebra.Minus:
		return c.estimatePattern(p.Left, g)
	case *algebra.Filter:
		return c.estimatePattern(p.Pattern, g)
	case *algebra.Extend:
		return c.estimatePattern(p.Pattern, g)
	case *algebra.Union:
		return c.estimatePattern(p.Left, g) + c.estimatePattern(p.Right, g)
	case *algebra.Graph:
		return c.estimatePattern(p.Pattern, inNamed)
	case *algebra.Table:
		return float64(len(p.Rows))
	case *algebra.Group:
		return c.estimatePattern(p.Pattern, g)/10 + 1
	case *algebra.Project:
		return c.estimatePattern(p.Pattern, g)
	case *algebra.Distinct:
		return c.estimatePattern(p.Pattern, g)
	case *algebra.Reduced:
		return c.estimatePattern(p.Pattern, g)
	case *algebra.OrderBy:
		return c.estimatePattern(p.Pattern, g)
	case *algebra.Slice:
		e := c.estimatePattern(p.Pattern, g)
		if p.Limit >= 0 {
			e = math.Min(e, float64(p.Limit))
		}
		return e
	case *algebra.Path:
		if l, ok := p.Path.(*algebra.PathLink); ok {
			id, ok, _ := c.x.d.lookup(l.IRI)
			if !ok {
				return 0
			}
			return c.x.estimate(g, 0, id, 0)
		}
		return 1000
	}
	return 1000
}
