package rdfio

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// Ensure that N-Triples and N-Quads lines are exact: terms as
// rdf.Term.String prints them, graph names only in N-Quads, blank labels
// the grammar refuses encoded.
func TestNTWriteLines(t *testing.T) {
	s, p := rdf.IRI("http://ex/s"), rdf.IRI("http://ex/p")
	tests := []struct {
		name   string
		q      rdf.Quad
		nt, nq string
	}{
		{"iri", rdf.Triple(s, p, rdf.IRI("http://ex/o")),
			"<http://ex/s> <http://ex/p> <http://ex/o> .\n", "<http://ex/s> <http://ex/p> <http://ex/o> .\n"},
		{"string escapes", rdf.Triple(s, p, rdf.Literal("a\"b\\c\nd\re\tf\x01")),
			`<http://ex/s> <http://ex/p> "a\"b\\c\nd\re\tf\u0001" .` + "\n", `<http://ex/s> <http://ex/p> "a\"b\\c\nd\re\tf\u0001" .` + "\n"},
		{"lang", rdf.Triple(s, p, rdf.LangLiteral("x", "nl-BE")),
			`<http://ex/s> <http://ex/p> "x"@nl-BE .` + "\n", `<http://ex/s> <http://ex/p> "x"@nl-BE .` + "\n"},
		{"typed", rdf.Triple(s, p, rdf.TypedLiteral("1", rdf.XSDInteger)),
			`<http://ex/s> <http://ex/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .` + "\n",
			`<http://ex/s> <http://ex/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .` + "\n"},
		{"named graph", rdf.Quad{S: s, P: p, O: rdf.Blank("b1"), G: rdf.IRI("http://ex/g")},
			"<http://ex/s> <http://ex/p> _:b1 .\n", "<http://ex/s> <http://ex/p> _:b1 <http://ex/g> .\n"},
		{"blank graph", rdf.Quad{S: rdf.Blank("a"), P: p, O: s, G: rdf.Blank("g")},
			"_:a <http://ex/p> <http://ex/s> .\n", "_:a <http://ex/p> <http://ex/s> _:g .\n"},
		{"encoded labels", rdf.Quad{S: rdf.Blank("a b"), P: p, O: rdf.Blank("x_1"), G: rdf.Blank("1")},
			"_:x_612062 <http://ex/p> _:x_785f31 .\n", "_:x_612062 <http://ex/p> _:x_785f31 _:x_31 .\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, f := range []Format{NTriples, NQuads} {
				want := tc.nt
				if f == NQuads {
					want = tc.nq
				}
				if got := string(wtWrite(t, f, []rdf.Quad{tc.q}, WriteOptions{})); got != want {
					t.Errorf("%v: got %q, want %q", f, got, want)
				}
			}
		})
	}
}

// Ensure that distinct blank labels stay distinct after encoding, whatever
// they contain, and that plain labels keep their spelling.
func TestWriteBlankLabel(t *testing.T) {
	labels := []string{"b0", "_g1", "a.b", "a-b", "é", "", "a b", "x_", "x_612062", "a b\x00", "1", "01", "a.", "a:b", "-a", "·"}
	seen := map[string]string{}
	for _, l := range labels {
		var b strings.Builder
		writeBlankLabel(&b, l)
		out := b.String()
		if prev, dup := seen[out]; dup {
			t.Errorf("labels %q and %q both written as %q", prev, l, out)
		}
		seen[out] = l
		if !writeIsNCName(out) || out[len(out)-1] == '.' {
			t.Errorf("label %q written as %q, which is not a valid label", l, out)
		}
		plain := l != "" && writeIsNCName(l) && l[len(l)-1] != '.' && !strings.HasPrefix(l, blankEscapePrefix)
		if plain != (out == l) {
			t.Errorf("label %q written as %q (plain label: %v)", l, out, plain)
		}
	}
}

// Ensure that N-Quads output streams (reaches the io.Writer by Close) and
// that Write after Close fails.
func TestNTWriteStreamingAndClose(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, NQuads, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	q := rdf.Triple(rdf.IRI("http://ex/s"), rdf.IRI("http://ex/p"), rdf.Literal("x"))
	for range 10000 {
		if err := w.Write(q); err != nil {
			t.Fatal(err)
		}
	}
	if buf.Len() == 0 {
		t.Errorf("nothing written before Close: the writer does not stream")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := w.Write(q); !errors.Is(err, errClosed) {
		t.Errorf("Write after Close: %v", err)
	}
}

// Ensure that exactly the ASCII characters IRIREF forbids are refused in
// IRIs, and that non-ASCII characters pass.
func TestCheckIRIForbidden(t *testing.T) {
	for c := rune(0); c < 128; c++ {
		forbidden := c <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", c)
		err := checkIRI(rdf.IRI("http://ex/a" + string(c) + "b"))
		if (err != nil) != forbidden {
			t.Errorf("character %q: err = %v, forbidden = %v", c, err, forbidden)
		}
	}
	for _, iri := range []string{"http://ex/é", "urn:x:y", "http://ex/\u00a0", "tag:a,b:c"} {
		if err := checkIRI(rdf.IRI(iri)); err != nil {
			t.Errorf("%q refused: %v", iri, err)
		}
	}
	for _, iri := range []string{"", "relative", "/abs/path", "1http://x", ":x"} {
		if err := checkIRI(rdf.IRI(iri)); err == nil {
			t.Errorf("%q accepted", iri)
		}
	}
}
