package rdfio

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// NewGroupWriter returns a Writer that streams in every format, holding one
// subject's triples at a time, for output too large to keep whole (dumps, a
// large graph). It is meant for quads that come grouped by subject, as a
// subject-first index scan gives them: each group is written when the next
// subject begins. Output stays correct for any order (a subject met again
// starts a new statement or node), only less compact.
//
// What the buffering writers of NewWriter do with the whole graph, a stream
// cannot: prefixes and namespaces are declared up front (all of
// WriteOptions.Prefixes, used or not; RDF/XML declares other namespaces on
// the element that needs them), blank nodes are written by label rather than
// nested, lists stay rdf:first/rdf:rest triples, and subjects come in input
// order. Within a subject, triples are sorted as NewWriter sorts them, and a
// subject with more than groupMax triples is written in several pieces so
// that memory stays bounded. Only N-Quads keeps graph names; the others
// write the union of the graphs. N-Triples and N-Quads stream anyway and are
// the same as NewWriter's. JSON-LD needs a context that the direct writer
// handles (a flat one): term definitions with a container other than @set
// are left out of the streamed document's context (which is then written
// inline, not by its URL), and a context that is still not flat fails with
// ErrCannotStream.
func NewGroupWriter(w io.Writer, f Format, opts WriteOptions) (Writer, error) {
	switch f {
	case NTriples, NQuads:
		return NewWriter(w, f, opts)
	case Turtle:
		prefixes, err := turtlePrefixes(opts.Prefixes)
		if err != nil {
			return nil, err
		}
		if opts.Base != "" {
			if err := checkIRI(rdf.IRI(opts.Base)); err != nil {
				return nil, fmt.Errorf("rdfio: base: %w", err)
			}
		}
		return &groupWriter{out: w, g: &turtleGroups{prefixes: prefixes, base: newWriteBase(opts.Base)}}, nil
	case RDFXML:
		rw, err := newRDFXMLWriter(w, opts)
		if err != nil {
			return nil, err
		}
		return &groupWriter{out: w, g: &rdfxmlGroups{w: rw}}, nil
	case JSONLD:
		jw, err := newJSONLDWriter(w, opts)
		if err != nil {
			return nil, err
		}
		if jw.flat == nil {
			// A context with language maps (@container @language) needs
			// all of a property's values at once; a stream writes them
			// plainly, with the rest of the context.
			if jw, err = flatJSONLDWriter(w, opts); err != nil {
				return nil, err
			}
		}
		return &groupWriter{out: w, g: &jsonldGroups{w: jw}}, nil
	}
	return nil, fmt.Errorf("rdfio: cannot write format %v", f)
}

// flatJSONLDWriter returns a direct JSON-LD writer for the flat part of
// opts' context: the term definitions with a container other than @set
// are dropped.
func flatJSONLDWriter(w io.Writer, opts WriteOptions) (*jsonldWriter, error) {
	doc, err := jsonldContextDoc(opts)
	if err != nil {
		return nil, err
	}
	ctx, ok := doc["@context"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: JSON-LD with this context", ErrCannotStream)
	}
	flat := make(map[string]any, len(ctx))
	for name, def := range ctx {
		if m, ok := def.(map[string]any); ok {
			if c, has := m["@container"]; has && c != "@set" {
				continue
			}
		}
		flat[name] = def
	}
	b, err := json.Marshal(map[string]any{"@context": flat})
	if err != nil {
		return nil, fmt.Errorf("rdfio: JSON-LD context: %w", err)
	}
	opts.Context, opts.ContextURL = b, ""
	jw, err := newJSONLDWriter(w, opts)
	if err != nil {
		return nil, err
	}
	if jw.flat == nil {
		return nil, fmt.Errorf("%w: JSON-LD with this context", ErrCannotStream)
	}
	return jw, nil
}

// ErrCannotStream is returned by NewGroupWriter for output that needs the
// whole graph.
var ErrCannotStream = errors.New("rdfio: cannot stream")

// groupMax bounds the triples of one subject held at a time.
const groupMax = 4096

// groupFormat writes the parts of a streamed document.
type groupFormat interface {
	head(b *strings.Builder) error
	// group writes one subject's triples: sorted, without duplicates, graph
	// names dropped; first tells whether it is the document's first.
	group(b *strings.Builder, ts []rdf.Quad, first bool) error
	tail(b *strings.Builder) error
}

// groupWriter gathers the triples of the current subject and hands each
// finished group to its format.
type groupWriter struct {
	out     io.Writer
	g       groupFormat
	b       strings.Builder
	cur     []rdf.Quad
	started bool // head written
	groups  int
	closed  bool
	err     error
}

func (gw *groupWriter) Write(q rdf.Quad) error {
	if gw.closed {
		return errClosed
	}
	if gw.err != nil {
		return gw.err
	}
	if err := checkQuad(q); err != nil {
		return err
	}
	q.G = rdf.Term{}
	if len(gw.cur) > 0 && (q.S != gw.cur[0].S || len(gw.cur) >= groupMax) {
		if err := gw.flush(); err != nil {
			return err
		}
	}
	gw.cur = append(gw.cur, q)
	return nil
}

