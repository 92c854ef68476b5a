package parse

import (
	"fmt"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
)

// MaxDepth bounds the nesting of groups, expressions, paths and collections,
// so a hostile query cannot exhaust the stack of a server.
const MaxDepth = 200

// Parse parses a SPARQL 1.1 query and translates it to the algebra. base is
// the IRI against which relative IRIs are resolved until a BASE declaration
// replaces it; with base "" a relative IRI without BASE is an error.
func Parse(query string, base string) (*algebra.Query, error) {
	toks, err := lex(query)
	if err != nil {
		return nil, err
	}
	p := &parser{src: query, toks: toks, base: base, prefixes: map[string]string{}, bnodeBlock: map[string]int{}}
	return p.query()
}

// parser is a recursive-descent parser over the token slice. It translates
// while it parses: each grammar function returns algebra.
type parser struct {
	src      string
	toks     []token
	i        int
	base     string
	prefixes map[string]string
	depth    int

	// block numbers triples blocks; bnodeBlock remembers in which block a
	// blank node label was used, because a label may not be shared by two
	// basic graph patterns (§4.1.4).
	block      int
	bnodeBlock map[string]int
	fresh      int

	// tmpl is set while parsing a CONSTRUCT template, where blank nodes
	// are blank node terms rather than variables.
	tmpl bool

	scratch []element // reused by triplesBlock

	// agg collects the aggregates of the SELECT being parsed; nil where
	// aggregates are not allowed (WHERE, GROUP BY, BIND, FILTER).
	agg *aggScope
}

// aggScope is the aggregate state of one SELECT (or other query form).
type aggScope struct {
	bindings []algebra.AggregateBinding
	inside   bool // parsing an aggregate's argument: nesting is an error
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) peekAt(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) errAt(t token, format string, args ...any) *Error {
	return newError(p.src, t.pos, fmt.Sprintf(format, args...))
}

// unexpected reports the current token as not fitting, naming what was
// expected.
func (p *parser) unexpected(want string) *Error {
	t := p.peek()
	return p.errAt(t, "expected %s, found %s", want, describe(t))
}

func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of query"
	case tIRI:
		return "<" + t.val + ">"
	case tPName:
		return t.val + ":" + t.local
	case tBlank:
		return "_:" + t.val
	case tVar:
		return "?" + t.val
	case tString:
		return "string"
	case tLang:
		return "@" + t.val
	case tWord:
		return "'" + t.val + "'"
	}
	return "'" + t.val + "'"
}

func (p *parser) isPunct(s string) bool {
	t := p.toks[p.i]
	return t.kind == tPunct && t.val == s
}

func (p *parser) acceptPunct(s string) bool {
	if p.isPunct(s) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expectPunct(s string) error {
	if !p.acceptPunct(s) {
		return p.unexpected("'" + s + "'")
	}
	return nil
}

// isWord reports whether the current token is the keyword kw, which is
// matched case-insensitively (§19.5; only 'a' is case-sensitive).
func (p *parser) isWord(kw string) bool {
	t := p.toks[p.i]
	return t.kind == tWord && strings.EqualFold(t.val, kw)
}

func (p *parser) acceptWord(kw string) bool {
	if p.isWord(kw) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expectWord(kw string) error {
	if !p.acceptWord(kw) {
		return p.unexpected(kw)
	}
	return nil
}

// isNIL reports whether the next tokens are '(' ')', the empty list.
func (p *parser) isNIL() bool {
	return p.isPunct("(") && p.peekAt(1).kind == tPunct && p.peekAt(1).val == ")"
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > MaxDepth {
		return p.errAt(p.peek(), "query nested deeper than %d levels", MaxDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

// freshVar returns a hidden variable that cannot clash with user variables.
func (p *parser) freshVar(kind string) algebra.Var {
	p.fresh++
	return algebra.Var(fmt.Sprintf(".%s%d", kind, p.fresh))
}

// resolve turns an IRIREF into an absolute IRI against the current base.
func (p *parser) resolve(t token, ref string) (string, error) {
	if rdf.IsAbsoluteIRI(ref) && !strings.Contains(ref, "/.") {
		return ref, nil // the common case, already in normal form
	}
	iri, err := rdf.ResolveIRI(p.base, ref)
	if err != nil {
		return "", p.errAt(t, "%v", err)
	}
	return iri, nil
}

// iri parses iri ::= IRIREF | PrefixedName.
func (p *parser) iri() (rdf.Term, error) {
	t := p.peek()
	switch t.kind {
	case tIRI:
		p.i++
		s, err := p.resolve(t, t.val)
		if err != nil {
			return rdf.Term{}, err
		}
		return rdf.IRI(s), nil
	case tPName:
		p.i++
		ns, ok := p.prefixes[t.val]
		if !ok {
			return rdf.Term{}, p.errAt(t, "undefined prefix %q", t.val+":")
		}
		return rdf.IRI(ns + t.local), nil
	}
	return rdf.Term{}, p.unexpected("an IRI")
}

func (p *parser) isIRIStart() bool {
	k := p.peek().kind
	return k == tIRI || k == tPName
}

// prologue parses ( BaseDecl | PrefixDecl )*.
func (p *parser) prologue() error {
	for {
		switch {
		case p.acceptWord("BASE"):
			t := p.peek()
			if t.kind != tIRI {
				return p.unexpected("an IRI after BASE")
			}
			p.i++
			iri, err := p.resolve(t, t.val)
			if err != nil {
				return err
			}
			p.base = iri
		case p.acceptWord("PREFIX"):
			t := p.peek()
			if t.kind != tPName || t.local != "" || t.end != t.pos+len(t.val)+1 {
				return p.unexpected("a prefix such as ex: after PREFIX")
			}
			p.i++
			it := p.peek()
			if it.kind != tIRI {
				return p.unexpected("an IRI after PREFIX " + t.val + ":")
			}
			p.i++
			iri, err := p.resolve(it, it.val)
			if err != nil {
				return err
			}
			p.prefixes[t.val] = iri
		default:
			return nil
		}
	}
}
