package codec

import (
	"errors"
	"fmt"
)

// SyntaxError is an input that does not follow the format's grammar. Line
// and Col are 1-based; Col counts characters, not bytes. Line 0 means the
// error concerns the document as a whole (JSON-LD processing errors).
type SyntaxError struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string {
	if e.Line <= 0 {
		return FileName(e.File) + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", FileName(e.File), e.Line, e.Col, e.Msg)
}

// FileName is ParseOptions.File as error messages name it.
func FileName(file string) string {
	if file == "" {
		return "<input>"
	}
	return file
}

// ErrClosed is returned by Write after Close.
var ErrClosed = errors.New("rdfio: write after Close")

// ErrCannotStream is returned by rdfio.NewGroupWriter for output that
// needs the whole graph.
var ErrCannotStream = errors.New("rdfio: cannot stream")
