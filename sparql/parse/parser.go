package parse

import (
	"errors"
	"fmt"
	"strconv"
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

	// block is the number of the basic graph pattern being parsed and
	// blocks the last number handed out; bnodeBlock remembers in which
	// block a blank node label was used, because a label may not be
	// shared by two basic graph patterns (§4.1.4).
	block, blocks int
	bnodeBlock    map[string]int
	fresh         int

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

// errAt returns an error at token t, formatting the English and the Dutch
// message with the same arguments.
func (p *parser) errAt(t token, en, nl string, args ...any) *Error {
	return newError(p.src, t.pos, fmt.Sprintf(en, args...), fmt.Sprintf(nl, args...))
}

// errText returns an error at token t with ready-made messages.
func (p *parser) errText(t token, en, nl string) *Error { return newError(p.src, t.pos, en, nl) }

// unexpected reports the current token as not fitting, naming what was
// expected.
func (p *parser) unexpected(wantEN, wantNL string) *Error {
	t := p.peek()
	return p.errText(t, "expected "+wantEN+", found "+describe(t, false), "verwacht: "+wantNL+", gevonden: "+describe(t, true))
}

func describe(t token, nl bool) string {
	switch t.kind {
	case tEOF:
		if nl {
			return "einde van de query"
		}
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
		return p.unexpected("'"+s+"'", "'"+s+"'")
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
		return p.unexpected(kw, kw)
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
		return p.errAt(p.peek(), "query nested deeper than %d levels", "query dieper genest dan %d niveaus", MaxDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

// freshVar returns a hidden variable that cannot clash with user variables.
func (p *parser) freshVar(kind string) algebra.Var {
	p.fresh++
	return algebra.Var("." + kind + strconv.Itoa(p.fresh))
}

// resolve turns an IRIREF into an absolute IRI against the current base.
func (p *parser) resolve(t token, ref string) (string, error) {
	if rdf.IsAbsoluteIRI(ref) {
		// An absolute IRI is kept exactly as written: IRIs are compared as
		// strings, so removing its dot segments would stop it matching the
		// same IRI in the data (W3C test i18n/normalization-02).
		return ref, nil
	}
	iri, err := rdf.ResolveIRI(p.base, ref)
	if err != nil {
		if errors.Is(err, rdf.ErrNoBase) {
			return "", p.errAt(t, "relative IRI <%s> without a base IRI", "relatieve IRI <%s> zonder basis-IRI", ref)
		}
		return "", p.errAt(t, "%v", "%v", err)
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
			if ns, ok := wellKnownPrefix(t.val); ok {
				return rdf.Term{}, p.errAt(t, "undefined prefix %q (add PREFIX %s: <%s>)",
					"prefix %q is niet gedeclareerd (voeg PREFIX %s: <%s> toe)", t.val+":", t.val, ns)
			}
			return rdf.Term{}, p.errAt(t, "undefined prefix %q", "prefix %q is niet gedeclareerd", t.val+":")
		}
		return rdf.IRI(ns + t.local), nil
	}
	return rdf.Term{}, p.unexpected("an IRI", "een IRI")
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
				return p.unexpected("an IRI after BASE", "een IRI na BASE")
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
				return p.unexpected("a prefix such as ex: after PREFIX", "een prefix zoals ex: na PREFIX")
			}
			p.i++
			it := p.peek()
			if it.kind != tIRI {
				return p.unexpected("an IRI after PREFIX "+t.val+":", "een IRI na PREFIX "+t.val+":")
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
