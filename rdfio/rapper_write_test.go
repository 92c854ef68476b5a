package rdfio

import (
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
)

// wtRapperNames are rapper's names for the formats it reads.
var wtRapperNames = map[Format]string{NTriples: "ntriples", Turtle: "turtle", RDFXML: "rdfxml"}

// wtRapper parses data with rapper (Raptor) and returns its triples.
func wtRapper(t testing.TB, rapper string, f Format, data []byte) ([]rdf.Quad, error) {
	t.Helper()
	cmd := exec.Command(rapper, "-q", "-i", wtRapperNames[f], "-o", "ntriples", "-", "http://base.example/doc")
	cmd.Stdin = bytes.NewReader(data)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("rapper: %v: %s", err, stderr.Bytes())
	}
	var qs []rdf.Quad
	err := Parse(&out, NTriples, ParseOptions{}, func(q rdf.Quad) error {
		qs = append(qs, q)
		return nil
	})
	return qs, err
}

// wtLowerLang lower-cases language tags, as Raptor does on reading (RDF 1.1
// compares them case-insensitively).
func wtLowerLang(qs []rdf.Quad) []rdf.Quad {
	out := make([]rdf.Quad, len(qs))
	for i, q := range qs {
		q.O.Lang = strings.ToLower(q.O.Lang)
		out[i] = q
	}
	return out
}

func wtHasNUL(qs []rdf.Quad) bool {
	for _, q := range qs {
		if strings.IndexByte(q.O.Value, 0) >= 0 {
			return true
		}
	}
	return false
}

// wtRelabel prefixes every blank node label, so that graphs can be merged
// without their blank nodes meeting.
func wtRelabel(qs []rdf.Quad, prefix string) []rdf.Quad {
	out := make([]rdf.Quad, len(qs))
	for i, q := range qs {
		for _, t := range []*rdf.Term{&q.S, &q.O, &q.G} {
			if t.IsBlank() {
				*t = rdf.Blank(prefix + t.Value)
			}
		}
		out[i] = q
	}
	return out
}

// wtRapperMin is how many conformance graphs rapper read back identically,
// per format; a drop fails the test.
var wtRapperMin = map[Format]int{NTriples: 365, Turtle: 365, RDFXML: 352}

// Ensure that Raptor, an independent RDF library, reads our Turtle,
// N-Triples and RDF/XML output as the graph we wrote. To keep to one rapper
// run per format, the conformance graphs that the format can carry are
// merged into one graph (blank nodes kept apart); only if that document
// differs are the graphs checked one by one, to name the culprits.
func TestWriteRapperCrossCheck(t *testing.T) {
	rapper := testtool.Require(t, "rapper")
	corpus := rdftest.Corpus(t, readParser(Turtle), readParser(NTriples))
	names := make([]string, 0, len(corpus))
	for n := range corpus {
		names = append(names, n)
	}
	slices.Sort(names)
	opts := WriteOptions{Prefixes: rdftest.Prefixes}
	for _, f := range []Format{NTriples, Turtle, RDFXML} {
		var union []rdf.Quad
		var used []string
		for i, name := range names {
			qs := wtRelabel(corpus[name], fmt.Sprintf("g%d_", i))
			if wtHasNUL(qs) {
				// Raptor is written in C and cuts strings at U+0000.
				continue
			}
			if err := WriteAll(io.Discard, f, slices.Clone(qs), opts); err != nil {
				continue // refused by the writer: TestWriteConformanceRoundTrip reports these
			}
			union = append(union, qs...)
			used = append(used, name)
		}
		out := wtWrite(t, f, union, opts)
		got, err := wtRapper(t, rapper, f, out)
		if err == nil && rdf.Isomorphic(wtLowerLang(got), wtLowerLang(wtExpect(f, union))) {
			t.Logf("%v: rapper reads all %d written conformance graphs back identically (%d triples, one document)", f, len(used), len(union))
			if len(used) < wtRapperMin[f] {
				t.Errorf("%v: %d graphs checked, fewer than the %d before", f, len(used), wtRapperMin[f])
			}
			continue
		}
		t.Errorf("%v: rapper reads the merged document differently (%v); checking graph by graph", f, err)
		for _, name := range used {
			out := wtWrite(t, f, corpus[name], opts)
			got, err := wtRapper(t, rapper, f, out)
			if err != nil || !rdf.Isomorphic(wtLowerLang(got), wtLowerLang(wtExpect(f, corpus[name]))) {
				t.Errorf("%v: %s: rapper reads a different graph (%v)\n%s", f, name, err, out)
			}
		}
	}
}
