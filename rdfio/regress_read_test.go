package rdfio

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stadleuven/maturity/rdf"
)

// The same document must give the same quads however the reader splits it,
// since tokens and lines then straddle buffer refills.
func TestReadersOneByteAtATime(t *testing.T) {
	docs := []struct {
		f  Format
		in string
	}{
		{Turtle, "@prefix : <http://ex.org/> .\n:s :p \"\"\"a\n\"b\"\"\"@en-GB, 1.5e3, -.5, 12, true ; :q ( :a [ :b _:x.c ] ) .\n:t :p '''x'''^^:dt .\n:u\\~ :p :v\\.w.\n"},
		{NTriples, "<http://ex.org/s> <http://ex.org/p> \"a\\u00e9\\U0001F600\\n\"@nl .\r\n_:b <http://ex.org/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n<http://ex.org/\\u00FC> <http://ex.org/p> _:b ."},
		{NQuads, "<http://ex.org/s> <http://ex.org/p> \"a\" <http://ex.org/g> .\n<http://ex.org/s> <http://ex.org/p> \"a\" _:g .\n<http://ex.org/s> <http://ex.org/p> \"a\" .\n"},
	}
	for _, d := range docs {
		whole, err := readTestString(d.in, d.f, ParseOptions{})
		if err != nil {
			t.Fatalf("%v: %v", d.f, err)
		}
		var bytewise []rdf.Quad
		err = Parse(iotest.OneByteReader(strings.NewReader(d.in)), d.f, ParseOptions{}, func(q rdf.Quad) error {
			bytewise = append(bytewise, q)
			return nil
		})
		if err != nil {
			t.Fatalf("%v one byte at a time: %v", d.f, err)
		}
		if len(whole) == 0 || readNQuadsOf(whole) != readNQuadsOf(bytewise) {
			t.Errorf("%v: whole\n%s\nbytewise\n%s", d.f, readNQuadsOf(whole), readNQuadsOf(bytewise))
		}
	}
}

func TestParseOptions(t *testing.T) {
	g := rdf.IRI("http://ex.org/g")
	t.Run("graph for triple formats", func(t *testing.T) {
		docs := map[Format]string{
			NTriples: "<http://ex.org/s> <http://ex.org/p> _:o .",
			Turtle:   "<http://ex.org/s> <http://ex.org/p> _:o .",
			RDFXML:   `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="http://ex.org/s"><rdf:value rdf:nodeID="o"/></rdf:Description></rdf:RDF>`,
		}
		for f, doc := range docs {
			qs, err := readTestString(doc, f, ParseOptions{Graph: g})
			if err != nil || len(qs) != 1 || qs[0].G != g {
				t.Errorf("%v: %v %v", f, qs, err)
			}
		}
	})
	t.Run("N-Quads keeps its own graphs", func(t *testing.T) {
		qs, err := readTestString("<http://ex.org/s> <http://ex.org/p> \"x\" <http://ex.org/h> .\n<http://ex.org/s> <http://ex.org/p> \"x\" .", NQuads, ParseOptions{Graph: g})
		if err != nil || len(qs) != 2 || qs[0].G != rdf.IRI("http://ex.org/h") || !qs[1].G.IsZero() {
			t.Errorf("%v %v", qs, err)
		}
	})
	t.Run("blank prefix keeps labels apart", func(t *testing.T) {
		in := "@prefix : <http://ex.org/> .\n_:_g1 :p [ :q _:b ], ( 1 ) .\n_:g1 :p _:_g1 ."
		qs, err := readTestString(in, Turtle, ParseOptions{BlankPrefix: "d1"})
		if err != nil {
			t.Fatal(err)
		}
		labels := map[string]bool{}
		for _, q := range qs {
			for _, term := range []rdf.Term{q.S, q.O} {
				if term.IsBlank() {
					if !strings.HasPrefix(term.Value, "d1") {
						t.Errorf("label %q lacks the prefix", term.Value)
					}
					labels[term.Value] = true
				}
			}
		}
		// _:_g1, _:b, _:g1, the [] node and the list node are five nodes.
		if len(labels) != 5 {
			t.Errorf("got %d distinct blank nodes %v, want 5", len(labels), labels)
		}
		nt, err := readTestString("_:_g1 <http://ex.org/p> _:g1 .", NTriples, ParseOptions{BlankPrefix: "d1"})
		if err != nil || !labels[nt[0].S.Value] || !labels[nt[0].O.Value] {
			t.Errorf("N-Triples labels differ from Turtle's: %v %v", nt, err)
		}
	})
	t.Run("emit error stops and is wrapped", func(t *testing.T) {
		stop := errors.New("stop")
		docs := map[Format]string{
			NTriples: "<http://ex.org/s> <http://ex.org/p> \"1\" .\n<http://ex.org/s> <http://ex.org/p> \"2\" .\n",
			JSONLD:   `{"@id": "http://ex.org/s", "http://ex.org/p": ["1", "2"]}`,
		}
		docs[NQuads], docs[Turtle] = docs[NTriples], docs[NTriples]
		for f, doc := range docs {
			n := 0
			err := Parse(strings.NewReader(doc), f, ParseOptions{}, func(rdf.Quad) error {
				n++
				return stop
			})
			if !errors.Is(err, stop) || n != 1 {
				t.Errorf("%v: err = %v after %d quads, want stop after 1", f, err, n)
			}
		}
	})
	t.Run("read errors are reported, not taken for the end", func(t *testing.T) {
		boom := errors.New("disk on fire")
		for _, f := range []Format{NTriples, NQuads, Turtle} {
			r := io.MultiReader(strings.NewReader("<http://ex.org/s> <http://ex.org/p> \"1\" .\n"), iotest.ErrReader(boom))
			n := 0
			err := Parse(r, f, ParseOptions{}, func(rdf.Quad) error { n++; return nil })
			if !errors.Is(err, boom) {
				t.Errorf("%v: err = %v, want the read error", f, err)
			}
		}
	})
	t.Run("long lines", func(t *testing.T) {
		long := strings.Repeat("ä", 200_000)
		for _, f := range []Format{NTriples, Turtle} {
			qs, err := readTestString("<http://ex.org/s> <http://ex.org/p> \""+long+"\" .\n", f, ParseOptions{})
			if err != nil || len(qs) != 1 || qs[0].O.Value != long {
				t.Errorf("%v: %d quads, %v", f, len(qs), err)
			}
		}
	})
}

func TestParseSkipsBOM(t *testing.T) {
	docs := map[Format]string{
		NTriples: "<http://ex.org/s> <http://ex.org/p> \"x\" .\n",
		Turtle:   "<http://ex.org/s> <http://ex.org/p> \"x\" .\n",
		RDFXML:   `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/"><rdf:Description rdf:about="http://ex.org/s" ex:p="x"/></rdf:RDF>`,
		JSONLD:   `{"@id": "http://ex.org/s", "http://ex.org/p": "x"}`,
	}
	want := []rdf.Quad{rdf.Triple(rdf.IRI("http://ex.org/s"), rdf.IRI("http://ex.org/p"), rdf.Literal("x"))}
	for f, doc := range docs {
		got, err := readTestString("\uFEFF"+doc, f, ParseOptions{})
		if err != nil || !rdf.Isomorphic(got, want) {
			t.Errorf("%v with BOM: %v %v", f, got, err)
		}
	}
}
