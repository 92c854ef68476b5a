package rdfio

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
)

// wtFormats are the formats every round-trip test writes and reads back.
var wtFormats = []Format{NTriples, NQuads, Turtle, RDFXML, JSONLD}

// wtWrite serializes qs in format f.
func wtWrite(t testing.TB, f Format, qs []rdf.Quad, opts WriteOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteAll(&buf, f, slices.Clone(qs), opts); err != nil {
		t.Fatalf("write %v: %v", f, err)
	}
	return buf.Bytes()
}

// wtRead parses data in format f. JSON-LD goes through json-gold's toRDF,
// an implementation independent of ours.
func wtRead(f Format, data []byte) ([]rdf.Quad, error) {
	if f == JSONLD {
		return rdftest.JSONGoldToRDF(data)
	}
	var qs []rdf.Quad
	err := Parse(bytes.NewReader(data), f, ParseOptions{Base: "http://base.example/doc"}, func(q rdf.Quad) error {
		qs = append(qs, q)
		return nil
	})
	return qs, err
}

// wtExpect is what format f can carry of qs: the triple formats drop graph
// names, and JSON-LD lower-cases language tags (which RDF 1.1 allows: tags
// compare case-insensitively).
func wtExpect(f Format, qs []rdf.Quad) []rdf.Quad {
	out := make([]rdf.Quad, len(qs))
	for i, q := range qs {
		if !f.SupportsQuads() {
			q.G = rdf.Term{}
		}
		if f == JSONLD {
			q.O.Lang = strings.ToLower(q.O.Lang)
		}
		out[i] = q
	}
	return out
}

// wtRoundTrip writes qs in f, reads the output back and reports whether
// the graphs are isomorphic; on failure it returns the output.
func wtRoundTrip(t testing.TB, f Format, qs []rdf.Quad, opts WriteOptions) (ok bool, out []byte, err error) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteAll(&buf, f, slices.Clone(qs), opts); err != nil {
		return false, nil, err
	}
	got, err := wtRead(f, buf.Bytes())
	if err != nil {
		return false, buf.Bytes(), err
	}
	return rdf.Isomorphic(got, wtExpect(f, qs)), buf.Bytes(), nil
}

// wtMinRoundTrips is what each format achieved over the conformance corpus;
// the test fails if a change makes fewer files survive the round trip.
var wtMinRoundTrips = map[Format]int{NTriples: 377, NQuads: 377, Turtle: 377, RDFXML: 352, JSONLD: 377}

// Ensure that every format writes every conformance graph so that it reads
// back as the same graph.
func TestWriteConformanceRoundTrip(t *testing.T) {
	corpus := rdftest.Corpus(t, readParser(Turtle), readParser(NTriples))
	names := make([]string, 0, len(corpus))
	for n := range corpus {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, f := range wtFormats {
		pass, unwritable := 0, 0
		for _, name := range names {
			ok, out, err := wtRoundTrip(t, f, corpus[name], WriteOptions{Prefixes: rdftest.Prefixes})
			switch {
			case ok:
				pass++
			case err != nil && out == nil:
				unwritable++
				t.Logf("%v: %s: cannot write: %v", f, name, err)
			default:
				t.Errorf("%v: %s: round trip differs (read error: %v)\n%s", f, name, err, out)
			}
		}
		t.Logf("%v: %d/%d conformance graphs round-trip (%d refused by the writer)", f, pass, len(names), unwritable)
		if pass < wtMinRoundTrips[f] {
			t.Errorf("%v: %d round trips, fewer than the %d achieved before", f, pass, wtMinRoundTrips[f])
		}
	}
}

// Ensure that every format writes the targeted graphs so that they read
// back as the same graph, with and without prefixes.
func TestWriteTargetedRoundTrip(t *testing.T) {
	for _, tc := range rdftest.Targeted {
		for _, f := range wtFormats {
			for _, opts := range []WriteOptions{{}, {Prefixes: rdftest.Prefixes}} {
				t.Run(tc.Name+"/"+f.String(), func(t *testing.T) {
					ok, out, err := wtRoundTrip(t, f, tc.Quads, opts)
					if f == RDFXML && tc.NoRDFXML {
						if err == nil || out != nil {
							t.Errorf("RDF/XML writer accepted XML-illegal characters:\n%s", out)
						}
						return
					}
					if !ok {
						t.Errorf("round trip differs (err %v)\n%s", err, out)
					}
				})
			}
		}
	}
}

// Ensure that every format refuses quads no RDF document can carry.
func TestWriteRefusesBadQuads(t *testing.T) {
	s, p := rdf.IRI(rdftest.Ex+"s"), rdf.IRI(rdftest.Ex+"p")
	bad := []rdf.Quad{
		rdf.Triple(rdf.Literal("x"), p, s),
		rdf.Triple(s, rdf.Blank("p"), s),
		rdf.Triple(s, p, rdf.Term{}),
		rdf.Triple(s, p, rdf.LangLiteral("x", "en_GB")),
		rdf.Triple(s, p, rdf.LangLiteral("x", "")),
		{S: s, P: p, O: s, G: rdf.Literal("g")},
		rdf.Triple(rdf.IRI(rdftest.Ex+"a b"), p, s),
		rdf.Triple(s, p, rdf.IRI("relative/iri")),
		rdf.Triple(s, p, rdf.TypedLiteral("1", "http://ex/dt{1}")),
		rdf.Triple(s, rdf.IRI("http://ex/p\n"), s),
	}
	for _, f := range wtFormats {
		for _, q := range bad {
			w, err := NewWriter(&bytes.Buffer{}, f, WriteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(q); err == nil {
				t.Errorf("%v: Write(%v) accepted", f, q)
			}
		}
	}
}
