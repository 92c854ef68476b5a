package rdfio

import (
	"fmt"
	"io"

	"github.com/stadleuven/maturity/rdfio/internal/codec"
	"github.com/stadleuven/maturity/rdfio/internal/jsonld"
	"github.com/stadleuven/maturity/rdfio/internal/rdfxml"
	"github.com/stadleuven/maturity/rdfio/internal/ttl"
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
// subject with more than 4096 triples is written in several pieces so
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
		return ttl.NewTurtleGroupWriter(w, opts)
	case RDFXML:
		return rdfxml.NewGroupWriter(w, opts)
	case JSONLD:
		return jsonld.NewGroupWriter(w, opts)
	}
	return nil, fmt.Errorf("rdfio: cannot write format %v", f)
}

// ErrCannotStream is returned by NewGroupWriter for output that needs the
// whole graph.
var ErrCannotStream = codec.ErrCannotStream
