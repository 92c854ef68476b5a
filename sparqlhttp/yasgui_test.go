package sparqlhttp

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stadleuven/maturity/examples"
	"github.com/stadleuven/maturity/internal/sitetest"
	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
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

// TestExampleQueriesRun runs every example query of the query page against
// a server holding the model and an assessment: each must parse (its
// relative IRIs resolve against the instance base) and evaluate.
func TestExampleQueriesRun(t *testing.T) {
	queries, err := fs.Sub(examples.Files(), "queries")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(queries, "*.rq")
	env := newSPARQLEnvAt(t, func(base string) []rdf.Quad { return sitetest.Quads(t, base) }, nil, nil)
	for _, n := range names {
		b, err := fs.ReadFile(queries, n)
		if err != nil {
			t.Fatal(err)
		}
		resp, body := env.post(t, env.endpoint, "application/sparql-query", string(b))
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d %s", n, resp.StatusCode, body)
			continue
		}
		tab := readTable(t, resp, body)
		t.Logf("%s: %d rows", n, len(tab.Rows))
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

// TestQueryPageInBrowser loads the query page in headless Chromium, runs
// the first example query through YASGUI and checks that the answer is
// shown, with no script errors and no request leaving our server.
func TestQueryPageInBrowser(t *testing.T) {
	testtool.Require(t, "chromium")
	nm := testtool.NodeModules(t, "playwright-core")
	env := newSPARQLEnv(t, grid(20, rdf.Term{}), func(c *Config) {
		c.Queries = fstest.MapFS{
			"a.rq": {Data: []byte("# Tien dingen (Ten things)\nSELECT ?s ?v WHERE { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?v } ORDER BY ?v LIMIT 10\n")},
		}
	}, nil)
	args := []string{filepath.Join(filepath.Dir(nm), "sparql-page.mjs"), env.endpoint}
	if dir := os.Getenv("SCREENSHOTS"); dir != "" {
		args = append(args, filepath.Join(dir, "sparql.png"))
	}
	cmd := exec.Command("node", args...)
	cmd.Dir = filepath.Dir(nm)
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	var got struct {
		Status  int
		Rows    int
		Errors  []string
		Offline []string
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	if got.Status != 200 || got.Rows != 10 || len(got.Errors) > 0 || len(got.Offline) > 0 {
		t.Fatalf("query page in the browser: %+v", got)
	}
}
