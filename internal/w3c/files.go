package w3c

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// FileIRI is the file: IRI of a local path. The SPARQL tests name every
// document by it, so that relative IRIs in queries, data and results agree.
func FileIRI(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// LocalPath is the inverse of FileIRI; false for any other IRI.
func LocalPath(iri string) (string, bool) {
	u, err := url.Parse(iri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	return filepath.FromSlash(u.Path), true
}

// SuitePath maps an IRI under a suite's published base (its
// mf:assumedTestBase) to its file in dir.
func SuitePath(dir, base, iri string) string {
	return filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(iri, base)))
}

// ReadFile parses a whole file in format f. opts.File defaults to the
// file's name, so that syntax errors name it.
func ReadFile(path string, f rdfio.Format, opts rdfio.ParseOptions) ([]rdf.Quad, error) {
	in, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	if opts.File == "" {
		opts.File = filepath.Base(path)
	}
	var qs []rdf.Quad
	err = rdfio.Parse(in, f, opts, func(q rdf.Quad) error {
		qs = append(qs, q)
		return nil
	})
	return qs, err
}

// ReadData parses a test document (Turtle, RDF/XML, ... by its extension)
// with its file IRI as base, its triples going into graph g and its blank
// nodes prefixed, so that each load gets blank nodes of its own.
func ReadData(path string, g rdf.Term, blankPrefix string) ([]rdf.Quad, error) {
	var qs []rdf.Quad
	err := ParseData(path, g, blankPrefix, func(q rdf.Quad) error {
		qs = append(qs, q)
		return nil
	})
	return qs, err
}

// ParseData is ReadData streaming into emit, for callers that load a test
// document elsewhere (into a store) instead of into memory.
func ParseData(path string, g rdf.Term, blankPrefix string, emit func(rdf.Quad) error) error {
	f := rdfio.FormatForExt(path)
	if f == rdfio.FormatUnknown {
		return fmt.Errorf("%s: unknown RDF format", path)
	}
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	opts := rdfio.ParseOptions{Base: FileIRI(path), File: path, Graph: g, BlankPrefix: blankPrefix}
	return rdfio.Parse(in, f, opts, emit)
}
