package parse

import (
	"fmt"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// checkInvariants verifies what the translation promises its consumers:
// Extend never rebinds a variable already in scope, aggregates appear only
// in Group.Aggregates, VALUES rows are as wide as their variables, and the
// result variables are unique.
func checkInvariants(q *algebra.Query) error {
	seen := map[algebra.Var]bool{}
	for _, v := range q.Vars {
		if seen[v] {
			return fmt.Errorf("result variable %s twice", v)
		}
		seen[v] = true
	}
	return checkPattern(q.Pattern)
}

func checkPattern(p algebra.Pattern) error {
	var kids []algebra.Pattern
	var exprs []algebra.Expr
	switch p := p.(type) {
	case *algebra.BGP, *algebra.Path:
	case *algebra.Join:
		kids = []algebra.Pattern{p.Left, p.Right}
	case *algebra.LeftJoin:
		kids = []algebra.Pattern{p.Left, p.Right}
		if p.Expr != nil {
			exprs = append(exprs, p.Expr)
		}
	case *algebra.Filter:
		kids, exprs = []algebra.Pattern{p.Pattern}, []algebra.Expr{p.Expr}
	case *algebra.Union:
		kids = []algebra.Pattern{p.Left, p.Right}
	case *algebra.Graph:
		kids = []algebra.Pattern{p.Pattern}
	case *algebra.Extend:
		for _, v := range algebra.Vars(p.Pattern) {
			if v == p.Var {
				return fmt.Errorf("extend rebinds %s in %s", v, p)
			}
		}
		kids, exprs = []algebra.Pattern{p.Pattern}, []algebra.Expr{p.Expr}
	case *algebra.Minus:
		kids = []algebra.Pattern{p.Left, p.Right}
	case *algebra.Group:
		kids = []algebra.Pattern{p.Pattern}
		for _, a := range p.Aggregates {
			if a.Aggregate.Expr != nil {
				exprs = append(exprs, a.Aggregate.Expr)
			}
		}
	case *algebra.Table:
		for _, row := range p.Rows {
			if len(row) != len(p.Vars) {
				return fmt.Errorf("table row of %d for %d variables", len(row), len(p.Vars))
			}
		}
	case *algebra.Service:
		kids = []algebra.Pattern{p.Pattern}
	case *algebra.Project:
		kids = []algebra.Pattern{p.Pattern}
	case *algebra.Distinct:
		kids = []algebra.Pattern{p.Pattern}
	case *algebra.Reduced:
		kids = []algebra.Pattern{p.Pattern}
	case *algebra.Slice:
		kids = []algebra.Pattern{p.Pattern}
	case *algebra.OrderBy:
		kids = []algebra.Pattern{p.Pattern}
		for _, c := range p.Conditions {
			exprs = append(exprs, c.Expr)
		}
	default:
		return fmt.Errorf("unknown pattern %T", p)
	}
	for _, e := range exprs {
		if err := checkExpr(e); err != nil {
			return err
		}
	}
	for _, k := range kids {
		if err := checkPattern(k); err != nil {
			return err
		}
	}
	return nil
}

func checkExpr(e algebra.Expr) error {
	switch e := e.(type) {
	case algebra.Var, *algebra.Const:
	case *algebra.Binary:
		if err := checkExpr(e.Left); err != nil {
			return err
		}
		return checkExpr(e.Right)
	case *algebra.Unary:
		return checkExpr(e.Arg)
	case *algebra.In:
		for _, x := range append([]algebra.Expr{e.Arg}, e.List...) {
			if err := checkExpr(x); err != nil {
				return err
			}
		}
	case *algebra.Call:
		for _, x := range e.Args {
			if err := checkExpr(x); err != nil {
				return err
			}
		}
	case *algebra.Exists:
		return checkPattern(e.Pattern)
	case *algebra.Aggregate:
		return fmt.Errorf("aggregate %s left in an expression", e)
	default:
		return fmt.Errorf("unknown expression %T", e)
	}
	return nil
}
