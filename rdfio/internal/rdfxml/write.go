package rdfxml

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// rdfxmlWriter keeps the triples until Close and writes one node element per
// subject: a typed node when the subject has an rdf:type whose IRI makes an
// XML name, rdf:Description otherwise. Blank nodes used once are nested.
//
// Literals are always written as text, rdf:XMLLiteral too (with
// rdf:datatype): rdf:parseType="Literal" would canonicalise the markup and
// change the lexical form.
type rdfxmlWriter struct {
	w       io.Writer
	given   map[string]string // namespace IRI -> prefix name from the options
	names   map[string]bool   // prefix names of the options, kept free for them
	triples []rdf.Quad
	closed  bool
}

// NewWriter returns a Writer of RDF/XML, which writes everything at Close.
func NewWriter(w io.Writer, opts codec.WriteOptions) (codec.Writer, error) {
	return newRDFXMLWriter(w, opts), nil
}

func newRDFXMLWriter(w io.Writer, opts codec.WriteOptions) *rdfxmlWriter {
	rw := &rdfxmlWriter{w: w, given: map[string]string{}, names: map[string]bool{"rdf": true}, triples: make([]rdf.Quad, 0, codec.InitialQuads)}
	for _, p := range opts.Prefixes {
		// Only names XML allows as namespace prefixes; others get a
		// generated one, as do namespaces without a given prefix.
		if !codec.IsNCName(p.Name) || strings.HasPrefix(strings.ToLower(p.Name), "xml") ||
			p.Name == "rdf" || rw.names[p.Name] {
			continue
		}
		if _, dup := rw.given[p.IRI]; dup || p.IRI == rdf.RDFNS {
			continue
		}
		rw.given[p.IRI] = p.Name
		rw.names[p.Name] = true
	}
	return rw
}

func (rw *rdfxmlWriter) Write(q rdf.Quad) error {
	if rw.closed {
		return codec.ErrClosed
	}
	if err := codec.CheckQuad(q); err != nil {
		return err
	}
	rw.triples = append(rw.triples, q)
	return nil
}

func (rw *rdfxmlWriter) Close() error {
	if rw.closed {
		return nil
	}
	rw.closed = true
	s := rdfxmlSer{w: rw, ns: map[string]string{rdf.RDFNS: "rdf"}}
	s.graph(codec.NewGraph(rw.triples, false))
	rw.triples = nil
	if s.err != nil {
		return s.err
	}
	var head strings.Builder
	head.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF")
	if err := rdfxmlDecls(&head, s.ns, "\n    "); err != nil {
		return err
	}
	s.b.WriteString("</rdf:RDF>\n")
	if _, err := io.WriteString(rw.w, head.String()); err != nil {
		return fmt.Errorf("rdfio: writing RDF/XML: %w", err)
	}
	if _, err := io.WriteString(rw.w, s.b.String()); err != nil {
		return fmt.Errorf("rdfio: writing RDF/XML: %w", err)
	}
	return nil
}

// rdfxmlSer writes the body of one RDF/XML document; err keeps the first
// term that cannot be written.
type rdfxmlSer struct {
	w   *rdfxmlWriter
	b   strings.Builder
	g   *codec.Graph
	ns  map[string]string // namespace IRI -> prefix, as used
	gen int
	err error
}

func (s *rdfxmlSer) graph(g *codec.Graph) {
	s.g = g
	s.b.Grow(len(g.Triples) * 96)
	for _, gr := range g.Groups {
		if !g.IsInline(gr.S) {
			s.node(gr.S, g.Triples[gr.Start:gr.End], 1)
		}
	}
}

