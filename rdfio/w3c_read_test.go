package rdfio

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
)

// runW3CSyntaxSuite runs the Turtle or N-Triples tests of an rdf-tests
// manifest. Eval tests compare with the expected N-Triples up to blank node
// renaming; negative tests must fail with a jsonldPosError *SyntaxError.
func runW3CSyntaxSuite(t *testing.T, dir, baseIRI string, f Format, min map[string]int) {
	tests := w3cReadManifest(t, dir, baseIRI)
	counts := readSuiteCounts{}
	for _, tc := range tests {
		pass := t.Run(tc.name, func(t *testing.T) {
			opts := ParseOptions{Base: tc.action}
			path := w3cLocalPath(dir, baseIRI, tc.action)
			got, err := readTestFile(path, f, opts)
			// Byte-at-a-time reading moves every buffer boundary into
			// the middle of tokens; results and errors must not change.
			slow, slowErr := readOneByteAtATime(path, f, opts)
			if fmt.Sprint(err) != fmt.Sprint(slowErr) || readNQuadsOf(got) != readNQuadsOf(slow) {
				t.Errorf("one byte at a time gives %v, %d quads; whole file %v, %d quads", slowErr, len(slow), err, len(got))
			}
			switch tc.typ {
			case "TestTurtleEval":
				if err != nil {
					t.Fatalf("parse: %v", err)
				}
				want, err := readTestFile(w3cLocalPath(dir, baseIRI, tc.result), NTriples, ParseOptions{})
				if err != nil {
					t.Fatalf("expected result: %v", err)
				}
				if !rdf.Isomorphic(got, want) {
					t.Errorf("not isomorphic\ngot:\n%s\nwant:\n%s", readNQuadsOf(got), readNQuadsOf(want))
				}
			case "TestTurtlePositiveSyntax", "TestNTriplesPositiveSyntax", "TestNQuadsPositiveSyntax":
				if err != nil {
					t.Errorf("rejected valid input: %v", err)
				}
			case "TestTurtleNegativeSyntax", "TestTurtleNegativeEval", "TestNTriplesNegativeSyntax", "TestNQuadsNegativeSyntax":
				var se *SyntaxError
				switch {
				case err == nil:
					t.Errorf("accepted invalid input, got %d triples", len(got))
				case !errors.As(err, &se):
					t.Errorf("error is not a *SyntaxError: %v", err)
				case se.Line <= 0 || se.Col <= 0:
					t.Errorf("syntax error without position: %v", err)
				}
			default:
				t.Skipf("unknown test type %s", tc.typ)
			}
		})
		counts.add(tc.typ, pass)
	}
	counts.check(t, dir, min)
}

func TestW3CTurtle(t *testing.T) {
	dir := testtool.Shared(t, "conformance", "turtle")
	runW3CSyntaxSuite(t, dir, "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/", Turtle, map[string]int{
		"TestTurtleEval":           145,
		"TestTurtlePositiveSyntax": 74,
		"TestTurtleNegativeSyntax": 94,
	})
}

func TestW3CNTriples(t *testing.T) {
	dir := testtool.Shared(t, "conformance", "ntriples")
	runW3CSyntaxSuite(t, dir, "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-n-triples/", NTriples, map[string]int{
		"TestNTriplesPositiveSyntax": 41,
		"TestNTriplesNegativeSyntax": 29,
	})
}

func TestW3CRDFXML(t *testing.T) {
	const base = "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-xml/"
	dir := testtool.Shared(t, "conformance", "rdfxml")
	counts := readSuiteCounts{}
	for _, tc := range w3cReadManifest(t, dir, base) {
		pass := t.Run(tc.name, func(t *testing.T) {
			got, err := readTestFile(w3cLocalPath(dir, base, tc.action), RDFXML, ParseOptions{Base: tc.action})
			switch tc.typ {
			case "TestXMLEval":
				if err != nil {
					t.Fatalf("parse: %v", err)
				}
				want, err := readTestFile(w3cLocalPath(dir, base, tc.result), NTriples, ParseOptions{})
				if err != nil {
					t.Fatalf("expected result: %v", err)
				}
				if !rdf.Isomorphic(got, want) {
					t.Errorf("not isomorphic\ngot:\n%s\nwant:\n%s", readNQuadsOf(got), readNQuadsOf(want))
				}
			case "TestXMLNegativeSyntax":
				var se *SyntaxError
				switch {
				case err == nil:
					t.Errorf("accepted invalid input, got %d triples", len(got))
				case !errors.As(err, &se):
					t.Errorf("error is not a *SyntaxError: %v", err)
				case se.Line <= 0 || se.Col <= 0:
					t.Errorf("syntax error without position: %v", err)
				}
			default:
				t.Skipf("unknown test type %s", tc.typ)
			}
		})
		counts.add(tc.typ, pass)
	}
	counts.check(t, dir, map[string]int{"TestXMLEval": 126, "TestXMLNegativeSyntax": 40})
}

func readOneByteAtATime(path string, f Format, opts ParseOptions) ([]rdf.Quad, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	opts.File = filepath.Base(path)
	var qs []rdf.Quad
	err = Parse(iotest.OneByteReader(bytes.NewReader(data)), f, opts, func(q rdf.Quad) error {
		qs = append(qs, q)
		return nil
	})
	return qs, err
}
