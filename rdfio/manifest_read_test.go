package rdfio

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

const (
	w3cMF   = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
	w3cRDFT = "http://www.w3.org/ns/rdftest#"
)

// w3cTest is one entry of a W3C rdf-tests manifest.
type w3cTest struct {
	name   string
	typ    string // local name in the rdft: namespace, e.g. TestTurtleEval
	action string // absolute IRI of the input
	result string // absolute IRI of the expected output, if any
}

// w3cReadManifest parses a manifest.ttl with our own Turtle parser, using
// baseIRI (the suite's published location) so that test IRIs come out as in
// the upstream suite, and returns the entries in manifest order.
func w3cReadManifest(t *testing.T, dir, baseIRI string) []w3cTest {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "manifest.ttl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props := map[rdf.Term]map[string][]rdf.Term{}
	err = Parse(f, Turtle, ParseOptions{Base: baseIRI + "manifest.ttl", File: "manifest.ttl"}, func(q rdf.Quad) error {
		if props[q.S] == nil {
			props[q.S] = map[string][]rdf.Term{}
		}
		props[q.S][q.P.Value] = append(props[q.S][q.P.Value], q.O)
		return nil
	})
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	one := func(s rdf.Term, p string) rdf.Term {
		if v := props[s][p]; len(v) > 0 {
			return v[0]
		}
		return rdf.Term{}
	}
	var tests []w3cTest
	for _, m := range props {
		for _, head := range m[w3cMF+"entries"] {
			for n := head; !n.IsZero() && n.Value != rdf.RDFNil; n = one(n, rdf.RDFRest) {
				e := one(n, rdf.RDFFirst)
				typ := one(e, rdf.RDFType).Value
				tests = append(tests, w3cTest{
					name:   one(e, w3cMF+"name").Value,
					typ:    strings.TrimPrefix(typ, w3cRDFT),
					action: one(e, w3cMF+"action").Value,
					result: one(e, w3cMF+"result").Value,
				})
			}
		}
	}
	if len(tests) == 0 {
		t.Fatal("manifest has no entries")
	}
	return tests
}

// w3cLocalPath maps a suite IRI back to the file in dir.
func w3cLocalPath(dir, baseIRI, iri string) string {
	return filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(iri, baseIRI)))
}

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

// readSuiteCounts tallies pass/total per test type and reports them.
type readSuiteCounts map[string]*[2]int

func (c readSuiteCounts) add(typ string, pass bool) {
	if c[typ] == nil {
		c[typ] = &[2]int{}
	}
	c[typ][1]++
	if pass {
		c[typ][0]++
	}
}

// check logs the counts and fails when a type passes fewer than min[typ]
// tests (the level this implementation reached; it may only go up).
func (c readSuiteCounts) check(t *testing.T, suite string, min map[string]int) {
	t.Helper()
	types := make([]string, 0, len(c))
	for typ := range c {
		types = append(types, typ)
	}
	sort.Strings(types)
	for _, typ := range types {
		n := c[typ]
		t.Logf("%s %s: %d/%d passed", suite, typ, n[0], n[1])
		want, ok := min[typ]
		if !ok {
			t.Errorf("%s: no minimum recorded for test type %s", suite, typ)
		}
		if n[0] < want {
			t.Errorf("%s %s: %d passed, want at least %d", suite, typ, n[0], want)
		}
	}
}

func readNQuadsOf(qs []rdf.Quad) string {
	lines := make([]string, len(qs))
	for i, q := range qs {
		lines[i] = q.String()
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
