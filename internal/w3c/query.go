package w3c

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// QuerySuite is one W3C SPARQL suite: its manifests, relative to
// testdata/, and the pass counts every harness running it must keep (raise
// them as the engine improves).
type QuerySuite struct {
	Name      string
	Title     string // for reports, e.g. "SPARQL 1.1"
	Manifests []string
	// FloorStrict counts the evaluation tests that pass strictly; the
	// others may pass by value only when byvalue.go lists them.
	FloorStrict int
	FloorSyntax int // syntax tests passed
}

// QuerySuites lists the SPARQL 1.1 and 1.0 query suites.
func QuerySuites() []QuerySuite {
	return []QuerySuite{
		{Name: "sparql11", Title: "SPARQL 1.1", Manifests: []string{"sparql11/manifest-sparql11-query.ttl", "sparql11/csv-tsv-res/manifest.ttl", "sparql11/json-res/manifest.ttl"},
			FloorStrict: 223, FloorSyntax: 103},
		{Name: "sparql10", Title: "SPARQL 1.0", Manifests: []string{"sparql10/manifest-evaluation.ttl", "sparql10/extended-manifest-evaluation.ttl", "sparql10/manifest-syntax.ttl"},
			FloorStrict: 278, FloorSyntax: 199},
	}
}

// Read returns the tests of all the suite's manifests, root being
// testdata/.
func (s QuerySuite) Read(root string) ([]QueryTest, error) {
	var tests []QueryTest
	for _, m := range s.Manifests {
		ts, err := ReadQueryManifest(s.Name, filepath.Join(root, m))
		if err != nil {
			return nil, err
		}
		tests = append(tests, ts...)
	}
	return tests, nil
}

// QueryTest is one entry of a SPARQL manifest. IRIs of files are file:
// IRIs (see FileIRI).
type QueryTest struct {
	Suite, Folder string
	IRI, Name     string
	Type          string // local name in mf:, e.g. QueryEvaluationTest
	Query         string // the query file
	Data          []string
	GraphData     []NamedData
	Result        string // the expected result, "" for none
}

// NamedData is a qt:graphData: the file and the name of its graph.
type NamedData struct {
	Name rdf.Term
	File string
}

// Key names a test as suite/folder/fragment, the same on every machine.
func (tc QueryTest) Key() string {
	_, frag, _ := strings.Cut(tc.IRI, "#")
	return tc.Suite + "/" + tc.Folder + "/" + frag
}

// IsSyntax reports a positive or negative syntax test.
func (tc QueryTest) IsSyntax() bool { return strings.Contains(tc.Type, "Syntax") }

// IsEvaluation reports a test that runs a query against expected results.
func (tc QueryTest) IsEvaluation() bool {
	return tc.Type == "QueryEvaluationTest" || tc.Type == "CSVResultFormatTest"
}

// ReadQueryText returns the text of the test's query.
func (tc QueryTest) ReadQueryText() (string, error) {
	path, ok := LocalPath(tc.Query)
	if !ok {
		return "", fmt.Errorf("query %s is not a file", tc.Query)
	}
	b, err := os.ReadFile(path)
	return string(b), err
}

// ReadQueryManifest returns the tests of the manifest at path and of the
// manifests it includes, in manifest order.
func ReadQueryManifest(suite, path string) ([]QueryTest, error) {
	qs, err := ReadData(path, rdf.Term{}, "m")
	if err != nil {
		return nil, fmt.Errorf("manifest %s: %w", path, err)
	}
	g := newProps(qs)
	self := g.manifest(rdf.IRI(FileIRI(path)))
	var tests []QueryTest
	for _, inc := range g.list(g.one(self, MF+"include")) {
		p, ok := LocalPath(inc.Value)
		if !ok {
			return nil, fmt.Errorf("manifest %s: include %s is not a file", path, inc)
		}
		sub, err := ReadQueryManifest(suite, p)
		if err != nil {
			return nil, err
		}
		tests = append(tests, sub...)
	}
	folder := filepath.Base(filepath.Dir(path))
	for _, e := range g.list(g.one(self, MF+"entries")) {
		tc := QueryTest{Suite: suite, Folder: folder, IRI: e.Value, Name: g.one(e, MF+"name").Value}
		tc.Type = strings.TrimPrefix(g.one(e, rdf.RDFType).Value, MF)
		action := g.one(e, MF+"action")
		if action.IsIRI() {
			tc.Query = action.Value
		} else {
			tc.Query = g.one(action, QT+"query").Value
			for _, d := range g[action][QT+"data"] {
				tc.Data = append(tc.Data, d.Value)
			}
			for _, d := range g[action][QT+"graphData"] {
				tc.GraphData = append(tc.GraphData, graphData(g, d))
			}
		}
		tc.Result = g.one(e, MF+"result").Value
		tests = append(tests, tc)
	}
	return tests, nil
}

// graphData reads a qt:graphData: a file IRI, which also names the graph,
// or [ qt:graph <file> ; rdfs:label "name" ].
func graphData(g props, d rdf.Term) NamedData {
	if d.IsIRI() {
		return NamedData{Name: d, File: d.Value}
	}
	file := g.one(d, QT+"graph").Value
	name := rdf.IRI(file)
	if l := g.one(d, rdf.RDFSNS+"label"); l.IsLiteral() {
		name = rdf.IRI(l.Value)
	}
	return NamedData{Name: name, File: file}
}
