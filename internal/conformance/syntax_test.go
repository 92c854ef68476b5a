package conformance

import (
	"context"
	"testing"

	"github.com/stadleuven/maturity/internal/w3c"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/store"
)

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
	// The floors are the parsers' own (rdfio's W3C tests): the store must
	// lose none of what the parser gets right.
	w3c.RunSyntaxSuites(t, "via store", runSyntaxViaStore)
}

func runSyntaxViaStore(t *testing.T, s w3c.SyntaxSuite, dir string, tc w3c.SyntaxTest) {
	ctx := context.Background()
	path := w3c.SuitePath(dir, s.Base, tc.Action)
	opts := rdfio.ParseOptions{Base: tc.Action}
	st := openStore(t)
	switch w3c.KindOf(tc.Type) {
	case w3c.Eval, w3c.Positive:
		if _, err := importFile(ctx, st, path, s.Format, opts); err != nil {
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
		wantPath, wantFormat, wantOpts := path, s.Format, opts
		if w3c.KindOf(tc.Type) == w3c.Eval {
			wantPath, wantFormat, wantOpts = w3c.SuitePath(dir, s.Base, tc.Result), rdfio.NTriples, rdfio.ParseOptions{}
		}
		want, err := w3c.ReadFile(wantPath, wantFormat, wantOpts)
		if err != nil {
			t.Fatalf("read expected triples: %v", err)
		}
		if !rdf.Isomorphic(got, want) {
			t.Errorf("store holds other triples than expected\ngot (%d):\n%s\nwant (%d):\n%s", len(got), w3c.NQuads(got), len(want), w3c.NQuads(want))
		}
	case w3c.Negative:
		if err := st.Add(ctx, []rdf.Quad{sentinel}); err != nil {
			t.Fatal(err)
		}
		n, err := importFile(ctx, st, path, s.Format, opts)
		if bad := w3c.CheckSyntaxError(err); bad != nil {
			t.Errorf("import of invalid input (%d quads): %v", n, bad)
		}
		assertOnly(t, st, sentinel)
	default:
		t.Skipf("test type %s is not an RDF syntax test", tc.Type)
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
		t.Errorf("store changed by a failed import\nholds:\n%s\nwant:\n%s", w3c.NQuads(got), w3c.NQuads(want))
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
