package conformance

import (
	"context"
	"errors"
	"sort"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/store"
)

// rdfSuite is one W3C rdf-tests syntax suite.
type rdfSuite struct {
	name   string // also the folder under conformance/
	base   string // the suite's published location (mf:assumedTestBase)
	format rdfio.Format
	// floor is, per test type, how many tests passed through the store
	// when this was written; fewer fails the test.
	floor map[string]int
}

var rdfSuites = []rdfSuite{
	{name: "turtle", base: "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/", format: rdfio.Turtle,
		floor: map[string]int{"TestTurtleEval": 145, "TestTurtlePositiveSyntax": 74, "TestTurtleNegativeSyntax": 94}},
	{name: "ntriples", base: "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-n-triples/", format: rdfio.NTriples,
		floor: map[string]int{"TestNTriplesPositiveSyntax": 41, "TestNTriplesNegativeSyntax": 29}},
	{name: "rdfxml", base: "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-xml/", format: rdfio.RDFXML,
		floor: map[string]int{"TestXMLEval": 126, "TestXMLNegativeSyntax": 40}},
}

// testKind says what a test type asks of the import.
type testKind int

const (
	evalTest     testKind = iota // the triples must equal mf:result
	positiveTest                 // the import must succeed
	negativeTest                 // the import must fail with a position
	unknownTest
)

func kindOf(typ string) testKind {
	switch typ {
	case "TestTurtleEval", "TestXMLEval":
		return evalTest
	case "TestTurtlePositiveSyntax", "TestNTriplesPositiveSyntax", "TestNQuadsPositiveSyntax":
		return positiveTest
	case "TestTurtleNegativeSyntax", "TestTurtleNegativeEval", "TestNTriplesNegativeSyntax", "TestNQuadsNegativeSyntax", "TestXMLNegativeSyntax":
		return negativeTest
	}
	return unknownTest
}

// sentinel is a quad in its own graph that every negative test puts in
// the store first: a failed import must leave it, and nothing else.
var sentinel = rdf.Quad{
	S: rdf.IRI("urn:x-conformance:s"), P: rdf.IRI("urn:x-conformance:p"),
	O: rdf.LangLiteral("vóór de import", "nl"), G: rdf.IRI("urn:x-conformance:sentinel"),
}

// TestSyntaxSuitesViaStore runs the W3C Turtle, N-Triples and RDF/XML
// suites through the import path: each input is imported with
// store.Import (the parser streaming into the store's write transaction)
// into a fresh store, and read back with Snapshot.Quads. Evaluation tests must give the expected
// triples up to blank-node renaming; positive syntax tests must give what
// the parser gives in memory; negative tests must fail with a
// *rdfio.SyntaxError carrying line and column and leave the store exactly
// as it was.
func TestSyntaxSuitesViaStore(t *testing.T) {
	for _, s := range rdfSuites {
		t.Run(s.name, func(t *testing.T) {
			dir := testtool.Shared(t, "conformance", s.name)
			tests, err := readSyntaxManifest(dir, s.base)
			if err != nil {
				t.Fatal(err)
			}
			counts := map[string]*[2]int{} // type → passed, total
			passed, failed := 0, 0
			for _, tc := range tests {
				ok := t.Run(tc.name, func(t *testing.T) { runSyntaxViaStore(t, s, dir, tc) })
				if counts[tc.kind] == nil {
					counts[tc.kind] = &[2]int{}
				}
				counts[tc.kind][1]++
				if ok {
					counts[tc.kind][0]++
					passed++
				} else {
					failed++
				}
			}
			types := make([]string, 0, len(counts))
			for typ := range counts {
				types = append(types, typ)
			}
			sort.Strings(types)
			for _, typ := range types {
				c := counts[typ]
				t.Logf("  %-28s %3d/%3d", typ, c[0], c[1])
				floor, known := s.floor[typ]
				switch {
				case !known:
					t.Errorf("%s: no floor recorded for test type %s", s.name, typ)
				case c[0] < floor:
					t.Errorf("%s %s: %d passed through the store, below the floor of %d", s.name, typ, c[0], floor)
				}
			}
			t.Logf("%s via store: %d passed, %d failed", s.name, passed, failed)
		})
	}
}

