package ttl

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// ttlMaxDepth bounds the nesting of [] and () so that hostile input cannot
// exhaust the stack.
const ttlMaxDepth = 512

// ttlParser is a recursive-descent Turtle 1.1 parser with one token of
// lookahead. Triples are emitted as soon as they are complete.
type ttlParser struct {
	lx       *ttlLexer
	tok      ttlToken
	opts     codec.ParseOptions
	emit     func(rdf.Quad) error
	base     string
	prefixes map[string]string
	anon     uint64
	depth    int
}

// ParseTurtle reads Turtle from r and calls emit for every triple as soon
// as it is complete, as rdfio.Parse describes.
func ParseTurtle(r io.Reader, opts codec.ParseOptions, emit func(rdf.Quad) error) error {
	p := &ttlParser{
		lx:       newTTLLexer(r, opts.File),
		opts:     opts,
		emit:     emit,
		base:     opts.Base,
		prefixes: make(map[string]string),
	}
	if err := p.next(); err != nil {
		return err
	}
	for p.tok.kind != ttlEOF {
		if err := p.statement(); err != nil {
			return err
		}
	}
	return nil
}

func (p *ttlParser) next() error {
	tok, err := p.lx.next()
	p.tok = tok
	return err
}

func (p *ttlParser) errorf(format string, args ...any) error {
	return &codec.SyntaxError{File: p.opts.File, Line: p.tok.line, Col: p.tok.col, Msg: fmt.Sprintf(format, args...)}
}

func (p *ttlParser) unexpected(want string) error {
	return p.errorf("expected %s, found %s", want, p.tok.describe())
}

func (p *ttlParser) expect(punct byte) error {
	if !p.tok.is(punct) {
		return p.unexpected("'" + string(punct) + "'")
	}
	return p.next()
}

func (p *ttlParser) statement() error {
	switch {
	case p.tok.kind == ttlLang && p.tok.val == "prefix":
		if err := p.prefixDecl(); err != nil {
			return err
		}
		return p.expect('.')
	case p.tok.kind == ttlLang && p.tok.val == "base":
		if err := p.baseDecl(); err != nil {
			return err
		}
		return p.expect('.')
	case p.tok.kind == ttlWord && strings.EqualFold(p.tok.val, "PREFIX"):
		return p.prefixDecl()
	case p.tok.kind == ttlWord && strings.EqualFold(p.tok.val, "BASE"):
		return p.baseDecl()
	}
	if err := p.triples(); err != nil {
		return err
	}
	return p.expect('.')
}

func (p *ttlParser) prefixDecl() error {
	if err := p.next(); err != nil {
		return err
	}
	if p.tok.kind != ttlPName || p.tok.val != "" {
		return p.unexpected("prefix name ending in ':'")
	}
	prefix := p.tok.prefix
	if err := p.next(); err != nil {
		return err
	}
	if p.tok.kind != ttlIRI {
		return p.unexpected("namespace IRI")
	}
	ns, err := p.resolve(p.tok.val)
	if err != nil {
		return err
	}
	p.prefixes[prefix] = ns
	return p.next()
}

func (p *ttlParser) baseDecl() error {
	if err := p.next(); err != nil {
		return err
	}
	if p.tok.kind != ttlIRI {
		return p.unexpected("base IRI")
	}
	base, err := p.resolve(p.tok.val)
	if err != nil {
		return err
	}
	p.base = base
	return p.next()
}

// resolve turns the text of an IRIREF into an absolute IRI. Absolute IRIs
// are kept exactly as written.
func (p *ttlParser) resolve(ref string) (string, error) {
	if rdf.IsAbsoluteIRI(ref) {
		return ref, nil
	}
	abs, err := rdf.ResolveIRI(p.base, ref)
	if errors.Is(err, rdf.ErrNoBase) {
		return "", p.errorf("relative IRI <%s> but no base IRI is set", ref)
	}
	return abs, err
}

func (p *ttlParser) newAnon() rdf.Term {
	p.anon++
	return rdf.Blank(codec.AnonLabel(p.opts.BlankPrefix, p.anon))
}

func (p *ttlParser) triple(s, pr, o rdf.Term) error {
	if err := p.emit(rdf.Quad{S: s, P: pr, O: o, G: p.opts.Graph}); err != nil {
		return fmt.Errorf("rdfio: %s:%d: %w", codec.FileName(p.opts.File), p.tok.line, err)
	}
	return nil
}

func (p *ttlParser) triples() error {
	if p.tok.is('[') {
		s, empty, err := p.blankNodePropertyList()
		if err != nil {
			return err
		}
		if p.tok.is('.') && !empty {
			return nil // "[ :p :o ] ." alone; "[] ." is an ANON subject without predicates
		}
		return p.predicateObjectList(s)
	}
	var s rdf.Term
	var err error
	switch {
	case p.tok.is('('):
		s, err = p.collection()
	case p.tok.kind == ttlIRI || p.tok.kind == ttlPName:
		s, err = p.iri()
	case p.tok.kind == ttlBlank:
		s, err = p.blank()
	default:
		return p.unexpected("subject")
	}
	if err != nil {
		return err
	}
	return p.predicateObjectList(s)
}

// blankNodePropertyList parses '[' predicateObjectList? ']' and returns the
// node; empty reports ANON ("[]").
func (p *ttlParser) blankNodePropertyList() (node rdf.Term, empty bool, err error) {
	if err := p.enter(); err != nil {
		return rdf.Term{}, false, err
	}
	defer p.leave()
	node = p.newAnon()
	if err := p.next(); err != nil {
		return node, false, err
	}
	empty = p.tok.is(']')
	if !empty {
		if err := p.predicateObjectList(node); err != nil {
			return node, false, err
		}
	}
	return node, empty, p.expect(']')
}

