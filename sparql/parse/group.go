package parse

import (
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
)

// groupGraphPattern parses GroupGraphPattern ::= '{' ( SubSelect |
// GroupGraphPatternSub ) '}' and translates it by §18.2.2.6: the group's
// FILTERs apply to the whole group, OPTIONAL becomes LeftJoin (lifting the
// optional group's filter into it), MINUS becomes Minus, BIND extends what
// precedes it, everything else is joined in order.
func (p *parser) groupGraphPattern() (algebra.Pattern, error) {
	g, filter, err := p.groupParts()
	if err != nil || filter == nil {
		return g, err
	}
	return &algebra.Filter{Expr: filter, Pattern: g}, nil
}

// groupParts parses a GroupGraphPattern and returns its pattern and the
// conjunction of its own FILTERs (nil when none) apart, because OPTIONAL
// moves only those into the LeftJoin: a filter of a nested group stays put
// (W3C test dawg-optional-filter-005-not-simplified).
func (p *parser) groupParts() (algebra.Pattern, algebra.Expr, error) {
	if err := p.enter(); err != nil {
		return nil, nil, err
	}
	defer p.leave()
	if err := p.expectPunct("{"); err != nil {
		return nil, nil, err
	}
	if p.isWord("SELECT") {
		sub, err := p.subSelect()
		if err != nil {
			return nil, nil, err
		}
		if err := p.expectPunct("}"); err != nil {
			return nil, nil, err
		}
		return sub, nil, nil
	}
	var g algebra.Pattern
	var filters []algebra.Expr
	// scope holds the variables in scope in g, kept up to date element by
	// element so that BIND checks stay linear in the size of the group.
	var scope scopeTracker
	needDot := false // after a triples block not ended by '.'
	// Triples blocks separated only by FILTERs form one basic graph
	// pattern for the scope of blank node labels; any other element
	// starts a new one.
	block, newBlock := 0, true
	open := p.prev
	for !p.isPunct("}") {
		if p.peek().kind == tEOF {
			line, col := position(p.src, open.pos)
			return nil, nil, p.errAt(p.peek(), "missing '}' to close the '{' at %d:%d", "'}' ontbreekt bij de '{' op %d:%d", line, col)
		}
		isFilter := p.isWord("FILTER")
		switch {
		case p.isTriplesStart():
			if needDot {
				return nil, nil, p.unexpected("'.' or '}'", "'.' of '}'")
			}
			if newBlock {
				p.blocks++
				block, newBlock = p.blocks, false
			}
			p.block = block
			elems, dot, err := p.triplesBlock()
			if err != nil {
				return nil, nil, err
			}
			bgp := elementsPattern(elems)
			scope.addPattern(bgp)
			g = joinPatterns(g, bgp)
			needDot = !dot
			continue
		case p.isPunct("{"):
			u, err := p.groupOrUnion()
			if err != nil {
				return nil, nil, err
			}
			scope.addPattern(u)
			g = joinPatterns(g, u)
		case p.acceptWord("OPTIONAL"):
			a, filter, err := p.groupParts()
			if err != nil {
				return nil, nil, err
			}
			scope.addPattern(a)
			g = &algebra.LeftJoin{Left: orEmpty(g), Right: a, Expr: filter}
		case p.acceptWord("MINUS"):
			a, err := p.groupGraphPattern()
			if err != nil {
				return nil, nil, err
			}
			g = &algebra.Minus{Left: orEmpty(g), Right: a}
		case p.acceptWord("GRAPH"):
			name, err := p.varOrIRI()
			if err != nil {
				return nil, nil, err
			}
			a, err := p.groupGraphPattern()
			if err != nil {
				return nil, nil, err
			}
			gp := &algebra.Graph{Name: name, Pattern: a}
			scope.addPattern(gp)
			g = joinPatterns(g, gp)
		case p.acceptWord("SERVICE"):
			s, err := p.service()
			if err != nil {
				return nil, nil, err
			}
			scope.addPattern(s)
			g = joinPatterns(g, s)
		case p.acceptWord("FILTER"):
			e, err := p.constraint()
			if err != nil {
				return nil, nil, err
			}
			filters = append(filters, e)
		case p.acceptWord("BIND"):
			if err := p.expectPunct("("); err != nil {
				return nil, nil, err
			}
			e, err := p.expression()
			if err != nil {
				return nil, nil, err
			}
			if err := p.expectWord("AS"); err != nil {
				return nil, nil, err
			}
			vt := p.peek()
			if vt.kind != tVar {
				return nil, nil, p.unexpected("a variable after AS", "een variabele na AS")
			}
			p.skip()
			if err := p.expectPunct(")"); err != nil {
				return nil, nil, err
			}
			v := algebra.Var(vt.val)
			if scope.has(v) {
				return nil, nil, p.errAt(vt, "BIND variable %s is already in scope in the group before it",
					"BIND-variabele %s is al in gebruik in de groep ervoor", v)
			}
			scope.add(v)
			g = &algebra.Extend{Pattern: orEmpty(g), Var: v, Expr: e}
		case p.acceptWord("VALUES"):
			t, err := p.dataBlock()
			if err != nil {
				return nil, nil, err
			}
			scope.addPattern(t)
			g = joinPatterns(g, t)
		default:
			return nil, nil, p.unexpected("a triple pattern, '{', OPTIONAL, MINUS, GRAPH, SERVICE, FILTER, BIND, VALUES or '}'",
				"een tripelpatroon, '{', OPTIONAL, MINUS, GRAPH, SERVICE, FILTER, BIND, VALUES of '}'")
		}
		needDot = false
		newBlock = newBlock || !isFilter
		p.acceptPunct(".")
	}
	p.next() // '}'
	if len(filters) > 0 {
		return orEmpty(g), conjunction(filters), nil
	}
	return orEmpty(g), nil, nil
}