func runSyntaxViaStore(t *testing.T, s rdfSuite, dir string, tc syntaxTest) {
	ctx := context.Background()
	path := suitePath(dir, s.base, tc.action)
	opts := rdfio.ParseOptions{Base: tc.action}
	st := openStore(t)
	switch kindOf(tc.kind) {
	case evalTest, positiveTest:
		if _, err := importFile(ctx, st, path, s.format, opts); err != nil {
			t.Fatalf("import rejected valid input: %v", err)
		}
		got, err := storedQuads(ctx, st)
		if err != nil {
			t.Fatalf("read back: %v", err)
		}
		for _, q := range got {
			if !q.G.IsZero() {
				t.Fatalf("triple imported into graph %s instead of the default graph: %s", q.G, q)
			}
		}
		// An evaluation test has the W3C's expected triples; a positive
		// syntax test only the parser's own reading, which the store must
		// then keep unchanged.
		wantPath, wantFormat, wantOpts := path, s.format, opts
		if kindOf(tc.kind) == evalTest {
			wantPath, wantFormat, wantOpts = suitePath(dir, s.base, tc.result), rdfio.NTriples, rdfio.ParseOptions{}
		}
		want, err := readFile(wantPath, wantFormat, wantOpts)
		if err != nil {
			t.Fatalf("read expected triples: %v", err)
		}
		if !rdf.Isomorphic(got, want) {
			t.Errorf("store holds other triples than expected\ngot (%d):\n%s\nwant (%d):\n%s", len(got), nquads(got), len(want), nquads(want))
		}
	case negativeTest:
		if err := st.Add(ctx, []rdf.Quad{sentinel}); err != nil {
			t.Fatal(err)
		}
		n, err := importFile(ctx, st, path, s.format, opts)
		var se *rdfio.SyntaxError
		switch {
		case err == nil:
			t.Errorf("invalid input imported (%d quads)", n)
		case !errors.As(err, &se):
			t.Errorf("error is not an *rdfio.SyntaxError: %v", err)
		case se.Line <= 0 || se.Col <= 0:
			t.Errorf("syntax error without line and column: %v", err)
		}
		assertOnly(t, st, sentinel)
	default:
		t.Skipf("test type %s is not an RDF syntax test", tc.kind)
	}
	// Whatever the import did, the file must stay consistent: dictionary,
	// the four indexes and the counts.
	if err := st.Check(ctx); err != nil {
		t.Error(err)
	}
}

// assertOnly checks that the store holds exactly the given quads, both as
// read back and in its bookkeeping (the quad count and the graph list).
func assertOnly(t *testing.T, st *store.Store, want ...rdf.Quad) {
	t.Helper()
	got, err := storedQuads(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if !rdf.Isomorphic(got, want) {
		t.Errorf("store changed by a failed import\nholds:\n%s\nwant:\n%s", nquads(got), nquads(want))
	}
	snap, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	stats, err := snap.Stats()
	if err != nil {
		t.Fatal(err)
	}
	perGraph := map[rdf.Term]int64{}
	for _, q := range want {
		perGraph[q.G]++
	}
	named := int64(len(perGraph))
	if perGraph[rdf.Term{}] > 0 {
		named--
	}
	if stats.Quads != int64(len(want)) || stats.Graphs != named {
		t.Errorf("store counts %d quads in %d named graphs, want %d in %d", stats.Quads, stats.Graphs, len(want), named)
	}
	infos, err := snap.GraphInfos(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, gi := range infos {
		if gi.Quads != perGraph[gi.Graph] {
			t.Errorf("graph %v counts %d quads, want %d", gi.Graph, gi.Quads, perGraph[gi.Graph])
		}
	}
}
