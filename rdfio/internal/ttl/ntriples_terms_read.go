package ttl

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// ntIRIPlain and ntStringPlain mark the ASCII bytes that need no further
// look inside an IRI or a string, so the hot loops test one table entry.
var ntIRIPlain, ntStringPlain = func() (iri, str [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		iri[c] = c != '>' && c != '\\' && !codec.IRIForbidden(rune(c))
		str[c] = c != '"' && c != '\\' && c != '\n' && c != '\r'
	}
	return iri, str
}()

// ntIRIUse says where an IRI occurs, which decides how its string is made.
type ntIRIUse uint8

const (
	ntInterned ntIRIUse = iota // predicates, datatypes, graphs: few distinct values
	ntSubject                  // dumps repeat a subject on consecutive lines
	ntObject                   // mostly distinct
)

// iri reads an absolute IRIREF.
func (p *ntParser) iri(use ntIRIUse) (rdf.Term, error) {
	start := p.i + 1
	j, high := start, false
	for ; j < len(p.buf); j++ {
		c := p.buf[j]
		if ntIRIPlain[c] {
			continue
		}
		if c == '>' {
			break
		}
		if c == '\\' {
			return p.iriEscaped(start)
		}
		if c >= utf8.RuneSelf {
			high = true
		} else {
			p.i = j
			return rdf.Term{}, p.errorf("character %q not allowed in IRI", c)
		}
	}
	if j >= len(p.buf) {
		p.i = j
		return rdf.Term{}, p.errorf("unterminated IRI")
	}
	raw := p.buf[start:j]
	if high && !utf8.Valid(raw) {
		p.i = start
		return rdf.Term{}, p.errorf("invalid UTF-8 in IRI")
	}
	var s string
	switch {
	case use == ntInterned:
		s = p.internBytes(raw)
	case use == ntObject:
		s = string(raw)
	case p.lastS != nil && bytes.Equal(raw, p.lastS):
		s = p.lastStr
	default:
		s = string(raw)
		p.lastS = append(p.lastS[:0], raw...)
		p.lastStr = s
	}
	if !rdf.IsAbsoluteIRI(s) {
		p.i = start
		return rdf.Term{}, p.errorf("relative IRI <%s> not allowed in N-Triples/N-Quads", s)
	}
	p.i = j + 1
	return rdf.Term{Kind: rdf.KindIRI, Value: s}, nil
}

func (p *ntParser) internBytes(b []byte) string {
	if s, ok := p.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(p.intern) < ntInternMax {
		p.intern[s] = s
	}
	return s
}

// iriEscaped is the slow path for IRIs with UCHAR escapes.
func (p *ntParser) iriEscaped(start int) (rdf.Term, error) {
	out := p.scratch[:0]
	j := start
	for {
		if j >= len(p.buf) {
			p.i = j
			return rdf.Term{}, p.errorf("unterminated IRI")
		}
		c := p.buf[j]
		switch {
		case c == '>':
			p.scratch = out
			if !utf8.Valid(out) {
				p.i = start
				return rdf.Term{}, p.errorf("invalid UTF-8 in IRI")
			}
			s := string(out)
			if !rdf.IsAbsoluteIRI(s) {
				p.i = start
				return rdf.Term{}, p.errorf("relative IRI <%s> not allowed in N-Triples/N-Quads", s)
			}
			p.i = j + 1
			return rdf.Term{Kind: rdf.KindIRI, Value: s}, nil
		case c == '\\':
			r, n, msg := p.uchar(j)
			if msg != "" {
				p.i = j
				return rdf.Term{}, p.errorf("%s", msg)
			}
			if codec.IRIForbidden(r) {
				p.i = j
				return rdf.Term{}, p.errorf("escaped character %U not allowed in IRI", r)
			}
			out = utf8.AppendRune(out, r)
			j += n
		case c < utf8.RuneSelf && codec.IRIForbidden(rune(c)):
			p.i = j
			return rdf.Term{}, p.errorf("character %q not allowed in IRI", c)
		default:
			out = append(out, c)
			j++
		}
	}
}

// uchar decodes the UCHAR at buf[j] (which is '\\') and returns its length.
func (p *ntParser) uchar(j int) (rune, int, string) {
	if j+1 >= len(p.buf) {
		return 0, 0, "incomplete escape"
	}
	n := 0
	switch p.buf[j+1] {
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return 0, 0, fmt.Sprintf("invalid escape \\%c", p.buf[j+1])
	}
	r, msg := lexUCHAR(p.buf[j+2:], n)
	return r, n + 2, msg
}

