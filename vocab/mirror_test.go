package vocab

import (
	"strings"
	"testing"
)

// The built-in model declares its two namespaces, and the mirror maps
// shared IRIs to local pages and back, for any base.
func TestMirror(t *testing.T) {
	qs, err := Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	ns, err := ReadNamespaces(qs)
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) != 2 || ns[0].IRI != ModelNS || ns[1].IRI != NS || ns[1].Prefix != Prefix {
		t.Fatalf("namespaces %+v, want the model's and the ontology's", ns)
	}
	for _, base := range []string{"http://localhost:8080/", "https://data.stad.be/maturiteit/"} {
		m, err := NewMirror(base, ns)
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct{ shared, local string }{
			{Mat("maturityScore"), base + "ns#maturityScore"},
			{Ontology, base + "ns"},
			{Domain("kennis"), base + "model/domein/kennis"},
			{Action("kennis", 1), base + "model/actie/kennis/1"},
			{DSD("evaluatie") + "#maturiteit", base + "model/dsd/evaluatie#maturiteit"},
		}
		for _, tc := range tests {
			got, ok := m.Local(tc.shared)
			if !ok || got != tc.local {
				t.Errorf("Local(%s) = %s, %v; want %s", tc.shared, got, ok, tc.local)
			}
			doc, _, _ := strings.Cut(tc.local, "#")
			back, ok := m.Shared(doc)
			want, _, _ := strings.Cut(tc.shared, "#")
			if !ok || back != want {
				t.Errorf("Shared(%s) = %s, %v; want %s", doc, back, ok, want)
			}
		}
		for _, other := range []string{"https://w3id.org/open-data-maturiteit/andere", Organisation(base, "99991"), "http://example.org/x"} {
			if got, ok := m.Local(other); ok {
				t.Errorf("Local(%s) = %s: not a mirrored namespace", other, got)
			}
		}
		for _, url := range []string{base + "model/", base + "ns/x", base + "nsx", base + "id/domein/kennis", "http://elders/model/x"} {
			if got, ok := m.Shared(url); ok {
				t.Errorf("Shared(%s) = %s: not a local page", url, got)
			}
		}
		if r := m.Routes(); strings.Join(r, " ") != "model/ ns" {
			t.Errorf("routes %v", r)
		}
	}
}

// A second model declares its own namespace in its own Turtle; two
// namespaces served at one path, or a namespace outside its shared base,
// are refused.
func TestNamespaceDeclarations(t *testing.T) {
	parse := func(ttl string) ([]Namespace, error) {
		return ReadNamespaces(parseTurtle(t, ttl))
	}
	ns, err := parse(`@prefix vann: <http://purl.org/vocab/vann/> . @prefix mat: <` + NS + `> .
<https://example.org/ander-model/schema> vann:preferredNamespaceUri "https://example.org/ander-model/model/" ;
    mat:sharedBase "https://example.org/ander-model/" .
<https://elders.org/vocab> vann:preferredNamespaceUri "https://elders.org/vocab#" .`)
	if err != nil || len(ns) != 1 || ns[0].Path() != "model/" {
		t.Fatalf("%+v, %v", ns, err)
	}
	m, err := NewMirror(testBase, append(ns, Namespace{IRI: NS, Shared: SharedBase}))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := m.Local("https://example.org/ander-model/model/domein/water"); got != testBase+"model/domein/water" {
		t.Errorf("second model: %s", got)
	}
	if _, err := NewMirror(testBase, append(ns, Namespace{IRI: ModelNS, Shared: SharedBase})); err == nil {
		t.Error("two namespaces at model/: no error")
	}
	if _, err := parse(`@prefix vann: <http://purl.org/vocab/vann/> . @prefix mat: <` + NS + `> .
<x:y> vann:preferredNamespaceUri "https://a.org/ns#" ; mat:sharedBase "https://b.org/" .`); err == nil {
		t.Error("a namespace outside its shared base: no error")
	}
}
