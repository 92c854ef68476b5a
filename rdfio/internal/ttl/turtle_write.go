package ttl

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// turtleWriter keeps the triples until Close, then writes them sorted and
// grouped by subject, with @prefix lines for the prefixes it used.
type turtleWriter struct {
	w        io.Writer
	prefixes []codec.Prefix // longest IRI first, so the most specific one wins
	base     *writeBase
	triples  []rdf.Quad
	closed   bool
}

// NewTurtleWriter returns a Writer of Turtle, which writes everything at
// Close.
func NewTurtleWriter(w io.Writer, opts codec.WriteOptions) (codec.Writer, error) {
	prefixes, err := turtlePrefixes(opts.Prefixes)
	if err != nil {
		return nil, err
	}
	if opts.Base != "" {
		if err := codec.CheckIRI(rdf.IRI(opts.Base)); err != nil {
			return nil, fmt.Errorf("rdfio: base: %w", err)
		}
	}
	return &turtleWriter{w: w, prefixes: prefixes, base: newWriteBase(opts.Base), triples: make([]rdf.Quad, 0, codec.InitialQuads)}, nil
}

// turtlePrefixes checks the prefix names and sorts them for lookup.
func turtlePrefixes(in []codec.Prefix) ([]codec.Prefix, error) {
	out := slices.Clone(in)
	seen := map[string]bool{}
	for _, p := range out {
		if !isPNPrefix(p.Name) {
			return nil, fmt.Errorf("rdfio: %q is not a valid Turtle prefix name", p.Name)
		}
		if seen[p.Name] {
			return nil, fmt.Errorf("rdfio: prefix %q given twice", p.Name)
		}
		if err := codec.CheckIRI(rdf.IRI(p.IRI)); err != nil {
			return nil, fmt.Errorf("rdfio: prefix %q: %w", p.Name, err)
		}
		seen[p.Name] = true
	}
	slices.SortStableFunc(out, func(a, b codec.Prefix) int {
		if c := cmp.Compare(len(b.IRI), len(a.IRI)); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return out, nil
}

func (tw *turtleWriter) Write(q rdf.Quad) error {
	if tw.closed {
		return codec.ErrClosed
	}
	if err := codec.CheckQuad(q); err != nil {
		return err
	}
	tw.triples = append(tw.triples, q)
	return nil
}

func (tw *turtleWriter) Close() error {
	if tw.closed {
		return nil
	}
	tw.closed = true
	s := turtleSer{prefixes: tw.prefixes, base: tw.base, used: make([]bool, len(tw.prefixes))}
	s.graph(codec.NewGraph(tw.triples, true))
	tw.triples = nil
	var head strings.Builder
	if s.baseUsed {
		head.WriteString("@base ")
		rdf.IRI(tw.base.iri).AppendNT(&head)
		head.WriteString(" .\n")
	}
	// Declarations in name order, independent of the lookup order.
	var used []codec.Prefix
	for i, p := range tw.prefixes {
		if s.used[i] {
			used = append(used, p)
		}
	}
	slices.SortFunc(used, func(a, b codec.Prefix) int { return cmp.Compare(a.Name, b.Name) })
	for _, p := range used {
		head.WriteString("@prefix ")
		head.WriteString(p.Name)
		head.WriteString(": ")
		rdf.IRI(p.IRI).AppendNT(&head)
		head.WriteString(" .\n")
	}
	if head.Len() > 0 && s.b.Len() > 0 {
		head.WriteByte('\n')
	}
	if _, err := io.WriteString(tw.w, head.String()); err != nil {
		return fmt.Errorf("rdfio: writing Turtle: %w", err)
	}
	if _, err := io.WriteString(tw.w, s.b.String()); err != nil {
		return fmt.Errorf("rdfio: writing Turtle: %w", err)
	}
	return nil
}

// turtleSer writes the body of one Turtle document.
type turtleSer struct {
	b        strings.Builder
	g        *codec.Graph
	prefixes []codec.Prefix
	used     []bool
	base     *writeBase
	baseUsed bool
}

func (s *turtleSer) graph(g *codec.Graph) {
	s.g = g
	s.b.Grow(len(g.Triples) * 64)
	for _, gr := range g.Groups {
		if g.IsInline(gr.S) {
			continue
		}
		if gr.S.IsBlank() && g.Refs[gr.S.Value] == 0 {
			s.b.WriteString("[]")
		} else {
			s.term(gr.S, 0)
		}
		s.b.WriteByte(' ')
		s.predicateObjects(g.Triples[gr.Start:gr.End], 4)
		s.b.WriteString(" .\n")
	}
}

// predicateObjects writes a predicateObjectList; indent is the column of
// continuation lines.
func (s *turtleSer) predicateObjects(ts []rdf.Quad, indent int) {
	for i, t := range ts {
		switch {
		case i == 0:
		case t.P == ts[i-1].P:
			s.b.WriteString(", ")
			s.term(t.O, indent)
			continue
		default:
			s.b.WriteString(" ;\n")
			turtleIndent(&s.b, indent)
		}
		if t.P.Value == rdf.RDFType {
			s.b.WriteByte('a')
		} else {
			s.iri(t.P.Value)
		}
		s.b.WriteByte(' ')
		s.term(t.O, indent)
	}
}

func turtleIndent(b *strings.Builder, n int) {
	const spaces = "                                                                "
	for n > len(spaces) {
		b.WriteString(spaces)
		n -= len(spaces)
	}
	b.WriteString(spaces[:n])
}

// term writes t; a nested blank node is written as [ ... ] whose closing
// bracket lines up with indent-4.
func (s *turtleSer) term(t rdf.Term, indent int) {
	switch t.Kind {
	case rdf.KindIRI:
		s.iri(t.Value)
	case rdf.KindBlank:
		if !s.g.IsInline(t) {
			s.b.WriteString("_:")
			codec.WriteBlankLabel(&s.b, t.Value)
			return
		}
		if items, ok := s.g.Lists[t.Value]; ok {
			s.b.WriteByte('(')
			for i, it := range items {
				if i > 0 {
					s.b.WriteByte(' ')
				}
				s.term(it, indent)
			}
			s.b.WriteByte(')')
			return
		}
		ts := s.g.BlankTriples(t.Value)
		if len(ts) == 0 {
			s.b.WriteString("[]")
			return
		}
		s.b.WriteString("[\n")
		turtleIndent(&s.b, indent+4)
		s.predicateObjects(ts, indent+4)
		s.b.WriteByte('\n')
		turtleIndent(&s.b, indent)
		s.b.WriteByte(']')
	case rdf.KindLiteral:
		s.literal(t)
	}
}

// iri writes the most readable form that reads back as v: a prefixed name
// without escapes, else a relative IRI if Base allows, else a prefixed name
// with backslash escapes (ex:city\/leuven), else the full <IRI>.
func (s *turtleSer) iri(v string) {
	escaped := -1
	for i, p := range s.prefixes {
		if !strings.HasPrefix(v, p.IRI) {
			continue
		}
		ok, plain := turtleLocal(v[len(p.IRI):])
		if ok && plain {
			s.prefixed(i, v)
			return
		}
		if ok && escaped < 0 {
			escaped = i
		}
	}
	if rel, ok := s.base.relative(v); ok {
		s.baseUsed = true
		rdf.IRI(rel).AppendNT(&s.b)
		return
	}
	if escaped >= 0 {
		s.prefixed(escaped, v)
		return
	}
	rdf.IRI(v).AppendNT(&s.b)
}

func (s *turtleSer) prefixed(i int, v string) {
	p := s.prefixes[i]
	s.used[i] = true
	s.b.WriteString(p.Name)
	s.b.WriteByte(':')
	turtleWriteLocal(&s.b, v[len(p.IRI):])
}

func (s *turtleSer) literal(t rdf.Term) {
	v := t.Value
	switch t.Datatype {
	case rdf.XSDInteger, rdf.XSDDecimal, rdf.XSDDouble:
		if turtleNumberType(v) == t.Datatype {
			s.b.WriteString(v)
			return
		}
	case rdf.XSDBoolean:
		if v == "true" || v == "false" {
			s.b.WriteString(v)
			return
		}
	}
	if strings.IndexByte(v, '\n') >= 0 {
		s.b.WriteString(`"""`)
		turtleWriteLong(&s.b, v)
		s.b.WriteString(`"""`)
	} else {
		s.b.WriteByte('"')
		rdf.WriteEscapedString(&s.b, v)
		s.b.WriteByte('"')
	}
	switch {
	case t.Lang != "":
		s.b.WriteByte('@')
		s.b.WriteString(t.Lang)
	case t.Datatype != rdf.XSDString && t.Datatype != "":
		s.b.WriteString("^^")
		s.iri(t.Datatype)
	}
}

// turtleWriteLong writes the inside of a """long string""": newlines and
// tabs stay as they are, a quote is escaped only where it would otherwise
// end the string, carriage returns and other controls are escaped.
func turtleWriteLong(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c == '"':
			if i+1 == len(s) || s[i+1] == '"' {
				b.WriteString(`\"`)
			} else {
				b.WriteByte(c)
			}
		case c == '\n' || c == '\t':
			b.WriteByte(c)
		case c == '\r':
			b.WriteString(`\r`)
		case c < 0x20 || c == 0x7f:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		default:
			b.WriteByte(c)
		}
	}
}

// turtleNumberType returns the datatype that Turtle gives the bare token s
// (xsd:integer, xsd:decimal or xsd:double), or "" if s is not a number
// token. A literal is written bare only if this gives back its datatype.
func turtleNumberType(s string) string {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	d1 := turtleDigits(s[i:])
	i += d1
	d2, dot := 0, false
	if i < len(s) && s[i] == '.' {
		dot = true
		i++
		d2 = turtleDigits(s[i:])
		i += d2
	}
	if i == len(s) {
		switch {
		case !dot && d1 > 0:
			return rdf.XSDInteger
		case dot && d2 > 0:
			return rdf.XSDDecimal
		}
		return ""
	}
	if s[i] != 'e' && s[i] != 'E' || d1+d2 == 0 {
		return ""
	}
	i++
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if d3 := turtleDigits(s[i:]); d3 == 0 || i+d3 != len(s) {
		return ""
	}
	return rdf.XSDDouble
}

func turtleDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
