package ttl

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
)

// wtTurtle writes qs as Turtle and checks that the output reads back as
// the same graph.
func wtTurtle(t *testing.T, qs []rdf.Quad, opts codec.WriteOptions) string {
	t.Helper()
	var buf bytes.Buffer
	if err := rdftest.WriteAll(&buf, NewTurtleWriter, qs, opts); err != nil {
		t.Fatalf("write Turtle: %v", err)
	}
	out := buf.String()
	got, err := wtReadTurtle(buf.Bytes())
	if err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, out)
	}
	if !rdf.Isomorphic(got, wtTriples(qs)) {
		t.Fatalf("output parses to a different graph\n%s", out)
	}
	return out
}

// Ensure that IRIs become prefixed names exactly when PN_LOCAL can spell
// their local part, with the escapes the grammar allows.
func TestTurtleLocalNames(t *testing.T) {
	tests := []struct{ local, want string }{
		{"a", "ex:a"},
		{"", "ex:"},
		{"a.b", "ex:a.b"},
		{"a:b", "ex:a:b"},
		{":", "ex::"},
		{"123", "ex:123"},
		{"_x", "ex:_x"},
		{"a-b", "ex:a-b"},
		{"-a", `ex:\-a`},
		{".a", `ex:\.a`},
		{"a.", `ex:a\.`},
		{"a%20b", "ex:a%20b"},
		{"a%zz", `ex:a\%zz`},
		{"100%", `ex:100\%`},
		{"a~b", `ex:a\~b`},
		{"a/b?c=d&e#f", `ex:a\/b\?c\=d\&e\#f`},
		{"it's(1)*+,;$!@", `ex:it\'s\(1\)\*\+\,\;\$\!\@`},
		{"café", "ex:café"},
		{"a·b", "ex:a·b"},
		{"·b", "<http://example.org/·b>"},
		{"a[b]", "<http://example.org/a[b]>"},
		{"a×b", "<http://example.org/a×b>"},
	}
	for _, tc := range tests {
		t.Run(tc.local, func(t *testing.T) {
			q := rdf.Triple(rdf.IRI(rdftest.Ex+"s"), rdf.IRI(rdftest.Ex+"p"), rdf.IRI(rdftest.Ex+tc.local))
			out := wtTurtle(t, []rdf.Quad{q}, codec.WriteOptions{Prefixes: []codec.Prefix{{Name: "ex", IRI: rdftest.Ex}}})
			if !strings.Contains(out, "ex:p "+tc.want+" .\n") {
				t.Errorf("object not written as %s:\n%s", tc.want, out)
			}
		})
	}
}

