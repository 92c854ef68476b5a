package assess

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// CSVError is a problem in an input file, with the place it was found.
// Row counts lines of the file as a spreadsheet shows them (1 = header);
// Col counts columns from 1. Row or Col is 0 when the problem is not in one
// place (an empty file, a missing column).
type CSVError struct {
	File     string
	Row, Col int
	Column   string // the column's header, when known
	Msg      string // Dutch
	MsgEN    string // English
}

func (e *CSVError) Error() string { return e.format(e.Msg, "rij", "kolom") }

// English returns the message in English.
func (e *CSVError) English() string { return e.format(e.MsgEN, "row", "column") }

func (e *CSVError) format(msg, row, col string) string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Row > 0 {
		fmt.Fprintf(&b, ": %s %d", row, e.Row)
	}
	if e.Col > 0 {
		fmt.Fprintf(&b, ", %s %d", col, e.Col)
		if e.Column != "" {
			fmt.Fprintf(&b, " (%s)", e.Column)
		}
	} else if e.Column != "" {
		fmt.Fprintf(&b, ": %s %q", col, e.Column)
	}
	b.WriteString(": ")
	b.WriteString(msg)
	return b.String()
}

// table is a parsed CSV file: a header and rows, each cell trimmed.
type table struct {
	file   string
	header []string // as in the file, trimmed
	rows   [][]string
	lines  []int          // the file line each row starts on
	index  map[string]int // lower-case header → column: headers match in any case
}

// cell returns the value of column name (any case) in row i ("" if the
// column is absent).
func (t *table) cell(i int, name string) string {
	c, ok := t.index[strings.ToLower(name)]
	if !ok {
		return ""
	}
	return t.rows[i][c]
}

// errAt builds an error for row i (0-based data row) and a named column.
func (t *table) errAt(i int, column, nl, en string) *CSVError {
	col := 0
	if c, ok := t.index[strings.ToLower(column)]; ok {
		col = c + 1
		column = t.header[c]
	}
	return &CSVError{File: t.file, Row: t.lines[i], Col: col, Column: column, Msg: nl, MsgEN: en}
}

// readTable reads a CSV file with a header row, after NormaliseCSV (so
// the encodings and separators Excel writes in Flanders are read too). It
// rejects what spreadsheet exports typically get wrong: an empty file,
// rows with a different number of cells, and duplicate or empty headers.
func readTable(r io.Reader, file string) (*table, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if data, _, err = NormaliseCSV(data); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &CSVError{File: file, Msg: "het bestand is leeg", MsgEN: "the file is empty"}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	var records [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &CSVError{File: file, Row: pe.Line, Col: pe.Column,
					Msg: "ongeldige CSV: " + pe.Err.Error(), MsgEN: "invalid CSV: " + pe.Err.Error()}
			}
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		records = append(records, rec)
		lines = append(lines, line)
	}
	t := &table{file: file, index: map[string]int{}}
	header := records[0]
	for c, h := range header {
		h = strings.TrimSpace(h)
		key := strings.ToLower(h)
		if h == "" {
			return nil, &CSVError{File: file, Row: 1, Col: c + 1, Msg: "lege kolomkop", MsgEN: "empty column header"}
		}
		if _, dup := t.index[key]; dup {
			return nil, &CSVError{File: file, Row: 1, Col: c + 1, Column: h, Msg: "kolom komt twee keer voor", MsgEN: "duplicate column"}
		}
		t.index[key] = c
		t.header = append(t.header, h)
	}
	for i, rec := range records[1:] {
		line := lines[i+1]
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		if len(rec) != len(header) {
			col := min(len(rec), len(header)) + 1
			return nil, &CSVError{File: file, Row: line, Col: col,
				Msg:   fmt.Sprintf("rij heeft %d cellen, de kop %d", len(rec), len(header)),
				MsgEN: fmt.Sprintf("row has %d cells, the header %d", len(rec), len(header))}
		}
		row := make([]string, len(rec))
		for c, v := range rec {
			row[c] = strings.TrimSpace(v)
		}
		t.rows = append(t.rows, row)
		t.lines = append(t.lines, line)
	}
	if len(t.rows) == 0 {
		return nil, &CSVError{File: file, Row: 2, Msg: "het bestand heeft alleen een kop en geen gegevens", MsgEN: "the file has a header but no data"}
	}
	return t, nil
}

// require checks that every named column is present.
func (t *table) require(cols ...string) error {
	for _, c := range cols {
		if _, ok := t.index[strings.ToLower(c)]; !ok {
			return &CSVError{File: t.file, Row: 1, Column: c,
				Msg:   fmt.Sprintf("kolom %q ontbreekt (kolommen: %s)", c, strings.Join(t.header, ", ")),
				MsgEN: fmt.Sprintf("column %q is missing (columns: %s)", c, strings.Join(t.header, ", "))}
		}
	}
	return nil
}
