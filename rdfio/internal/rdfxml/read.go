package rdfxml

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// Our own RDF/XML reader (RDF 1.1 XML Syntax, §7 grammar) on encoding/xml.
// knakk/rdf's decoder passes most of the W3C suite but resolves relative
// IRIs with its own string rules and reads "urn:x" or "mailto:x" as prefixed
// names, which real documents hit; this one uses rdf.ResolveIRI.

const (
	rxXMLNS    = "http://www.w3.org/XML/1998/namespace"
	rxMaxDepth = 512
)

// rxCtx is the inherited evaluation context: xml:base and xml:lang.
type rxCtx struct {
	base, lang string
}

type rxBinding struct{ prefix, uri string }

// rxReader hands the document to encoding/xml byte by byte (as an
// io.ByteReader, which the decoder then reads without a buffer of its
// own), so that it sees each byte when the decoder does: it counts the
// entity references the decoder is about to expand (see
// entities_read.go). It also remembers the underlying reader's
// error, so that a failing reader is not reported as malformed XML
// (encoding/xml mixes the two).
type rxReader struct {
	r        io.Reader
	buf      []byte
	pos, end int
	err      error // the underlying reader's error, other than EOF
	eof      bool
	// refs tracks entity references; refErr is the budget's error.
	refs   rxRefs
	refErr error
}

func (r *rxReader) Read(b []byte) (int, error) {
	// Not used by the decoder (it reads bytes); kept for io.Reader.
	n := 0
	for n < len(b) {
		c, err := r.ReadByte()
		if err != nil {
			return n, err
		}
		b[n] = c
		n++
	}
	return n, nil
}

func (r *rxReader) ReadByte() (byte, error) {
	if r.pos == r.end {
		if err := r.fill(); err != nil {
			return 0, err
		}
	}
	c := r.buf[r.pos]
	r.pos++
	if r.refs.active && (c == '&' || r.refs.in) {
		if err := r.refs.step(c); err != nil {
			r.refErr = err
			return 0, err
		}
	}
	return c, nil
}

// fill reads the next chunk of the document.
func (r *rxReader) fill() error {
	if r.buf == nil {
		r.buf = make([]byte, 32<<10)
	}
	for !r.eof && r.err == nil {
		n, err := r.r.Read(r.buf)
		r.pos, r.end = 0, n
		switch {
		case err == io.EOF:
			r.eof = true
		case err != nil:
			r.err = err
		}
		if n > 0 {
			return nil
		}
	}
	if r.err != nil {
		return r.err
	}
	return io.EOF
}

type rxParser struct {
	d     *xml.Decoder
	src   *rxReader
	opts  codec.ParseOptions
	emit  func(rdf.Quad) error
	ids   map[string]bool // IRIs made from rdf:ID, which must be unique
	anon  uint64
	ns    []rxBinding // in-scope namespace bindings, to recover prefixes for XML literals
	depth int
	ents  *rxEntities
}

// Parse reads RDF/XML from r and calls emit for every triple, as
// rdfio.Parse describes.
func Parse(r io.Reader, opts codec.ParseOptions, emit func(rdf.Quad) error) error {
	src := &rxReader{r: r}
	d := xml.NewDecoder(src)
	d.Strict = true
	d.Entity = map[string]string{}
	p := &rxParser{d: d, src: src, opts: opts, emit: emit, ids: map[string]bool{}}
	p.ents = newRxEntities(opts.MaxEntityBytes, d)
	src.refs.ents = p.ents
	return p.document()
}

func (p *rxParser) errorf(format string, args ...any) error {
	line, col := p.d.InputPos()
	return &codec.SyntaxError{File: p.opts.File, Line: max(line, 1), Col: max(col, 1), Msg: fmt.Sprintf(format, args...)}
}

// token reads the next XML token, turning XML errors into positioned
// syntax errors.
func (p *rxParser) token() (xml.Token, error) {
	tok, err := p.d.Token()
	if err == io.EOF {
		return nil, err
	}
	if err != nil {
		if p.src.err != nil {
			return nil, fmt.Errorf("rdfio: read %s: %w", codec.FileName(p.opts.File), p.src.err)
		}
		if p.src.refErr != nil {
			return nil, p.errorf("%v", p.src.refErr)
		}
		line, col := p.d.InputPos()
		msg := err.Error()
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			line, msg = se.Line, se.Msg
		}
		return nil, &codec.SyntaxError{File: p.opts.File, Line: max(line, 1), Col: max(col, 1), Msg: "XML: " + msg}
	}
	// No xml.CopyToken: every caller consumes the token's bytes (CharData,
	// Directive) before reading the next one.
	return tok, nil
}

