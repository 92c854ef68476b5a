package parse

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/sparql/budget"
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
	// Limit is set when the query breaks a size limit rather than the
	// grammar.
	Limit *budget.Error
}

// Unwrap returns the limit the query broke, if any, so that
// errors.Is(err, budget.ErrLimit) holds for it.
func (e *Error) Unwrap() error {
	if e.Limit == nil {
		return nil
	}
	return e.Limit
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

// snippetReach is how many bytes of the offending line the snippet shows on
// each side of the column: a query on one long line (generated queries
// often are) would otherwise be copied whole into every error.
const snippetReach = 80

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
	end += start
	// Cut the line to a window around the column, at rune boundaries.
	from, to, lead, trail := start, end, "", ""
	if off-from > snippetReach {
		from = off - snippetReach
		for from < off && !utf8.RuneStart(src[from]) {
			from++
		}
		lead = "…"
	}
	if to-off > snippetReach {
		to = off + snippetReach
		for to > off && !utf8.RuneStart(src[to]) {
			to--
		}
		trail = "…"
	}
	text := lead + strings.TrimRight(src[from:to], "\r") + trail
	// Keep tabs in the caret line so the caret lines up under them.
	var caret strings.Builder
	if lead != "" {
		caret.WriteByte(' ')
	}
	for _, r := range src[from:off] {
		if r == '\t' {
			caret.WriteByte('\t')
		} else {
			caret.WriteByte(' ')
		}
	}
	caret.WriteByte('^')
	return &Error{Line: line, Col: col, Msg: msg, MsgNL: msgNL, Snippet: text + "\n" + caret.String()}
}
