package rdfio_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/iotest"

	"github.com/stadleuven/maturity/internal/w3c"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// TestW3C runs the W3C rdf-tests suites for Turtle, N-Triples and RDF/XML
// through the parsers. Evaluation tests must give the expected N-Triples up
// to blank-node renaming, positive syntax tests must parse, and negative
// tests must fail with an *rdfio.SyntaxError that has a line and a column.
// The counts per test type must stay at or above the floors in internal/w3c,
// which internal/conformance holds the store to as well.
func TestW3C(t *testing.T) {
	w3c.RunSyntaxSuites(t, "", runSyntaxTest)
}

func runSyntaxTest(t *testing.T, s w3c.SyntaxSuite, dir string, tc w3c.SyntaxTest) {
	opts := rdfio.ParseOptions{Base: tc.Action}
	path := w3c.SuitePath(dir, s.Base, tc.Action)
	got, err := w3c.ReadFile(path, s.Format, opts)
	// Byte-at-a-time reading moves every buffer boundary into the middle
	// of tokens; results, their order and errors must not change.
	slow, slowErr := readOneByteAtATime(path, s.Format, opts)
	if fmt.Sprint(err) != fmt.Sprint(slowErr) || !slices.Equal(got, slow) {
		t.Errorf("one byte at a time gives %v, %d quads; whole file %v, %d quads", slowErr, len(slow), err, len(got))
	}
	switch w3c.KindOf(tc.Type) {
	case w3c.Eval:
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		want, err := w3c.ReadFile(w3c.SuitePath(dir, s.Base, tc.Result), rdfio.NTriples, rdfio.ParseOptions{})
		if err != nil {
			t.Fatalf("expected result: %v", err)
		}
		if !rdf.Isomorphic(got, want) {
			t.Errorf("not isomorphic\ngot:\n%s\nwant:\n%s", w3c.NQuads(got), w3c.NQuads(want))
		}
	case w3c.Positive:
		if err != nil {
			t.Errorf("rejected valid input: %v", err)
		}
	case w3c.Negative:
		if bad := w3c.CheckSyntaxError(err); bad != nil {
			t.Errorf("%v (%d triples)", bad, len(got))
		}
	default:
		t.Skipf("unknown test type %s", tc.Type)
	}
}

func readOneByteAtATime(path string, f rdfio.Format, opts rdfio.ParseOptions) ([]rdf.Quad, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	opts.File = filepath.Base(path)
	var qs []rdf.Quad
	err = rdfio.Parse(iotest.OneByteReader(bytes.NewReader(data)), f, opts, func(q rdf.Quad) error {
		qs = append(qs, q)
		return nil
	})
	return qs, err
}
