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
	// Msg is the English message; Error() uses it, so logs and tests see
	// one stable text.
	Msg string
	// MsgNL is the same message in Dutch, for people (see Localized).
	MsgNL string
	// Snippet is the offending line with a caret under Col, for showing to
	// people; Error() leaves it out so messages stay one line.
	Snippet string
}

// Error returns "line:col: msg".
func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Localized returns the message for people in the language lang: Dutch
// ("nl", and the default for "") or English (any other tag), with the
// position spelled out: "regel 3, kolom 7: …" or "line 3, column 7: …".
func (e *Error) Localized(lang string) string {
	if lang == "" || strings.EqualFold(lang, "nl") || strings.HasPrefix(strings.ToLower(lang), "nl-") {
		return fmt.Sprintf("regel %d, kolom %d: %s", e.Line, e.Col, e.MsgNL)
	}
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Col, e.Msg)
}

// position returns the 1-based line and column (in characters) of the byte
// offset off in src.
func position(src string, off int) (line, col int) {
	line, start := lineStart(src, off)
	return line, utf8.RuneCountInString(src[start:off]) + 1
}

// lineStart returns the line number of off and the offset its line starts at.
func lineStart(src string, off int) (line, start int) {
	line = 1
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, start
}

// newError locates the byte offset off in src.
func newError(src string, off int, msg, msgNL string) *Error {
	if off > len(src) {
		off = len(src)
	}
	line, start := lineStart(src, off)
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
	return &Error{Line: line, Col: col, Msg: msg, MsgNL: msgNL, Snippet: text + "\n" + caret.String()}
}