// node writes a node element for subject sub with triples ts.
func (s *rdfxmlSer) node(sub rdf.Term, ts []rdf.Quad, depth int) {
	name, typed := "rdf:Description", -1
	for i, t := range ts {
		if t.P.Value != rdf.RDFType {
			break // rdf:type sorts first
		}
		if !t.O.IsIRI() || rdfxmlReserved(t.O.Value) {
			continue
		}
		if ns, local, ok := rdfxmlSplit(t.O.Value); ok {
			name, typed = s.qname(ns, local), i
			break
		}
	}
	rdfxmlIndent(&s.b, depth)
	s.b.WriteByte('<')
	s.b.WriteString(name)
	switch {
	case sub.IsIRI():
		s.b.WriteString(` rdf:about="`)
		s.escape(sub.Value, true, "subject")
		s.b.WriteByte('"')
	case !s.g.IsInline(sub) && s.g.Refs[sub.Value] > 0:
		s.b.WriteString(` rdf:nodeID="`)
		codec.WriteBlankLabel(&s.b, sub.Value)
		s.b.WriteByte('"')
	}
	if len(ts) == 1 && typed == 0 {
		s.b.WriteString("/>\n")
		return
	}
	s.b.WriteString(">\n")
	for i, t := range ts {
		if i != typed {
			s.property(t, depth+1)
		}
	}
	rdfxmlIndent(&s.b, depth)
	s.b.WriteString("</")
	s.b.WriteString(name)
	s.b.WriteString(">\n")
}

func (s *rdfxmlSer) property(t rdf.Quad, depth int) {
	ns, local, ok := rdfxmlSplit(t.P.Value)
	if !ok || rdfxmlReserved(t.P.Value) {
		s.fail(fmt.Errorf("rdfio: cannot write predicate <%s> in RDF/XML: its IRI does not end in an XML name that RDF/XML allows as a property", t.P.Value))
		return
	}
	name := s.qname(ns, local)
	rdfxmlIndent(&s.b, depth)
	s.b.WriteByte('<')
	s.b.WriteString(name)
	o := t.O
	switch {
	case o.IsIRI():
		s.b.WriteString(` rdf:resource="`)
		s.escape(o.Value, true, "object")
		s.b.WriteString("\"/>\n")
		return
	case o.IsBlank() && !s.g.IsInline(o):
		s.b.WriteString(` rdf:nodeID="`)
		codec.WriteBlankLabel(&s.b, o.Value)
		s.b.WriteString("\"/>\n")
		return
	case o.IsBlank():
		ts := s.g.BlankTriples(o.Value)
		if len(ts) == 0 {
			s.b.WriteString(" rdf:parseType=\"Resource\"/>\n")
			return
		}
		s.b.WriteString(">\n")
		s.node(o, ts, depth+1)
		rdfxmlIndent(&s.b, depth)
	default:
		switch {
		case o.Lang != "":
			s.b.WriteString(` xml:lang="`)
			s.b.WriteString(o.Lang)
			s.b.WriteByte('"')
		case o.Datatype != rdf.XSDString && o.Datatype != "":
			s.b.WriteString(` rdf:datatype="`)
			s.escape(o.Datatype, true, "datatype")
			s.b.WriteByte('"')
		}
		s.b.WriteByte('>')
		s.escape(o.Value, false, "literal")
	}
	s.b.WriteString("</")
	s.b.WriteString(name)
	s.b.WriteString(">\n")
}

// qname returns prefix:local, declaring a prefix for ns on first use.
func (s *rdfxmlSer) qname(ns, local string) string {
	p, ok := s.ns[ns]
	if !ok {
		p, ok = s.w.given[ns]
		for !ok {
			s.gen++
			p = "ns" + strconv.Itoa(s.gen)
			ok = !s.w.names[p]
		}
		s.ns[ns] = p
	}
	return p + ":" + local
}

func (s *rdfxmlSer) escape(v string, attr bool, what string) {
	if err := rdfxmlEscape(&s.b, v, attr); err != nil {
		s.fail(fmt.Errorf("rdfio: cannot write %s %q in RDF/XML: %w", what, clip(v), err))
	}
}

// clip shortens a value quoted in an error message.
func clip(v string) string {
	const max = 60
	if len(v) <= max {
		return v
	}
	i := max
	for i > 0 && !utf8.RuneStart(v[i]) {
		i--
	}
	return v[:i] + "…"
}

func (s *rdfxmlSer) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

func rdfxmlIndent(b *strings.Builder, depth int) {
	for range depth {
		b.WriteString("  ")
	}
}
