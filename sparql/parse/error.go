package parse

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is a syntax or static-semantics error in a query. Line and Col are
// 1-based; Col counts characters (not bytes).
type Error struct {
	Line, Col int
	Msg       string
	// Snippet is the offending line with a caret under Col, for showing to
	// people; Error() leaves it out so messages stay one line.
	Snippet string
}

// Error returns "line:col: msg".
func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// newError locates the byte offset off in src.
func newError(src string, off int, msg string) *Error {
	if off > len(src) {
		off = len(src)
	}
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	col := utf8.RuneCountInString(src[start:off]) + 1
	end := strings.IndexByte(src[start:], '\n')
	if end < 0 {
		end = len(src) - start
	}
	text := strings.TrimRight(src[start:start+end], "\r")
	// Keep tabs in the caret line so the caret lines up under them.
	var caret strings.Builder
	for _, r := range src[start:off] {
		if r == '\t' {
			caret.WriteByte('\t')
		} else {
			caret.WriteByte(' ')
		}
	}
	caret.WriteByte('^')
	snippet := text + "\n" + caret.String()
	return &Error{Line: line, Col: col, Msg: msg, Snippet: snippet}
}
