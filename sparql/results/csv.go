package results

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// askColumn is the header under which CSV and TSV carry an ASK answer; the
// SPARQL 1.1 CSV/TSV note defines no form for booleans, so this follows
// the convention of Apache Jena.
const askColumn = "_askResult"

// csvWriter writes text/csv: lexical forms only, so types are lost.
type csvWriter struct {
	sink
	cw *csv.Writer
}

func (c *csvWriter) csv() *csv.Writer {
	if c.cw == nil {
		c.cw = csv.NewWriter(c.w)
		c.cw.UseCRLF = true
	}
	return c.cw
}

func (c *csvWriter) record(fields []string) error {
	if c.err == nil {
		c.err = c.csv().Write(fields)
	}
	return c.err
}

func (c *csvWriter) Head(vars []string) error {
	if err := c.begin(0, 1); err != nil {
		return err
	}
	c.names = vars
	return c.record(vars)
}

func (c *csvWriter) Row(vals []rdf.Term) error {
	if err := c.checkRow(vals); err != nil {
		return err
	}
	fields := make([]string, len(vals))
	for i, t := range vals {
		switch t.Kind {
		case rdf.KindBlank:
			fields[i] = "_:" + t.Value
		default:
			fields[i] = t.Value
		}
	}
	return c.record(fields)
}

func (c *csvWriter) Boolean(b bool) error {
	if err := c.begin(0, 2); err != nil {
		return err
	}
	c.record([]string{askColumn})
	return c.record([]string{strconv.FormatBool(b)})
}

func (c *csvWriter) Close() error {
	if c.state == 0 {
		return errOrder
	}
	c.state = 3
	if c.err == nil {
		c.csv().Flush()
		c.err = c.csv().Error()
	}
	return c.flush()
}

// readCSV reads text/csv. CSV cannot tell IRIs from literals, so every
// non-empty value is read as a simple literal except "_:label", which is a
// blank node; an empty field is unbound.
func readCSV(r io.Reader) (*Table, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("results: CSV: no header line")
	}
	if err != nil {
		return nil, fmt.Errorf("results: CSV: %w", err)
	}
	t := &Table{Vars: head}
	if len(head) == 1 && head[0] == askColumn {
		return readAsk(t, func() ([]string, error) { return cr.Read() })
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return nil, fmt.Errorf("results: CSV: %w", err)
		}
		if len(rec) != len(head) {
			line, _ := cr.FieldPos(0)
			return nil, fmt.Errorf("results: CSV line %d: %d fields for %d variables", line, len(rec), len(head))
		}
		row := make([]rdf.Term, len(rec))
		for i, f := range rec {
			switch {
			case f == "":
			case strings.HasPrefix(f, "_:"):
				row[i] = rdf.Blank(f[2:])
			default:
				row[i] = rdf.Literal(f)
			}
		}
		t.Rows = append(t.Rows, row)
	}
}

// readAsk reads the single true/false line of a CSV or TSV ASK answer.
func readAsk(t *Table, next func() ([]string, error)) (*Table, error) {
	rec, err := next()
	if err != nil || len(rec) != 1 {
		return nil, fmt.Errorf("results: boolean answer missing")
	}
	b, err := strconv.ParseBool(strings.TrimSpace(rec[0]))
	if err != nil {
		return nil, fmt.Errorf("results: boolean answer %q", rec[0])
	}
	t.Vars, t.Boolean = nil, &b
	return t, nil
}
