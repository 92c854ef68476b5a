package conformance

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/internal/w3c"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/store"
	"github.com/stadleuven/maturity/vocab"
)

// exportBase is the instance base `maturity export` uses by default; its
// prefixes and JSON-LD context shape the output, as they do in production.
const exportBase = "http://localhost:8080/"

// exportFormats are the formats `maturity export` writes.
var exportFormats = []rdfio.Format{rdfio.NQuads, rdfio.NTriples, rdfio.Turtle, rdfio.RDFXML, rdfio.JSONLD}

// roundTrip is the outcome of one graph in one format.
type roundTrip int

const (
	sameGraph roundTrip = iota
	// sameUpToLangCase: equal once language tags are lower case. JSON-LD
	// does that on both sides (the writer's compaction and json-gold's
	// expansion), as RDF 1.1 Concepts §3.3 and JSON-LD 1.1 allow: the value
	// space of tags is lower case, so only the original spelling is lost.
	// Counted apart so that it stays visible.
	sameUpToLangCase
	refusedByDesign
	wrongGraph
)

// roundTripCounts tallies outcomes per format, and checks them against
// the levels reached when this was written: the same-graph count may only
// go up, the language-case and refusal counts only down.
type roundTripCounts struct {
	n      int
	counts map[rdfio.Format]*[4]int
}

type roundTripLevels struct {
	same, langCase, refused int
}

func (c *roundTripCounts) add(f rdfio.Format, o roundTrip) {
	if c.counts == nil {
		c.counts = map[rdfio.Format]*[4]int{}
	}
	if c.counts[f] == nil {
		c.counts[f] = &[4]int{}
	}
	c.counts[f][o]++
}

func (c *roundTripCounts) check(t *testing.T, what string, levels map[rdfio.Format]roundTripLevels) {
	t.Helper()
	t.Logf("round trip over %d %s:", c.n, what)
	for _, f := range exportFormats {
		n := c.counts[f]
		if n == nil {
			n = &[4]int{}
		}
		t.Logf("  %-7v %3d same, %d same up to language-tag case, %2d refused by design, %d wrong",
			f, n[sameGraph], n[sameUpToLangCase], n[refusedByDesign], n[wrongGraph])
		l := levels[f]
		if n[sameGraph] < l.same {
			t.Errorf("%v: %d made the round trip, below the floor of %d", f, n[sameGraph], l.same)
		}
		if n[sameUpToLangCase] > l.langCase {
			t.Errorf("%v: %d came back with lower-cased language tags, above the ceiling of %d", f, n[sameUpToLangCase], l.langCase)
		}
		if n[refusedByDesign] > l.refused {
			t.Errorf("%v: %d refused, above the ceiling of %d", f, n[refusedByDesign], l.refused)
		}
	}
}

// roundTripAll exports src in every format and checks each export.
func roundTripAll(t *testing.T, ctx context.Context, src, dst *store.Store, c *roundTripCounts) {
	t.Helper()
	ref, err := storedQuads(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	c.n++
	opts := rdfio.WriteOptions{Prefixes: vocab.Prefixes(), Context: vocab.Context()}
	for _, f := range exportFormats {
		o, detail := roundTripOne(ctx, src, dst, f, opts, ref)
		c.add(f, o)
		switch o {
		case wrongGraph:
			t.Errorf("%v: %s", f, detail)
		case sameUpToLangCase:
			t.Logf("%v: language tags came back in lower case:\n%s", f, detail)
		}
	}
	// Both stores have been emptied and refilled many times by now.
	for _, st := range []*store.Store{src, dst} {
		if err := st.Check(ctx); err != nil {
			t.Error(err)
		}
	}
}

// TestExportRoundTrip imports every positive Turtle, N-Triples and RDF/XML
// test graph into a store, exports it in every format as `maturity export`
// does, imports the export into a second store and compares the two
// stores' contents (isomorphic, blank nodes relabelled). RDF/XML may refuse
// a graph it cannot carry (a predicate that does not end in an XML name, a
// character XML 1.0 cannot hold): such refusals are counted apart, and only
// when an independent check agrees that RDF/XML cannot carry the graph.
func TestExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	src, dst := openStore(t), openStore(t)
	var c roundTripCounts
	for _, s := range w3c.SyntaxSuites() {
		dir := testtool.Testdata(t, s.Name)
		tests, err := w3c.ReadSyntaxManifest(dir, s.Base)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range tests {
			if k := w3c.KindOf(tc.Type); k != w3c.Eval && k != w3c.Positive {
				continue
			}
			t.Run(s.Name+"/"+tc.Name, func(t *testing.T) {
				if err := clearStore(ctx, src); err != nil {
					t.Fatal(err)
				}
				path := w3c.SuitePath(dir, s.Base, tc.Action)
				if _, err := importFile(ctx, src, path, s.Format, rdfio.ParseOptions{Base: tc.Action}); err != nil {
					t.Fatalf("import: %v", err)
				}
				roundTripAll(t, ctx, src, dst, &c)
			})
		}
	}
	c.check(t, "graphs of the Turtle, N-Triples and RDF/XML suites", map[rdfio.Format]roundTripLevels{
		rdfio.NQuads:   {same: 386},
		rdfio.NTriples: {same: 386},
		rdfio.Turtle:   {same: 386},
		rdfio.RDFXML:   {same: 369, refused: 17},
		rdfio.JSONLD:   {same: 384, langCase: 2},
	})
}

