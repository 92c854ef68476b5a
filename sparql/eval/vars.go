package eval

import (
	"sort"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// varSet is a set of variables, for the static analysis of patterns.
type varSet map[algebra.Var]struct{}

func setOf(vs ...algebra.Var) varSet {
	s := make(varSet, len(vs))
	for _, v := range vs {
		s[v] = struct{}{}
	}
	return s
}

func (s varSet) has(v algebra.Var) bool { _, ok := s[v]; return ok }

func (s varSet) union(t varSet) varSet {
	u := make(varSet, len(s)+len(t))
	for v := range s {
		u[v] = struct{}{}
	}
	for v := range t {
		u[v] = struct{}{}
	}
	return u
}

// add puts the members of t into s.
func (s varSet) add(t varSet) {
	for v := range t {
		s[v] = struct{}{}
	}
}

func (s varSet) minus(t varSet) varSet {
	u := make(varSet)
	for v := range s {
		if !t.has(v) {
			u[v] = struct{}{}
		}
	}
	return u
}

func (s varSet) intersect(t varSet) varSet {
	u := make(varSet)
	for v := range s {
		if t.has(v) {
			u[v] = struct{}{}
		}
	}
	return u
}

func (s varSet) subsetOf(t varSet) bool {
	for v := range s {
		if !t.has(v) {
			return false
		}
	}
	return true
}

func (s varSet) sorted() []algebra.Var {
	out := make([]algebra.Var, 0, len(s))
	for v := range s {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// maybeVars are the variables a solution of p may bind.
func maybeVars(p algebra.Pattern) varSet { return setOf(algebra.Vars(p)...) }

// certainVars are the variables every solution of p binds.
func certainVars(p algebra.Pattern) varSet {
	switch p := p.(type) {
	case *algebra.BGP:
		s := make(varSet)
		for _, t := range p.Triples {
			for _, n := range [3]algebra.Node{t.S, t.P, t.O} {
				if n.IsVar() {
					s[n.Var] = struct{}{}
				}
			}
		}
		return s
	case *algebra.Path:
		s := make(varSet)
		for _, n := range [2]algebra.Node{p.S, p.O} {
			if n.IsVar() {
				s[n.Var] = struct{}{}
			}
		}
		return s
	case *algebra.Join:
		return certainVars(p.Left).union(certainVars(p.Right))
	case *algebra.LeftJoin:
		return certainVars(p.Left)
	case *algebra.Filter:
		return certainVars(p.Pattern)
	case *algebra.Union:
		return certainVars(p.Left).intersect(certainVars(p.Right))
	case *algebra.Graph:
		s := certainVars(p.Pattern)
		if p.Name.IsVar() {
			s = s.union(setOf(p.Name.Var))
		}
		return s
	case *algebra.Extend:
		return certainVars(p.Pattern)
	case *algebra.Minus:
		return certainVars(p.Left)
	case *algebra.Group:
		return setOf(p.Keys...).intersect(certainVars(p.Pattern))
	case *algebra.Table:
		s := make(varSet)
		if len(p.Rows) == 0 {
			return s
		}
		for i, v := range p.Vars {
			all := true
			for _, r := range p.Rows {
				if r[i].IsZero() {
					all = false
					break
				}
			}
			if all {
				s[v] = struct{}{}
			}
		}
		return s
	case *algebra.Project:
		return certainVars(p.Pattern).intersect(setOf(p.Vars...))
	case *algebra.Distinct:
		return certainVars(p.Pattern)
	case *algebra.Reduced:
		return certainVars(p.Pattern)
	case *algebra.Slice:
		return certainVars(p.Pattern)
	case *algebra.OrderBy:
		return certainVars(p.Pattern)
	}
	return make(varSet)
}

// exprVars are the variables e reads, including those of EXISTS patterns
// (which see the solution by substitution).
func exprVars(e algebra.Expr) varSet {
	s := make(varSet)
	var walk func(e algebra.Expr)
	walk = func(e algebra.Expr) {
		switch e := e.(type) {
		case algebra.Var:
			s[e] = struct{}{}
		case *algebra.Binary:
			walk(e.Left)
			walk(e.Right)
		case *algebra.Unary:
			walk(e.Arg)
		case *algebra.In:
			walk(e.Arg)
			for _, a := range e.List {
				walk(a)
			}
		case *algebra.Call:
			for _, a := range e.Args {
				walk(a)
			}
		case *algebra.Exists:
			for v := range mentionedVars(e.Pattern) {
				s[v] = struct{}{}
			}
		case *algebra.Aggregate:
			if e.Expr != nil {
				walk(e.Expr)
			}
		}
	}
	walk(e)
	return s
}

// mentionedVars are all variables written in p, in expressions too, except
// inside sub-selects that do not project them.
func mentionedVars(p algebra.Pattern) varSet {
	s := make(varSet)
	add := func(t varSet) {
		for v := range t {
			s[v] = struct{}{}
		}
	}
	switch p := p.(type) {
	case *algebra.Join:
		add(mentionedVars(p.Left))
		add(mentionedVars(p.Right))
	case *algebra.LeftJoin:
		add(mentionedVars(p.Left))
		add(mentionedVars(p.Right))
		if p.Expr != nil {
			add(exprVars(p.Expr))
		}
	case *algebra.Filter:
		add(mentionedVars(p.Pattern))
		add(exprVars(p.Expr))
	case *algebra.Union:
		add(mentionedVars(p.Left))
		add(mentionedVars(p.Right))
	case *algebra.Graph:
		add(maybeVars(p))
		add(mentionedVars(p.Pattern))
	case *algebra.Extend:
		add(mentionedVars(p.Pattern))
		add(exprVars(p.Expr))
		s[p.Var] = struct{}{}
	case *algebra.Minus:
		add(mentionedVars(p.Left))
		add(mentionedVars(p.Right))
	case *algebra.Group:
		add(mentionedVars(p.Pattern))
		add(maybeVars(p))
	case *algebra.Service:
		add(mentionedVars(p.Pattern))
		add(maybeVars(p))
	case *algebra.Distinct:
		add(mentionedVars(p.Pattern))
	case *algebra.Reduced:
		add(mentionedVars(p.Pattern))
	case *algebra.Slice:
		add(mentionedVars(p.Pattern))
	case *algebra.OrderBy:
		add(mentionedVars(p.Pattern))
	default:
		add(maybeVars(p))
	}
	return s
}
