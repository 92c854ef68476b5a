package results

import (
	"bufio"
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

// csvWriter writes text/csv: lexical forms only, so types are lost. The
// record syntax is RFC 4180's, written here rather than by encoding/csv:
// that package, asked for CRLF line ends, drops a carriage return inside a
// field and turns a line feed into CRLF, so a value with "\r" came out
// changed.
type csvWriter struct {
	sink
}

// record writes one CSV record, quoting the fields that need it.
func (c *csvWriter) record(fields []string) error {
	for i, f := range fields {
		if i > 0 {
			c.byte(',')
		}
		// A record of one empty field is written "" so that its line is
		// not empty, which readers skip.
		if strings.ContainsAny(f, ",\"\r\n") || f == "" && len(fields) == 1 || f != "" && (f[0] == ' ' || f[len(f)-1] == ' ') {
			c.byte('"')
			c.str(strings.ReplaceAll(f, `"`, `""`))
			c.byte('"')
			continue
		}
		c.str(f)
	}
	c.str("\r\n")
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
	return c.flush()
}

// readCSV reads text/csv. CSV cannot tell IRIs from literals, so every
// non-empty value is read as a simple literal except "_:label", which is a
// blank node; an empty field is unbound.
func readCSV(r io.Reader) (*Table, error) {
	cr := &csvReader{r: bufio.NewReader(r)}
	head, err := cr.read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("results: CSV: no header line")
	}
	if err != nil {
		return nil, err
	}
	t := &Table{Vars: head}
	if len(head) == 1 && head[0] == askColumn {
		return readAsk(t, cr.read)
	}
	for {
		line := cr.line + 1
		rec, err := cr.read()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return nil, err
		}
		if len(rec) == 1 && rec[0] == "" && len(head) != 1 {
			continue // a blank line
		}
		if len(rec) != len(head) {
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

// csvReader reads RFC 4180 records, keeping every byte of a quoted field
// (encoding/csv turns a quoted CRLF into LF). Records may also end in a
// bare LF.
type csvReader struct {
	r    *bufio.Reader
	line int // lines read so far
}

func (cr *csvReader) read() ([]string, error) {
	if _, err := cr.r.Peek(1); err != nil {
		return nil, io.EOF
	}
	cr.line++
	start := cr.line
	var rec []string
	var f strings.Builder
	quoted, inQuotes, afterQuote := false, false, false
	for {
		c, err := cr.r.ReadByte()
		if err == io.EOF {
			if inQuotes {
				return nil, fmt.Errorf("results: CSV line %d: quoted field not closed", start)
			}
			return append(rec, f.String()), nil
		}
		if err != nil {
			return nil, fmt.Errorf("results: CSV: %w", err)
		}
		if inQuotes {
			switch c {
			case '"':
				if next, _ := cr.r.Peek(1); len(next) == 1 && next[0] == '"' {
					cr.r.ReadByte()
					f.WriteByte('"')
					continue
				}
				inQuotes, afterQuote = false, true
			case '\n':
				cr.line++
				f.WriteByte(c)
			default:
				f.WriteByte(c)
			}
			continue
		}
		switch c {
		case ',':
			rec = append(rec, f.String())
			f.Reset()
			quoted, afterQuote = false, false
			continue
		case '\n':
			return append(rec, f.String()), nil
		case '\r':
			if next, _ := cr.r.Peek(1); len(next) == 1 && next[0] == '\n' {
				continue
			}
		case '"':
			if f.Len() == 0 && !quoted {
				quoted, inQuotes = true, true
				continue
			}
		}
		if afterQuote || quoted {
			return nil, fmt.Errorf("results: CSV line %d: %q after a quoted field", cr.line, c)
		}
		if c == '"' {
			return nil, fmt.Errorf("results: CSV line %d: quote inside an unquoted field", cr.line)
		}
		f.WriteByte(c)
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
