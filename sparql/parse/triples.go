package parse

import (
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
)

// element is one item of a triples block after path translation: a triple
// pattern or, when path is set, a property path pattern.
type element struct {
	triple algebra.TriplePattern
	path   *algebra.Path
}

// elementsPattern turns a triples block into algebra: runs of triple
// patterns become BGPs, joined in order with the path patterns between them.
func elementsPattern(elems []element) algebra.Pattern {
	var g algebra.Pattern
	var bgp *algebra.BGP
	for _, e := range elems {
		if e.path != nil {
			if bgp != nil {
				g = joinPatterns(g, bgp)
				bgp = nil
			}
			g = joinPatterns(g, e.path)
			continue
		}
		if bgp == nil {
			bgp = &algebra.BGP{Triples: make([]algebra.TriplePattern, 0, len(elems))}
		}
		bgp.Triples = append(bgp.Triples, e.triple)
	}
	if bgp != nil {
		g = joinPatterns(g, bgp)
	}
	return orEmpty(g)
}

// isTriplesStart reports whether the current token can start
// TriplesSameSubject(Path).
func (p *parser) isTriplesStart() bool {
	t := p.peek()
	switch t.kind {
	case tVar, tIRI, tPName, tBlank, tString, tInteger, tDecimal, tDouble:
		return true
	case tPunct:
		return t.val == "[" || t.val == "(" || (t.val == "+" || t.val == "-") && p.signedNumberFollows()
	case tWord:
		return p.isWord("true") || p.isWord("false")
	}
	return false
}

// signedNumberFollows reports whether the current '+' or '-' is the sign of
// the number right after it (no space between), as in INTEGER_NEGATIVE.
func (p *parser) signedNumberFollows() bool {
	n := p.peekAt(1)
	return (n.kind == tInteger || n.kind == tDecimal || n.kind == tDouble) && n.pos == p.peek().end
}

// triplesBlock parses TriplesBlock in a WHERE clause. dot reports whether
// the block ended with '.'.
func (p *parser) triplesBlock() (elems []element, dot bool, err error) {
	// Reuse one buffer: the caller turns each block into algebra, which
	// copies the triples, before the next block starts.
	elems = p.scratch[:0]
	defer func() { p.scratch = elems[:0] }()
	for {
		n := len(elems)
		if elems, err = p.triplesSameSubject(elems, true); err != nil {
			return nil, false, err
		}
		if err := p.countPatterns(len(elems) - n); err != nil {
			return nil, false, err
		}
		if !p.acceptPunct(".") {
			return elems, false, nil
		}
		if !p.isTriplesStart() {
			return elems, true, nil
		}
	}
}

// constructTemplate parses ConstructTemplate. Blank nodes in it stay blank
// nodes: they are instantiated per solution, not matched.
func (p *parser) constructTemplate() ([]algebra.TriplePattern, error) {
	if err := p.expectPunct("{"); err != nil {
		return nil, err
	}
	saved := p.tmpl
	p.tmpl = true
	defer func() { p.tmpl = saved }()
	var elems []element
	for !p.isPunct("}") {
		if !p.isTriplesStart() {
			return nil, p.unexpected("a triple or '}'", "een tripel of '}'")
		}
		n := len(elems)
		var err error
		if elems, err = p.triplesSameSubject(elems, false); err != nil {
			return nil, err
		}
		if err := p.countPatterns(len(elems) - n); err != nil {
			return nil, err
		}
		if !p.acceptPunct(".") {
			break
		}
	}
	if err := p.expectPunct("}"); err != nil {
		return nil, err
	}
	out := make([]algebra.TriplePattern, len(elems))
	for i, e := range elems {
		out[i] = e.triple
	}
	return out, nil
}

// triplesSameSubject parses TriplesSameSubject or, with paths,
// TriplesSameSubjectPath, appending its triples to elems.
func (p *parser) triplesSameSubject(elems []element, paths bool) ([]element, error) {
	if (p.isPunct("[") && !p.isANON()) || (p.isPunct("(") && !p.isNIL()) {
		subj, elems, err := p.triplesNode(elems, paths)
		if err != nil {
			return nil, err
		}
		if p.isVerbStart(paths) {
			return p.propertyList(subj, elems, paths)
		}
		return elems, nil
	}
	subj, err := p.varOrTerm()
	if err != nil {
		return nil, err
	}
	if !p.isVerbStart(paths) {
		return nil, p.unexpected("a predicate", "een predicaat")
	}
	return p.propertyList(subj, elems, paths)
}

