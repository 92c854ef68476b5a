package assess

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/stadleuven/maturity/mappings"
	"github.com/stadleuven/maturity/mappings/rml"
	"github.com/stadleuven/maturity/rdf"
)

// sources are the in-memory CSV files a mapping reads, by the name its
// rml:source uses.
type sources map[string]*bytes.Buffer

// declare starts a source with its header; a source may stay without rows.
func (s sources) declare(name string, header ...string) {
	b := &bytes.Buffer{}
	w := csv.NewWriter(b)
	_ = w.Write(header) // writes to a bytes.Buffer cannot fail
	w.Flush()
	s[name] = b
}

// add appends a row to a declared source.
func (s sources) add(name string, row ...string) {
	w := csv.NewWriter(s[name])
	_ = w.Write(row)
	w.Flush()
}

func (s sources) open(name string) (io.ReadCloser, error) {
	name = strings.TrimPrefix(name, "./")
	if b, ok := s[name]; ok {
		return io.NopCloser(bytes.NewReader(b.Bytes())), nil
	}
	return nil, fmt.Errorf("assess: the mapping reads %q, which is not one of the sources this import provides", name)
}

// runMapping parses an RML mapping document and runs it over the sources open returns,
// collecting the quads. doc names the mapping in error messages.
func runMapping(ctx context.Context, base, doc string, r io.Reader, open func(string) (io.ReadCloser, error)) ([]rdf.Quad, error) {
	m, err := mappings.Parse(r, mappings.Options{Base: base, File: doc})
	if err != nil {
		return nil, fmt.Errorf("assess: mapping %s: %w", doc, err)
	}
	var out []rdf.Quad
	err = m.Run(ctx, open, func(q rdf.Quad) error {
		out = append(out, q)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("assess: run mapping %s: %w", doc, err)
	}
	return out, nil
}

// shippedMapping opens one of the mapping documents in mappings/rml.
func shippedMapping(name string) (io.ReadCloser, error) {
	f, err := rml.Files().Open(name)
	if err != nil {
		return nil, fmt.Errorf("assess: %w", err)
	}
	return f, nil
}