func (p *ntParser) blank() (rdf.Term, error) {
	if p.i+1 >= len(p.buf) || p.buf[p.i+1] != ':' {
		return rdf.Term{}, p.errorf("expected '_:' blank node label")
	}
	start := p.i + 2
	n := codec.BlankLabelLen(p.buf[start:])
	if n == 0 {
		p.i = start
		return rdf.Term{}, p.errorf("invalid blank node label")
	}
	p.i = start + n
	if p.i < len(p.buf) && p.buf[p.i] == ':' {
		return rdf.Term{}, p.errorf("':' not allowed in blank node label")
	}
	return rdf.Term{Kind: rdf.KindBlank, Value: codec.BlankLabel(p.opts.BlankPrefix, string(p.buf[start:p.i]))}, nil
}

func (p *ntParser) literal() (rdf.Term, error) {
	start := p.i + 1
	j, high := start, false
	var lex string
	for ; j < len(p.buf); j++ {
		c := p.buf[j]
		if ntStringPlain[c] {
			continue
		}
		if c == '"' {
			break
		}
		if c == '\\' {
			var err error
			lex, j, err = p.stringEscaped(start)
			if err != nil {
				return rdf.Term{}, err
			}
			high = false
			break
		}
		if c == '\n' || c == '\r' {
			p.i = j
			return rdf.Term{}, p.errorf("line break in string; use \\n")
		}
		if c >= utf8.RuneSelf {
			high = true
		}
	}
	if j >= len(p.buf) {
		p.i = j
		return rdf.Term{}, p.errorf("unterminated string")
	}
	if lex == "" && j > start {
		raw := p.buf[start:j]
		if high && !utf8.Valid(raw) {
			p.i = start
			return rdf.Term{}, p.errorf("invalid UTF-8 in string")
		}
		lex = string(raw)
	}
	p.i = j + 1
	if p.i < len(p.buf) {
		switch p.buf[p.i] {
		case '@':
			n := codec.LangTagLen(p.buf[p.i+1:])
			if n == 0 || p.i+1+n < len(p.buf) && p.buf[p.i+1+n] == '-' {
				return rdf.Term{}, p.errorf("invalid language tag")
			}
			lang := p.internBytes(p.buf[p.i+1 : p.i+1+n])
			p.i += 1 + n
			return rdf.Term{Kind: rdf.KindLiteral, Value: lex, Datatype: rdf.RDFLangString, Lang: lang}, nil
		case '^':
			if p.i+2 >= len(p.buf) || p.buf[p.i+1] != '^' || p.buf[p.i+2] != '<' {
				return rdf.Term{}, p.errorf("expected ^^<datatype>")
			}
			p.i += 2
			dt, err := p.iri(ntInterned)
			if err != nil {
				return rdf.Term{}, err
			}
			return rdf.Term{Kind: rdf.KindLiteral, Value: lex, Datatype: dt.Value}, nil
		}
	}
	return rdf.Term{Kind: rdf.KindLiteral, Value: lex, Datatype: rdf.XSDString}, nil
}

// stringEscaped is the slow path for strings with escapes; it returns the
// lexical form and the index of the closing quote.
func (p *ntParser) stringEscaped(start int) (string, int, error) {
	out := p.scratch[:0]
	j := start
	for j < len(p.buf) {
		c := p.buf[j]
		switch c {
		case '"':
			p.scratch = out
			if !utf8.Valid(out) {
				p.i = start
				return "", 0, p.errorf("invalid UTF-8 in string")
			}
			return string(out), j, nil
		case '\n', '\r':
			p.i = j
			return "", 0, p.errorf("line break in string; use \\n")
		case '\\':
			if j+1 < len(p.buf) {
				if e, ok := lexECHAR(p.buf[j+1]); ok {
					out = append(out, e)
					j += 2
					continue
				}
			}
			r, n, msg := p.uchar(j)
			if msg != "" {
				p.i = j
				return "", 0, p.errorf("%s", msg)
			}
			out = utf8.AppendRune(out, r)
			j += n
		default:
			out = append(out, c)
			j++
		}
	}
	p.i = j
	return "", 0, p.errorf("unterminated string")
}
