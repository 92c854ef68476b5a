package parse

import (
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
)

// path parses Path ::= PathAlternative (§9, §19.8 [88]-[96]).
func (p *parser) path() (algebra.PathExpr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	left, err := p.pathSequence()
	if err != nil {
		return nil, err
	}
	for p.acceptPunct("|") {
		right, err := p.pathSequence()
		if err != nil {
			return nil, err
		}
		left = &algebra.PathAlt{Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) pathSequence() (algebra.PathExpr, error) {
	left, err := p.pathEltOrInverse()
	if err != nil {
		return nil, err
	}
	for p.acceptPunct("/") {
		right, err := p.pathEltOrInverse()
		if err != nil {
			return nil, err
		}
		left = &algebra.PathSeq{Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) pathEltOrInverse() (algebra.PathExpr, error) {
	inverse := p.acceptPunct("^")
	e, err := p.pathPrimary()
	if err != nil {
		return nil, err
	}
	// PathMod; a '?' token is a modifier, '?x' lexes as a variable.
	switch {
	case p.acceptPunct("?"):
		e = &algebra.PathZeroOrOne{Path: e}
	case p.acceptPunct("*"):
		e = &algebra.PathZeroOrMore{Path: e}
	case p.isPunct("+") && !p.signedNumberFollows():
		p.skip()
		e = &algebra.PathOneOrMore{Path: e}
	}
	if inverse {
		e = &algebra.PathInverse{Path: e}
	}
	return e, nil
}

// pathPrimary parses iri | 'a' | '!' PathNegatedPropertySet | '(' Path ')'.
func (p *parser) pathPrimary() (algebra.PathExpr, error) {
	if !p.isPunct("(") {
		if err := p.countPathStep(); err != nil {
			return nil, err
		}
	}
	switch {
	case p.peek().kind == tWord && p.peek().val == "a":
		p.skip()
		return &algebra.PathLink{IRI: rdf.IRI(rdf.RDFType)}, nil
	case p.acceptPunct("!"):
		neg := &algebra.PathNegated{}
		if !p.acceptPunct("(") {
			return neg, p.pathOneInPropertySet(neg)
		}
		if p.acceptPunct(")") {
			return neg, nil
		}
		for {
			if err := p.pathOneInPropertySet(neg); err != nil {
				return nil, err
			}
			if p.acceptPunct(")") {
				return neg, nil
			}
			if err := p.expectPunct("|"); err != nil {
				return nil, err
			}
		}
	case p.acceptPunct("("):
		e, err := p.path()
		if err != nil {
			return nil, err
		}
		return e, p.expectPunct(")")
	}
	iri, err := p.iri()
	if err != nil {
		return nil, err
	}
	return &algebra.PathLink{IRI: iri}, nil
}

// pathOneInPropertySet parses iri | 'a' | '^' ( iri | 'a' ) into neg.
func (p *parser) pathOneInPropertySet(neg *algebra.PathNegated) error {
	inverse := p.acceptPunct("^")
	var iri rdf.Term
	if t := p.peek(); t.kind == tWord && t.val == "a" {
		p.skip()
		iri = rdf.IRI(rdf.RDFType)
	} else {
		var err error
		if iri, err = p.iri(); err != nil {
			return err
		}
	}
	if inverse {
		neg.Inverse = append(neg.Inverse, iri)
	} else {
		neg.Forward = append(neg.Forward, iri)
	}
	return nil
}
