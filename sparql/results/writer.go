package results

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/stadleuven/maturity/rdf"
)

// Writer streams one query result. For a SELECT result call Head once,
// Row for every solution (values aligned with the head's variables, the
// zero Term for unbound) and Close; for an ASK result call Boolean and
// Close. Close flushes but does not close the underlying io.Writer.
type Writer interface {
	Head(vars []string) error
	Row(vals []rdf.Term) error
	Boolean(b bool) error
	Close() error
}

// NewWriter returns a streaming writer of format f. An unknown format
// returns a Writer whose every call fails.
func NewWriter(w io.Writer, f Format) Writer {
	base := sink{w: bufio.NewWriter(w)}
	switch f {
	case JSON:
		return &jsonWriter{sink: base}
	case XML:
		return &xmlWriter{sink: base}
	case CSV:
		return &csvWriter{sink: base}
	case TSV:
		return &tsvWriter{sink: base}
	}
	return &failWriter{err: fmt.Errorf("results: cannot write format %v", f)}
}

// errOrder is returned when Head, Row and Boolean are called out of order.
var errOrder = errors.New("results: writer calls out of order (Head, Row…, Close or Boolean, Close)")

// sink holds the buffered output, the first error, and the protocol state
// shared by all writers.
type sink struct {
	w     *bufio.Writer
	err   error
	state int      // 0 fresh, 1 head written, 2 boolean written, 3 closed
	names []string // the head's variables
	nrows int
}

func (s *sink) str(v string) {
	if s.err == nil {
		_, s.err = s.w.WriteString(v)
	}
}

func (s *sink) byte(c byte) {
	if s.err == nil {
		s.err = s.w.WriteByte(c)
	}
}

// begin moves from state from to state to, or fails.
func (s *sink) begin(from, to int) error {
	if s.err != nil {
		return s.err
	}
	if s.state != from {
		return errOrder
	}
	s.state = to
	return nil
}

func (s *sink) checkRow(vals []rdf.Term) error {
	if s.err != nil {
		return s.err
	}
	if s.state != 1 {
		return errOrder
	}
	if len(vals) != len(s.names) {
		return fmt.Errorf("results: row has %d values for %d variables", len(vals), len(s.names))
	}
	s.nrows++
	return nil
}

func (s *sink) flush() error {
	if s.err == nil {
		s.err = s.w.Flush()
	}
	return s.err
}

type failWriter struct{ err error }

func (f *failWriter) Head([]string) error  { return f.err }
func (f *failWriter) Row([]rdf.Term) error { return f.err }
func (f *failWriter) Boolean(bool) error   { return f.err }
func (f *failWriter) Close() error         { return f.err }
