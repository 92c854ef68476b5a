package rdfxml

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
)

// Ensure the RDF/XML layout: namespaces declared on rdf:RDF (given names
// where possible, generated otherwise), typed nodes, nested blank nodes,
// rdf:nodeID for shared ones, xml:lang, rdf:datatype and XML escaping.
func TestRDFXMLLayout(t *testing.T) {
	ex := func(s string) rdf.Term { return rdf.IRI(rdftest.Ex + s) }
	qs := []rdf.Quad{
		rdf.Triple(ex("a"), rdf.IRI(rdf.RDFType), ex("T")),
		rdf.Triple(ex("a"), ex("p"), rdf.LangLiteral("hallo & <dag>", "nl")),
		rdf.Triple(ex("a"), rdf.IRI("http://other.example/vocab#q"), rdf.Blank("n")),
		rdf.Triple(rdf.Blank("n"), ex("r"), rdf.TypedLiteral("3", rdf.XSDInteger)),
		rdf.Triple(rdf.Blank("n"), ex("r"), rdf.Blank("leaf")),
		rdf.Triple(ex("a"), ex("s"), rdf.Blank("shared")),
		rdf.Triple(ex("b"), ex("s"), rdf.Blank("shared")),
		rdf.Triple(rdf.Blank("shared"), ex("p"), rdf.Literal("line\r\nnext \"q\"")),
		rdf.Triple(ex("b"), ex("o"), rdf.IRI("http://x.example/?a=1&b='2'")),
	}
	got := string(rdftest.Write(t, NewWriter, qs, codec.WriteOptions{Prefixes: []codec.Prefix{{Name: "ex", IRI: rdftest.Ex}, {Name: "xmlfoo", IRI: "http://other.example/vocab#"}}}))
	want := `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF
    xmlns:ex="http://example.org/"
    xmlns:ns1="http://other.example/vocab#"
    xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <ex:T rdf:about="http://example.org/a">
    <ex:p xml:lang="nl">hallo &amp; &lt;dag&gt;</ex:p>
    <ex:s rdf:nodeID="shared"/>
    <ns1:q>
      <rdf:Description>
        <ex:r rdf:parseType="Resource"/>
        <ex:r rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">3</ex:r>
      </rdf:Description>
    </ns1:q>
  </ex:T>
  <rdf:Description rdf:about="http://example.org/b">
    <ex:o rdf:resource="http://x.example/?a=1&amp;b='2'"/>
    <ex:s rdf:nodeID="shared"/>
  </rdf:Description>
  <rdf:Description rdf:nodeID="shared">
    <ex:p>line&#13;
next "q"</ex:p>
  </rdf:Description>
</rdf:RDF>
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Ensure that graphs RDF/XML cannot express are refused with an error that
// names the culprit, instead of producing a document that means something
// else.
func TestRDFXMLWriteErrors(t *testing.T) {
	s := rdf.IRI(rdftest.Ex + "s")
	tests := []struct {
		name, want string
		q          rdf.Quad
	}{
		{"predicate ending in digits", "http://example.org/123", rdf.Triple(s, rdf.IRI(rdftest.Ex+"123"), s)},
		{"predicate ending in slash", "http://example.org/", rdf.Triple(s, rdf.IRI(rdftest.Ex), s)},
		{"rdf:li", "rdf-syntax-ns#li", rdf.Triple(s, rdf.IRI(rdf.RDFNS+"li"), s)},
		{"rdf:Description", "rdf-syntax-ns#Description", rdf.Triple(s, rdf.IRI(rdf.RDFNS+"Description"), s)},
		{"control character", `"a\x01"`, rdf.Triple(s, rdf.IRI(rdftest.Ex+"p"), rdf.Literal("a\x01"))},
		{"invalid UTF-8", `"\xff"`, rdf.Triple(s, rdf.IRI(rdftest.Ex+"p"), rdf.Literal("\xff"))},
		{"noncharacter", `"\uffff"`, rdf.Triple(s, rdf.IRI(rdftest.Ex+"p"), rdf.Literal("\uFFFF"))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := rdftest.WriteAll(&buf, NewWriter, []rdf.Quad{tc.q}, codec.WriteOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one naming %s", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote a partial document:\n%s", buf.Bytes())
			}
		})
	}
}

// Ensure that the IRI split keeps the longest XML name at the end.
func TestRDFXMLSplit(t *testing.T) {
	tests := []struct{ iri, ns, local string }{
		{"http://ex/a", "http://ex/", "a"},
		{"http://ex/ns#a.b-c", "http://ex/ns#", "a.b-c"},
		{"http://ex/p1", "http://ex/", "p1"},
		{"http://ex/1p", "http://ex/1", "p"},
		{"http://ex/-.p", "http://ex/-.", "p"},
		{"http://ex/café", "http://ex/", "café"},
		{"urn:x:y", "urn:x:", "y"},
		{"http://ex/123", "", ""},
		{"http://ex/", "", ""},
		{"abc", "", ""},
	}
	for _, tc := range tests {
		ns, local, ok := rdfxmlSplit(tc.iri)
		if ns != tc.ns || local != tc.local || ok != (tc.local != "") {
			t.Errorf("rdfxmlSplit(%q) = %q, %q, %v; want %q, %q", tc.iri, ns, local, ok, tc.ns, tc.local)
		}
	}
}