// groupOrUnion parses GroupGraphPattern ( 'UNION' GroupGraphPattern )*.
func (p *parser) groupOrUnion() (algebra.Pattern, error) {
	u, err := p.groupGraphPattern()
	if err != nil {
		return nil, err
	}
	for p.acceptWord("UNION") {
		r, err := p.groupGraphPattern()
		if err != nil {
			return nil, err
		}
		u = &algebra.Union{Left: u, Right: r}
	}
	return u, nil
}

// service parses the rest of ServiceGraphPattern and keeps the group's text
// for sending to the endpoint.
func (p *parser) service() (algebra.Pattern, error) {
	silent := p.acceptWord("SILENT")
	ep, err := p.varOrIRI()
	if err != nil {
		return nil, err
	}
	open := p.peek().pos
	a, err := p.groupGraphPattern()
	if err != nil {
		return nil, err
	}
	closeEnd := p.prev.end
	var b strings.Builder
	if p.base != "" {
		b.WriteString("BASE ")
		b.WriteString(rdf.IRI(p.base).String())
		b.WriteByte('\n')
	}
	prefixes := make([]string, 0, len(p.prefixes))
	for prefix := range p.prefixes {
		prefixes = append(prefixes, prefix)
	}
	sort.Strings(prefixes)
	for _, prefix := range prefixes {
		b.WriteString("PREFIX ")
		b.WriteString(prefix)
		b.WriteString(": ")
		b.WriteString(rdf.IRI(p.prefixes[prefix]).String())
		b.WriteByte('\n')
	}
	b.WriteString("SELECT * WHERE ")
	b.WriteString(p.src[open:closeEnd])
	return &algebra.Service{Endpoint: ep, Silent: silent, Pattern: a, Query: b.String()}, nil
}

// varOrIRI parses VarOrIri.
func (p *parser) varOrIRI() (algebra.Node, error) {
	if t := p.peek(); t.kind == tVar {
		p.skip()
		return algebra.VarNode(algebra.Var(t.val)), nil
	}
	iri, err := p.iri()
	if err != nil {
		return algebra.Node{}, err
	}
	return algebra.TermNode(iri), nil
}

