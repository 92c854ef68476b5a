// Package sheet writes CSV for spreadsheet programs safely: a cell of free
// text that a spreadsheet would take for a formula ("=HYPERLINK(…)",
// "+32…", "@SUM(…)", "-2+3") is written as text, with a leading
// apostrophe, as OWASP advises against CSV formula injection. Numbers stay
// numbers: "-1.5" is a value, not a formula.
package sheet

import (
	"encoding/csv"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// number is a plain decimal number as spreadsheets read it, with a point
// or a comma and an optional exponent.
var number = regexp.MustCompile(`^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$`)

// formulaStart reports whether r makes a spreadsheet read a cell as a
// formula (or, for tab and carriage return, hide what follows them): the
// ASCII signs and their full-width forms, which some spreadsheet versions
// read alike.
func formulaStart(r rune) bool {
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '\uff1d', '\uff0b', '\uff0d', '\uff20':
		return true
	}
	return false
}

// Cell returns s as a spreadsheet will take it for text: unchanged, or with
// an apostrophe in front when it would start a formula and is not a plain
// number.
func Cell(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	if s == "" || !formulaStart(r) || number.MatchString(s) {
		return s
	}
	return "'" + s
}

// Writer is a csv.Writer whose cells pass through Cell.
type Writer struct {
	*csv.Writer
}

// NewWriter returns a Writer to w with CRLF line ends, as spreadsheet
// programs expect.
func NewWriter(w io.Writer) *Writer {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &Writer{cw}
}

// Write writes one record, every cell made safe.
func (w *Writer) Write(record []string) error {
	safe := make([]string, len(record))
	for i, c := range record {
		safe[i] = Cell(c)
	}
	return w.Writer.Write(safe)
}

// IsEscaped reports whether a cell read back from a file was escaped by
// Cell (for tests and readers that want the original).
func IsEscaped(cell string) bool {
	rest, ok := strings.CutPrefix(cell, "'")
	return ok && Cell(rest) == cell
}
