package results

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// tsvWriter writes text/tab-separated-values: terms in N-Triples form, so
// nothing is lost.
type tsvWriter struct{ sink }

func (w *tsvWriter) Head(vars []string) error {
	if err := w.begin(0, 1); err != nil {
		return err
	}
	w.names = vars
	for i, v := range vars {
		if i > 0 {
			w.byte('\t')
		}
		w.str("?" + v)
	}
	w.byte('\n')
	return w.err
}

func (w *tsvWriter) Row(vals []rdf.Term) error {
	if err := w.checkRow(vals); err != nil {
		return err
	}
	for i, t := range vals {
		if i > 0 {
			w.byte('\t')
		}
		// N-Triples escapes tabs and newlines inside literals, and IRIs
		// cannot contain them, so a field never spans a separator.
		w.str(t.String())
	}
	w.byte('\n')
	return w.err
}

func (w *tsvWriter) Boolean(b bool) error {
	if err := w.begin(0, 2); err != nil {
		return err
	}
	w.str("?" + askColumn + "\n" + strconv.FormatBool(b) + "\n")
	return w.err
}

func (w *tsvWriter) Close() error {
	if w.state == 0 {
		return errOrder
	}
	w.state = 3
	return w.flush()
}

// readTSV reads text/tab-separated-values. Terms are N-Triples terms or
// the Turtle abbreviations for numbers and booleans; an empty field is
// unbound.
func readTSV(r io.Reader) (*Table, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	line := 0
	next := func() ([]string, bool) {
		if !sc.Scan() {
			return nil, false
		}
		line++
		return strings.Split(strings.TrimSuffix(sc.Text(), "\r"), "\t"), true
	}
	head, ok := next()
	if !ok {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("results: TSV: %w", err)
		}
		return nil, fmt.Errorf("results: TSV: no header line")
	}
	t := &Table{}
	if len(head) == 1 && head[0] == "" {
		head = nil // a result with no variables
	}
	for _, h := range head {
		h = strings.TrimSpace(h)
		if !strings.HasPrefix(h, "?") && !strings.HasPrefix(h, "$") {
			return nil, fmt.Errorf("results: TSV line 1: variable %q lacks ? or $", h)
		}
		t.Vars = append(t.Vars, h[1:])
	}
	if len(t.Vars) == 1 && t.Vars[0] == askColumn {
		return readAsk(t, func() ([]string, error) {
			rec, ok := next()
			if !ok {
				return nil, io.EOF
			}
			return rec, nil
		})
	}
	for {
		rec, ok := next()
		if !ok {
			break
		}
		if len(t.Vars) == 0 && len(rec) == 1 && rec[0] == "" {
			t.Rows = append(t.Rows, []rdf.Term{})
			continue
		}
		if len(rec) != len(t.Vars) {
			return nil, fmt.Errorf("results: TSV line %d: %d fields for %d variables", line, len(rec), len(t.Vars))
		}
		row := make([]rdf.Term, len(rec))
		for i, f := range rec {
			term, err := ParseTerm(strings.TrimSpace(f))
			if err != nil {
				return nil, fmt.Errorf("results: TSV line %d, field %d: %w", line, i+1, err)
			}
			row[i] = term
		}
		t.Rows = append(t.Rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("results: TSV: %w", err)
	}
	return t, nil
}
