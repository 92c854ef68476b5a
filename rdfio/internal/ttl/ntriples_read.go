package ttl

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// ntParser is a strict, line-oriented N-Triples / N-Quads parser. It works
// on the bytes bufio hands out, copies only the final term strings and
// interns predicates, datatypes and graph names (a document has few of
// them), so a triple costs at most two allocations.
type ntParser struct {
	br    *bufio.Reader
	opts  codec.ParseOptions
	quads bool
	emit  func(rdf.Quad) error

	buf       []byte // current line; owned by bufio, valid until the next read
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

// ParseNTriples reads N-Triples from r and calls emit for every triple,
// as rdfio.Parse describes.
func ParseNTriples(r io.Reader, opts codec.ParseOptions, emit func(rdf.Quad) error) error {
	return parseNT(r, opts, false, emit)
}

// ParseNQuads reads N-Quads from r and calls emit for every quad, as
// rdfio.Parse describes.
func ParseNQuads(r io.Reader, opts codec.ParseOptions, emit func(rdf.Quad) error) error {
	return parseNT(r, opts, true, emit)
}

func parseNT(r io.Reader, opts codec.ParseOptions, quads bool, emit func(rdf.Quad) error) error {
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
			return fmt.Errorf("rdfio: read %s: %w", codec.FileName(p.opts.File), rerr)
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
	return &codec.SyntaxError{
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
	if q.P, err = p.iri(ntInterned); err != nil {
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
			q.G, err = p.iri(ntInterned)
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
		return fmt.Errorf("rdfio: %s:%d: %w", codec.FileName(p.opts.File), p.line, err)
	}
	return nil
}

func (p *ntParser) subject() (rdf.Term, error) {
	if p.i < len(p.buf) {
		switch p.buf[p.i] {
		case '<':
			return p.iri(ntSubject)
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
			return p.iri(ntObject)
		case '_':
			return p.blank()
		case '"':
			return p.literal()
		}
	}
	return rdf.Term{}, p.errorf("expected object IRI, blank node or literal")
}