// flush writes the current group and sends what is buffered on.
func (gw *groupWriter) flush() error {
	if !gw.started {
		gw.started = true
		if err := gw.g.head(&gw.b); err != nil {
			gw.err = err
			return err
		}
	}
	if len(gw.cur) > 0 {
		ts := writeSortQuads(gw.cur, writeCompareTriple)
		if err := gw.g.group(&gw.b, ts, gw.groups == 0); err != nil {
			gw.err = err
			return err
		}
		gw.groups++
		gw.cur = gw.cur[:0]
	}
	if _, err := io.WriteString(gw.out, gw.b.String()); err != nil {
		gw.err = fmt.Errorf("rdfio: writing: %w", err)
		return gw.err
	}
	gw.b.Reset()
	return nil
}

func (gw *groupWriter) Close() error {
	if gw.closed {
		return gw.err
	}
	gw.closed = true
	if gw.err != nil {
		return gw.err
	}
	if err := gw.flush(); err != nil {
		return err
	}
	if err := gw.g.tail(&gw.b); err != nil {
		return err
	}
	if _, err := io.WriteString(gw.out, gw.b.String()); err != nil {
		return fmt.Errorf("rdfio: writing: %w", err)
	}
	return nil
}

// flatGraph lays out one group for the serializers without nesting: every
// blank node keeps its label, since its other mentions may be in other
// groups.
func flatGraph(ts []rdf.Quad) *writeGraph {
	g := newWriteGraph(ts, false)
	clear(g.inline)
	return g
}

// turtleGroups writes Turtle: @base and @prefix lines, then one statement
// per group.
type turtleGroups struct {
	prefixes []Prefix
	base     *writeBase
}

func (t *turtleGroups) head(b *strings.Builder) error {
	if t.base != nil {
		b.WriteString("@base ")
		rdf.IRI(t.base.iri).AppendNT(b)
		b.WriteString(" .\n")
	}
	decl := slices.Clone(t.prefixes)
	slices.SortFunc(decl, func(a, b Prefix) int { return cmp.Compare(a.Name, b.Name) })
	for _, p := range decl {
		b.WriteString("@prefix ")
		b.WriteString(p.Name)
		b.WriteString(": ")
		rdf.IRI(p.IRI).AppendNT(b)
		b.WriteString(" .\n")
	}
	return nil
}

func (t *turtleGroups) group(b *strings.Builder, ts []rdf.Quad, first bool) error {
	s := turtleSer{prefixes: t.prefixes, base: t.base, used: make([]bool, len(t.prefixes))}
	s.g = flatGraph(ts)
	if first && (t.base != nil || len(t.prefixes) > 0) {
		b.WriteByte('\n')
	}
	s.term(ts[0].S, 0)
	s.b.WriteByte(' ')
	s.predicateObjects(s.g.triples, 4)
	s.b.WriteString(" .\n")
	b.WriteString(s.b.String())
	return nil
}

func (t *turtleGroups) tail(*strings.Builder) error { return nil }

// rdfxmlGroups writes RDF/XML: the root element declares rdf: and the given
// prefixes; a node element that needs another namespace declares it itself.
type rdfxmlGroups struct {
	w    *rdfxmlWriter
	root map[string]string // namespace IRI -> prefix declared on rdf:RDF
}

func (x *rdfxmlGroups) head(b *strings.Builder) error {
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

func (x *rdfxmlGroups) group(b *strings.Builder, ts []rdf.Quad, _ bool) error {
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
	s.g = flatGraph(ts)
	if ts[0].S.IsBlank() {
		s.g.refs[ts[0].S.Value]++ // always rdf:nodeID: other groups may name it
	}
	s.node(ts[0].S, s.g.triples, 1)
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

func (x *rdfxmlGroups) tail(b *strings.Builder) error {
	if x.root == nil { // no group: still a document
		if err := x.head(b); err != nil {
			return err
		}
	}
	b.WriteString("</rdf:RDF>\n")
	return nil
}

// jsonldGroups writes a compacted JSON-LD document whose @graph holds one
// node object per group.
type jsonldGroups struct {
	w  *jsonldWriter
	nb jsonldNodeBuilder
}

func (j *jsonldGroups) head(b *strings.Builder) error {
	b.WriteString("{\n")
	if j.w.ctxJSON != nil {
		b.WriteString(`  "@context": `)
		b.Write(j.w.ctxJSON)
		b.WriteString(",\n")
	}
	b.WriteString(`  "@graph": [`)
	return nil
}

func (j *jsonldGroups) group(b *strings.Builder, ts []rdf.Quad, first bool) error {
	for _, t := range ts {
		if t.P.Value == rdf.RDFType && t.O.IsLiteral() {
			return fmt.Errorf("%w: JSON-LD: rdf:type with a literal value on %s", ErrCannotStream, t.S)
		}
	}
	entries, err := j.nb.build(j.w.flat, jsonldID(ts[0].S), ts)
	if err != nil {
		return err
	}
	if !first {
		b.WriteByte(',')
	}
	b.WriteString("\n    ")
	b.Write(jsonldAppendObject(nil, entries, 2))
	return nil
}

func (j *jsonldGroups) tail(b *strings.Builder) error {
	b.WriteString("\n  ]\n}\n")
	return nil
}
