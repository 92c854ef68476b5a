package mappings

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
)

// Run executes the mapping. open returns the data of a source named in the
// mapping (its rml:path, or the literal of a legacy rml:source); emit
// receives every generated quad, in a deterministic order. Each source is
// read once per run; sources are held in memory, because joins need their
// parent rows anyway and the CSVs this tool maps are small.
func (m *Mapping) Run(ctx context.Context, open func(source string) (io.ReadCloser, error), emit func(rdf.Quad) error) error {
	tables := map[string]*table{}
	load := func(src logicalSource) (*table, error) {
		if t, ok := tables[src.path]; ok {
			return t, nil
		}
		t, err := readTable(src, open)
		if err != nil {
			return nil, err
		}
		tables[src.path] = t
		return t, nil
	}
	for _, tm := range m.maps {
		t, err := load(tm.source)
		if err != nil {
			return fmt.Errorf("mapping %s, triples map %s: %w", m.file, tm.name, err)
		}
		if err := m.runMap(ctx, tm, t, load, emit); err != nil {
			return fmt.Errorf("mapping %s, triples map %s: %w", m.file, tm.name, err)
		}
	}
	return nil
}

func (m *Mapping) runMap(ctx context.Context, tm *triplesMap, t *table, load func(logicalSource) (*table, error), emit func(rdf.Quad) error) error {
	// Index the parents of referencing object maps once.
	parents := map[*triplesMap]*parentIndex{}
	for _, pom := range tm.poms {
		for _, ref := range pom.refs {
			if _, ok := parents[ref.parent]; ok || len(ref.joins) == 0 {
				continue
			}
			pt, err := load(ref.parent.source)
			if err != nil {
				return err
			}
			idx, err := indexParent(ref, pt)
			if err != nil {
				return err
			}
			parents[ref.parent] = idx
		}
	}
	for i := range t.rows {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		r := t.row(i)
		s, ok, err := tm.subject.generate(r, tm.base)
		if err != nil {
			return r.errorf("subject: %v", err)
		}
		if !ok {
			continue
		}
		sgraphs, err := generateAll(tm.graphs, r, tm.base)
		if err != nil {
			return r.errorf("graph: %v", err)
		}
		for _, c := range tm.classes {
			if err := emitInGraphs(emit, s, rdfType, c, sgraphs, nil); err != nil {
				return err
			}
		}
		for _, pom := range tm.poms {
			preds, err := generateAll(pom.predicates, r, tm.base)
			if err != nil {
				return r.errorf("predicate: %v", err)
			}
			graphs, err := generateAll(pom.graphs, r, tm.base)
			if err != nil {
				return r.errorf("graph: %v", err)
			}
			objs, err := generateAll(pom.objects, r, tm.base)
			if err != nil {
				return r.errorf("object: %v", err)
			}
			for _, ref := range pom.refs {
				more, err := referencedSubjects(ref, r, parents[ref.parent], tm)
				if err != nil {
					return r.errorf("%v", err)
				}
				objs = append(objs, more...)
			}
			for _, p := range preds {
				for _, o := range objs {
					if err := emitInGraphs(emit, s, p, o, sgraphs, graphs); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

func generateAll(maps []*termMap, r *tableRow, base string) ([]rdf.Term, error) {
	var out []rdf.Term
	for _, m := range maps {
		t, ok, err := m.generate(r, base)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, t)
		}
	}
	return out, nil
}

// emitInGraphs writes the triple into every graph of the subject map and the
// predicate-object map, or into the default graph when there are none.
func emitInGraphs(emit func(rdf.Quad) error, s, p, o rdf.Term, a, b []rdf.Term) error {
	if len(a)+len(b) == 0 {
		return emit(rdf.Quad{S: s, P: p, O: o})
	}
	seen := map[rdf.Term]bool{}
	for _, g := range append(append([]rdf.Term(nil), a...), b...) {
		if g == rmlDefaultGraph {
			g = rdf.Term{}
		}
		if seen[g] {
			continue
		}
		seen[g] = true
		if err := emit(rdf.Quad{S: s, P: p, O: o, G: g}); err != nil {
			return err
		}
	}
	return nil
}

// parentIndex maps the joined parent column values to parent rows.
type parentIndex struct {
	table *table
	rows  map[string][]int
}

func indexParent(ref refObjectMap, pt *table) (*parentIndex, error) {
	idx := &parentIndex{table: pt, rows: map[string][]int{}}
	for i := range pt.rows {
		r := pt.row(i)
		key, ok, err := joinKey(r, ref.joins, false)
		if err != nil {
			return nil, err
		}
		if ok {
			idx.rows[key] = append(idx.rows[key], i)
		}
	}
	return idx, nil
}

func joinKey(r *tableRow, joins []joinCondition, child bool) (string, bool, error) {
	var b strings.Builder
	for _, j := range joins {
		col := j.parent
		if child {
			col = j.child
		}
		v, null, err := r.value(col)
		if err != nil || null {
			return "", false, err
		}
		b.WriteString(v)
		b.WriteByte(0)
	}
	return b.String(), true, nil
}

func referencedSubjects(ref refObjectMap, r *tableRow, idx *parentIndex, tm *triplesMap) ([]rdf.Term, error) {
	if len(ref.joins) == 0 {
		if ref.parent.source.path != tm.source.path {
			return nil, fmt.Errorf("parent triples map %s has another logical source, so it needs a join condition", ref.parent.name)
		}
		s, ok, err := ref.parent.subject.generate(r, ref.parent.base)
		if err != nil || !ok {
			return nil, err
		}
		return []rdf.Term{s}, nil
	}
	key, ok, err := joinKey(r, ref.joins, true)
	if err != nil || !ok {
		return nil, err
	}
	var out []rdf.Term
	for _, i := range idx.rows[key] {
		s, ok, err := ref.parent.subject.generate(idx.table.row(i), ref.parent.base)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, s)
		}
	}
	return out, nil
}

// table is a CSV source: a header and its records.
type table struct {
	path   string
	header map[string]int
	rows   [][]string
	nulls  map[string]bool
}

func readTable(src logicalSource, open func(string) (io.ReadCloser, error)) (*table, error) {
	rc, err := open(src.path)
	if err != nil {
		return nil, fmt.Errorf("source %q: %w", src.path, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("source %q: %w", src.path, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("source %q is not UTF-8", src.path)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	records, err := cr.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("source %q: CSV line %d, column %d: %v", src.path, pe.Line, pe.Column, pe.Err)
		}
		return nil, fmt.Errorf("source %q: %w", src.path, err)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("source %q is empty: no header row", src.path)
	}
	t := &table{path: src.path, header: map[string]int{}, rows: records[1:], nulls: src.nulls}
	for i, h := range records[0] {
		t.header[h] = i
	}
	return t, nil
}

func (t *table) row(i int) *tableRow { return &tableRow{t: t, i: i} }

// tableRow is one CSV record; its errors name the source, line and column.
type tableRow struct {
	t *table
	i int
}

func (r *tableRow) index() int { return r.i }

func (r *tableRow) value(column string) (string, bool, error) {
	c, ok := r.t.header[column]
	if !ok {
		return "", false, fmt.Errorf("source %q has no column %q", r.t.path, column)
	}
	v := r.t.rows[r.i][c]
	return v, r.t.nulls[v], nil
}

func (r *tableRow) errorf(format string, args ...any) error {
	// Line numbers count the header as line 1.
	return fmt.Errorf("source %q, line %d: %s", r.t.path, r.i+2, fmt.Sprintf(format, args...))
}
