package rdfio

import (
	"io"
	"os"
	"path/filepath"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
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
	return rdftest.ParseString(readParser(f), s, opts)
}

// readParser is Parse for format f, as rdftest takes readers.
func readParser(f Format) rdftest.ParseFunc {
	return func(r io.Reader, opts ParseOptions, emit func(rdf.Quad) error) error {
		return Parse(r, f, opts, emit)
	}
}

func readNQuadsOf(qs []rdf.Quad) string { return rdftest.NQuadsOf(qs) }
