package ttl

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// ntWriter streams N-Triples or N-Quads, one line per quad. N-Triples has no
// graph names, so it writes every quad as a triple of the default graph.
type ntWriter struct {
	w      *bufio.Writer
	quads  bool
	closed bool
	line   strings.Builder
}

// NewNTriplesWriter returns a Writer of N-Triples.
func NewNTriplesWriter(w io.Writer) codec.Writer { return newNTWriter(w, false) }

// NewNQuadsWriter returns a Writer of N-Quads.
func NewNQuadsWriter(w io.Writer) codec.Writer { return newNTWriter(w, true) }

func newNTWriter(w io.Writer, quads bool) *ntWriter {
	return &ntWriter{w: bufio.NewWriterSize(w, 8<<10), quads: quads}
}

func (nw *ntWriter) Write(q rdf.Quad) error {
	if nw.closed {
		return codec.ErrClosed
	}
	if err := codec.CheckQuad(q); err != nil {
		return err
	}
	b := &nw.line
	b.Reset()
	// One allocation per line unless escapes make it longer.
	b.Grow(len(q.S.Value) + len(q.P.Value) + len(q.O.Value) + len(q.O.Datatype) + len(q.O.Lang) + len(q.G.Value) + 24)
	ntAppendTerm(b, q.S)
	b.WriteByte(' ')
	ntAppendTerm(b, q.P)
	b.WriteByte(' ')
	ntAppendTerm(b, q.O)
	if nw.quads && !q.G.IsZero() {
		b.WriteByte(' ')
		ntAppendTerm(b, q.G)
	}
	b.WriteString(" .\n")
	if _, err := nw.w.WriteString(b.String()); err != nil {
		return fmt.Errorf("rdfio: writing %s: %w", nw.format(), err)
	}
	return nil
}

func (nw *ntWriter) Close() error {
	if nw.closed {
		return nil
	}
	nw.closed = true
	if err := nw.w.Flush(); err != nil {
		return fmt.Errorf("rdfio: writing %s: %w", nw.format(), err)
	}
	return nil
}

// format is the format's short name, for error messages.
func (nw *ntWriter) format() string {
	if nw.quads {
		return "nq"
	}
	return "nt"
}

// ntAppendTerm writes t as rdf.Term.AppendNT does, except that blank node
// labels that the grammar does not allow are encoded (see codec.WriteBlankLabel).
func ntAppendTerm(b *strings.Builder, t rdf.Term) {
	if t.IsBlank() {
		b.WriteString("_:")
		codec.WriteBlankLabel(b, t.Value)
		return
	}
	t.AppendNT(b)
}
