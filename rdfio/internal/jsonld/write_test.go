package jsonld

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/piprate/json-gold/ld"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
)

// wtJSON decodes JSON output for structural checks.
func wtJSON(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("output is not a JSON object: %v\n%s", err, data)
	}
	return m
}

// Ensure that JSON-LD is compacted with the given context, keeps lexical
// forms (no native numbers), and reads back as the same graph.
func TestJSONLDWriteWithContext(t *testing.T) {
	qs := rdftest.Resource()
	out := rdftest.Write(t, NewWriter, qs, codec.WriteOptions{Context: []byte(rdftest.Context)})
	got, err := rdftest.JSONGoldToRDF(out)
	if err != nil || !rdf.Isomorphic(got, qs) {
		t.Fatalf("reads back differently (%v):\n%s", err, out)
	}
	m := wtJSON(t, out)
	if _, ok := m["@context"].(map[string]any); !ok {
		t.Errorf("context not inlined:\n%s", out)
	}
	node := wtNode(t, m, "ex:city/leuven")
	checks := map[string]any{
		"@type":   "Thing",
		"title":   "Leuven",
		"score":   "3.50",
		"related": "ex:city/gent",
		"tags":    []any{"open data"},
	}
	for k, want := range checks {
		if g, _ := json.Marshal(node[k]); string(g) != mustJSON(want) {
			t.Errorf("%s = %s, want %s\n%s", k, g, mustJSON(want), out)
		}
	}
	if !strings.Contains(string(out), `"@value": "011"`) {
		t.Errorf("integer lexical form 011 not kept as a string:\n%s", out)
	}
}

