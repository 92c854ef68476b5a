package parse

import (
	"strings"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// selectClause is a parsed SELECT clause, translated later when the WHERE
// clause and the solution modifiers are known.
type selectClause struct {
	tok      token // the SELECT keyword, for error positions
	distinct bool
	reduced  bool
	star     bool
	items    []selectItem
}

type selectItem struct {
	v    algebra.Var
	expr algebra.Expr // nil for a plain variable
	tok  token        // the variable, for error positions
}

// groupCondition is one GROUP BY key: a variable, or an expression with an
// optional AS variable.
type groupCondition struct {
	v    algebra.Var
	expr algebra.Expr
	tok  token
}

// selectClause parses 'SELECT' ( 'DISTINCT' | 'REDUCED' )? ( items | '*' ).
func (p *parser) selectClause() (*selectClause, error) {
	sc := &selectClause{tok: p.peek()}
	if err := p.expectWord("SELECT"); err != nil {
		return nil, err
	}
	if p.acceptWord("DISTINCT") {
		sc.distinct = true
	} else if p.acceptWord("REDUCED") {
		sc.reduced = true
	}
	if p.acceptPunct("*") {
		sc.star = true
		return sc, nil
	}
	for {
		t := p.peek()
		switch {
		case t.kind == tVar:
			p.skip()
			sc.items = append(sc.items, selectItem{v: algebra.Var(t.val), tok: t})
			continue
		case p.isPunct("("):
			p.skip()
			e, err := p.expression()
			if err != nil {
				return nil, err
			}
			if err := p.expectWord("AS"); err != nil {
				return nil, err
			}
			vt := p.peek()
			if vt.kind != tVar {
				return nil, p.unexpected("a variable after AS", "een variabele na AS")
			}
			p.skip()
			if err := p.expectPunct(")"); err != nil {
				return nil, err
			}
			sc.items = append(sc.items, selectItem{v: algebra.Var(vt.val), expr: e, tok: vt})
			continue
		}
		break
	}
	if len(sc.items) == 0 {
		return nil, p.unexpected("a variable, '(expression AS ?var)' or '*'", "een variabele, '(expressie AS ?var)' of '*'")
	}
	return sc, nil
}

// groupCondition parses GroupCondition ::= BuiltInCall | FunctionCall |
// '(' Expression ( 'AS' Var )? ')' | Var. ok is false when none follows.
func (p *parser) groupCondition() (groupCondition, bool, error) {
	t := p.peek()
	switch {
	case t.kind == tVar:
		p.skip()
		return groupCondition{v: algebra.Var(t.val), tok: t}, true, nil
	case p.isPunct("("):
		p.skip()
		e, err := p.expression()
		if err != nil {
			return groupCondition{}, false, err
		}
		g := groupCondition{expr: e, tok: t}
		if p.acceptWord("AS") {
			vt := p.peek()
			if vt.kind != tVar {
				return groupCondition{}, false, p.unexpected("a variable after AS", "een variabele na AS")
			}
			p.skip()
			g.v, g.tok = algebra.Var(vt.val), vt
		} else if v, ok := e.(algebra.Var); ok {
			g.v, g.expr = v, nil // GROUP BY (?x) is GROUP BY ?x
		}
		if err := p.expectPunct(")"); err != nil {
			return groupCondition{}, false, err
		}
		return g, true, nil
	case p.isBuiltInStart() || p.isIRIStart():
		e, err := p.primaryExpression()
		if err != nil {
			return groupCondition{}, false, err
		}
		return groupCondition{expr: e, tok: t}, true, nil
	}
	return groupCondition{}, false, nil
}

// orderCondition parses OrderCondition ::= ( ( 'ASC' | 'DESC' )
// BrackettedExpression ) | ( Constraint | Var ).
func (p *parser) orderCondition() (algebra.OrderCondition, bool, error) {
	t := p.peek()
	switch {
	case p.isWord("ASC") || p.isWord("DESC"):
		p.skip()
		if !p.isPunct("(") {
			return algebra.OrderCondition{}, false, p.unexpected("'(' after "+t.val, "'(' na "+t.val)
		}
		e, err := p.bracketted()
		if err != nil {
			return algebra.OrderCondition{}, false, err
		}
		return algebra.OrderCondition{Expr: e, Desc: strings.EqualFold(t.val, "DESC")}, true, nil
	case t.kind == tVar:
		p.skip()
		return algebra.OrderCondition{Expr: algebra.Var(t.val)}, true, nil
	case p.isConstraintStart():
		e, err := p.constraint()
		if err != nil {
			return algebra.OrderCondition{}, false, err
		}
		return algebra.OrderCondition{Expr: e}, true, nil
	}
	return algebra.OrderCondition{}, false, nil
}

// conjunction combines FILTER or HAVING conditions with &&, in order.
func conjunction(es []algebra.Expr) algebra.Expr {
	e := es[0]
	for _, x := range es[1:] {
		e = &algebra.Binary{Op: algebra.OpAnd, Left: e, Right: x}
	}
	return e
}

// exprVars returns the variables an expression reads outside EXISTS.
func exprVars(e algebra.Expr) []algebra.Var {
	var out []algebra.Var
	var walk func(algebra.Expr)
	walk = func(e algebra.Expr) {
		switch e := e.(type) {
		case algebra.Var:
			out = append(out, e)
		case *algebra.Binary:
			walk(e.Left)
			walk(e.Right)
		case *algebra.Unary:
			walk(e.Arg)
		case *algebra.In:
			walk(e.Arg)
			for _, x := range e.List {
				walk(x)
			}
		case *algebra.Call:
			for _, x := range e.Args {
				walk(x)
			}
		case *algebra.Aggregate:
			if e.Expr != nil {
				walk(e.Expr)
			}
		}
	}
	walk(e)
	return out
}
