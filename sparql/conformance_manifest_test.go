package sparql_test

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// Vocabularies of the W3C test manifests.
const (
	mfNS      = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
	qtNS      = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
	rsNS      = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
	rdfsLabel = rdf.RDFSNS + "label"
)

// w3cTest is one manifest entry.
type w3cTest struct {
	suite, folder string
	iri, name     string
	kind          string // local name of the rdf:type, e.g. QueryEvaluationTest
	query         string // file IRI of the query
	data          []string
	graphData     []namedData
	result        string // file IRI of the expected result, "" for none
}

// namedData is a qt:graphData: the file and the graph name it gets.
type namedData struct {
	name rdf.Term
	file string
}

// graph indexes a parsed manifest by subject and predicate.
type graph map[rdf.Term]map[string][]rdf.Term

func (g graph) one(s rdf.Term, p string) rdf.Term {
	if v := g[s][p]; len(v) > 0 {
		return v[0]
	}
	return rdf.Term{}
}

// list walks an RDF collection.
func (g graph) list(head rdf.Term) []rdf.Term {
	var out []rdf.Term
	for n := 0; !head.IsZero() && head.Value != rdf.RDFNil && n < 100000; n++ {
		out = append(out, g.one(head, rdf.RDFFirst))
		head = g.one(head, rdf.RDFRest)
	}
	return out
}

// fileIRI is the file: IRI of a local path; the harness names every
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

// readRDF parses a Turtle or RDF/XML file with its file IRI as base.
func readRDF(path string, g rdf.Term, blankPrefix string) ([]rdf.Quad, error) {
	f := rdfio.FormatForExt(path)
	if f == rdfio.FormatUnknown {
		return nil, fmt.Errorf("%s: unknown RDF format", path)
	}
	in, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	var qs []rdf.Quad
	err = rdfio.Parse(in, f, rdfio.ParseOptions{Base: fileIRI(path), File: path, Graph: g, BlankPrefix: blankPrefix},
		func(q rdf.Quad) error {
			qs = append(qs, q)
			return nil
		})
	return qs, err
}

func readGraph(path string) (graph, error) {
	qs, err := readRDF(path, rdf.Term{}, "m")
	if err != nil {
		return nil, err
	}
	g := graph{}
	for _, q := range qs {
		if g[q.S] == nil {
			g[q.S] = map[string][]rdf.Term{}
		}
		g[q.S][q.P.Value] = append(g[q.S][q.P.Value], q.O)
	}
	return g, nil
}

// readManifest returns the tests of a manifest and of the manifests it
// includes, in manifest order.
func readManifest(suite, path string) ([]w3cTest, error) {
	g, err := readGraph(path)
	if err != nil {
		return nil, fmt.Errorf("manifest %s: %w", path, err)
	}
	// The manifest node is <> in most files and [] in some.
	self := rdf.IRI(fileIRI(path))
	for s, props := range g {
		for _, t := range props[rdf.RDFType] {
			if t.Value == mfNS+"Manifest" {
				self = s
			}
		}
	}
	var tests []w3cTest
	for _, inc := range g.list(g.one(self, mfNS+"include")) {
		p, ok := localPath(inc.Value)
		if !ok {
			return nil, fmt.Errorf("manifest %s: include %s is not a file", path, inc)
		}
		sub, err := readManifest(suite, p)
		if err != nil {
			return nil, err
		}
		tests = append(tests, sub...)
	}
	folder := filepath.Base(filepath.Dir(path))
	for _, e := range g.list(g.one(self, mfNS+"entries")) {
		t := w3cTest{suite: suite, folder: folder, iri: e.Value, name: g.one(e, mfNS+"name").Value}
		t.kind = strings.TrimPrefix(g.one(e, rdf.RDFType).Value, mfNS)
		action := g.one(e, mfNS+"action")
		if action.IsIRI() {
			t.query = action.Value
		} else {
			t.query = g.one(action, qtNS+"query").Value
			for _, d := range g[action][qtNS+"data"] {
				t.data = append(t.data, d.Value)
			}
			for _, d := range g[action][qtNS+"graphData"] {
				if d.IsIRI() {
					t.graphData = append(t.graphData, namedData{name: d, file: d.Value})
					continue
				}
				// [ qt:graph <file> ; rdfs:label "name" ]
				file := g.one(d, qtNS+"graph").Value
				name := rdf.IRI(file)
				if l := g.one(d, rdfsLabel); l.IsLiteral() {
					name = rdf.IRI(l.Value)
				}
				t.graphData = append(t.graphData, namedData{name: name, file: file})
			}
		}
		t.result = g.one(e, mfNS+"result").Value
		tests = append(tests, t)
	}
	return tests, nil
}
