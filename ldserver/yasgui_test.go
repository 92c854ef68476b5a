package ldserver

import (
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/examples"
)

func TestQueryPage(t *testing.T) {
	queries, err := fs.Sub(examples.Files(), "queries")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(queries, "*.rq")
	if len(names) == 0 {
		t.Fatal("no example queries")
	}
	env := newSPARQLEnv(t, endpointData(), func(c *Config) { c.Queries = queries }, nil)
	const browser = "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	for _, c := range []struct{ lang, title, example string }{
		{"nl", "SPARQL-eindpunt", "Scores van één stad"},
		{"en", "SPARQL endpoint", "Scores of one city"},
	} {
		resp, body := env.get(t, http.MethodGet, env.endpoint+"?lang="+c.lang, browser)
		page := string(body)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("%s: %d %s", c.lang, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		for _, want := range []string{`<html lang="` + c.lang + `">`, c.title, c.example, "sparql/ui/yasgui.min.js", "sparql/ui/yasgui.min.css", `data-endpoint="` + env.endpoint + `"`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: page lacks %q", c.lang, want)
			}
		}
		if n := strings.Count(page, "data-query="); n != len(names)+1 {
			t.Errorf("%s: %d queries on the page, want %d examples and the editor's", c.lang, n, len(names))
		}
	}
	// A browser following a link with a query gets the editor (which reads
	// ?query= itself); a client asking for data gets data.
	q := "?query=" + url.QueryEscape("ASK {}")
	if resp, _ := env.get(t, http.MethodGet, env.endpoint+q, browser); !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("browser with a query: %s", resp.Header.Get("Content-Type"))
	}
	if resp, _ := env.get(t, http.MethodGet, env.endpoint+q, "Accept: application/sparql-results+json, text/html;q=0.5"); !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/sparql-results+json") {
		t.Errorf("data client with a query: %s", resp.Header.Get("Content-Type"))
	}
}

func TestYasguiAssets(t *testing.T) {
	env := newSPARQLEnv(t, endpointData(), nil, nil)
	for _, c := range []struct {
		file, ct, contains string
	}{
		{"yasgui.min.js", "text/javascript", "Yasgui"},
		{"yasgui.min.css", "text/css", ".yasgui"},
		{"LICENSE", "text/plain", "MIT License"},
	} {
		resp, body := env.get(t, http.MethodGet, env.base+"sparql/ui/"+c.file)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), c.ct) || !strings.Contains(string(body), c.contains) {
			t.Errorf("%s: %d %s, %d bytes", c.file, resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
		}
		if c.file == "LICENSE" {
			continue
		}
		resp, gz := env.get(t, http.MethodGet, env.base+"sparql/ui/"+c.file, "Accept-Encoding: gzip")
		if resp.Header.Get("Content-Encoding") != "gzip" || len(gz) < 2 || gz[0] != 0x1f || gz[1] != 0x8b || len(gz) >= len(body) {
			t.Errorf("%s gzipped: %q, %d bytes of %d", c.file, resp.Header.Get("Content-Encoding"), len(gz), len(body))
		}
	}
	if resp, _ := env.get(t, http.MethodGet, env.base+"sparql/ui/secret.txt"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown asset: %d", resp.StatusCode)
	}
}

func TestNewExample(t *testing.T) {
	for _, c := range []struct{ file, text, nl, en string }{
		{"a.rq", "# Scores van één stad (Scores of one city).\nSELECT", "Scores van één stad", "Scores of one city"},
		{"b.rq", "# Alleen Nederlands\nASK {}", "Alleen Nederlands", "Alleen Nederlands"},
		{"dir/c.rq", "SELECT * {}", "c", "c"},
	} {
		e := newExample(c.file, c.text)
		if e.in("nl").Title != c.nl || e.in("en").Title != c.en || e.Query != c.text {
			t.Errorf("%s: %q / %q", c.file, e.in("nl").Title, e.in("en").Title)
		}
	}
}
