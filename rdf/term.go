package rdf

import (
	"strings"
)

// Kind tells which of the three RDF term kinds a Term is.
type Kind uint8

const (
	// KindNone is the zero Term: no term, or the default graph in Quad.G.
	KindNone Kind = iota
	KindIRI
	KindBlank
	KindLiteral
)

// Term is an IRI, a blank node or a literal.
//
// Literals always carry a datatype: a simple literal has xsd:string and a
// language-tagged one rdf:langString, as RDF 1.1 defines. The lexical form is
// kept exactly as given; nothing is normalised here.
type Term struct {
	Kind     Kind
	Value    string // IRI, blank node label (without "_:") or lexical form
	Datatype string // literals only
	Lang     string // literals with datatype rdf:langString only, lower case not enforced
}

// IRI returns an IRI term. The caller passes an absolute IRI.
func IRI(iri string) Term { return Term{Kind: KindIRI, Value: iri} }

// Blank returns a blank node with the given label (without "_:").
func Blank(label string) Term { return Term{Kind: KindBlank, Value: label} }

// Literal returns a simple literal (datatype xsd:string).
func Literal(lexical string) Term {
	return Term{Kind: KindLiteral, Value: lexical, Datatype: XSDString}
}

// LangLiteral returns a language-tagged string.
func LangLiteral(lexical, lang string) Term {
	return Term{Kind: KindLiteral, Value: lexical, Datatype: RDFLangString, Lang: lang}
}

// TypedLiteral returns a literal with the given datatype IRI. An empty
// datatype means xsd:string.
func TypedLiteral(lexical, datatype string) Term {
	if datatype == "" {
		datatype = XSDString
	}
	return Term{Kind: KindLiteral, Value: lexical, Datatype: datatype}
}

// IsZero reports whether t is the zero Term.
func (t Term) IsZero() bool { return t.Kind == KindNone }

// IsIRI reports whether t is an IRI.
func (t Term) IsIRI() bool { return t.Kind == KindIRI }

// IsBlank reports whether t is a blank node.
func (t Term) IsBlank() bool { return t.Kind == KindBlank }

// IsLiteral reports whether t is a literal.
func (t Term) IsLiteral() bool { return t.Kind == KindLiteral }

// String returns the N-Triples form of t; the zero Term prints as "".
func (t Term) String() string {
	var b strings.Builder
	t.AppendNT(&b)
	return b.String()
}

// AppendNT writes the N-Triples form of t to b.
func (t Term) AppendNT(b *strings.Builder) {
	switch t.Kind {
	case KindIRI:
		b.WriteByte('<')
		writeEscapedIRI(b, t.Value)
		b.WriteByte('>')
	case KindBlank:
		b.WriteString("_:")
		b.WriteString(t.Value)
	case KindLiteral:
		b.WriteByte('"')
		WriteEscapedString(b, t.Value)
		b.WriteByte('"')
		switch {
		case t.Lang != "":
			b.WriteByte('@')
			b.WriteString(t.Lang)
		case t.Datatype != "" && t.Datatype != XSDString:
			b.WriteString("^^<")
			writeEscapedIRI(b, t.Datatype)
			b.WriteByte('>')
		}
	}
}

// WriteEscapedString writes s escaped for a double-quoted N-Triples or
// Turtle string: quote, backslash and line breaks become ECHAR escapes,
// other control characters UCHAR escapes.
func WriteEscapedString(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if c < 0x20 || c == 0x7f {
				const hex = "0123456789ABCDEF"
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xf])
			} else {
				b.WriteByte(c)
			}
		}
	}
}

// writeEscapedIRI escapes the characters that may not appear raw inside <>.
func writeEscapedIRI(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`' || c == '\\' {
			const hex = "0123456789ABCDEF"
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
			continue
		}
		b.WriteByte(c)
	}
}

// Quad is a triple in a graph. G is the zero Term for the default graph.
type Quad struct {
	S, P, O, G Term
}

// Triple returns a quad in the default graph.
func Triple(s, p, o Term) Quad { return Quad{S: s, P: p, O: o} }

// String returns the N-Quads line of q, without the trailing newline.
func (q Quad) String() string {
	var b strings.Builder
	q.S.AppendNT(&b)
	b.WriteByte(' ')
	q.P.AppendNT(&b)
	b.WriteByte(' ')
	q.O.AppendNT(&b)
	if !q.G.IsZero() {
		b.WriteByte(' ')
		q.G.AppendNT(&b)
	}
	b.WriteString(" .")
	return b.String()
}