func (p *parser) isANON() bool {
	return p.isPunct("[") && p.peekAt(1).kind == tPunct && p.peekAt(1).val == "]"
}

func (p *parser) isVerbStart(paths bool) bool {
	t := p.peek()
	switch t.kind {
	case tVar, tIRI, tPName:
		return true
	case tWord:
		return t.val == "a"
	case tPunct:
		return paths && (t.val == "^" || t.val == "!" || t.val == "(")
	}
	return false
}

// propertyList parses PropertyListNotEmpty (or its Path variant) for subj.
func (p *parser) propertyList(subj algebra.Node, elems []element, paths bool) ([]element, error) {
	for {
		var verb algebra.Node
		var path algebra.PathExpr
		if t := p.peek(); t.kind == tVar {
			p.skip()
			verb = algebra.VarNode(algebra.Var(t.val))
		} else if paths {
			var err error
			p.pathSteps = 0
			if path, err = p.path(); err != nil {
				return nil, err
			}
			if l, ok := path.(*algebra.PathLink); ok {
				verb, path = algebra.TermNode(l.IRI), nil
			}
		} else if p.peek().kind == tWord && p.peek().val == "a" {
			p.skip()
			verb = algebra.TermNode(rdf.IRI(rdf.RDFType))
		} else {
			iri, err := p.iri()
			if err != nil {
				return nil, err
			}
			verb = algebra.TermNode(iri)
		}
		// ObjectList ::= Object ( ',' Object )*
		for {
			obj, more, err := p.graphNode(elems, paths)
			if err != nil {
				return nil, err
			}
			elems = more
			if path != nil {
				elems = p.translatePath(elems, subj, path, obj)
			} else {
				elems = append(elems, element{triple: algebra.TriplePattern{S: subj, P: verb, O: obj}})
			}
			if !p.acceptPunct(",") {
				break
			}
		}
		if !p.acceptPunct(";") {
			return elems, nil
		}
		for p.acceptPunct(";") {
		}
		if !p.isVerbStart(paths) {
			return elems, nil
		}
	}
}

// translatePath applies §18.2.2.4: a link is a triple pattern, an inverse
// link a reversed one, a sequence is split at a fresh variable, and any
// other path stays a Path pattern.
func (p *parser) translatePath(elems []element, s algebra.Node, path algebra.PathExpr, o algebra.Node) []element {
	switch x := path.(type) {
	case *algebra.PathLink:
		return append(elems, element{triple: algebra.TriplePattern{S: s, P: algebra.TermNode(x.IRI), O: o}})
	case *algebra.PathInverse:
		if l, ok := x.Path.(*algebra.PathLink); ok {
			return append(elems, element{triple: algebra.TriplePattern{S: o, P: algebra.TermNode(l.IRI), O: s}})
		}
	case *algebra.PathSeq:
		v := algebra.VarNode(p.freshVar("p"))
		elems = p.translatePath(elems, s, x.Left, v)
		return p.translatePath(elems, v, x.Right, o)
	}
	return append(elems, element{path: &algebra.Path{S: s, Path: path, O: o}})
}

// graphNode parses GraphNode(Path): a term or variable, or a triples node
// whose triples are appended to elems.
func (p *parser) graphNode(elems []element, paths bool) (algebra.Node, []element, error) {
	if (p.isPunct("[") && !p.isANON()) || (p.isPunct("(") && !p.isNIL()) {
		return p.triplesNode(elems, paths)
	}
	n, err := p.varOrTerm()
	return n, elems, err
}

