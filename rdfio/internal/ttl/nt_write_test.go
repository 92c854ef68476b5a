package ttl

import (
	"bytes"
	"errors"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
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
			for _, quads := range []bool{false, true} {
				f, want := "nt", tc.nt
				if quads {
					f, want = "nq", tc.nq
				}
				var buf bytes.Buffer
				w := newNTWriter(&buf, quads)
				if err := w.Write(tc.q); err != nil {
					t.Fatal(err)
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				if got := buf.String(); got != want {
					t.Errorf("%v: got %q, want %q", f, got, want)
				}
			}
		})
	}
}

// Ensure that N-Quads output streams (reaches the io.Writer by Close) and
// that Write after Close fails.
func TestNTWriteStreamingAndClose(t *testing.T) {
	var buf bytes.Buffer
	w := NewNQuadsWriter(&buf)
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
	if err := w.Write(q); !errors.Is(err, codec.ErrClosed) {
		t.Errorf("Write after Close: %v", err)
	}
}
