package conformance

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql/results"
)

// queryTest is one entry of a W3C SPARQL manifest.
type queryTest struct {
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

// key names a test as suite/folder/fragment, stable across machines.
func (tc queryTest) key() string {
	_, frag, _ := strings.Cut(tc.iri, "#")
	return tc.suite + "/" + tc.folder + "/" + frag
}

// readDataFile parses a Turtle or RDF/XML file with its file IRI as base.
func readDataFile(path string, g rdf.Term, blankPrefix string) ([]rdf.Quad, error) {
	f := rdfio.FormatForExt(path)
	if f == rdfio.FormatUnknown {
		return nil, fmt.Errorf("%s: unknown RDF format", path)
	}
	return readFile(path, f, rdfio.ParseOptions{Base: fileIRI(path), File: path, Graph: g, BlankPrefix: blankPrefix})
}

// readQueryManifest returns the tests of a manifest and of the manifests
// it includes, in manifest order.
func readQueryManifest(suite, path string) ([]queryTest, error) {
	g, err := readProps(path, fileIRI(path))
	if err != nil {
		return nil, err
	}
	self := g.manifest(rdf.IRI(fileIRI(path)))
	var tests []queryTest
	for _, inc := range g.list(g.one(self, mfNS+"include")) {
		p, ok := localPath(inc.Value)
		if !ok {
			return nil, fmt.Errorf("manifest %s: include %s is not a file", path, inc)
		}
		sub, err := readQueryManifest(suite, p)
		if err != nil {
			return nil, err
		}
		tests = append(tests, sub...)
	}
	folder := filepath.Base(filepath.Dir(path))
	for _, e := range g.list(g.one(self, mfNS+"entries")) {
		tc := queryTest{suite: suite, folder: folder, iri: e.Value, name: g.one(e, mfNS+"name").Value}
		tc.kind = strings.TrimPrefix(g.one(e, rdf.RDFType).Value, mfNS)
		action := g.one(e, mfNS+"action")
		if action.IsIRI() {
			tc.query = action.Value
		} else {
			tc.query = g.one(action, qtNS+"query").Value
			for _, d := range g[action][qtNS+"data"] {
				tc.data = append(tc.data, d.Value)
			}
			for _, d := range g[action][qtNS+"graphData"] {
				if d.IsIRI() {
					tc.graphData = append(tc.graphData, namedData{name: d, file: d.Value})
					continue
				}
				// [ qt:graph <file> ; rdfs:label "name" ]
				file := g.one(d, qtNS+"graph").Value
				name := rdf.IRI(file)
				if l := g.one(d, rdf.RDFSNS+"label"); l.IsLiteral() {
					name = rdf.IRI(l.Value)
				}
				tc.graphData = append(tc.graphData, namedData{name: name, file: file})
			}
		}
		tc.result = g.one(e, mfNS+"result").Value
		tests = append(tests, tc)
	}
	return tests, nil
}

// expected is what a test's mf:result holds: a solution table (from .srx,
// .srj, .tsv, .csv or an rs:ResultSet graph) or a graph.
type expected struct {
	table *results.Table
	graph []rdf.Quad
	csv   bool
}

func readExpected(iri string) (*expected, error) {
	path, ok := localPath(iri)
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
		return &expected{table: t, csv: f == results.CSV}, nil
	}
	qs, err := readDataFile(path, rdf.Term{}, "e")
	if err != nil {
		return nil, err
	}
	if t, ok := resultSetGraph(qs); ok {
		return &expected{table: t}, nil
	}
	return &expected{graph: qs}, nil
}

// resultSetGraph decodes the rs: vocabulary (the DAWG result sets in RDF),
// rows in rs:index order when given. As in the SPARQL package's harness,
// only the query's ORDER BY makes the order count.
func resultSetGraph(qs []rdf.Quad) (*results.Table, bool) {
	g := newProps(qs)
	var set rdf.Term
	for _, q := range qs {
		if q.P.Value == rdf.RDFType && q.O.Value == rsNS+"ResultSet" {
			set = q.S
		}
	}
	if set.IsZero() {
		return nil, false
	}
	t := &results.Table{}
	if b := g.one(set, rsNS+"boolean"); !b.IsZero() {
		v := b.Value == "true"
		t.Boolean = &v
		return t, true
	}
	for _, v := range g[set][rsNS+"resultVariable"] {
		t.Vars = append(t.Vars, v.Value)
	}
	type indexed struct {
		i   int
		row map[string]rdf.Term
	}
	var rows []indexed
	for _, s := range g[set][rsNS+"solution"] {
		row := map[string]rdf.Term{}
		for _, b := range g[s][rsNS+"binding"] {
			name := g.one(b, rsNS+"variable").Value
			if !slices.Contains(t.Vars, name) {
				t.Vars = append(t.Vars, name)
			}
			row[name] = g.one(b, rsNS+"value")
		}
		idx := -1
		if v := g.one(s, rsNS+"index"); !v.IsZero() {
			idx, _ = strconv.Atoi(v.Value)
		}
		rows = append(rows, indexed{idx, row})
	}
	slices.SortStableFunc(rows, func(a, b indexed) int { return a.i - b.i })
	for _, r := range rows {
		row := make([]rdf.Term, len(t.Vars))
		for i, v := range t.Vars {
			row[i] = r.row[v]
		}
		t.Rows = append(t.Rows, row)
	}
	return t, true
}