// triplesNode parses a blank node property list '[' … ']' or a collection
// '(' … ')' (RDF list, §4.2.4).
func (p *parser) triplesNode(elems []element, paths bool) (algebra.Node, []element, error) {
	if err := p.enter(); err != nil {
		return algebra.Node{}, nil, err
	}
	defer p.leave()
	if p.acceptPunct("[") {
		n := p.anonNode()
		if !p.isVerbStart(paths) {
			return algebra.Node{}, nil, p.unexpected("a predicate", "een predicaat")
		}
		elems, err := p.propertyList(n, elems, paths)
		if err != nil {
			return algebra.Node{}, nil, err
		}
		return n, elems, p.expectPunct("]")
	}
	p.next() // '('
	first, rest, nilNode := algebra.TermNode(rdf.IRI(rdf.RDFFirst)), algebra.TermNode(rdf.IRI(rdf.RDFRest)), algebra.TermNode(rdf.IRI(rdf.RDFNil))
	var head, prev algebra.Node
	for !p.acceptPunct(")") {
		if p.peek().kind == tEOF {
			return algebra.Node{}, nil, p.unexpected("')'", "')'")
		}
		cell := p.anonNode()
		obj, more, err := p.graphNode(elems, paths)
		if err != nil {
			return algebra.Node{}, nil, err
		}
		elems = more
		if prev == (algebra.Node{}) {
			head = cell
		} else {
			elems = append(elems, element{triple: algebra.TriplePattern{S: prev, P: rest, O: cell}})
		}
		elems = append(elems, element{triple: algebra.TriplePattern{S: cell, P: first, O: obj}})
		prev = cell
	}
	elems = append(elems, element{triple: algebra.TriplePattern{S: prev, P: rest, O: nilNode}})
	return head, elems, nil
}

// anonNode returns a fresh blank node: a hidden variable in a pattern, a
// blank node term (with a label no query can write) in a template.
func (p *parser) anonNode() algebra.Node {
	v := p.freshVar("b")
	if p.tmpl {
		return algebra.TermNode(rdf.Blank(string(v)))
	}
	return algebra.VarNode(v)
}

// varOrTerm parses VarOrTerm: a variable, IRI, literal, blank node or NIL.
func (p *parser) varOrTerm() (algebra.Node, error) {
	t := p.peek()
	switch t.kind {
	case tVar:
		p.skip()
		return algebra.VarNode(algebra.Var(t.val)), nil
	case tIRI, tPName:
		iri, err := p.iri()
		return algebra.TermNode(iri), err
	case tBlank:
		p.skip()
		if p.tmpl {
			return algebra.TermNode(rdf.Blank(t.val)), nil
		}
		if b, ok := p.bnodeBlock[t.val]; ok && b != p.block {
			return algebra.Node{}, p.errAt(t, "blank node _:%s is used in more than one basic graph pattern",
				"blanco knoop _:%s komt in meer dan één basisgrafpatroon voor", t.val)
		}
		p.bnodeBlock[t.val] = p.block
		return algebra.VarNode(algebra.Var("_:" + t.val)), nil
	case tPunct:
		switch {
		case p.isANON():
			p.skip()
			p.skip()
			return p.anonNode(), nil
		case p.isNIL():
			p.skip()
			p.skip()
			return algebra.TermNode(rdf.IRI(rdf.RDFNil)), nil
		}
	}
	if lit, ok, err := p.literal(); ok || err != nil {
		return algebra.TermNode(lit), err
	}
	return algebra.Node{}, p.unexpected("a variable, an IRI, a literal or a blank node", "een variabele, een IRI, een literal of een blanco knoop")
}

// literal parses RDFLiteral | NumericLiteral | BooleanLiteral. ok is false
// when the current token starts none of them.
func (p *parser) literal() (rdf.Term, bool, error) {
	t := p.peek()
	switch t.kind {
	case tString:
		p.skip()
		if l := p.peek(); l.kind == tLang {
			p.skip()
			return rdf.LangLiteral(t.val, l.val), true, nil
		}
		if p.acceptPunct("^^") {
			dt, err := p.iri()
			if err != nil {
				return rdf.Term{}, true, err
			}
			return rdf.TypedLiteral(t.val, dt.Value), true, nil
		}
		return rdf.Literal(t.val), true, nil
	case tInteger, tDecimal, tDouble:
		p.skip()
		return numericLiteral(t, ""), true, nil
	case tPunct:
		if (t.val == "+" || t.val == "-") && p.signedNumberFollows() {
			p.skip()
			return numericLiteral(p.next(), t.val), true, nil
		}
	case tWord:
		if p.acceptWord("true") {
			return rdf.TypedLiteral("true", rdf.XSDBoolean), true, nil
		}
		if p.acceptWord("false") {
			return rdf.TypedLiteral("false", rdf.XSDBoolean), true, nil
		}
	}
	return rdf.Term{}, false, nil
}

func numericLiteral(t token, sign string) rdf.Term {
	dt := rdf.XSDInteger
	switch t.kind {
	case tDecimal:
		dt = rdf.XSDDecimal
	case tDouble:
		dt = rdf.XSDDouble
	}
	return rdf.TypedLiteral(sign+t.val, dt)
}
