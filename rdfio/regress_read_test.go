package rdfio

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stadleuven/maturity/rdf"
)

// Inputs on which knakk/rdf's Turtle decoder panicked, lost text, merged
// blank nodes or resolved IRIs wrongly (the project's research
// notes, ld-anchors.md, last section), with what RDF 1.1 says they mean.
func TestTurtleKnakkRegressions(t *testing.T) {
	ex := func(s string) rdf.Term { return rdf.IRI("http://ex.org/" + s) }
	tests := []struct {
		name, base, in string
		want           []rdf.Quad
	}{
		{"long string starting with a quote", "", `<http://ex.org/s> <http://ex.org/p> """"q""" .`,
			[]rdf.Quad{rdf.Triple(ex("s"), ex("p"), rdf.Literal(`"q`))}},
		{"long single-quoted string starting with quotes", "", `<http://ex.org/s> <http://ex.org/p> '''''q''' .`,
			[]rdf.Quad{rdf.Triple(ex("s"), ex("p"), rdf.Literal(`''q`))}},
		{"hash at column 1 inside a long string", "", "<http://ex.org/s> <http://ex.org/p> \"\"\"line1\n# x\nline3\"\"\" .",
			[]rdf.Quad{rdf.Triple(ex("s"), ex("p"), rdf.Literal("line1\n# x\nline3"))}},
		{"anonymous node not merged with _:b1", "", "@prefix : <http://ex.org/> .\n_:b1 :p [ :q \"x\" ] .",
			[]rdf.Quad{rdf.Triple(rdf.Blank("x1"), ex("p"), rdf.Blank("x2")), rdf.Triple(rdf.Blank("x2"), ex("q"), rdf.Literal("x"))}},
		{"relative BASE, PREFIX and datatype", "http://ex.org/a/", "BASE <b/>\nPREFIX : <ns#>\n:s :p \"1\"^^<dt> .",
			[]rdf.Quad{rdf.Triple(ex("a/b/ns#s"), ex("a/b/ns#p"), rdf.TypedLiteral("1", "http://ex.org/a/b/dt"))}},
		{"dot-dot against a base without slash", "", "@base <http://ex.org/a/b/c> .\n<../x> <p> <./y> .",
			[]rdf.Quad{rdf.Triple(ex("a/x"), ex("a/b/p"), ex("a/b/y"))}},
		{"non-ASCII IRI kept, not percent-encoded", "http://ex.org/straße/", "<ü> <p> <%C3%BC> .",
			[]rdf.Quad{rdf.Triple(ex("straße/ü"), ex("straße/p"), ex("straße/%C3%BC"))}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readTestString(tc.in, Turtle, ParseOptions{Base: tc.base})
			if err != nil {
				t.Fatal(err)
			}
			if !rdf.Isomorphic(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", readNQuadsOf(got), readNQuadsOf(tc.want))
			}
		})
	}
}

func TestTurtleSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, in  string
		line, col int
		msg       string
	}{
		{"language tag with empty subtag", `<http://ex.org/s> <http://ex.org/p> "x"@en--US .`, 1, 40, "language tag"},
		{"surrogate escape in string", `<http://ex.org/s> <http://ex.org/p> "\uD800" .`, 1, 38, "surrogate"},
		{"surrogate escape in IRI", `<http://ex.org/\uDFFF> <http://ex.org/p> "x" .`, 1, 16, "surrogate"},
		{"colon blank label", `_::a <http://ex.org/p> "x" .`, 1, 3, "blank node"},
		{"relative IRI without base", "\n  <s> <http://ex.org/p> \"x\" .", 2, 3, "no base"},
		{"undeclared prefix", "ex:s ex:p ex:o .", 1, 1, "undeclared prefix"},
		{"column counts characters", "@prefix : <http://ex.org/> .\n:s :p \"ééé\" ; :q ? .", 2, 18, "unexpected character"},
		{"missing dot at end", "<http://ex.org/s> <http://ex.org/p> <http://ex.org/o>", 1, 54, "expected '.'"},
		{"unterminated long string", "<http://ex.org/s> <http://ex.org/p> \"\"\"abc\n\n", 3, 1, "end of input"},
		{"ANON subject without predicates", "[] .", 1, 4, "expected predicate"},
		{"deep nesting", "<http://ex.org/s> <http://ex.org/p> " + strings.Repeat("[ <http://ex.org/p> ", 2000), 1, 36 + 512*20 + 1, "nesting"},
		{"deep collection", "<http://ex.org/s> <http://ex.org/p> " + strings.Repeat("(", 100000), 1, 36 + 513, "nesting"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readTestString(tc.in, Turtle, ParseOptions{File: "in.ttl"})
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error = %v, want *SyntaxError", err)
			}
			if se.Line != tc.line || se.Col != tc.col || se.File != "in.ttl" || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("error = %v, want in.ttl:%d:%d: ...%s...", err, tc.line, tc.col, tc.msg)
			}
		})
	}
}

func TestNTriplesSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, in  string
		line, col int
		msg       string
	}{
		{"truncated last line without newline", "<http://ex.org/s> <http://ex.org/p> \"x\" .\n<http://ex.org/s> <ht", 2, 22, "unterminated IRI"},
		{"language tag with empty subtag", `<http://ex.org/s> <http://ex.org/p> "x"@en--US .`, 1, 40, "language tag"},
		{"surrogate escape", `<http://ex.org/s> <http://ex.org/p> "\uDFFF" .`, 1, 38, "surrogate"},
		{"colon in label", `_:abc:def <http://ex.org/p> "x" .`, 1, 6, "':'"},
		{"two statements on one line", `<http://ex.org/s> <http://ex.org/p> "x" . <http://ex.org/s> <http://ex.org/p> "y" .`, 1, 43, "end of line"},
		{"graph in N-Triples", `<http://ex.org/s> <http://ex.org/p> "x" <http://ex.org/g> .`, 1, 41, "'.'"},
		{"column counts characters", "<http://ex.org/s> <http://ex.org/p> \"ü\" x .", 1, 41, "'.'"},
		{"line after lone CR", "<http://ex.org/s> <http://ex.org/p> \"x\" .\r<http://ex.org/s> <http://ex.org/p> \"x\"", 2, 40, "'.'"},
		{"invalid UTF-8", "<http://ex.org/s> <http://ex.org/p> \"\xff\" .", 1, 38, "UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readTestString(tc.in, NTriples, ParseOptions{File: "in.nt"})
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error = %v, want *SyntaxError", err)
			}
			if se.Line != tc.line || se.Col != tc.col || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("error = %v, want in.nt:%d:%d: ...%s...", err, tc.line, tc.col, tc.msg)
			}
			if want := "in.nt:"; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Error() = %q, want prefix %q", err.Error(), want)
			}
		})
	}
}

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
