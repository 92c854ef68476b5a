package w3c

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// Ensure a SPARQL manifest is read with its includes, both forms of
// mf:action and both forms of qt:graphData, in manifest order.
func TestReadQueryManifest(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const prefixes = `@prefix mf: <` + MF + `> . @prefix qt: <` + QT + `> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
`
	write(filepath.Join(dir, "manifest.ttl"), prefixes+`
[] a mf:Manifest ; mf:include ( <sub/manifest.ttl> ) ;
   mf:entries ( <#q1> <#s1> ) .
<#q1> a mf:QueryEvaluationTest ; mf:name "q1" ;
   mf:action [ qt:query <q1.rq> ; qt:data <d.ttl> ;
               qt:graphData <g1.ttl>, [ qt:graph <g2.ttl> ; rdfs:label "http://ex/g2" ] ] ;
   mf:result <q1.srx> .
<#s1> a mf:PositiveSyntaxTest11 ; mf:name "s1" ; mf:action <s1.rq> .
`)
	write(filepath.Join(sub, "manifest.ttl"), prefixes+`
<> a mf:Manifest ; mf:entries ( <#inner> ) .
<#inner> a mf:NegativeSyntaxTest11 ; mf:name "inner" ; mf:action <bad.rq> .
`)
	tests, err := ReadQueryManifest("suite", filepath.Join(dir, "manifest.ttl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tests) != 3 {
		t.Fatalf("got %d tests, want 3: %+v", len(tests), tests)
	}
	inner, q1, s1 := tests[0], tests[1], tests[2]
	base := FileIRI(dir) + "/"
	if inner.Key() != "suite/sub/inner" || !inner.IsSyntax() || inner.Query != FileIRI(sub)+"/bad.rq" {
		t.Errorf("included test: %+v (key %s)", inner, inner.Key())
	}
	if s1.Type != "PositiveSyntaxTest11" || s1.Query != base+"s1.rq" || s1.IsEvaluation() {
		t.Errorf("syntax test: %+v", s1)
	}
	want := []NamedData{{rdf.IRI(base + "g1.ttl"), base + "g1.ttl"}, {rdf.IRI("http://ex/g2"), base + "g2.ttl"}}
	if !q1.IsEvaluation() || q1.Query != base+"q1.rq" || q1.Result != base+"q1.srx" ||
		len(q1.Data) != 1 || q1.Data[0] != base+"d.ttl" || len(q1.GraphData) != 2 {
		t.Fatalf("evaluation test: %+v", q1)
	}
	for _, w := range want {
		found := false
		for _, g := range q1.GraphData {
			found = found || g == w
		}
		if !found {
			t.Errorf("graph data %v missing from %v", w, q1.GraphData)
		}
	}
	if p, ok := LocalPath(q1.Data[0]); !ok || p != filepath.Join(dir, "d.ttl") {
		t.Errorf("LocalPath(%s) = %s, %v", q1.Data[0], p, ok)
	}
}

func TestKindOfAndCheckSyntaxError(t *testing.T) {
	kinds := map[string]Kind{
		"TestTurtleEval": Eval, "TestXMLEval": Eval, "TestNTriplesPositiveSyntax": Positive,
		"TestTurtleNegativeEval": Negative, "TestXMLNegativeSyntax": Negative, "TestTrigEval": Unknown,
	}
	for typ, want := range kinds {
		if got := KindOf(typ); got != want {
			t.Errorf("KindOf(%s) = %v, want %v", typ, got, want)
		}
	}
	errs := []struct {
		name string
		err  error
		ok   bool
	}{
		{"accepted", nil, false},
		{"plain error", errors.New("eof"), false},
		{"no position", &rdfio.SyntaxError{Msg: "bad"}, false},
		{"positioned", &rdfio.SyntaxError{Line: 3, Col: 7, Msg: "bad"}, true},
	}
	for _, tc := range errs {
		if got := CheckSyntaxError(tc.err); (got == nil) != tc.ok {
			t.Errorf("%s: CheckSyntaxError = %v, want ok=%v", tc.name, got, tc.ok)
		}
	}
}
