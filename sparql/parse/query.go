package parse

import (
	"strconv"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// query parses QueryUnit (§19.8 [1]-[2]).
func (p *parser) query() (*algebra.Query, error) {
	if err := p.prologue(); err != nil {
		return nil, err
	}
	q := &algebra.Query{}
	var err error
	switch {
	case p.isWord("SELECT"):
		q.Form = algebra.Select
		err = p.selectQuery(q)
	case p.isWord("CONSTRUCT"):
		q.Form = algebra.Construct
		err = p.constructQuery(q)
	case p.isWord("DESCRIBE"):
		q.Form = algebra.Describe
		err = p.describeQuery(q)
	case p.isWord("ASK"):
		q.Form = algebra.Ask
		err = p.askQuery(q)
	default:
		return nil, p.unexpected("SELECT, CONSTRUCT, DESCRIBE or ASK", "SELECT, CONSTRUCT, DESCRIBE of ASK")
	}
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tEOF {
		return nil, p.unexpected("end of query", "einde van de query")
	}
	q.Base = p.base
	q.Prefixes = p.prefixes
	return q, nil
}

func (p *parser) selectQuery(q *algebra.Query) error {
	p.agg = &aggScope{}
	sel, err := p.selectClause()
	if err != nil {
		return err
	}
	if err := p.datasetClauses(q); err != nil {
		return err
	}
	where, err := p.whereClause()
	if err != nil {
		return err
	}
	pat, vars, err := p.solutionModifiersAndValues(where, sel)
	if err != nil {
		return err
	}
	q.Pattern, q.Vars = pat, vars
	return nil
}

func (p *parser) constructQuery(q *algebra.Query) error {
	p.next() // CONSTRUCT
	p.agg = &aggScope{}
	if p.isPunct("{") {
		tmpl, err := p.constructTemplate()
		if err != nil {
			return err
		}
		q.Template = tmpl
		if err := p.datasetClauses(q); err != nil {
			return err
		}
		where, err := p.whereClause()
		if err != nil {
			return err
		}
		q.Pattern, _, err = p.solutionModifiersAndValues(where, nil)
		return err
	}
	// CONSTRUCT WHERE { TriplesTemplate }: the template is the pattern.
	if err := p.datasetClauses(q); err != nil {
		return err
	}
	if err := p.expectWord("WHERE"); err != nil {
		return err
	}
	if err := p.expectPunct("{"); err != nil {
		return err
	}
	p.blocks++
	p.block = p.blocks
	var elems []element
	for !p.isPunct("}") {
		if !p.isTriplesStart() {
			return p.unexpected("a triple pattern or '}' (CONSTRUCT WHERE allows only triples)",
				"een tripelpatroon of '}' (CONSTRUCT WHERE laat alleen tripels toe)")
		}
		var err error
		if elems, err = p.triplesSameSubject(elems, false); err != nil {
			return err
		}
		if !p.acceptPunct(".") {
			break
		}
	}
	if err := p.expectPunct("}"); err != nil {
		return err
	}
	bgp := &algebra.BGP{}
	for _, e := range elems {
		bgp.Triples = append(bgp.Triples, e.triple)
	}
	q.Template = bgp.Triples
	var err error
	q.Pattern, _, err = p.solutionModifiersAndValues(bgp, nil)
	return err
}

func (p *parser) describeQuery(q *algebra.Query) error {
	p.next() // DESCRIBE
	p.agg = &aggScope{}
	star := p.acceptPunct("*")
	for !star {
		t := p.peek()
		if t.kind == tVar {
			p.skip()
			q.Describe = append(q.Describe, algebra.VarNode(algebra.Var(t.val)))
			continue
		}
		if !p.isIRIStart() {
			break
		}
		iri, err := p.iri()
		if err != nil {
			return err
		}
		q.Describe = append(q.Describe, algebra.TermNode(iri))
	}
	if !star && len(q.Describe) == 0 {
		return p.unexpected("a variable, an IRI or '*' after DESCRIBE", "een variabele, een IRI of '*' na DESCRIBE")
	}
	if err := p.datasetClauses(q); err != nil {
		return err
	}
	var where algebra.Pattern = &algebra.BGP{}
	if p.isWord("WHERE") || p.isPunct("{") {
		var err error
		if where, err = p.whereClause(); err != nil {
			return err
		}
	}
	pat, _, err := p.solutionModifiersAndValues(where, nil)
	if err != nil {
		return err
	}
	if star {
		for _, v := range algebra.Vars(pat) {
			if !v.Hidden() {
				q.Describe = append(q.Describe, algebra.VarNode(v))
			}
		}
	}
	q.Pattern = pat
	return nil
}

func (p *parser) askQuery(q *algebra.Query) error {
	p.next() // ASK
	p.agg = &aggScope{}
	if err := p.datasetClauses(q); err != nil {
		return err
	}
	where, err := p.whereClause()
	if err != nil {
		return err
	}
	q.Pattern, _, err = p.solutionModifiersAndValues(where, nil)
	return err
}

// datasetClauses parses DatasetClause*.
func (p *parser) datasetClauses(q *algebra.Query) error {
	for p.acceptWord("FROM") {
		named := p.acceptWord("NAMED")
		iri, err := p.iri()
		if err != nil {
			return err
		}
		if named {
			q.FromNamed = append(q.FromNamed, iri)
		} else {
			q.From = append(q.From, iri)
		}
	}
	return nil
}

// whereClause parses 'WHERE'? GroupGraphPattern, where aggregates are not
// allowed.
func (p *parser) whereClause() (algebra.Pattern, error) {
	p.acceptWord("WHERE")
	if !p.isPunct("{") {
		return nil, p.unexpected("'{'", "'{'")
	}
	saved := p.agg
	p.agg = nil
	defer func() { p.agg = saved }()
	return p.groupGraphPattern()
}

// subSelect parses SubSelect inside a group; its aggregates are its own.
func (p *parser) subSelect() (algebra.Pattern, error) {
	saved := p.agg
	p.agg = &aggScope{}
	defer func() { p.agg = saved }()
	sel, err := p.selectClause()
	if err != nil {
		return nil, err
	}
	where, err := p.whereClause()
	if err != nil {
		return nil, err
	}
	pat, _, err := p.solutionModifiersAndValues(where, sel)
	return pat, err
}

// nonNegativeInteger parses the integer after LIMIT or OFFSET.
func (p *parser) nonNegativeInteger(what string) (int64, error) {
	t := p.peek()
	if t.kind != tInteger {
		return 0, p.unexpected("an integer after "+what, "een geheel getal na "+what)
	}
	p.skip()
	n, err := strconv.ParseInt(t.val, 10, 64)
	if err != nil {
		return 0, p.errAt(t, "%s %s is too large", "%s %s is te groot", what, t.val)
	}
	return n, nil
}