// Ensure that literals are written bare only when the Turtle token has
// exactly that datatype and lexical form.
func TestTurtleLiteralShortcuts(t *testing.T) {
	tests := []struct{ lex, dt, want string }{
		{"1", rdf.XSDInteger, "1"},
		{"-05", rdf.XSDInteger, "-05"},
		{"+7", rdf.XSDInteger, "+7"},
		{"1.0", rdf.XSDInteger, `"1.0"^^xsd:integer`},
		{" 1", rdf.XSDInteger, `" 1"^^xsd:integer`},
		{"", rdf.XSDInteger, `""^^xsd:integer`},
		{"1.5", rdf.XSDDecimal, "1.5"},
		{".5", rdf.XSDDecimal, ".5"},
		{"-.5", rdf.XSDDecimal, "-.5"},
		{"1.", rdf.XSDDecimal, `"1."^^xsd:decimal`},
		{"1", rdf.XSDDecimal, `"1"^^xsd:decimal`},
		{"1e5", rdf.XSDDouble, "1e5"},
		{"1.E-5", rdf.XSDDouble, "1.E-5"},
		{".5e+1", rdf.XSDDouble, ".5e+1"},
		{"1.5", rdf.XSDDouble, `"1.5"^^xsd:double`},
		{"INF", rdf.XSDDouble, `"INF"^^xsd:double`},
		{"e5", rdf.XSDDouble, `"e5"^^xsd:double`},
		{"1e", rdf.XSDDouble, `"1e"^^xsd:double`},
		{"true", rdf.XSDBoolean, "true"},
		{"false", rdf.XSDBoolean, "false"},
		{"1", rdf.XSDBoolean, `"1"^^xsd:boolean`},
		{"TRUE", rdf.XSDBoolean, `"TRUE"^^xsd:boolean`},
		{"1", rdf.XSDFloat, `"1"^^xsd:float`},
		{"2024-01-01", rdf.XSDDate, `"2024-01-01"^^xsd:date`},
		{"x", "http://example.org/dt", `"x"^^<http://example.org/dt>`},
		{"x", rdf.XSDString, `"x"`},
	}
	for _, tc := range tests {
		t.Run(tc.lex+"^^"+tc.dt, func(t *testing.T) {
			q := rdf.Triple(rdf.IRI(rdftest.Ex+"s"), rdf.IRI(rdftest.Ex+"p"), rdf.TypedLiteral(tc.lex, tc.dt))
			out := wtTurtle(t, []rdf.Quad{q}, codec.WriteOptions{Prefixes: []codec.Prefix{{Name: "xsd", IRI: rdf.XSDNS}}})
			if !strings.Contains(out, "> "+tc.want+" .\n") {
				t.Errorf("literal not written as %s:\n%s", tc.want, out)
			}
		})
	}
}

// Ensure that strings keep every character: quotes, backslashes, line
// breaks and control characters, in short and long string form.
func TestTurtleStrings(t *testing.T) {
	tests := []struct{ value, lang, want string }{
		{"plain", "", `"plain"`},
		{`say "hi"`, "", `"say \"hi\""`},
		{`back\slash`, "", `"back\\slash"`},
		{"tab\there", "", `"tab\there"`},
		{"cr\rhere", "", `"cr\rhere"`},
		{"nul\x00bell\x07del\x7f", "", `"nul\u0000bell\u0007del\u007F"`},
		{"two\nlines", "", "\"\"\"two\nlines\"\"\""},
		{"ends in quote\n\"", "", "\"\"\"ends in quote\n\\\"\"\"\""},
		{"\"\"\"\n", "", "\"\"\"\\\"\\\"\"\n\"\"\""},
		{"a\"b\nc\"\"d", "", "\"\"\"a\"b\nc\\\"\"d\"\"\""},
		{"cr\r\nlf", "", "\"\"\"cr\\r\nlf\"\"\""},
		{"hallo", "nl", `"hallo"@nl`},
		{"colour", "en-GB", `"colour"@en-GB`},
		{"x\ny", "de-CH-1901", "\"\"\"x\ny\"\"\"@de-CH-1901"},
		{"", "", `""`},
		{"ünïcødé 🎉", "", `"ünïcødé 🎉"`},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			o := rdf.Literal(tc.value)
			if tc.lang != "" {
				o = rdf.LangLiteral(tc.value, tc.lang)
			}
			out := wtTurtle(t, []rdf.Quad{rdf.Triple(rdf.IRI(rdftest.Ex+"s"), rdf.IRI(rdftest.Ex+"p"), o)}, codec.WriteOptions{})
			if !strings.Contains(out, "> "+tc.want+" .\n") {
				t.Errorf("literal not written as %s:\n%s", tc.want, out)
			}
		})
	}
}

