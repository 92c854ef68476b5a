package rdfio

import (
	"fmt"
	"io"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
	"github.com/stadleuven/maturity/rdfio/internal/jsonld"
	"github.com/stadleuven/maturity/rdfio/internal/rdfxml"
	"github.com/stadleuven/maturity/rdfio/internal/ttl"
)

// Prefix binds a short name to a namespace IRI, as in Turtle's @prefix.
type Prefix = codec.Prefix

// WriteOptions configures NewWriter: Prefixes, Base (Turtle), Context and
// ContextURL (JSON-LD). The zero value writes every IRI in full. The fields
// are documented in rdfio/internal/codec (go doc ./rdfio/internal/codec
// WriteOptions).
type WriteOptions = codec.WriteOptions

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
type Writer = codec.Writer

// XMLCharError is a term holding a character that RDF allows and XML 1.0
// cannot carry, not even as a character reference (C0 controls but tab,
// line feed and carriage return; U+FFFE, U+FFFF). The RDF/XML writer
// returns it before it writes anything, so a server can answer with
// another format instead.
type XMLCharError = rdfxml.XMLCharError

// NewWriter returns a Writer for format f. It fails on options the format
// cannot honour, such as an invalid prefix name or an unparsable context.
func NewWriter(w io.Writer, f Format, opts WriteOptions) (Writer, error) {
	switch f {
	case NTriples:
		return ttl.NewNTriplesWriter(w), nil
	case NQuads:
		return ttl.NewNQuadsWriter(w), nil
	case Turtle:
		return ttl.NewTurtleWriter(w, opts)
	case RDFXML:
		return rdfxml.NewWriter(w, opts)
	case JSONLD:
		return jsonld.NewWriter(w, opts)
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