func (p *ttlParser) enter() error {
	p.depth++
	if p.depth > ttlMaxDepth {
		return p.errorf("nesting deeper than %d levels", ttlMaxDepth)
	}
	return nil
}

func (p *ttlParser) leave() { p.depth-- }

func (p *ttlParser) predicateObjectList(s rdf.Term) error {
	for {
		pr, err := p.verb()
		if err != nil {
			return err
		}
		if err := p.objectList(s, pr); err != nil {
			return err
		}
		if !p.tok.is(';') {
			return nil
		}
		for p.tok.is(';') {
			if err := p.next(); err != nil {
				return err
			}
		}
		if p.tok.is('.') || p.tok.is(']') {
			return nil
		}
	}
}

func (p *ttlParser) verb() (rdf.Term, error) {
	if p.tok.kind == ttlWord && p.tok.val == "a" {
		return rdf.IRI(rdf.RDFType), p.next()
	}
	if p.tok.kind == ttlIRI || p.tok.kind == ttlPName {
		return p.iri()
	}
	return rdf.Term{}, p.unexpected("predicate")
}

func (p *ttlParser) objectList(s, pr rdf.Term) error {
	for {
		o, err := p.object()
		if err != nil {
			return err
		}
		if err := p.triple(s, pr, o); err != nil {
			return err
		}
		if !p.tok.is(',') {
			return nil
		}
		if err := p.next(); err != nil {
			return err
		}
	}
}

func (p *ttlParser) object() (rdf.Term, error) {
	switch p.tok.kind {
	case ttlIRI, ttlPName:
		return p.iri()
	case ttlBlank:
		return p.blank()
	case ttlString:
		return p.rdfLiteral()
	case ttlInteger:
		return p.literalToken(rdf.XSDInteger)
	case ttlDecimal:
		return p.literalToken(rdf.XSDDecimal)
	case ttlDouble:
		return p.literalToken(rdf.XSDDouble)
	case ttlWord:
		if p.tok.val == "true" || p.tok.val == "false" {
			return p.literalToken(rdf.XSDBoolean)
		}
	case ttlPunct:
		switch p.tok.val[0] {
		case '[':
			node, _, err := p.blankNodePropertyList()
			return node, err
		case '(':
			return p.collection()
		}
	}
	return rdf.Term{}, p.unexpected("object")
}

func (p *ttlParser) literalToken(datatype string) (rdf.Term, error) {
	t := rdf.TypedLiteral(p.tok.val, datatype)
	return t, p.next()
}

func (p *ttlParser) rdfLiteral() (rdf.Term, error) {
	lex := p.tok.val
	if err := p.next(); err != nil {
		return rdf.Term{}, err
	}
	switch {
	case p.tok.kind == ttlLang:
		t := rdf.LangLiteral(lex, p.tok.val)
		return t, p.next()
	case p.tok.is('^'):
		if err := p.next(); err != nil {
			return rdf.Term{}, err
		}
		if p.tok.kind != ttlIRI && p.tok.kind != ttlPName {
			return rdf.Term{}, p.unexpected("datatype IRI")
		}
		dt, err := p.iri()
		if err != nil {
			return rdf.Term{}, err
		}
		return rdf.TypedLiteral(lex, dt.Value), nil
	}
	return rdf.Literal(lex), nil
}

func (p *ttlParser) iri() (rdf.Term, error) {
	var iri string
	if p.tok.kind == ttlIRI {
		var err error
		if iri, err = p.resolve(p.tok.val); err != nil {
			return rdf.Term{}, err
		}
	} else {
		ns, ok := p.prefixes[p.tok.prefix]
		if !ok {
			return rdf.Term{}, p.errorf("undeclared prefix %q", p.tok.prefix+":")
		}
		iri = ns + p.tok.val
	}
	return rdf.IRI(iri), p.next()
}

func (p *ttlParser) blank() (rdf.Term, error) {
	t := rdf.Blank(codec.BlankLabel(p.opts.BlankPrefix, p.tok.val))
	return t, p.next()
}

// collection parses '(' object* ')' into an rdf:first/rdf:rest list and
// returns its head (rdf:nil when empty), emitting each link as it goes.
func (p *ttlParser) collection() (rdf.Term, error) {
	if err := p.enter(); err != nil {
		return rdf.Term{}, err
	}
	defer p.leave()
	if err := p.next(); err != nil {
		return rdf.Term{}, err
	}
	first, rest, nilT := rdf.IRI(rdf.RDFFirst), rdf.IRI(rdf.RDFRest), rdf.IRI(rdf.RDFNil)
	var head, cur rdf.Term
	for !p.tok.is(')') {
		node := p.newAnon()
		if head.IsZero() {
			head = node
		} else if err := p.triple(cur, rest, node); err != nil {
			return rdf.Term{}, err
		}
		cur = node
		o, err := p.object()
		if err != nil {
			return rdf.Term{}, err
		}
		if err := p.triple(cur, first, o); err != nil {
			return rdf.Term{}, err
		}
	}
	if head.IsZero() {
		return nilT, p.next()
	}
	if err := p.triple(cur, rest, nilT); err != nil {
		return rdf.Term{}, err
	}
	return head, p.next()
}
