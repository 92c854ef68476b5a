package rdfxml

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
)

func TestRDFXMLRead(t *testing.T) {
	const head = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/ns#"`
	p := func(s string) rdf.Term { return rdf.IRI("http://ex.org/ns#" + s) }
	tests := []struct {
		name, base, in string
		want           []rdf.Quad
	}{
		{"urn and mailto IRIs are absolute, not prefixed names", "http://ex.org/a/b",
			head + `><rdf:Description rdf:about="urn:isbn:978-90"><ex:author rdf:resource="mailto:jan@stad.be"/></rdf:Description></rdf:RDF>`,
			[]rdf.Quad{rdf.Triple(rdf.IRI("urn:isbn:978-90"), p("author"), rdf.IRI("mailto:jan@stad.be"))}},
		{"RFC 3986 resolution against base and xml:base", "http://ex.org/a/b/c",
			head + `><rdf:Description rdf:about="../x"><ex:p rdf:resource="y"/><ex:q xml:base="http://other.org/d/e#frag" rdf:resource="../z"/></rdf:Description></rdf:RDF>`,
			[]rdf.Quad{rdf.Triple(rdf.IRI("http://ex.org/a/x"), p("p"), rdf.IRI("http://ex.org/a/b/y")), rdf.Triple(rdf.IRI("http://ex.org/a/x"), p("q"), rdf.IRI("http://other.org/z"))}},
		{"DTD entities", "",
			`<!DOCTYPE rdf:RDF [<!ENTITY ex "http://ex.org/ns#"> <!ENTITY xsd "http://www.w3.org/2001/XMLSchema#">]>` + head + `><rdf:Description rdf:about="&ex;s"><ex:n rdf:datatype="&xsd;integer">5</ex:n></rdf:Description></rdf:RDF>`,
			[]rdf.Quad{rdf.Triple(p("s"), p("n"), rdf.TypedLiteral("5", rdf.XSDInteger))}},
		{"typed node, language, property attributes, rdf:li", "",
			head + ` xml:lang="nl"><ex:Stad rdf:nodeID="s" ex:naam="Leuven"><ex:lijst><rdf:Seq><rdf:li>a</rdf:li><rdf:li xml:lang="">b</rdf:li></rdf:Seq></ex:lijst></ex:Stad></rdf:RDF>`,
			[]rdf.Quad{
				rdf.Triple(rdf.Blank("s"), rdf.IRI(rdf.RDFType), p("Stad")),
				rdf.Triple(rdf.Blank("s"), p("naam"), rdf.LangLiteral("Leuven", "nl")),
				rdf.Triple(rdf.Blank("s"), p("lijst"), rdf.Blank("q")),
				rdf.Triple(rdf.Blank("q"), rdf.IRI(rdf.RDFType), rdf.IRI(rdf.RDFNS+"Seq")),
				rdf.Triple(rdf.Blank("q"), rdf.IRI(rdf.RDFNS+"_1"), rdf.LangLiteral("a", "nl")),
				rdf.Triple(rdf.Blank("q"), rdf.IRI(rdf.RDFNS+"_2"), rdf.Literal("b")),
			}},
		{"root without rdf:RDF", "", `<ex:Doc xmlns:ex="http://ex.org/ns#" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="http://ex.org/d"/>`,
			[]rdf.Quad{rdf.Triple(rdf.IRI("http://ex.org/d"), rdf.IRI(rdf.RDFType), p("Doc"))}},
		{"XML literal keeps used namespaces", "",
			head + ` xmlns:h="http://www.w3.org/1999/xhtml"><rdf:Description rdf:about="http://ex.org/d"><ex:t rdf:parseType="Literal"><h:b class="x">vet &amp; <!-- weg -->zo</h:b><br/></ex:t></rdf:Description></rdf:RDF>`,
			[]rdf.Quad{rdf.Triple(rdf.IRI("http://ex.org/d"), p("t"), rdf.TypedLiteral(`<h:b xmlns:h="http://www.w3.org/1999/xhtml" class="x">vet &amp; zo</h:b><br></br>`, rdf.RDFXMLLiteral))}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rdftest.ParseString(Parse, tc.in, codec.ParseOptions{Base: tc.base})
			if err != nil {
				t.Fatal(err)
			}
			if !rdf.Isomorphic(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", rdftest.NQuadsOf(got), rdftest.NQuadsOf(tc.want))
			}
		})
	}
}

func TestRDFXMLReadErrors(t *testing.T) {
	const head = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/ns#">`
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"not well-formed", head + "\n<rdf:Description>\n</ex:p>", 3, "XML"},
		{"relative IRI without base", head + "\n<rdf:Description rdf:about=\"x\"/></rdf:RDF>", 2, "no base"},
		{"undeclared prefix", head + "\n\n<foo:Bar/></rdf:RDF>", 3, "undeclared"},
		{"text in rdf:RDF", head + "hallo</rdf:RDF>", 1, "text"},
		{"two nodes in one property", head + "<rdf:Description><ex:p><ex:A/><ex:B/></ex:p></rdf:Description></rdf:RDF>", 1, "at most one"},
		{"empty document", "", 1, "no root"},
		{"deep nesting", head + strings.Repeat("<rdf:Description><ex:p>", 400), 1, "nesting"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := rdftest.ParseString(Parse, tc.in, codec.ParseOptions{File: "in.rdf"})
			var se *codec.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error = %v, want *codec.SyntaxError", err)
			}
			if se.Line != tc.line || se.Col <= 0 || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("error = %v, want line %d ...%s...", err, tc.line, tc.msg)
			}
		})
	}
	stop := errors.New("stop")
	n := 0
	err := Parse(strings.NewReader(head+`<rdf:Description rdf:about="http://ex.org/a" ex:p="1" ex:q="2"/></rdf:RDF>`), codec.ParseOptions{}, func(rdf.Quad) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("emit error: got %v after %d quads", err, n)
	}
}

func TestRDFXMLReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`), iotest.ErrReader(boom))
	err := Parse(r, codec.ParseOptions{}, func(rdf.Quad) error { return nil })
	var se *codec.SyntaxError
	if !errors.Is(err, boom) || errors.As(err, &se) {
		t.Errorf("err = %v, want the read error, not a syntax error", err)
	}
}
