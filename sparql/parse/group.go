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
	gs := groupState{newBlock: true}
	open := p.prev
	for !p.isPunct("}") {
		if p.peek().kind == tEOF {
			line, col := position(p.src, open.pos)
			return nil, nil, p.errAt(p.peek(), "missing '}' to close the '{' at %d:%d", "'}' ontbreekt bij de '{' op %d:%d", line, col)
		}
		if p.isTriplesStart() {
			if err := p.groupTriples(&gs); err != nil {
				return nil, nil, err
			}
			continue
		}
		isFilter := p.isWord("FILTER")
		if err := p.groupElement(&gs); err != nil {
			return nil, nil, err
		}
		gs.needDot = false
		gs.newBlock = gs.newBlock || !isFilter
		p.acceptPunct(".")
	}
	p.next() // '}'
	if len(gs.filters) > 0 {
		return orEmpty(gs.g), conjunction(gs.filters), nil
	}
	return orEmpty(gs.g), nil, nil
}

// groupState is a GroupGraphPatternSub being translated, element by
// element.
type groupState struct {
	g       algebra.Pattern // the group so far (nil: nothing yet)
	filters []algebra.Expr  // the group's own FILTERs, applied at the end
	// scope holds the variables in scope in g, kept up to date element by
	// element so that BIND checks stay linear in the size of the group.
	scope   scopeTracker
	needDot bool // after a triples block not ended by '.'
	// Triples blocks separated only by FILTERs form one basic graph
	// pattern for the scope of blank node labels; any other element
	// starts a new one.
	block    int
	newBlock bool
}

// join joins a to the group and brings its variables into scope.
func (gs *groupState) join(a algebra.Pattern) {
	gs.scope.addPattern(a)
	gs.g = joinPatterns(gs.g, a)
}

// groupTriples parses a triples block of a group into a BGP (with the
// path patterns between its runs) and joins it.
func (p *parser) groupTriples(gs *groupState) error {
	if gs.needDot {
		return p.unexpected("'.' or '}'", "'.' of '}'")
	}
	if gs.newBlock {
		p.blocks++
		gs.block, gs.newBlock = p.blocks, false
	}
	p.block = gs.block
	elems, dot, err := p.triplesBlock()
	if err != nil {
		return err
	}
	gs.join(elementsPattern(elems))
	gs.needDot = !dot
	return nil
}

// groupElement parses one element of a group other than a triples block
// and adds it as §18.2.2.6 says: OPTIONAL as a LeftJoin, MINUS as a Minus,
// FILTER kept for the whole group, BIND as an Extend, the others joined.
func (p *parser) groupElement(gs *groupState) error {
	switch {
	case p.isPunct("{"):
		u, err := p.groupOrUnion()
		if err != nil {
			return err
		}
		gs.join(u)
	case p.acceptWord("OPTIONAL"):
		a, filter, err := p.groupParts()
		if err != nil {
			return err
		}
		gs.scope.addPattern(a)
		gs.g = &algebra.LeftJoin{Left: orEmpty(gs.g), Right: a, Expr: filter}
	case p.acceptWord("MINUS"):
		a, err := p.groupGraphPattern()
		if err != nil {
			return err
		}
		gs.g = &algebra.Minus{Left: orEmpty(gs.g), Right: a}
	case p.acceptWord("GRAPH"):
		name, err := p.varOrIRI()
		if err != nil {
			return err
		}
		a, err := p.groupGraphPattern()
		if err != nil {
			return err
		}
		gs.join(&algebra.Graph{Name: name, Pattern: a})
	case p.acceptWord("SERVICE"):
		s, err := p.service()
		if err != nil {
			return err
		}
		gs.join(s)
	case p.acceptWord("FILTER"):
		e, err := p.constraint()
		if err != nil {
			return err
		}
		gs.filters = append(gs.filters, e)
	case p.acceptWord("BIND"):
		return p.bind(gs)
	case p.acceptWord("VALUES"):
		t, err := p.dataBlock()
		if err != nil {
			return err
		}
		gs.join(t)
	default:
		return p.unexpected("a triple pattern, '{', OPTIONAL, MINUS, GRAPH, SERVICE, FILTER, BIND, VALUES or '}'",
			"een tripelpatroon, '{', OPTIONAL, MINUS, GRAPH, SERVICE, FILTER, BIND, VALUES of '}'")
	}
	return nil
}

// bind parses the rest of Bind ::= 'BIND' '(' Expression 'AS' Var ')' and
// extends the group with it; the variable must not be in scope yet
// (§18.2.1).
func (p *parser) bind(gs *groupState) error {
	if err := p.expectPunct("("); err != nil {
		return err
	}
	e, err := p.expression()
	if err != nil {
		return err
	}
	if err := p.expectWord("AS"); err != nil {
		return err
	}
	vt := p.peek()
	if vt.kind != tVar {
		return p.unexpected("a variable after AS", "een variabele na AS")
	}
	p.skip()
	if err := p.expectPunct(")"); err != nil {
		return err
	}
	v := algebra.Var(vt.val)
	if gs.scope.has(v) {
		return p.errAt(vt, "BIND variable %s is already in scope in the group before it",
			"BIND-variabele %s is al in gebruik in de groep ervoor", v)
	}
	gs.scope.add(v)
	gs.g = &algebra.Extend{Pattern: orEmpty(gs.g), Var: v, Expr: e}
	return nil
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
