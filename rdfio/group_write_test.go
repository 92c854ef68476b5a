package rdfio

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
)

// gwRoundTrip writes qs with NewGroupWriter in the given order and reads
// the output back.
func gwRoundTrip(f Format, qs []rdf.Quad, opts WriteOptions) (bool, []byte, error) {
	var buf bytes.Buffer
	gw, err := NewGroupWriter(&buf, f, opts)
	if err != nil {
		return false, nil, err
	}
	for _, q := range qs {
		if err := gw.Write(q); err != nil {
			return false, nil, err
		}
	}
	if err := gw.Close(); err != nil {
		return false, nil, err
	}
	got, err := wtRead(f, buf.Bytes())
	if err != nil {
		return false, buf.Bytes(), err
	}
	want := wtExpect(f, qs)
	if f != NQuads {
		for i := range want {
			want[i].G = rdf.Term{}
		}
	}
	return rdf.Isomorphic(got, want), buf.Bytes(), nil
}

// bySubject orders quads as a subject-first index scan would.
func bySubject(qs []rdf.Quad) []rdf.Quad {
	out := slices.Clone(qs)
	slices.SortStableFunc(out, func(a, b rdf.Quad) int { return codec.CompareTerm(&a.S, &b.S) })
	return out
}

// Ensure that the streaming writers write every conformance and targeted
// graph so that it reads back as the same graph, whether the quads come
// grouped by subject or shuffled, as many as the buffering writers do.
func TestGroupWriterRoundTrip(t *testing.T) {
	corpus := rdftest.Corpus(t, readParser(Turtle), readParser(NTriples))
	for _, tc := range rdftest.Targeted {
		if !tc.NoRDFXML {
			corpus["targeted/"+tc.Name] = tc.Quads
		}
	}
	names := make([]string, 0, len(corpus))
	for n := range corpus {
		names = append(names, n)
	}
	slices.Sort(names)
	r := rand.New(rand.NewPCG(1, 2))
	for _, f := range wtFormats {
		pass := 0
		for _, name := range names {
			grouped := bySubject(corpus[name])
			shuffled := slices.Clone(corpus[name])
			r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			ok1, out1, err1 := gwRoundTrip(f, grouped, WriteOptions{Prefixes: rdftest.Prefixes})
			ok2, out2, err2 := gwRoundTrip(f, shuffled, WriteOptions{Prefixes: rdftest.Prefixes})
			switch {
			case ok1 && ok2:
				pass++
			case out1 == nil && err1 != nil:
				t.Logf("%v: %s: cannot write: %v", f, name, err1)
			case !ok1:
				t.Errorf("%v: %s: grouped round trip differs (%v)\n%s", f, name, err1, out1)
			default:
				t.Errorf("%v: %s: shuffled round trip differs (%v)\n%s", f, name, err2, out2)
			}
		}
		t.Logf("%v: %d/%d graphs round-trip through the streaming writer", f, pass, len(names))
		if min := wtMinRoundTrips[f]; pass < min {
			t.Errorf("%v: %d round trips, fewer than the buffering writer's %d", f, pass, min)
		}
	}
}

// Ensure that the Turtle stream holds one subject at a time: output reaches
// the io.Writer as soon as the next subject starts, and a subject with more
// triples than codec.GroupMax is written in pieces.
func TestGroupWriterStreams(t *testing.T) {
	var buf bytes.Buffer
	gw, err := NewGroupWriter(&buf, Turtle, WriteOptions{Prefixes: []Prefix{{Name: "ex", IRI: "http://example.org/"}}})
	if err != nil {
		t.Fatal(err)
	}
	s1, s2, p := rdf.IRI("http://example.org/s1"), rdf.IRI("http://example.org/s2"), rdf.IRI("http://example.org/p")
	for i := range codec.GroupMax + 10 {
		if err := gw.Write(rdf.Triple(s1, p, rdf.TypedLiteral(strings.Repeat("1", i%7+1), rdf.XSDInteger))); err != nil {
			t.Fatal(err)
		}
		if i == codec.GroupMax+1 && !strings.Contains(buf.String(), "ex:s1 ex:p") {
			t.Fatal("a subject larger than codec.GroupMax was not written in pieces")
		}
	}
	gw.Write(rdf.Triple(s2, p, rdf.Literal("x")))
	if !strings.HasPrefix(buf.String(), "@prefix ex: <http://example.org/> .\n\nex:s1") {
		t.Errorf("prefix not declared up front:\n%.200s", buf.String())
	}
	if strings.Contains(buf.String(), "ex:s2") {
		t.Error("the last subject was written before Close")
	}
	if err := gw.Close(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "ex:s2 ex:p \"x\" .\n") {
		t.Errorf("output ends %q", buf.String()[max(0, buf.Len()-60):])
	}
	if err := gw.Write(rdf.Triple(s1, p, s2)); !errors.Is(err, codec.ErrClosed) {
		t.Errorf("Write after Close = %v", err)
	}
}
