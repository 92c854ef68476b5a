package conformance

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// Vocabularies of the W3C test manifests.
const (
	mfNS   = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
	qtNS   = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
	rsNS   = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
	rdftNS = "http://www.w3.org/ns/rdftest#"
)

// props indexes a parsed manifest by subject and predicate.
type props map[rdf.Term]map[string][]rdf.Term

func newProps(qs []rdf.Quad) props {
	g := props{}
	for _, q := range qs {
		if g[q.S] == nil {
			g[q.S] = map[string][]rdf.Term{}
		}
		g[q.S][q.P.Value] = append(g[q.S][q.P.Value], q.O)
	}
	return g
}

func (g props) one(s rdf.Term, p string) rdf.Term {
	if v := g[s][p]; len(v) > 0 {
		return v[0]
	}
	return rdf.Term{}
}

// list walks an RDF collection; the bound stops a cyclic list.
func (g props) list(head rdf.Term) []rdf.Term {
	var out []rdf.Term
	for n := 0; !head.IsZero() && head.Value != rdf.RDFNil && n < 100000; n++ {
		out = append(out, g.one(head, rdf.RDFFirst))
		head = g.one(head, rdf.RDFRest)
	}
	return out
}

// manifest returns the node typed mf:Manifest: <> in most files, [] in
// some, so it is found by type rather than by name.
func (g props) manifest(fallback rdf.Term) rdf.Term {
	for s, p := range g {
		for _, t := range p[rdf.RDFType] {
			if t.Value == mfNS+"Manifest" {
				return s
			}
		}
	}
	return fallback
}

// readProps parses a Turtle manifest with base as its own IRI.
func readProps(path, base string) (props, error) {
	qs, err := readFile(path, rdfio.Turtle, rdfio.ParseOptions{Base: base, BlankPrefix: "m"})
	if err != nil {
		return nil, fmt.Errorf("manifest %s: %w", path, err)
	}
	return newProps(qs), nil
}

// syntaxTest is one entry of an rdf-tests manifest (Turtle, N-Triples,
// RDF/XML).
type syntaxTest struct {
	name   string
	kind   string // local name in rdft:, e.g. TestTurtleEval
	action string // IRI of the input, under the suite's published base
	result string // IRI of the expected N-Triples, if any
}

// readSyntaxManifest returns dir/manifest.ttl's entries in manifest order.
// The manifest is parsed with base (the suite's published location, its
// mf:assumedTestBase), so that the IRIs the inputs resolve to agree with
// the expected results.
func readSyntaxManifest(dir, base string) ([]syntaxTest, error) {
	g, err := readProps(filepath.Join(dir, "manifest.ttl"), base+"manifest.ttl")
	if err != nil {
		return nil, err
	}
	var tests []syntaxTest
	for _, e := range g.list(g.one(g.manifest(rdf.IRI(base+"manifest.ttl")), mfNS+"entries")) {
		tests = append(tests, syntaxTest{
			name:   g.one(e, mfNS+"name").Value,
			kind:   strings.TrimPrefix(g.one(e, rdf.RDFType).Value, rdftNS),
			action: g.one(e, mfNS+"action").Value,
			result: g.one(e, mfNS+"result").Value,
		})
	}
	if len(tests) == 0 {
		return nil, fmt.Errorf("manifest %s has no entries", dir)
	}
	return tests, nil
}

// suitePath maps an IRI under a suite's published base to its file in dir.
func suitePath(dir, base, iri string) string {
	return filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(iri, base)))
}

// fileIRI is the file: IRI of a local path; the SPARQL tests name every
// document by it, so relative IRIs in queries, data and results agree.
func fileIRI(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// localPath is the inverse of fileIRI.
func localPath(iri string) (string, bool) {
	u, err := url.Parse(iri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	return filepath.FromSlash(u.Path), true
}