// Ensure the layout: used prefixes only, subjects grouped and sorted,
// rdf:type first as "a", objects joined with commas, blank nodes used once
// nested, unreferenced blank subjects as [].
func TestTurtleLayout(t *testing.T) {
	ex := func(s string) rdf.Term { return rdf.IRI(rdftest.Ex + s) }
	qs := []rdf.Quad{
		rdf.Triple(ex("b"), ex("p"), rdf.Literal("z")),
		rdf.Triple(ex("a"), ex("q"), rdf.Blank("n1")),
		rdf.Triple(ex("a"), ex("p"), rdf.Literal("y")),
		rdf.Triple(ex("a"), ex("p"), rdf.Literal("x")),
		rdf.Triple(ex("a"), rdf.IRI(rdf.RDFType), ex("T")),
		rdf.Triple(rdf.Blank("n1"), ex("r"), rdf.Blank("n2")),
		rdf.Triple(rdf.Blank("n1"), ex("r"), rdf.TypedLiteral("3", rdf.XSDInteger)),
		rdf.Triple(rdf.Blank("shared"), ex("p"), rdf.Literal("s")),
		rdf.Triple(ex("a"), ex("r"), rdf.Blank("shared")),
		rdf.Triple(ex("b"), ex("r"), rdf.Blank("shared")),
		rdf.Triple(rdf.Blank("root"), ex("p"), ex("a")),
		rdf.Triple(ex("a"), ex("p"), rdf.Literal("x")), // duplicate
	}
	prefixes := []codec.Prefix{{Name: "ex", IRI: rdftest.Ex}, {Name: "unused", IRI: "http://unused.example/"}}
	got := wtTurtle(t, qs, codec.WriteOptions{Prefixes: prefixes})
	want := `@prefix ex: <http://example.org/> .

ex:a a ex:T ;
    ex:p "x", "y" ;
    ex:q [
        ex:r [], 3
    ] ;
    ex:r _:shared .
ex:b ex:p "z" ;
    ex:r _:shared .
[] ex:p ex:a .
_:shared ex:p "s" .
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// The same set in another order gives the same bytes.
	rev := make([]rdf.Quad, len(qs))
	for i, q := range qs {
		rev[len(qs)-1-i] = q
	}
	if again := wtTurtle(t, rev, codec.WriteOptions{Prefixes: prefixes}); again != got {
		t.Errorf("output depends on input order:\n%s", again)
	}
}

// Ensure that blank nodes referenced once but only through a cycle, or
// through a chain deeper than the nesting limit, are still written.
func TestTurtleBlankCycles(t *testing.T) {
	p := rdf.IRI(rdftest.Ex + "p")
	chain := []rdf.Quad{rdf.Triple(rdf.IRI(rdftest.Ex+"head"), p, rdf.Blank("c0"))}
	for i := range 3 * codec.MaxNesting {
		chain = append(chain, rdf.Triple(rdf.Blank("c"+string(rune('0'+i/10))+string(rune('0'+i%10))), p, rdf.Literal("v")))
	}
	chain = chain[:1]
	prev := rdf.Blank("c0")
	for i := 1; i < 3*codec.MaxNesting; i++ {
		next := rdf.Blank("c" + strings.Repeat("x", i))
		chain = append(chain, rdf.Triple(prev, p, next))
		prev = next
	}
	tests := []struct {
		name string
		qs   []rdf.Quad
	}{
		{"self loop", []rdf.Quad{rdf.Triple(rdf.Blank("a"), p, rdf.Blank("a"))}},
		{"two-cycle", []rdf.Quad{rdf.Triple(rdf.Blank("a"), p, rdf.Blank("b")), rdf.Triple(rdf.Blank("b"), p, rdf.Blank("a"))}},
		{"cycle hanging off an IRI", []rdf.Quad{
			rdf.Triple(rdf.IRI(rdftest.Ex+"s"), p, rdf.Blank("a")),
			rdf.Triple(rdf.Blank("a"), p, rdf.Blank("b")),
			rdf.Triple(rdf.Blank("b"), p, rdf.Blank("c")),
			rdf.Triple(rdf.Blank("c"), p, rdf.Blank("b")),
		}},
		{"three-cycle", []rdf.Quad{
			rdf.Triple(rdf.Blank("a"), p, rdf.Blank("b")),
			rdf.Triple(rdf.Blank("b"), p, rdf.Blank("c")),
			rdf.Triple(rdf.Blank("c"), p, rdf.Blank("a")),
		}},
		{"deep chain", chain},
		{"list whose item points back at it", func() []rdf.Quad {
			h, qs := wtList("l", rdf.Blank("item"), rdf.Literal("b"), rdf.Literal("c"))
			return append(qs, rdf.Triple(rdf.Blank("item"), p, h))
		}()},
		{"list whose last node is written first", []rdf.Quad{
			// n0 sorts first, so the cycle is broken at a list node.
			rdf.Triple(rdf.Blank("n2"), rdf.IRI(rdf.RDFFirst), rdf.Literal("a")),
			rdf.Triple(rdf.Blank("n2"), rdf.IRI(rdf.RDFRest), rdf.Blank("n1")),
			rdf.Triple(rdf.Blank("n1"), rdf.IRI(rdf.RDFFirst), rdf.Literal("b")),
			rdf.Triple(rdf.Blank("n1"), rdf.IRI(rdf.RDFRest), rdf.Blank("n0")),
			rdf.Triple(rdf.Blank("n0"), rdf.IRI(rdf.RDFFirst), rdf.Blank("zitem")),
			rdf.Triple(rdf.Blank("n0"), rdf.IRI(rdf.RDFRest), rdf.IRI(rdf.RDFNil)),
			rdf.Triple(rdf.Blank("zitem"), p, rdf.Blank("n2")),
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := wtTurtle(t, tc.qs, codec.WriteOptions{})
			if depth := strings.Count(out, "\n"+strings.Repeat(" ", 4*(codec.MaxNesting+2))); depth > 0 {
				t.Errorf("nested deeper than %d levels:\n%s", codec.MaxNesting, out)
			}
		})
	}
}

// Ensure that IRIs are written relative to Base only where resolving the
// reference gives back the same IRI.
func TestTurtleRelativeIRIs(t *testing.T) {
	tests := []struct {
		base, iri, want string
	}{
		{"http://ex.org/dir/doc", "http://ex.org/dir/doc", "<>"},
		{"http://ex.org/dir/doc#x", "http://ex.org/dir/doc", "<>"},
		{"http://ex.org/dir/doc", "http://ex.org/dir/doc#frag", "<#frag>"},
		{"http://ex.org/dir/doc", "http://ex.org/dir/other", "<other>"},
		{"http://ex.org/dir/doc", "http://ex.org/dir/sub/x?q=1#f", "<sub/x?q=1#f>"},
		{"http://ex.org/dir/", "http://ex.org/dir/a", "<a>"},
		{"http://ex.org", "http://ex.org/a", "<a>"},
		{"http://ex.org/dir/doc?q", "http://ex.org/dir/doc?q#f", "<#f>"},
		{"http://ex.org/dir/doc?q", "http://ex.org/dir/doc", "<doc>"},
		{"http://ex.org/dir/doc", "http://ex.org/dir/a:b", "<http://ex.org/dir/a:b>"},
		{"http://ex.org/dir/doc", "http://ex.org/dir/./a", "<http://ex.org/dir/./a>"},
		{"http://ex.org/dir/doc", "http://ex.org/dir/a/../b", "<http://ex.org/dir/a/../b>"},
		{"http://ex.org/dir/doc", "http://ex.org/dir/?q", "<http://ex.org/dir/?q>"},
		{"http://ex.org/dir/doc", "http://ex.org/other/x", "<http://ex.org/other/x>"},
		{"http://ex.org/dir/doc", "http://ex.org/dir//x", "<http://ex.org/dir//x>"},
		{"http://ex.org/a/./b", "http://ex.org/a/x", "<http://ex.org/a/x>"},
		{"urn:x:y", "urn:x:y", "<urn:x:y>"},
	}
	for _, tc := range tests {
		t.Run(tc.base+" "+tc.iri, func(t *testing.T) {
			q := rdf.Triple(rdf.IRI("http://s.example/s"), rdf.IRI("http://s.example/p"), rdf.IRI(tc.iri))
			var buf bytes.Buffer
			if err := rdftest.WriteAll(&buf, NewTurtleWriter, []rdf.Quad{q}, codec.WriteOptions{Base: tc.base}); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if !strings.Contains(out, "> "+tc.want+" .\n") {
				t.Errorf("object not written as %s:\n%s", tc.want, out)
			}
			if relative := !strings.Contains(tc.want, ":"); relative != strings.Contains(out, "@base") {
				t.Errorf("@base declared although unused, or missing:\n%s", out)
			}
			// Read back with the reader's own RFC 3986 resolution and an
			// unrelated document base: @base must decide.
			got, err := wtReadTurtle(buf.Bytes())
			if err != nil || !rdf.Isomorphic(got, []rdf.Quad{q}) {
				t.Errorf("reads back as %v (%v):\n%s", got, err, out)
			}
			if rel, ok := newWriteBase(tc.base).relative(tc.iri); ok {
				if abs, err := rdf.ResolveIRI(tc.base, rel); err != nil || abs != tc.iri {
					t.Errorf("ResolveIRI(%q, %q) = %q, %v", tc.base, rel, abs, err)
				}
			}
		})
	}
}

// Ensure that options no Turtle document can carry are refused with an
// error that names the problem (rdfio's TestWriteRefusesBadQuads has the
// quads).
func TestTurtleWriteErrors(t *testing.T) {
	if _, err := NewTurtleWriter(&bytes.Buffer{}, codec.WriteOptions{Prefixes: []codec.Prefix{{Name: "1x", IRI: rdftest.Ex}}}); err == nil || !strings.Contains(err.Error(), `"1x"`) {
		t.Errorf("invalid prefix name: err = %v", err)
	}
	if _, err := NewTurtleWriter(&bytes.Buffer{}, codec.WriteOptions{Prefixes: []codec.Prefix{{Name: "a", IRI: rdftest.Ex}, {Name: "a", IRI: "http://b/"}}}); err == nil {
		t.Errorf("duplicate prefix name accepted")
	}
	for _, opts := range []codec.WriteOptions{
		{Prefixes: []codec.Prefix{{Name: "a", IRI: ""}}},
		{Prefixes: []codec.Prefix{{Name: "a", IRI: "http://ex/a b/"}}},
		{Base: "http://ex/a b"},
		{Base: "relative/base"},
	} {
		if _, err := NewTurtleWriter(&bytes.Buffer{}, opts); err == nil {
			t.Errorf("options %+v accepted", opts)
		}
	}
}

// wtList builds an rdf:List of items with blank nodes named prefix0, ...
func wtList(prefix string, items ...rdf.Term) (rdf.Term, []rdf.Quad) {
	var qs []rdf.Quad
	next := rdf.IRI(rdf.RDFNil)
	for i := len(items) - 1; i >= 0; i-- {
		n := rdf.Blank(prefix + strings.Repeat("i", i))
		qs = append(qs, rdf.Triple(n, rdf.IRI(rdf.RDFFirst), items[i]), rdf.Triple(n, rdf.IRI(rdf.RDFRest), next))
		next = n
	}
	return next, qs
}

// Ensure that well-formed lists become collections, however long, and that
// anything a collection would not read back as (extra properties, shared
// nodes, no rdf:nil at the end, cycles) is written node by node.
func TestTurtleCollections(t *testing.T) {
	s, p := rdf.IRI(rdftest.Ex+"s"), rdf.IRI(rdftest.Ex+"p")
	inner, innerQs := wtList("in", rdf.Literal("x"))
	nested := rdf.Blank("nested")
	head, qs := wtList("l", rdf.TypedLiteral("1", rdf.XSDInteger), rdf.IRI(rdftest.Ex+"two"), inner, nested)
	qs = append(qs, innerQs...)
	qs = append(qs, rdf.Triple(s, p, head), rdf.Triple(nested, p, rdf.Literal("n")))
	got := wtTurtle(t, qs, codec.WriteOptions{Prefixes: []codec.Prefix{{Name: "ex", IRI: rdftest.Ex}}})
	want := `@prefix ex: <http://example.org/> .

ex:s ex:p (1 ex:two ("x") [
        ex:p "n"
    ]) .
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	items := make([]rdf.Term, 200)
	for i := range items {
		items[i] = rdf.Literal(strings.Repeat("x", i%7))
	}
	long, longQs := wtList("long", items...)
	out := wtTurtle(t, append(longQs, rdf.Triple(s, p, long)), codec.WriteOptions{})
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, `("" "x" "xx"`) {
		t.Errorf("long list not written as one collection:\n%s", out)
	}

	malformed := map[string]func([]rdf.Quad, rdf.Term) []rdf.Quad{
		"extra property": func(qs []rdf.Quad, h rdf.Term) []rdf.Quad { return append(qs, rdf.Triple(h, p, rdf.Literal("extra"))) },
		"shared node": func(qs []rdf.Quad, h rdf.Term) []rdf.Quad {
			return append(qs, rdf.Triple(rdf.IRI(rdftest.Ex+"t"), p, h))
		},
		"no nil at the end": func(qs []rdf.Quad, h rdf.Term) []rdf.Quad {
			return append(qs[2:], rdf.Triple(rdf.Blank("li"), rdf.IRI(rdf.RDFRest), rdf.IRI(rdftest.Ex+"other")))
		},
		"cycle": func(qs []rdf.Quad, h rdf.Term) []rdf.Quad {
			return append(qs[2:], rdf.Triple(rdf.Blank("li"), rdf.IRI(rdf.RDFRest), h))
		},
		"two firsts": func(qs []rdf.Quad, h rdf.Term) []rdf.Quad {
			return append(qs, rdf.Triple(h, rdf.IRI(rdf.RDFFirst), rdf.Literal("again")))
		},
	}
	for name, damage := range malformed {
		t.Run(name, func(t *testing.T) {
			h, qs := wtList("l", rdf.Literal("a"), rdf.Literal("b"))
			qs = damage(append(qs, rdf.Triple(s, p, h)), h)
			// The damaged node is written node by node; a well-formed
			// tail may still be a collection.
			if out := wtTurtle(t, qs, codec.WriteOptions{}); strings.Contains(out, `("a"`) {
				t.Errorf("malformed list written as a collection:\n%s", out)
			}
		})
	}
}