// dataBlock parses DataBlock after VALUES (§18.2.4.3, InlineData).
func (p *parser) dataBlock() (*algebra.Table, error) {
	t := &algebra.Table{}
	if v := p.peek(); v.kind == tVar {
		// InlineDataOneVar ::= Var '{' DataBlockValue* '}'
		p.skip()
		t.Vars = []algebra.Var{algebra.Var(v.val)}
		if err := p.expectPunct("{"); err != nil {
			return nil, err
		}
		for !p.acceptPunct("}") {
			val, err := p.dataBlockValue()
			if err != nil {
				return nil, err
			}
			t.Rows = append(t.Rows, []rdf.Term{val})
		}
		return t, nil
	}
	// InlineDataFull ::= ( NIL | '(' Var* ')' ) '{' ( '(' DataBlockValue* ')' | NIL )* '}'
	if err := p.expectPunct("("); err != nil {
		return nil, err
	}
	seen := map[algebra.Var]bool{}
	for !p.acceptPunct(")") {
		v := p.peek()
		if v.kind != tVar {
			return nil, p.unexpected("a variable or ')' in VALUES", "een variabele of ')' in VALUES")
		}
		p.skip()
		if seen[algebra.Var(v.val)] {
			return nil, p.errAt(v, "variable ?%s appears twice in VALUES", "variabele ?%s staat twee keer in VALUES", v.val)
		}
		seen[algebra.Var(v.val)] = true
		t.Vars = append(t.Vars, algebra.Var(v.val))
	}
	if err := p.expectPunct("{"); err != nil {
		return nil, err
	}
	for !p.acceptPunct("}") {
		open := p.peek()
		if err := p.expectPunct("("); err != nil {
			return nil, err
		}
		row := make([]rdf.Term, 0, len(t.Vars))
		for !p.acceptPunct(")") {
			val, err := p.dataBlockValue()
			if err != nil {
				return nil, err
			}
			row = append(row, val)
		}
		if len(row) != len(t.Vars) {
			return nil, p.errText(open,
				"VALUES row has "+count(len(row), "value", "values")+" for "+count(len(t.Vars), "variable", "variables"),
				"VALUES-rij heeft "+count(len(row), "waarde", "waarden")+" voor "+count(len(t.Vars), "variabele", "variabelen"))
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// dataBlockValue parses iri | RDFLiteral | NumericLiteral | BooleanLiteral |
// 'UNDEF'; UNDEF is the zero Term.
func (p *parser) dataBlockValue() (rdf.Term, error) {
	if p.acceptWord("UNDEF") {
		return rdf.Term{}, nil
	}
	if p.isIRIStart() {
		return p.iri()
	}
	if t, ok, err := p.literal(); ok || err != nil {
		return t, err
	}
	return rdf.Term{}, p.unexpected("an IRI, a literal or UNDEF", "een IRI, een literal of UNDEF")
}

// orEmpty turns "no pattern yet" into the empty group {}.
func orEmpty(g algebra.Pattern) algebra.Pattern {
	if g == nil {
		return &algebra.BGP{}
	}
	return g
}

// isEmptyBGP reports whether p is the empty group, the identity of Join.
func isEmptyBGP(p algebra.Pattern) bool {
	b, ok := p.(*algebra.BGP)
	return ok && len(b.Triples) == 0
}

// joinPatterns joins two patterns, simplifying Join(Z, A) and Join(A, Z) to
// A (§18.2.2.8) and merging adjacent BGPs, which is the same join.
func joinPatterns(g, a algebra.Pattern) algebra.Pattern {
	switch {
	case g == nil:
		return a
	case isEmptyBGP(a):
		return g
	case isEmptyBGP(g):
		return a
	}
	if l, ok := g.(*algebra.BGP); ok {
		if r, ok := a.(*algebra.BGP); ok {
			// g is only ever the pattern being built, so growing it in
			// place is safe and keeps long groups linear.
			l.Triples = append(l.Triples, r.Triples...)
			return l
		}
	}
	return &algebra.Join{Left: g, Right: a}
}

// count returns "1 value", "2 values".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// scopeTracker knows the variables in scope in a pattern being built. It
// queues the parts added and reads their variables only when asked, so a
// group without BIND pays nothing and each part is read once, which keeps
// long groups linear.
type scopeTracker struct {
	vars    map[algebra.Var]bool
	pending []algebra.Pattern
	buf     [4]algebra.Pattern
}

// addPattern notes that the variables in scope in p are now in scope.
func (s *scopeTracker) addPattern(p algebra.Pattern) {
	if s.pending == nil {
		s.pending = s.buf[:0]
	}
	s.pending = append(s.pending, p)
}

// add notes that v is now in scope.
func (s *scopeTracker) add(v algebra.Var) {
	s.sync()
	s.vars[v] = true
}

// has reports whether v is in scope.
func (s *scopeTracker) has(v algebra.Var) bool {
	s.sync()
	return s.vars[v]
}

func (s *scopeTracker) sync() {
	if s.vars == nil {
		s.vars = map[algebra.Var]bool{}
	}
	for _, p := range s.pending {
		for _, v := range algebra.Vars(p) {
			s.vars[v] = true
		}
	}
	s.pending = s.pending[:0]
}
