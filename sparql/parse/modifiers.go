package parse

import "github.com/stadleuven/maturity/sparql/algebra"

// modifiers are a query's parsed SolutionModifier and trailing VALUES.
type modifiers struct {
	groups        []groupCondition
	having        []algebra.Expr
	order         []algebra.OrderCondition
	offset, limit int64 // limit < 0: none
	values        *algebra.Table
}

// solutionModifiersAndValues parses SolutionModifier and the trailing
// ValuesClause, then translates the query's top levels (§18.2.4-§18.2.5):
// grouping, HAVING, VALUES, SELECT expressions, ORDER BY, projection,
// DISTINCT/REDUCED and OFFSET/LIMIT. sel is nil for CONSTRUCT, DESCRIBE and
// ASK. It returns the pattern and the projected variables.
func (p *parser) solutionModifiersAndValues(where algebra.Pattern, sel *selectClause) (algebra.Pattern, []algebra.Var, error) {
	m, err := p.modifiers()
	if err != nil {
		return nil, nil, err
	}
	pat, bound, err := p.groupAndValues(where, m)
	if err != nil {
		return nil, nil, err
	}
	var vars []algebra.Var
	if sel != nil {
		if pat, vars, err = p.selectExpressions(pat, sel, bound); err != nil {
			return nil, nil, err
		}
	}
	if len(m.order) > 0 {
		pat = &algebra.OrderBy{Pattern: pat, Conditions: m.order}
	}
	if sel != nil {
		pat = &algebra.Project{Pattern: pat, Vars: vars}
		if sel.distinct {
			pat = &algebra.Distinct{Pattern: pat}
		} else if sel.reduced {
			pat = &algebra.Reduced{Pattern: pat}
		}
	}
	if m.offset > 0 || m.limit >= 0 {
		pat = &algebra.Slice{Pattern: pat, Offset: m.offset, Limit: m.limit}
	}
	return pat, vars, nil
}

// modifiers parses GroupClause? HavingClause? OrderClause?
// LimitOffsetClauses? ValuesClause.
func (p *parser) modifiers() (*modifiers, error) {
	m := &modifiers{limit: -1}
	if p.acceptWord("GROUP") {
		if err := p.expectWord("BY"); err != nil {
			return nil, err
		}
		saved := p.agg
		p.agg = nil // aggregates are not allowed in GROUP BY
		for {
			g, ok, err := p.groupCondition()
			if err != nil {
				return nil, err
			}
			if !ok {
				break
			}
			m.groups = append(m.groups, g)
		}
		p.agg = saved
		if len(m.groups) == 0 {
			return nil, p.unexpected("a GROUP BY condition", "een GROUP BY-voorwaarde")
		}
	}
	if p.acceptWord("HAVING") {
		for p.isConstraintStart() {
			e, err := p.constraint()
			if err != nil {
				return nil, err
			}
			m.having = append(m.having, e)
		}
		if len(m.having) == 0 {
			return nil, p.unexpected("a HAVING condition", "een HAVING-voorwaarde")
		}
	}
	if p.acceptWord("ORDER") {
		if err := p.expectWord("BY"); err != nil {
			return nil, err
		}
		for {
			c, ok, err := p.orderCondition()
			if err != nil {
				return nil, err
			}
			if !ok {
				break
			}
			m.order = append(m.order, c)
		}
		if len(m.order) == 0 {
			return nil, p.unexpected("an ORDER BY condition", "een ORDER BY-voorwaarde")
		}
	}
	sawLimit, sawOffset := false, false // either order, each at most once
	for i := 0; i < 2; i++ {
		var err error
		switch {
		case !sawLimit && p.acceptWord("LIMIT"):
			sawLimit = true
			m.limit, err = p.nonNegativeInteger("LIMIT")
		case !sawOffset && p.acceptWord("OFFSET"):
			sawOffset = true
			m.offset, err = p.nonNegativeInteger("OFFSET")
		}
		if err != nil {
			return nil, err
		}
	}
	if p.acceptWord("VALUES") {
		var err error
		if m.values, err = p.dataBlock(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// groupAndValues applies grouping with its aggregates, HAVING and the
// trailing VALUES to where (§18.2.4.1-§18.2.4.3). bound is nil for a query
// without grouping; otherwise it holds what the SELECT clause may refer to:
// the group keys and the aggregates' variables.
func (p *parser) groupAndValues(where algebra.Pattern, m *modifiers) (pat algebra.Pattern, bound map[algebra.Var]bool, err error) {
	pat = where
	aggs := p.agg.bindings
	if len(m.groups) > 0 || len(aggs) > 0 || len(m.having) > 0 {
		bound = map[algebra.Var]bool{}
		var scope scopeTracker
		scope.addPattern(pat)
		keys := make([]algebra.Var, 0, len(m.groups))
		for _, g := range m.groups {
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
		if len(m.having) > 0 {
			pat = &algebra.Filter{Expr: conjunction(m.having), Pattern: pat}
		}
	}
	if m.values != nil {
		pat = joinPatterns(pat, m.values)
	}
	return pat, bound, nil
}

// selectExpressions works out the result variables of a SELECT and binds
// its (expression AS ?var) items with Extend, checking the scope rules
// (§18.2.4.4) and, in a grouped query (bound not nil), that only group keys,
// aggregates and earlier SELECT expressions are used.
func (p *parser) selectExpressions(pat algebra.Pattern, sel *selectClause, bound map[algebra.Var]bool) (algebra.Pattern, []algebra.Var, error) {
	grouped := bound != nil
	var vars []algebra.Var
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
		return pat, vars, nil
	}
	var scope scopeTracker
	scope.addPattern(pat)
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
	return pat, vars, nil
}