// Ensure the order of preference between the forms of an IRI: a plain
// prefixed name, then a relative IRI, then an escaped prefixed name.
func TestTurtleIRIPreference(t *testing.T) {
	const ex = "https://data.example/"
	tests := []struct {
		iri, base, want string
		prefixes        []codec.Prefix
	}{
		{ex + "city/leuven", "", `ex:city\/leuven`, []codec.Prefix{{Name: "ex", IRI: ex}}},
		{ex + "city/leuven", ex + "city/gent", "<leuven>", []codec.Prefix{{Name: "ex", IRI: ex}}},
		{ex + "city/leuven", ex + "city/gent", "city:leuven", []codec.Prefix{{Name: "ex", IRI: ex}, {Name: "city", IRI: ex + "city/"}}},
		{ex + "city/leuven", "", "city:leuven", []codec.Prefix{{Name: "city", IRI: ex + "city/"}, {Name: "ex", IRI: ex}}},
		{ex + "a b", "", `<https://data.example/a b>`, nil},
	}
	for _, tc := range tests {
		q := rdf.Triple(rdf.IRI("http://s.example/s"), rdf.IRI("http://s.example/p"), rdf.IRI(tc.iri))
		if strings.Contains(tc.iri, " ") {
			if err := rdftest.WriteAll(&bytes.Buffer{}, NewTurtleWriter, []rdf.Quad{q}, codec.WriteOptions{}); err == nil {
				t.Errorf("IRI with a space accepted")
			}
			continue
		}
		out := wtTurtle(t, []rdf.Quad{q}, codec.WriteOptions{Prefixes: tc.prefixes, Base: tc.base})
		if !strings.Contains(out, "> "+tc.want+" .\n") {
			t.Errorf("%s (base %q) not written as %s:\n%s", tc.iri, tc.base, tc.want, out)
		}
	}
}
