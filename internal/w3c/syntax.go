package w3c

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// SyntaxSuite is one rdf-tests suite of a concrete syntax.
type SyntaxSuite struct {
	Name   string // also its folder under conformance/
	Base   string // the suite's published location, its mf:assumedTestBase
	Format rdfio.Format
	// Floors are, per test type, how many tests pass: every harness
	// running the suite fails below them. Raise them as parsers improve.
	Floors map[string]int
}

// SyntaxSuites lists the rdf-tests suites the parsers are held to.
func SyntaxSuites() []SyntaxSuite {
	return []SyntaxSuite{
		{Name: "turtle", Base: "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/", Format: rdfio.Turtle,
			Floors: map[string]int{"TestTurtleEval": 145, "TestTurtlePositiveSyntax": 74, "TestTurtleNegativeSyntax": 94}},
		{Name: "ntriples", Base: "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-n-triples/", Format: rdfio.NTriples,
			Floors: map[string]int{"TestNTriplesPositiveSyntax": 41, "TestNTriplesNegativeSyntax": 29}},
		{Name: "rdfxml", Base: "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-xml/", Format: rdfio.RDFXML,
			Floors: map[string]int{"TestXMLEval": 126, "TestXMLNegativeSyntax": 40}},
	}
}

// SyntaxTest is one entry of an rdf-tests manifest.
type SyntaxTest struct {
	Name   string
	Type   string // local name in rdft:, e.g. TestTurtleEval
	Action string // IRI of the input, under the suite's base
	Result string // IRI of the expected N-Triples, if any
}

// ReadSyntaxManifest returns dir/manifest.ttl's entries in manifest order.
// The manifest is parsed with base as the suite's location, so that the
// IRIs the inputs resolve against agree with the expected results.
func ReadSyntaxManifest(dir, base string) ([]SyntaxTest, error) {
	path := filepath.Join(dir, "manifest.ttl")
	qs, err := ReadFile(path, rdfio.Turtle, rdfio.ParseOptions{Base: base + "manifest.ttl", BlankPrefix: "m"})
	if err != nil {
		return nil, fmt.Errorf("manifest %s: %w", path, err)
	}
	g := newProps(qs)
	var tests []SyntaxTest
	for _, e := range g.list(g.one(g.manifest(rdf.IRI(base+"manifest.ttl")), MF+"entries")) {
		tests = append(tests, SyntaxTest{
			Name:   g.one(e, MF+"name").Value,
			Type:   strings.TrimPrefix(g.one(e, rdf.RDFType).Value, RDFT),
			Action: g.one(e, MF+"action").Value,
			Result: g.one(e, MF+"result").Value,
		})
	}
	if len(tests) == 0 {
		return nil, fmt.Errorf("manifest %s has no entries", path)
	}
	return tests, nil
}

// Kind is what a syntax test type asks of a parser.
type Kind int

const (
	Unknown  Kind = iota
	Eval          // the triples must equal mf:result
	Positive      // the input must parse
	Negative      // the input must fail with a positioned syntax error
)

// KindOf classifies an rdft: test type.
func KindOf(typ string) Kind {
	switch typ {
	case "TestTurtleEval", "TestXMLEval":
		return Eval
	case "TestTurtlePositiveSyntax", "TestNTriplesPositiveSyntax", "TestNQuadsPositiveSyntax":
		return Positive
	case "TestTurtleNegativeSyntax", "TestTurtleNegativeEval", "TestNTriplesNegativeSyntax", "TestNQuadsNegativeSyntax", "TestXMLNegativeSyntax":
		return Negative
	}
	return Unknown
}

// CheckSyntaxError returns nil when err is what a negative test demands,
// an *rdfio.SyntaxError with a line and a column, and otherwise says what
// is wrong with it.
func CheckSyntaxError(err error) error {
	var se *rdfio.SyntaxError
	switch {
	case err == nil:
		return errors.New("invalid input accepted")
	case !errors.As(err, &se):
		return fmt.Errorf("error is not an *rdfio.SyntaxError: %w", err)
	case se.Line <= 0 || se.Col <= 0:
		return fmt.Errorf("syntax error without line and column: %w", err)
	}
	return nil
}
