package results

import (
	"fmt"
	"io"
	"slices"

	"github.com/stadleuven/maturity/rdf"
)

// Table is a whole query result: the variables and solutions of a SELECT
// (zero Term = unbound), or the answer of an ASK in Boolean.
type Table struct {
	Vars    []string
	Rows    [][]rdf.Term
	Boolean *bool
}

// Read parses a complete result document in format f.
func Read(r io.Reader, f Format) (*Table, error) {
	switch f {
	case JSON:
		return readJSON(r)
	case XML:
		return readXML(r)
	case CSV:
		return readCSV(r)
	case TSV:
		return readTSV(r)
	}
	return nil, fmt.Errorf("results: cannot read format %v", f)
}

// Write writes the whole table in format f.
func (t *Table) Write(w io.Writer, f Format) error {
	rw := NewWriter(w, f)
	if t.Boolean != nil {
		if err := rw.Boolean(*t.Boolean); err != nil {
			return err
		}
		return rw.Close()
	}
	if err := rw.Head(t.Vars); err != nil {
		return err
	}
	for _, row := range t.Rows {
		if err := rw.Row(row); err != nil {
			return err
		}
	}
	return rw.Close()
}

// set binds name in row, adding the variable to the table when a solution
// binds one the head did not declare (the formats allow that).
func (t *Table) set(row *[]rdf.Term, name string, v rdf.Term) {
	i := slices.Index(t.Vars, name)
	if i < 0 {
		t.Vars = append(t.Vars, name)
		i = len(t.Vars) - 1
		for j := range t.Rows {
			t.Rows[j] = append(t.Rows[j], rdf.Term{})
		}
	}
	for len(*row) < len(t.Vars) {
		*row = append(*row, rdf.Term{})
	}
	(*row)[i] = v
}