func (p *rxParser) document() error {
	ctx := rxCtx{base: p.opts.Base}
	for {
		tok, err := p.token()
		if err == io.EOF {
			return p.errorf("no root element")
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.Directive:
			if err := p.entities(t); err != nil {
				return err
			}
		case xml.CharData:
			if !rxBlank(t) {
				return p.errorf("text before the root element")
			}
		case xml.StartElement:
			var err error
			if rxIsRDF(t.Name, "RDF") {
				err = p.rdfRoot(t, ctx)
			} else {
				_, err = p.nodeElement(t, ctx)
			}
			if err != nil {
				return err
			}
			return p.trailer()
		}
	}
}

// trailer checks that only comments, processing instructions and white
// space follow the root element.
func (p *rxParser) trailer() error {
	for {
		tok, err := p.token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if cd, ok := tok.(xml.CharData); ok && !rxBlank(cd) {
			return p.errorf("text after the root element")
		}
	}
}

func rxBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

func rxIsRDF(n xml.Name, local string) bool { return n.Space == rdf.RDFNS && n.Local == local }

// enter pushes the element's namespace bindings and its xml:base/xml:lang
// onto the context; the returned mark undoes the bindings in leave.
func (p *rxParser) enter(el xml.StartElement, ctx rxCtx) (rxCtx, int, error) {
	mark := len(p.ns)
	p.depth++
	if p.depth > rxMaxDepth {
		return ctx, mark, p.errorf("nesting deeper than %d levels", rxMaxDepth)
	}
	if el.Name.Space != "" && !strings.Contains(el.Name.Space, ":") {
		return ctx, mark, p.errorf("undeclared namespace prefix %q", el.Name.Space)
	}
	for _, a := range el.Attr {
		switch {
		case a.Name.Space == "xmlns":
			p.ns = append(p.ns, rxBinding{a.Name.Local, a.Value})
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			p.ns = append(p.ns, rxBinding{"", a.Value})
		case a.Name.Space == rxXMLNS && a.Name.Local == "lang":
			if a.Value != "" && !codec.ValidLang(a.Value) {
				return ctx, mark, p.errorf("invalid xml:lang %q", a.Value)
			}
			ctx.lang = a.Value
		case a.Name.Space == rxXMLNS && a.Name.Local == "base":
			base, err := p.resolve(ctx, a.Value)
			if err != nil {
				return ctx, mark, err
			}
			if i := strings.IndexByte(base, '#'); i >= 0 {
				base = base[:i]
			}
			ctx.base = base
		}
	}
	return ctx, mark, nil
}

func (p *rxParser) leave(mark int) {
	p.ns = p.ns[:mark]
	p.depth--
}

func (p *rxParser) resolve(ctx rxCtx, ref string) (string, error) {
	abs := ref
	if !rdf.IsAbsoluteIRI(ref) {
		var err error
		if abs, err = rdf.ResolveIRI(ctx.base, ref); err != nil {
			return "", p.errorf("relative IRI <%s> but no base IRI is set", ref)
		}
	}
	if !codec.ValidIRI(abs) {
		return "", p.errorf("invalid IRI <%s>", abs)
	}
	return abs, nil
}

// nameIRI is the IRI of an element or attribute name, which must be a
// valid IRI once namespace and local name are joined.
func (p *rxParser) nameIRI(n xml.Name) (rdf.Term, error) {
	iri := n.Space + n.Local
	if !codec.ValidIRI(iri) {
		return rdf.Term{}, p.errorf("name %s:%s does not make a valid IRI <%s>", n.Space, n.Local, iri)
	}
	return rdf.IRI(iri), nil
}

func (p *rxParser) rdfRoot(el xml.StartElement, ctx rxCtx) error {
	ctx, mark, err := p.enter(el, ctx)
	defer p.leave(mark)
	if err != nil {
		return err
	}
	for {
		tok, err := p.token()
		if err != nil {
			return p.eof(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if _, err := p.nodeElement(t, ctx); err != nil {
				return err
			}
		case xml.CharData:
			if !rxBlank(t) {
				return p.errorf("text inside rdf:RDF")
			}
		case xml.EndElement:
			return nil
		}
	}
}

func (p *rxParser) eof(err error) error {
	if err == io.EOF {
		return p.errorf("unexpected end of document")
	}
	return err
}

func (p *rxParser) newAnon() rdf.Term {
	p.anon++
	return rdf.Blank(codec.AnonLabel(p.opts.BlankPrefix, p.anon))
}

func (p *rxParser) triple(s, pr, o rdf.Term) error {
	if err := p.emit(rdf.Quad{S: s, P: pr, O: o, G: p.opts.Graph}); err != nil {
		line, _ := p.d.InputPos()
		return fmt.Errorf("rdfio: %s:%d: %w", codec.FileName(p.opts.File), line, err)
	}
	return nil
}
