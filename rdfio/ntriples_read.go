package rdfio

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
)

// ntParser is a strict, line-oriented N-Triples / N-Quads parser. It works
// on the bytes bufio hands out, copies only the final term strings and
// interns predicates, datatypes and graph names (a document has few of
// them), so a triple costs about two allocations.
type ntParser struct {
	br    *bufio.Reader
	opts  ParseOptions
	quads bool
	emit  func(rdf.Quad) error

	buf       []byte // current physical line (without bufio ownership past this call)
	long      []byte // accumulates lines longer than bufio's buffer
	i         int    // read position in buf
	lineStart int    // index in buf where the current line starts (a lone CR also ends a line)
	line      int

	intern  map[string]string
	lastS   []byte // bytes of the previous subject IRI, to reuse its string
	lastStr string
	scratch []byte
}

const ntInternMax = 4096

func parseNT(r io.Reader, opts ParseOptions, quads bool, emit func(rdf.Quad) error) error {
	p := &ntParser{
		br:     bufio.NewReaderSize(r, 64<<10),
		opts:   opts,
		quads:  quads,
		emit:   emit,
		intern: make(map[string]string),
	}
	return p.run()
}

func (p *ntParser) run() error {
	for {
		line, rerr := p.readLine()
		if len(line) > 0 {
			p.buf, p.i, p.lineStart = line, 0, 0
			p.line++
			if err := p.parseLine(); err != nil {
				return err
			}
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return fmt.Errorf("rdfio: read %s: %w", readFileName(p.opts.File), rerr)
		}
	}
}

// readLine returns the next line including its '\n'; the slice is valid
// until the next call.
func (p *ntParser) readLine() ([]byte, error) {
	b, err := p.br.ReadSlice('\n')
	if !errors.Is(err, bufio.ErrBufferFull) {
		return b, err
	}
	p.long = append(p.long[:0], b...)
	for errors.Is(err, bufio.ErrBufferFull) {
		b, err = p.br.ReadSlice('\n')
		p.long = append(p.long, b...)
	}
	return p.long, err
}

func (p *ntParser) errorf(format string, args ...any) error {
	end := p.i
	if end > len(p.buf) {
		end = len(p.buf)
	}
	return &SyntaxError{
		File: p.opts.File,
		Line: p.line,
		Col:  utf8.RuneCount(p.buf[p.lineStart:end]) + 1,
		Msg:  fmt.Sprintf(format, args...),
	}
}

func (p *ntParser) skipWS() {
	for p.i < len(p.buf) && (p.buf[p.i] == ' ' || p.buf[p.i] == '\t') {
		p.i++
	}
}

// parseLine parses every statement in buf: normally one, more only when a
// lone CR separates them.
func (p *ntParser) parseLine() error {
	for {
		p.skipWS()
		if p.i >= len(p.buf) {
			return nil
		}
		switch p.buf[p.i] {
		case '\n':
			return nil
		case '\r':
			p.newLineAt(p.i + 1)
			continue
		case '#':
			j := bytes.IndexByte(p.buf[p.i:], '\r')
			if j < 0 {
				return nil
			}
			p.newLineAt(p.i + j + 1)
			continue
		}
		if err := p.statement(); err != nil {
			return err
		}
		p.skipWS()
		if p.i < len(p.buf) {
			switch p.buf[p.i] {
			case '\n', '\r', '#':
			default:
				return p.errorf("expected end of line after '.'")
			}
		}
	}
}

// newLineAt starts a new logical line at index i, after a CR. A CRLF pair is
// one line break.
func (p *ntParser) newLineAt(i int) {
	if i < len(p.buf) && p.buf[i] == '\n' {
		p.i = i
		return
	}
	p.i, p.lineStart = i, i
	p.line++
}

func (p *ntParser) statement() error {
	var q rdf.Quad
	var err error
	if q.S, err = p.subject(); err != nil {
		return err
	}
	p.skipWS()
	if p.i >= len(p.buf) || p.buf[p.i] != '<' {
		return p.errorf("expected predicate IRI")
	}
	if q.P, err = p.iri(true); err != nil {
		return err
	}
	p.skipWS()
	if q.O, err = p.object(); err != nil {
		return err
	}
	p.skipWS()
	if p.quads && p.i < len(p.buf) && p.buf[p.i] != '.' {
		switch p.buf[p.i] {
		case '<':
			q.G, err = p.iri(true)
		case '_':
			q.G, err = p.blank()
		default:
			return p.errorf("expected graph label or '.'")
		}
		if err != nil {
			return err
		}
		p.skipWS()
	} else if !p.quads {
		q.G = p.opts.Graph
	}
	if p.i >= len(p.buf) || p.buf[p.i] != '.' {
		return p.errorf("expected '.' at end of statement")
	}
	p.i++
	if err := p.emit(q); err != nil {
		return fmt.Errorf("rdfio: %s:%d: %w", readFileName(p.opts.File), p.line, err)
	}
	return nil
}

func (p *ntParser) subject() (rdf.Term, error) {
	if p.i < len(p.buf) {
		switch p.buf[p.i] {
		case '<':
			return p.iri(false)
		case '_':
			return p.blank()
		}
	}
	return rdf.Term{}, p.errorf("expected subject IRI or blank node")
}

func (p *ntParser) object() (rdf.Term, error) {
	if p.i < len(p.buf) {
		switch p.buf[p.i] {
		case '<':
			return p.iri(false)
		case '_':
			return p.blank()
		case '"':
			return p.literal()
		}
	}
	return rdf.Term{}, p.errorf("expected object IRI, blank node or literal")
}

// iri reads an absolute IRIREF. interned IRIs (predicates, datatypes,
// graphs) are looked up in a small table first.
func (p *ntParser) iri(interned bool) (rdf.Term, error) {
	start := p.i + 1
	j, high := start, false
	for ; j < len(p.buf); j++ {
		c := p.buf[j]
		if c == '>' {
			break
		}
		if c == '\\' {
			return p.iriEscaped(start)
		}
		if c >= utf8.RuneSelf {
			high = true
		} else if lexIRIForbidden(rune(c)) {
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
	case interned:
		s = p.internBytes(raw)
	case bytes.Equal(raw, p.lastS) && p.lastS != nil:
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
			if lexIRIForbidden(r) {
				p.i = j
				return rdf.Term{}, p.errorf("escaped character %U not allowed in IRI", r)
			}
			out = utf8.AppendRune(out, r)
			j += n
		case c < utf8.RuneSelf && lexIRIForbidden(rune(c)):
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
	n := lexBlankLabel(p.buf[start:])
	if n == 0 {
		p.i = start
		return rdf.Term{}, p.errorf("invalid blank node label")
	}
	p.i = start + n
	if p.i < len(p.buf) && p.buf[p.i] == ':' {
		return rdf.Term{}, p.errorf("':' not allowed in blank node label")
	}
	return rdf.Term{Kind: rdf.KindBlank, Value: readBlankLabel(p.opts.BlankPrefix, string(p.buf[start:p.i]))}, nil
}

func (p *ntParser) literal() (rdf.Term, error) {
	start := p.i + 1
	j, high := start, false
	var lex string
	for ; j < len(p.buf); j++ {
		c := p.buf[j]
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
			n := lexLangTag(p.buf[p.i+1:])
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
			dt, err := p.iri(true)
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
