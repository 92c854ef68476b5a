package codec

import (
	"fmt"
	"io"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// GroupMax bounds the triples of one subject held at a time.
const GroupMax = 4096

// GroupFormat writes the parts of a streamed document (rdfio.NewGroupWriter).
type GroupFormat interface {
	Head(b *strings.Builder) error
	// Group writes one subject's triples: sorted, without duplicates, graph
	// names dropped; first tells whether it is the document's first.
	Group(b *strings.Builder, ts []rdf.Quad, first bool) error
	Tail(b *strings.Builder) error
}

// NewGroupWriter returns a Writer that gathers the triples of the current
// subject and hands each finished group, or each GroupMax triples of a
// larger one, to f.
func NewGroupWriter(out io.Writer, f GroupFormat) Writer {
	return &groupWriter{out: out, g: f}
}

type groupWriter struct {
	out     io.Writer
	g       GroupFormat
	b       strings.Builder
	cur     []rdf.Quad
	started bool // head written
	groups  int
	closed  bool
	err     error
}

func (gw *groupWriter) Write(q rdf.Quad) error {
	if gw.closed {
		return ErrClosed
	}
	if gw.err != nil {
		return gw.err
	}
	if err := CheckQuad(q); err != nil {
		return err
	}
	q.G = rdf.Term{}
	if len(gw.cur) > 0 && (q.S != gw.cur[0].S || len(gw.cur) >= GroupMax) {
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
		if err := gw.g.Head(&gw.b); err != nil {
			gw.err = err
			return err
		}
	}
	if len(gw.cur) > 0 {
		ts := SortQuads(gw.cur, CompareTriple)
		if err := gw.g.Group(&gw.b, ts, gw.groups == 0); err != nil {
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
	if err := gw.g.Tail(&gw.b); err != nil {
		return err
	}
	if _, err := io.WriteString(gw.out, gw.b.String()); err != nil {
		return fmt.Errorf("rdfio: writing: %w", err)
	}
	return nil
}
