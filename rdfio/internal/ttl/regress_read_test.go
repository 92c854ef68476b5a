package ttl

import (
	"errors"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
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
			got, err := rdftest.ParseString(ParseTurtle, tc.in, codec.ParseOptions{Base: tc.base})
			if err != nil {
				t.Fatal(err)
			}
			if !rdf.Isomorphic(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", rdftest.NQuadsOf(got), rdftest.NQuadsOf(tc.want))
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
			_, err := rdftest.ParseString(ParseTurtle, tc.in, codec.ParseOptions{File: "in.ttl"})
			var se *codec.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error = %v, want *codec.SyntaxError", err)
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
			_, err := rdftest.ParseString(ParseNTriples, tc.in, codec.ParseOptions{File: "in.nt"})
			var se *codec.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error = %v, want *codec.SyntaxError", err)
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