// TestExportRoundTripDatasets does the same over every distinct dataset of
// the SPARQL evaluation tests, which, unlike the syntax suites, fill named
// graphs: N-Quads and JSON-LD must keep them, and the triple formats must
// write their union.
func TestExportRoundTripDatasets(t *testing.T) {
	ctx := context.Background()
	src, dst := openStore(t), openStore(t)
	var c roundTripCounts
	eachDataset(t, func(t *testing.T, files []w3c.DataFile) {
		if err := clearStore(ctx, src); err != nil {
			t.Fatal(err)
		}
		if _, err := importFiles(ctx, src, files); err != nil {
			t.Fatalf("import: %v", err)
		}
		roundTripAll(t, ctx, src, dst, &c)
	})
	c.check(t, "datasets of the SPARQL suites", map[rdfio.Format]roundTripLevels{
		rdfio.NQuads:   {same: 177},
		rdfio.NTriples: {same: 177},
		rdfio.Turtle:   {same: 177},
		rdfio.RDFXML:   {same: 177},
		rdfio.JSONLD:   {same: 175, langCase: 2},
	})
}

// roundTripOne exports src in format f, imports that into dst (emptied
// first) and compares dst with ref, what src holds; formats without named
// graphs are compared with the union of ref's graphs.
func roundTripOne(ctx context.Context, src, dst *store.Store, f rdfio.Format, opts rdfio.WriteOptions, ref []rdf.Quad) (roundTrip, string) {
	if !f.SupportsQuads() {
		ref = union(ref)
	}
	data, err := export(ctx, src, f, opts)
	if err != nil {
		if f == rdfio.RDFXML {
			if why := rdfxmlCannotHold(ref); why != "" {
				return refusedByDesign, why
			}
			return wrongGraph, fmt.Sprintf("export refused a graph RDF/XML can carry: %v\ngraph:\n%s", err, w3c.NQuads(ref))
		}
		return wrongGraph, fmt.Sprintf("export: %v\ngraph:\n%s", err, w3c.NQuads(ref))
	}
	if err := clearStore(ctx, dst); err != nil {
		return wrongGraph, "clear second store: " + err.Error()
	}
	// No base: an export must not depend on where it is read.
	if _, err := importReader(ctx, dst, bytes.NewReader(data), f, rdfio.ParseOptions{File: "export" + f.Ext()}); err != nil {
		return wrongGraph, fmt.Sprintf("re-import: %v\nexport:\n%s", err, data)
	}
	got, err := storedQuads(ctx, dst)
	if err != nil {
		return wrongGraph, "read back: " + err.Error()
	}
	if !rdf.Isomorphic(got, ref) {
		if rdf.Isomorphic(lowerLangs(got), lowerLangs(ref)) {
			return sameUpToLangCase, fmt.Sprintf("original:\n%s\nre-imported:\n%s", w3c.NQuads(ref), w3c.NQuads(got))
		}
		return wrongGraph, fmt.Sprintf("re-imported graph differs\nexported:\n%s\nre-imported (%d):\n%s\noriginal (%d):\n%s", data, len(got), w3c.NQuads(got), len(ref), w3c.NQuads(ref))
	}
	return sameGraph, ""
}

// union is the set of the quads' triples, in the default graph.
func union(qs []rdf.Quad) []rdf.Quad {
	seen := make(map[rdf.Quad]bool, len(qs))
	var out []rdf.Quad
	for _, q := range qs {
		q.G = rdf.Term{}
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}

// lowerLangs returns the quads with their language tags in lower case.
func lowerLangs(qs []rdf.Quad) []rdf.Quad {
	out := make([]rdf.Quad, len(qs))
	for i, q := range qs {
		q.O.Lang = strings.ToLower(q.O.Lang)
		out[i] = q
	}
	return out
}
