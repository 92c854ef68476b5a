package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/store"
	"github.com/stadleuven/maturity/vocab"
)

// A store an older build made (layout 1: no layout in instance.json, the
// model under the instance's own base) is refused by the commands that
// read or write the model, with a message in Dutch or, for an English
// locale, in English that says what to do; export and backup still work.
func TestOlderStoreRefused(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "oud")
	// What layout 1 wrote: the ontology under {base}ns/maturiteit#.
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(data, dbFile), nil)
	if err != nil {
		t.Fatal(err)
	}
	base := "http://localhost:8080/"
	err = st.Add(context.Background(), []rdf.Quad{{S: rdf.IRI(base + "id/domein/kennis"), P: rdf.IRI(rdf.RDFType), O: rdf.IRI(base + "ns/maturiteit#Domain"), G: rdf.IRI(base + "graph/model")}})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, instanceFile), []byte(`{"base": "`+base+`"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	q := filepath.Join(repo, "examples", "queries", "gemiddelde-per-domein.rq")
	t.Setenv("LANG", "nl_BE.UTF-8")
	runCases(t, []cliCase{
		{"serve", []string{"serve", "--data", data, "--addr", "127.0.0.1:0"}, 1, "", "is gemaakt door een oudere versie van maturity (indeling 1"},
		{"what to do", []string{"serve", "--data", data}, 1, "", "importeer uw zelfevaluaties en bevragingen opnieuw"},
		{"plan", []string{"plan", "--data", data, "--org", "99991", "--year", "2025"}, 1, "", "oudere versie"},
		{"query", []string{"query", "--data", data, q}, 1, "", "oudere versie"},
		{"import", []string{"import", "--data", data, filepath.Join(repo, "examples", "ttl", "voorbeelden", "demosteden.ttl")}, 1, "", "oudere versie"},
		{"export still works", []string{"export", "--data", data, "--format", "nt"}, 0, "ns/maturiteit#Domain", ""},
		{"backup still works", []string{"backup", "--data", data, filepath.Join(dir, "oud.db")}, 0, "", "wrote"},
		{"stats still work", []string{"stats", "--data", data}, 0, "graph/model", ""},
	})
	t.Setenv("LANG", "en_GB.UTF-8")
	runCases(t, []cliCase{
		{"serve, English", []string{"serve", "--data", data}, 1, "", "was made by an older build of maturity (layout 1; this build reads layout 2"},
		{"start afresh", []string{"serve", "--data", data}, 1, "", "start with a new directory"},
	})
	// A backup of the older store restored under a current record is
	// caught by its model.
	restored := filepath.Join(dir, "hersteld")
	t.Setenv("LANG", "nl_BE.UTF-8")
	runCases(t, []cliCase{
		{"restore", []string{"restore", "--data", restored, filepath.Join(dir, "oud.db")}, 0, "", "restored"},
		{"serve restored", []string{"serve", "--data", restored}, 1, "", "oudere versie"},
		{"plan restored", []string{"plan", "--data", restored, "--org", "99991", "--year", "2025"}, 1, "", "oudere versie"},
	})
	in, _, err := readInstance(restored)
	if err != nil || in.Layout != layoutVersion {
		t.Errorf("restored record %+v, %v", in, err)
	}
	// A new store gets the current layout in its record.
	fresh := filepath.Join(dir, "nieuw")
	nt := filepath.Join(dir, "een.nt")
	if err := os.WriteFile(nt, []byte("<http://example.org/a> <http://example.org/p> \"1\" .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "import", "--data", fresh, nt); code != 0 {
		t.Fatal(errs)
	}
	if in, ok, err := readInstance(fresh); !ok || err != nil || in.Layout != layoutVersion {
		t.Errorf("new store record %+v %v %v", in, ok, err)
	}
}

// `maturity query` resolves relative IRIs against the store's base, not the
// query file's location, and explains an empty answer whose prefix matches
// nothing in the store.
func TestQueryBaseAndHint(t *testing.T) {
	base := "https://data.demostad-noord.example/"
	data := cityStore(t, base, "99991", false)
	dir := t.TempDir()
	rel := filepath.Join(dir, "relatief.rq")
	os.WriteFile(rel, []byte("SELECT ?naam WHERE { <id/organisatie/99991> <http://www.w3.org/2004/02/skos/core#prefLabel> ?naam } ORDER BY ?naam"), 0o644)
	old := filepath.Join(dir, "oud.rq")
	os.WriteFile(old, []byte("PREFIX mat: <ns/maturiteit#>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\nSELECT ?o WHERE { ?o mat:maturityScore ?m }"), 0o644)
	good := filepath.Join(dir, "goed.rq")
	os.WriteFile(good, []byte("PREFIX mat: <"+vocab.NS+">\nSELECT ?o WHERE { ?o mat:maturityScore 9.9 }"), 0o644)
	runCases(t, []cliCase{
		{"relative IRI against the instance base", []string{"query", "--data", data, "--format", "csv", rel}, 0, "naam\r\nDemo City North (fictional)\r\nDemostad Noord (fictief)\r\n", ""},
		{"prefix matching nothing", []string{"query", "--data", data, old}, 0, "?o\n", "0 rows; prefix mat: <" + base + "ns/maturiteit#> occurs in no triple of the store"},
	})
	// No hint when the prefix does occur, or is declared but unused (xsd).
	_, _, errs := runCLI(t, "query", "--data", data, good)
	_, _, errsOld := runCLI(t, "query", "--data", data, old)
	if strings.Contains(errs, "prefix") || strings.Contains(errsOld, "prefix xsd:") {
		t.Errorf("hint for a prefix that occurs or is unused:\n%s\n%s", errs, errsOld)
	}
}

// A second model brings its own namespace in its own Turtle: `serve
// --model DIR` mirrors it at {base}model/… without a code change, next to
// the shared ontology.
func TestSecondModelNamespace(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "model")
	if err := os.MkdirAll(filepath.Join(model, "model"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"ontology.ttl", "cube.ttl"} {
		b, err := os.ReadFile(filepath.Join(repo, "vocab", "ttl", "model", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(model, "model", f), b, 0o644)
	}
	os.WriteFile(filepath.Join(model, "model", "water.ttl"), []byte(`@base <https://example.org/ander-model/> .
@prefix mat: <`+vocab.NS+`> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix vann: <http://purl.org/vocab/vann/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<model/conceptschema/watermodel> a mat:MaturityModel , skos:ConceptScheme ;
  skos:prefLabel "Watermodel"@nl , "Water model"@en ;
  vann:preferredNamespaceUri "https://example.org/ander-model/model/" ;
  mat:sharedBase "https://example.org/ander-model/"^^xsd:anyURI .
<model/domein/water> a mat:Domain , skos:Concept ; skos:inScheme <model/conceptschema/watermodel> ;
  mat:order 1 ; skos:prefLabel "Water"@nl , "Water"@en .
<model/methode/zelfevaluatie> a mat:Method ; skos:prefLabel "Zelfevaluatie"@nl .
`), 0o644)
	data := filepath.Join(dir, "data")
	srv, _ := startServe(t, data, "--model", model, "--examples=false", "--read-only")
	for path, want := range map[string]string{
		"model/domein/water": "<https://example.org/ander-model/model/domein/water>",
		"ns":                 "<" + vocab.Ontology + ">",
	} {
		resp, err := http.Get(srv + path + ".nt")
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		buf := make([]byte, 1<<16)
		for {
			n, err := resp.Body.Read(buf)
			b.WriteString(string(buf[:n]))
			if err != nil {
				break
			}
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(b.String(), want+" <"+rdf.RDFType+">") {
			t.Errorf("GET %s: %d, want a description of %s:\n%.600s", path, resp.StatusCode, want, b.String())
		}
	}
	// The built-in model's namespace is not this instance's to serve.
	if resp, err := http.Get(srv + "model/domein/kennis"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("the built-in model's page on a second-model instance: %v %v", resp.StatusCode, err)
	}
}
