package rdfio

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
)

// Prefix binds a short name to a namespace IRI, as in Turtle's @prefix.
type Prefix struct {
	Name string // "" is the default prefix (":local" in Turtle)
	IRI  string
}

// WriteOptions configures NewWriter. The zero value writes every IRI in full.
type WriteOptions struct {
	// Prefixes abbreviate IRIs: Turtle prefixed names, RDF/XML namespace
	// prefixes, and the JSON-LD context when Context is nil. Turtle declares
	// only the prefixes it uses.
	Prefixes []Prefix
	// Base, if set, lets Turtle write IRIs relative to it, but only in the
	// forms that resolve back to exactly the same IRI.
	Base string
	// Context is the project's own JSON-LD @context document; JSON-LD output
	// is compacted with it. It is never fetched from anywhere.
	Context []byte
	// ContextURL, if set, is written as "@context": ContextURL instead of
	// inlining Context: the stable URL where the server serves Context.
	ContextURL string
}

// Writer serializes quads. Close writes whatever the format had to buffer;
// it does not close the underlying io.Writer, which stays the caller's.
//
// N-Triples and N-Quads stream: every Write reaches the io.Writer (through a
// buffer) before Close. Turtle, RDF/XML and JSON-LD need the whole graph to
// group statements by subject and to declare prefixes up front, so they keep
// the quads until Close and then sort them: the same set of quads always
// gives the same bytes.
//
// Formats without named graphs (N-Triples, Turtle, RDF/XML) drop the graph
// names and write the union of all graphs.
type Writer interface {
	Write(q rdf.Quad) error
	Close() error
}

// NewWriter returns a Writer for format f. It fails on options the format
// cannot honour, such as an invalid prefix name or an unparsable context.
func NewWriter(w io.Writer, f Format, opts WriteOptions) (Writer, error) {
	switch f {
	case NTriples:
		return newNTWriter(w, false), nil
	case NQuads:
		return newNTWriter(w, true), nil
	case Turtle:
		return newTurtleWriter(w, opts)
	case RDFXML:
		return newRDFXMLWriter(w, opts)
	case JSONLD:
		return newJSONLDWriter(w, opts)
	}
	return nil, fmt.Errorf("rdfio: cannot write format %v", f)
}

// WriteAll writes quads in format f and closes the Writer.
func WriteAll(w io.Writer, f Format, quads []rdf.Quad, opts WriteOptions) error {
	wr, err := NewWriter(w, f, opts)
	if err != nil {
		return err
	}
	for _, q := range quads {
		if err := wr.Write(q); err != nil {
			return err
		}
	}
	return wr.Close()
}

// errClosed is returned by Write after Close.
var errClosed = errors.New("rdfio: write after Close")

// checkQuad rejects quads no RDF syntax can carry, so that a writer never
// produces output that a reader refuses.
func checkQuad(q rdf.Quad) error {
	switch {
	case q.S.IsIRI(), q.S.IsBlank():
	default:
		return fmt.Errorf("rdfio: subject %s is not an IRI or blank node", termDesc(q.S))
	}
	if !q.P.IsIRI() {
		return fmt.Errorf("rdfio: predicate %s is not an IRI", termDesc(q.P))
	}
	if q.O.IsZero() {
		return fmt.Errorf("rdfio: quad %s %s has no object", q.S, q.P)
	}
	if q.G.IsLiteral() {
		return fmt.Errorf("rdfio: graph name %s is a literal", q.G)
	}
	for _, t := range [...]rdf.Term{q.S, q.P, q.O, q.G} {
		if err := checkIRI(t); err != nil {
			return err
		}
		if !utf8.ValidString(t.Value) {
			return fmt.Errorf("rdfio: term %q is not valid UTF-8", t.Value)
		}
	}
	if q.O.IsLiteral() && q.O.Datatype == rdf.RDFLangString && q.O.Lang == "" {
		return fmt.Errorf("rdfio: literal %s has datatype rdf:langString but no language tag", q.O)
	}
	if q.O.IsLiteral() && q.O.Lang != "" && !rdf.IsLangTag(q.O.Lang) {
		return fmt.Errorf("rdfio: literal %s has an invalid language tag", q.O)
	}
	return nil
}

// checkIRI refuses IRIs (and datatype IRIs) that are not absolute or that
// contain a character IRIs cannot have: space, controls, <>"{}|^`\. Such an
// IRI could only be written as an escape that conforming readers reject
// (W3C test turtle-syntax-bad-uri-escape-01), so a dump would not load again.
func checkIRI(t rdf.Term) error {
	var iri string
	switch {
	case t.IsIRI():
		iri = t.Value
	case t.IsLiteral() && t.Datatype != "":
		iri = t.Datatype
	default:
		return nil
	}
	colon := strings.IndexByte(iri, ':')
	if colon <= 0 || !writeIsScheme(iri[:colon]) {
		return fmt.Errorf("rdfio: IRI <%s> is not absolute", iri)
	}
	for i := 0; i < len(iri); i++ {
		if c := iri[i]; c < 64 && iriForbiddenLo>>c&1 != 0 || c >= 64 && c < 128 && iriForbiddenHi>>(c-64)&1 != 0 {
			return fmt.Errorf("rdfio: IRI %q contains %q, which IRIs cannot contain", iri, c)
		}
	}
	return nil
}

// Bit sets of the ASCII characters IRIREF forbids: 0x00-0x20 and <>"{}|^`\.
const (
	iriForbiddenLo = 1<<0x21 - 1 | 1<<'"' | 1<<'<' | 1<<'>'
	iriForbiddenHi = 1<<('\\'-64) | 1<<('^'-64) | 1<<('`'-64) | 1<<('{'-64) | 1<<('|'-64) | 1<<('}'-64)
)

func termDesc(t rdf.Term) string {
	if t.IsZero() {
		return "(none)"
	}
	return t.String()
}
