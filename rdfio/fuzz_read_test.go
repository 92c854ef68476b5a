package rdfio

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
)

// readSuiteSeeds adds the files of a conformance suite to the corpus
// (see testtool.ConformanceDir).
func readSuiteSeeds(f *testing.F, suite, pattern string) {
	for _, b := range testtool.SeedFiles(f, filepath.Join(suite, pattern)) {
		f.Add(string(b))
	}
}

// readRecheck serializes quads as N-Quads, parses them again and requires the
// same dataset: whatever a reader accepts must be representable.
func readRecheck(t *testing.T, qs []rdf.Quad) {
	t.Helper()
	var b strings.Builder
	for _, q := range qs {
		if q.S.IsZero() || q.P.IsZero() || q.O.IsZero() || !q.P.IsIRI() || q.S.IsLiteral() {
			t.Fatalf("malformed quad %#v", q)
		}
		b.WriteString(q.String())
		b.WriteByte('\n')
	}
	again, err := readTestString(b.String(), NQuads, ParseOptions{})
	if err != nil {
		t.Fatalf("output does not re-parse: %v\n%s", err, b.String())
	}
	if !rdf.Isomorphic(qs, again) {
		t.Fatalf("re-parse differs:\n%s\nvs\n%s", readNQuadsOf(qs), readNQuadsOf(again))
	}
}

func readCheckSyntaxError(t *testing.T, err error) {
	t.Helper()
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("error is not a *SyntaxError: %v", err)
	}
	if se.Line <= 0 || se.Col <= 0 {
		t.Fatalf("syntax error without position: %v", err)
	}
}

func FuzzTurtle(f *testing.F) {
	for _, s := range []string{
		"@prefix : <http://ex.org/> .\n:s :p :o , [ :q ( 1 2.5 -3e4 true ) ] ; a :C .",
		"BASE <http://ex.org/a/>\nPREFIX x: <b#>\n<../c> x:p \"\"\"long\n\"q\"\"\"@nl-BE, 'x'^^x:dt .",
		"_:a <http://ex.org/p> _:b.c . [] <http://ex.org/p> [] .",
		"<s> <p> \"\\u00e9\\U0001F600\\t\" .",
		"@prefix p: <http://ex.org/> . p:a\\~b p:c%20d p:e.f .",
	} {
		f.Add(s)
	}
	readSuiteSeeds(f, "turtle", "*.ttl")
	f.Fuzz(func(t *testing.T, in string) {
		qs, err := readTestString(in, Turtle, ParseOptions{Base: "http://ex.org/base/doc.ttl"})
		if err != nil {
			readCheckSyntaxError(t, err)
			return
		}
		readRecheck(t, qs)
	})
}

func FuzzNTriples(f *testing.F) {
	for _, s := range []string{
		"<http://ex.org/s> <http://ex.org/p> \"x\\n\\u00e9\"@en-GB .\n_:b <http://ex.org/p> \"1\"^^<http://ex.org/dt> .",
		"<http://ex.org/s> <http://ex.org/p> <http://ex.org/o> <http://ex.org/g> .\r\n# comment\n",
		"_:a.b <http://ex.org/p> _:c .",
	} {
		f.Add(s)
	}
	readSuiteSeeds(f, "ntriples", "*.nt")
	f.Fuzz(func(t *testing.T, in string) {
		for _, format := range []Format{NTriples, NQuads} {
			qs, err := readTestString(in, format, ParseOptions{})
			if err != nil {
				readCheckSyntaxError(t, err)
				continue
			}
			readRecheck(t, qs)
		}
	})
}

func FuzzRDFXML(f *testing.F) {
	f.Add(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/"><ex:A rdf:about="a" ex:p="x"><ex:q rdf:parseType="Collection"><ex:B/></ex:q><ex:r rdf:parseType="Literal"><b>x</b></ex:r></ex:A></rdf:RDF>`)
	f.Add(`<!DOCTYPE rdf:RDF [<!ENTITY ex "http://ex.org/"><!ENTITY e2 "&ex;&ex;">]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="&ex;"><rdf:Description rdf:about="&e2;s" ex:p="&e2;&amp;"/></rdf:RDF>`)
	f.Add(rdftest.BillionLaughs(4))
	readSuiteSeeds(f, "rdfxml", "*/*.rdf")
	f.Fuzz(func(t *testing.T, in string) {
		// A small entity budget, so that bombs the fuzzer builds are cut.
		qs, err := readTestString(in, RDFXML, ParseOptions{Base: "http://ex.org/base/doc.rdf", MaxEntityBytes: 64 << 10})
		if err != nil {
			checkSyntaxErrorOrRead(t, err)
			return
		}
		readRecheck(t, qs)
	})
}

func FuzzJSONLD(f *testing.F) {
	f.Add(`{"@context": {"ex": "http://ex.org/"}, "@id": "ex:a", "ex:p": [{"@value": "x", "@language": "nl"}, {"@list": [1, 2.5, true]}], "@graph": [{"@id": "_:b", "ex:q": {"@id": "ex:c"}}]}`)
	f.Add(`{"@context": "http://remote.example/ctx", "@id": "a"}`)
	f.Add(`{"@context": {"@vocab": "http://ex.org/", "t": {"@type": "@id"}, "n": {"@container": "@language"}}, "@id": "a b", "t": "c", "n": {"nl": "x", "en-GB": "y"}, "@reverse": {"http://ex.org/r": {"@id": "_:z"}}, "@included": [{"@id": "d", "@type": ["T", "_:u"]}]}`)
	f.Add(`[{"@id": "http://ex.org/a", "http://ex.org/p": {"@value": "x", "@type": "http://ex.org/t y"}}, {"@id": "http://ex.org/b", "_:p": "x"}]`)
	// The JSON results of the SPARQL suites are JSON with IRIs in it.
	for _, b := range testtool.SeedFiles(f, filepath.Join("sparql11", "*", "*.srj")) {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, in string) {
		qs, err := readTestString(in, JSONLD, ParseOptions{Base: "http://ex.org/base/doc.jsonld"})
		if err != nil {
			checkSyntaxErrorOrRead(t, err)
			return
		}
		readRecheck(t, qs)
	})
}

// checkSyntaxErrorOrRead accepts a syntax error (positioned or, for JSON-LD
// processing errors, about the whole document).
func checkSyntaxErrorOrRead(t *testing.T, err error) {
	t.Helper()
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("error is not a *SyntaxError: %v", err)
	}
}
