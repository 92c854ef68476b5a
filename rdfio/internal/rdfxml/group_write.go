package rdfxml

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// NewGroupWriter returns a Writer that streams RDF/XML one subject at a
// time (rdfio.NewGroupWriter): one node element per group, blank nodes by
// rdf:nodeID.
func NewGroupWriter(w io.Writer, opts codec.WriteOptions) (codec.Writer, error) {
	return codec.NewGroupWriter(w, &rdfxmlGroups{w: newRDFXMLWriter(w, opts)}), nil
}

// rdfxmlGroups writes RDF/XML: the root element declares rdf: and the given
// prefixes; a node element that needs another namespace declares it itself.
type rdfxmlGroups struct {
	w    *rdfxmlWriter
	root map[string]string // namespace IRI -> prefix declared on rdf:RDF
}

func (x *rdfxmlGroups) Head(b *strings.Builder) error {
	x.root = map[string]string{rdf.RDFNS: "rdf"}
	for iri, name := range x.w.given {
		x.root[iri] = name
	}
	b.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF")
	return rdfxmlDecls(b, x.root, "\n    ")
}

// rdfxmlDecls writes xmlns attributes for ns, in prefix order.
func rdfxmlDecls(b *strings.Builder, ns map[string]string, sep string) error {
	iris := make([]string, 0, len(ns))
	for iri := range ns {
		iris = append(iris, iri)
	}
	slices.SortFunc(iris, func(a, c string) int { return strings.Compare(ns[a], ns[c]) })
	for _, iri := range iris {
		b.WriteString(sep)
		b.WriteString("xmlns:")
		b.WriteString(ns[iri])
		b.WriteString(`="`)
		if err := rdfxmlEscape(b, iri, true); err != nil {
			return fmt.Errorf("rdfio: cannot write namespace <%s> in RDF/XML: %w", iri, err)
		}
		b.WriteByte('"')
	}
	b.WriteString(">\n")
	return nil
}

func (x *rdfxmlGroups) Group(b *strings.Builder, ts []rdf.Quad, _ bool) error {
	// Every blank node is written by rdf:nodeID here, which must be an XML
	// name; the buffering writer nests most of them instead.
	for i := range ts {
		ts[i].S = xmlBlank(ts[i].S)
		ts[i].O = xmlBlank(ts[i].O)
	}
	s := rdfxmlSer{w: x.w, ns: map[string]string{}}
	for iri, p := range x.root {
		s.ns[iri] = p
	}
	s.g = codec.NewFlatGraph(ts)
	if ts[0].S.IsBlank() {
		s.g.Refs[ts[0].S.Value]++ // always rdf:nodeID: other groups may name it
	}
	s.node(ts[0].S, s.g.Triples, 1)
	if s.err != nil {
		return s.err
	}
	body := s.b.String()
	extra := map[string]string{}
	for iri, p := range s.ns {
		if _, ok := x.root[iri]; !ok {
			extra[iri] = p
		}
	}
	if len(extra) == 0 {
		b.WriteString(body)
		return nil
	}
	// Declare the namespaces this node uses on its own element: after the
	// element name, before its attributes.
	end := strings.IndexAny(body[3:], " />") + 3
	b.WriteString(body[:end])
	var decls strings.Builder
	if err := rdfxmlDecls(&decls, extra, " "); err != nil {
		return err
	}
	b.WriteString(strings.TrimSuffix(decls.String(), ">\n"))
	b.WriteString(body[end:])
	return nil
}

// xmlBlank gives a blank node a label that every XML reader takes as a
// name, the same for the same label in every group: ASCII letters, digits,
// '_' and '-' not starting with a digit, '-' or "x" stay; the others become
// "x" and their bytes in hex, so that no two labels meet.
func xmlBlank(t rdf.Term) rdf.Term {
	if !t.IsBlank() || asciiName(t.Value) && t.Value[0] != 'x' {
		return t
	}
	return rdf.Blank(fmt.Sprintf("x%x", t.Value))
}

func asciiName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '-'):
		default:
			return false
		}
	}
	return s != ""
}

func (x *rdfxmlGroups) Tail(b *strings.Builder) error {
	if x.root == nil { // no group: still a document
		if err := x.Head(b); err != nil {
			return err
		}
	}
	b.WriteString("</rdf:RDF>\n")
	return nil
}
