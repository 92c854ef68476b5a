package w3c

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/results"
)

// Expected is what a test's mf:result holds: a solution table (from .srx,
// .srj, .tsv, .csv or an rs:ResultSet graph) or, for CONSTRUCT and
// DESCRIBE, a graph.
type Expected struct {
	Table *results.Table
	Graph []rdf.Quad
	// CSV: the table came from a .csv file, which has lost the terms'
	// kinds and datatypes, so an answer must be compared as CSV too.
	CSV bool
}

// ReadExpected loads the result file named by a file IRI.
func ReadExpected(iri string) (*Expected, error) {
	path, ok := LocalPath(iri)
	if !ok {
		return nil, fmt.Errorf("result %s is not a file", iri)
	}
	if f, err := results.ParseFormat(strings.ToLower(filepath.Ext(path))); err == nil {
		in, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer in.Close()
		t, err := results.Read(in, f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return &Expected{Table: t, CSV: f == results.CSV}, nil
	}
	qs, err := ReadData(path, rdf.Term{}, "e")
	if err != nil {
		return nil, err
	}
	if t, ok := ResultSetGraph(qs); ok {
		return &Expected{Table: t}, nil
	}
	return &Expected{Graph: qs}, nil
}