// wtNode finds the node object with the given @id, at the top or in @graph.
func wtNode(t *testing.T, doc map[string]any, id string) map[string]any {
	t.Helper()
	if doc["@id"] == id {
		return doc
	}
	graph, _ := doc["@graph"].([]any)
	for _, n := range graph {
		if m, ok := n.(map[string]any); ok && m["@id"] == id {
			return m
		}
	}
	t.Fatalf("no node %s in %v", id, doc)
	return nil
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Ensure that with ContextURL the output refers to the context by URL,
// and that json-gold, given the context at that URL, reads the same graph.
func TestJSONLDWriteContextURL(t *testing.T) {
	const url = "https://data.example/ns/context.jsonld"
	qs := rdftest.Resource()
	out := rdftest.Write(t, NewWriter, qs, codec.WriteOptions{Context: []byte(rdftest.Context), ContextURL: url})
	m := wtJSON(t, out)
	if m["@context"] != url {
		t.Fatalf(`"@context" = %v, want %q`, m["@context"], url)
	}
	if wtNode(t, m, "ex:city/leuven")["title"] != "Leuven" {
		t.Errorf("not compacted with the served context:\n%s", out)
	}
	var got []rdf.Quad
	err := Parse(bytes.NewReader(out), codec.ParseOptions{Context: []byte(rdftest.Context)}, func(q rdf.Quad) error {
		got = append(got, q)
		return nil
	})
	if err != nil || !rdf.Isomorphic(got, qs) {
		t.Errorf("reads back differently (%v):\n%s", err, out)
	}
}

// Ensure that without a context the prefixes become the context, and that
// named graphs come out as @graph objects named by @id.
func TestJSONLDWriteGraphs(t *testing.T) {
	qs := []rdf.Quad{
		{S: rdf.IRI(rdftest.Ex + "s"), P: rdf.IRI(rdftest.Ex + "p"), O: rdf.Literal("default")},
		{S: rdf.IRI(rdftest.Ex + "s"), P: rdf.IRI(rdftest.Ex + "p"), O: rdf.Literal("g1"), G: rdf.IRI(rdftest.Ex + "g1")},
		{S: rdf.IRI(rdftest.Ex + "t"), P: rdf.IRI(rdftest.Ex + "p"), O: rdf.Literal("g2"), G: rdf.IRI(rdftest.Ex + "g2")},
	}
	out := rdftest.Write(t, NewWriter, qs, codec.WriteOptions{Prefixes: []codec.Prefix{{Name: "ex", IRI: rdftest.Ex}}})
	m := wtJSON(t, out)
	if ctx, _ := m["@context"].(map[string]any); ctx["ex"] != rdftest.Ex {
		t.Errorf("prefix context missing:\n%s", out)
	}
	named := 0
	for _, n := range m["@graph"].([]any) {
		node := n.(map[string]any)
		if _, ok := node["@graph"]; ok {
			named++
			if id, _ := node["@id"].(string); id != "ex:g1" && id != "ex:g2" {
				t.Errorf("named graph with @id %v", node["@id"])
			}
		}
	}
	if named != 2 {
		t.Errorf("%d named graphs, want 2:\n%s", named, out)
	}
	if got, err := rdftest.JSONGoldToRDF(out); err != nil || !rdf.Isomorphic(got, qs) {
		t.Errorf("reads back differently (%v):\n%s", err, out)
	}
}

// Ensure that a context referring to a remote context fails instead of
// fetching it, and that invalid JSON is reported at NewWriter.
func TestJSONLDWriteNeverFetches(t *testing.T) {
	remote := `{"@context": ["https://schema.org/", {"ex": "http://example.org/"}]}`
	var buf bytes.Buffer
	err := rdftest.WriteAll(&buf, NewWriter, rdftest.Resource(), codec.WriteOptions{Context: []byte(remote)})
	if err == nil || !strings.Contains(err.Error(), "https://schema.org/") {
		t.Errorf("remote context: err = %v", err)
	}
	if _, err := NewWriter(&buf, codec.WriteOptions{Context: []byte("{nope")}); err == nil {
		t.Errorf("invalid context JSON accepted")
	}
	var loader ld.DocumentLoader = &jsonldContextLoader{url: "https://a.example/c", doc: map[string]any{"@context": map[string]any{}}}
	if _, err := loader.LoadDocument("https://b.example/c"); err == nil {
		t.Errorf("loader served a URL it was not given")
	}
}

// Ensure that an empty graph still gives a document with the context.
func TestJSONLDWriteEmpty(t *testing.T) {
	m := wtJSON(t, rdftest.Write(t, NewWriter, nil, codec.WriteOptions{Context: []byte(rdftest.Context)}))
	if _, ok := m["@context"]; !ok || len(m) != 1 {
		t.Errorf("empty document = %v", m)
	}
}

// Ensure that writers used from many goroutines at once (as the server
// does) all produce the same document: nothing is shared between them.
func TestJSONLDWriteConcurrent(t *testing.T) {
	opts := codec.WriteOptions{Context: []byte(rdftest.Context), ContextURL: "https://data.example/ctx"}
	// The first graph takes the direct path, the second (named graph)
	// json-gold with its document loader.
	graphs := [][]rdf.Quad{rdftest.Resource(), append(rdftest.Resource(), rdf.Quad{S: rdf.IRI(rdftest.Ex + "s"), P: rdf.IRI(rdftest.Ex + "p"), O: rdf.Literal("x"), G: rdf.IRI(rdftest.Ex + "g")})}
	var want []string
	for _, g := range graphs {
		want = append(want, string(rdftest.Write(t, NewWriter, g, opts)))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				var buf bytes.Buffer
				if err := rdftest.WriteAll(&buf, NewWriter, graphs[i%2], opts); err != nil || buf.String() != want[i%2] {
					errs <- buf.String()
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent writer produced a different document:\n%s", e)
	}
}

// Ensure that a graph on which json-gold v0.9.1 panics (a list node with
// rdf:rest but no rdf:first) gives an error, not a panic, or, once
// json-gold is fixed, a document that reads back.
func TestJSONLDWriteSurvivesJSONGoldPanic(t *testing.T) {
	qs := []rdf.Quad{
		rdf.Triple(rdf.IRI(rdftest.Ex+"s"), rdf.IRI(rdftest.Ex+"p"), rdf.Blank("l")),
		rdf.Triple(rdf.Blank("l"), rdf.IRI(rdf.RDFRest), rdf.IRI(rdf.RDFNil)),
	}
	var buf bytes.Buffer
	err := rdftest.WriteAll(&buf, NewWriter, qs, codec.WriteOptions{Prefixes: rdftest.Prefixes})
	if err != nil {
		if !errors.Is(err, ErrJSONGoldFails) {
			t.Fatalf("err = %v", err)
		}
		t.Logf("known json-gold limitation: %v", err)
		return
	}
	if got, err := rdftest.JSONGoldToRDF(buf.Bytes()); err != nil || !rdf.Isomorphic(got, qs) {
		t.Errorf("reads back differently (%v):\n%s", err, buf.Bytes())
	}
}

// Ensure that IRIs continuing a prefix with "//" are not written as
// prefix://..., which JSON-LD reads as an IRI with scheme "prefix".
func TestJSONLDWriteSlashSlash(t *testing.T) {
	qs := []rdf.Quad{rdf.Triple(rdf.IRI(rdftest.Ex+"//s"), rdf.IRI(rdftest.Ex+"p"), rdf.IRI(rdftest.Ex+"//o"))}
	out := rdftest.Write(t, NewWriter, qs, codec.WriteOptions{Prefixes: []codec.Prefix{{Name: "ex", IRI: rdftest.Ex}}})
	if strings.Contains(string(out), "ex://") {
		t.Errorf("wrote a compact IRI with a // suffix:\n%s", out)
	}
	if got, err := rdftest.JSONGoldToRDF(out); err != nil || !rdf.Isomorphic(got, qs) {
		t.Errorf("reads back differently (%v):\n%s", err, out)
	}
	// The general path (here: a named graph) refuses rather than write
	// what json-gold would.
	qs[0].G = rdf.IRI(rdftest.Ex + "g")
	err := rdftest.WriteAll(&bytes.Buffer{}, NewWriter, qs, codec.WriteOptions{Prefixes: []codec.Prefix{{Name: "ex", IRI: rdftest.Ex}}})
	if !errors.Is(err, ErrJSONGoldFails) {
		t.Errorf("general path: err = %v", err)
	}
}
