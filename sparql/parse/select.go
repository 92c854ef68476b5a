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
			p.i++
			sc.items = append(sc.items, selectItem{v: algebra.Var(t.val), tok: t})
			continue
		case p.isPunct("("):
			p.i++
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
			p.i++
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

// solutionModifiersAndValues parses SolutionModifier and the trailing
// ValuesClause, then translates the query's top levels (§18.2.4-§18.2.5):
// grouping, HAVING, VALUES, SELECT expressions, ORDER BY, projection,
// DISTINCT/REDUCED and OFFSET/LIMIT. sel is nil for CONSTRUCT, DESCRIBE and
// ASK. It returns the pattern and the projected variables.
func (p *parser) solutionModifiersAndValues(where algebra.Pattern, sel *selectClause) (algebra.Pattern, []algebra.Var, error) {
	var groups []groupCondition
	if p.acceptWord("GROUP") {
		if err := p.expectWord("BY"); err != nil {
			return nil, nil, err
		}
		saved := p.agg
		p.agg = nil // aggregates are not allowed in GROUP BY
		for {
			g, ok, err := p.groupCondition()
			if err != nil {
				return nil, nil, err
			}
			if !ok {
				break
			}
			groups = append(groups, g)
		}
		p.agg = saved
		if len(groups) == 0 {
			return nil, nil, p.unexpected("a GROUP BY condition", "een GROUP BY-voorwaarde")
		}
	}
	var having []algebra.Expr
	if p.acceptWord("HAVING") {
		for p.isConstraintStart() {
			e, err := p.constraint()
			if err != nil {
				return nil, nil, err
			}
			having = append(having, e)
		}
		if len(having) == 0 {
			return nil, nil, p.unexpected("a HAVING condition", "een HAVING-voorwaarde")
		}
	}
	var order []algebra.OrderCondition
	if p.acceptWord("ORDER") {
		if err := p.expectWord("BY"); err != nil {
			return nil, nil, err
		}
		for {
			c, ok, err := p.orderCondition()
			if err != nil {
				return nil, nil, err
			}
			if !ok {
				break
			}
			order = append(order, c)
		}
		if len(order) == 0 {
			return nil, nil, p.unexpected("an ORDER BY condition", "een ORDER BY-voorwaarde")
		}
	}
	offset, limit := int64(0), int64(-1)
	sawLimit, sawOffset := false, false // either order, each at most once
	for i := 0; i < 2; i++ {
		var err error
		switch {
		case !sawLimit && p.acceptWord("LIMIT"):
			sawLimit = true
			limit, err = p.nonNegativeInteger("LIMIT")
		case !sawOffset && p.acceptWord("OFFSET"):
			sawOffset = true
			offset, err = p.nonNegativeInteger("OFFSET")
		}
		if err != nil {
			return nil, nil, err
		}
	}
	var values *algebra.Table
	if p.isWord("VALUES") {
		p.i++
		var err error
		if values, err = p.dataBlock(); err != nil {
			return nil, nil, err
		}
	}

	pat := where
	aggs := p.agg.bindings
	var scope scopeTracker // in scope in pat, kept up to date below
	scope.addPattern(pat)
	grouped := len(groups) > 0 || len(aggs) > 0 || len(having) > 0
	bound := map[algebra.Var]bool{} // what a grouped query may refer to
	if grouped {
		keys := make([]algebra.Var, 0, len(groups))
		for _, g := range groups {
			if g.expr == nil {
				keys = append(keys, g.v)
				bound[g.v] = true
				continue
			}
			v := g.v
			if v == "" {
				v = p.freshVar("grp")
			} else if scope.has(v) {
				return nil, nil, p.errAt(g.tok, "variable %s in GROUP BY (… AS %s) is already in scope",
					"variabele %s in GROUP BY (… AS %s) is al in gebruik", v, v)
			}
			pat = &algebra.Extend{Pattern: pat, Var: v, Expr: g.expr}
			scope.add(v)
			keys = append(keys, v)
			bound[v] = true
		}
		for _, a := range aggs {
			bound[a.Var] = true
		}
		pat = &algebra.Group{Pattern: pat, Keys: keys, Aggregates: aggs}
		if len(having) > 0 {
			pat = &algebra.Filter{Expr: conjunction(having), Pattern: pat}
		}
	}
	if values != nil {
		pat = joinPatterns(pat, values)
	}
	if grouped || values != nil {
		scope = scopeTracker{}
		scope.addPattern(pat)
	}

	var vars []algebra.Var
	if sel != nil {
		if sel.star {
			if grouped {
				return nil, nil, p.errAt(sel.tok, "SELECT * is not allowed in a query with GROUP BY or aggregates",
					"SELECT * mag niet in een query met GROUP BY of aggregaten")
			}
			for _, v := range algebra.Vars(pat) {
				if !v.Hidden() {
					vars = append(vars, v)
				}
			}
		}
		projected := map[algebra.Var]bool{}
		for _, it := range sel.items {
			if it.expr == nil {
				if grouped && !bound[it.v] {
					return nil, nil, p.errAt(it.tok, "variable %s is projected but not grouped: add it to GROUP BY or use an aggregate",
						"variabele %s wordt geprojecteerd maar niet gegroepeerd: neem ze op in GROUP BY of gebruik een aggregaat", it.v)
				}
				if !projected[it.v] {
					projected[it.v] = true
					vars = append(vars, it.v)
				}
				continue
			}
			if projected[it.v] || scope.has(it.v) {
				return nil, nil, p.errAt(it.tok, "variable %s in (… AS %s) is already in scope", "variabele %s in (… AS %s) is al in gebruik", it.v, it.v)
			}
			if grouped {
				for _, v := range exprVars(it.expr) {
					if !bound[v] {
						return nil, nil, p.errAt(it.tok, "expression for %s uses %s, which is not grouped",
							"expressie voor %s gebruikt %s, die niet gegroepeerd is", it.v, v)
					}
				}
				bound[it.v] = true
			}
			pat = &algebra.Extend{Pattern: pat, Var: it.v, Expr: it.expr}
			scope.add(it.v)
			projected[it.v] = true
			vars = append(vars, it.v)
		}
	}
	if len(order) > 0 {
		pat = &algebra.OrderBy{Pattern: pat, Conditions: order}
	}
	if sel != nil {
		pat = &algebra.Project{Pattern: pat, Vars: vars}
		if sel.distinct {
			pat = &algebra.Distinct{Pattern: pat}
		} else if sel.reduced {
			pat = &algebra.Reduced{Pattern: pat}
		}
	}
	if offset > 0 || limit >= 0 {
		pat = &algebra.Slice{Pattern: pat, Offset: offset, Limit: limit}
	}
	return pat, vars, nil
}

// groupCondition parses GroupCondition ::= BuiltInCall | FunctionCall |
// '(' Expression ( 'AS' Var )? ')' | Var. ok is false when none follows.
func (p *parser) groupCondition() (groupCondition, bool, error) {
	t := p.peek()
	switch {
	case t.kind == tVar:
		p.i++
		return groupCondition{v: algebra.Var(t.val), tok: t}, true, nil
	case p.isPunct("("):
		p.i++
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
			p.i++
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
		p.i++
		if !p.isPunct("(") {
			return algebra.OrderCondition{}, false, p.unexpected("'(' after "+t.val, "'(' na "+t.val)
		}
		e, err := p.bracketted()
		if err != nil {
			return algebra.OrderCondition{}, false, err
		}
		return algebra.OrderCondition{Expr: e, Desc: strings.EqualFold(t.val, "DESC")}, true, nil
	case t.kind == tVar:
		p.i++
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
