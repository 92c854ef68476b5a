package rdfio

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// readTestFile parses a whole file and returns its quads.
func readTestFile(path string, f Format, opts ParseOptions) ([]rdf.Quad, error) {
	in, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	if opts.File == "" {
		opts.File = filepath.Base(path)
	}
	var qs []rdf.Quad
	err = Parse(in, f, opts, func(q rdf.Quad) error {
		qs = append(qs, q)
		return nil
	})
	return qs, err
}

// readTestString parses a document held in a string.
func readTestString(s string, f Format, opts ParseOptions) ([]rdf.Quad, error) {
	var qs []rdf.Quad
	err := Parse(strings.NewReader(s), f, opts, func(q rdf.Quad) error {
		qs = append(qs, q)
		return nil
	})
	return qs, err
}

func readNQuadsOf(qs []rdf.Quad) string {
	lines := make([]string, len(qs))
	for i, q := range qs {
		lines[i] = q.String()
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
