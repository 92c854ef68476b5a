package parse

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/budget"
)

// MaxDepth is the default bound on the nesting of groups, expressions,
// paths and collections, so a hostile query cannot exhaust the stack of a
// server; Options.Limits.Depth changes it.
const MaxDepth = budget.DefaultDepth

// Options tune parsing.
type Options struct {
	// Base is the IRI against which relative IRIs are resolved until a
	// BASE declaration replaces it; with Base "" a relative IRI without
	// BASE is an error.
	Base string
	// Limits bounds the size of the query: its nesting (Depth), its
	// triple and path patterns (Patterns) and the steps of each property
	// path (PathSteps). The other fields are the evaluator's.
	Limits budget.Limits
}

// Parse parses a SPARQL 1.1 query and translates it to the algebra, under
// the default limits. base is the IRI against which relative IRIs are
// resolved until a BASE declaration replaces it; with base "" a relative
// IRI without BASE is an error.
func Parse(query string, base string) (*algebra.Query, error) {
	return ParseWith(query, Options{Base: base})
}

// ParseWith parses a SPARQL 1.1 query under opts. The query is lexed as
// it is parsed, a few tokens ahead, so a query that breaks a limit is
// refused when the parser reaches the offending token, before the rest
// is even tokenised.
func ParseWith(query string, opts Options) (*algebra.Query, error) {
	if err := checkUTF8(query); err != nil {
		return nil, err
	}
	p := &parser{src: query, lx: &lexer{src: query}, base: opts.Base, limits: opts.Limits.Resolved(),
		prefixes: map[string]string{}, bnodeBlock: map[string]int{}}
	q, err := p.query()
	if p.lexErr != nil {
		// The parser stopped at or before the token the lexer could not
		// read; the lexer's message says what is wrong there.
		return nil, p.lexErr
	}
	return q, err
}

// parser is a recursive-descent parser over the tokens of the lexer, read
// on demand into a small look-ahead window. It translates while it parses:
// each grammar function returns algebra.
type parser struct {
	src    string
	lx     *lexer
	ahead  []token // look-ahead: ahead[0] is the current token
	prev   token   // the token consumed last
	lexErr error   // the lexer's error, once it met one
	limits budget.Limits

	base     string
	prefixes map[string]string
	depth    int
	// patterns counts the triple and path patterns so far, pathSteps the
	// steps of the property path being parsed.
	patterns, pathSteps int

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

// fill reads tokens until the look-ahead holds n. After the end of the
// query (or a lexer error, kept in lexErr) it repeats the last token.
func (p *parser) fill(n int) {
	for len(p.ahead) < n {
		if k := len(p.ahead); k > 0 && (p.ahead[k-1].kind == tEOF || p.ahead[k-1].kind == tErr) {
			p.ahead = append(p.ahead, p.ahead[k-1])
			continue
		}
		t, err := p.lx.next()
		if err != nil {
			p.lexErr = err
			t = token{kind: tErr, pos: p.lx.pos, end: p.lx.pos}
		}
		p.ahead = append(p.ahead, t)
	}
}

func (p *parser) peek() token {
	if len(p.ahead) == 0 {
		p.fill(1)
	}
	return p.ahead[0]
}

func (p *parser) peekAt(n int) token {
	p.fill(n + 1)
	return p.ahead[n]
}

// skip consumes the current token; the end of the query is never consumed.
func (p *parser) skip() {
	t := p.peek()
	if t.kind == tEOF || t.kind == tErr {
		return
	}
	p.prev = t
	// The window is at most a few tokens long: shifting is cheaper than
	// a ring buffer's bookkeeping.
	copy(p.ahead, p.ahead[1:])
	p.ahead = p.ahead[:len(p.ahead)-1]
}

func (p *parser) next() token {
	t := p.peek()
	p.skip()
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
	t := p.peek()
	return t.kind == tPunct && t.val == s
}

func (p *parser) acceptPunct(s string) bool {
	if p.isPunct(s) {
		p.skip()
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
	t := p.peek()
	return t.kind == tWord && strings.EqualFold(t.val, kw)
}

func (p *parser) acceptWord(kw string) bool {
	if p.isWord(kw) {
		p.skip()
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
	if p.depth > p.limits.Depth {
		return p.limitErr(budget.NameDepth, p.limits.Depth, "query nested deeper than %d levels", "query dieper genest dan %d niveaus")
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

// countPatterns adds n triple or path patterns to the query's count.
func (p *parser) countPatterns(n int) error {
	p.patterns += n
	if p.patterns > p.limits.Patterns {
		return p.limitErr(budget.NamePatterns, p.limits.Patterns, "query has more than %d triple and path patterns", "query heeft meer dan %d tripel- en padpatronen")
	}
	return nil
}

// countPathStep adds one step to the property path being parsed.
func (p *parser) countPathStep() error {
	p.pathSteps++
	if p.pathSteps > p.limits.PathSteps {
		return p.limitErr(budget.NamePathSteps, p.limits.PathSteps, "property path has more than %d steps", "eigenschapspad heeft meer dan %d stappen")
	}
	return nil
}

// limitErr reports a size limit met at the current token, naming the
// limit as the flag that sets it.
func (p *parser) limitErr(name budget.Name, max int, en, nl string) *Error {
	e := p.errAt(p.peek(), en+" (limit %s)", nl+" (grens %s)", max, name)
	e.Limit = &budget.Error{Limit: name, Max: int64(max), What: "query"}
	return e
}

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
		p.skip()
		s, err := p.resolve(t, t.val)
		if err != nil {
			return rdf.Term{}, err
		}
		return rdf.IRI(s), nil
	case tPName:
		p.skip()
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
			p.skip()
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
			p.skip()
			it := p.peek()
			if it.kind != tIRI {
				return p.unexpected("an IRI after PREFIX "+t.val+":", "een IRI na PREFIX "+t.val+":")
			}
			p.skip()
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
