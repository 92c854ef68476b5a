package sparqlhttp

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql/results"
)

// endpointData is a small dataset: a default-graph triple and two named
// graphs, so the default-graph modes give different answers.
func endpointData() []rdf.Quad {
	g1, g2 := ex("g1"), ex("g2")
	qs := []rdf.Quad{
		{S: ex("a"), P: ex("p"), O: rdf.Literal("in de standaardgraaf")},
		{S: ex("b"), P: ex("p"), O: rdf.LangLiteral("in g1", "nl"), G: g1},
		{S: ex("c"), P: ex("p"), O: rdf.TypedLiteral("42", rdf.XSDInteger), G: g2},
	}
	return qs
}

func readTable(t *testing.T, resp *http.Response, body []byte) *results.Table {
	t.Helper()
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	f, err := results.ParseFormat(mt)
	if err != nil {
		t.Fatalf("content type %q: %v\n%s", mt, err, body)
	}
	tab, err := results.Read(bytes.NewReader(body), f)
	if err != nil {
		t.Fatalf("read %s: %v\n%s", f, err, body)
	}
	return tab
}

func TestEndpointResultConneg(t *testing.T) {
	env := newSPARQLEnv(t, endpointData(), nil, nil)
	const q = `SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?s`
	cases := []struct {
		name    string
		accept  string
		format  string
		wantCT  string
		wantErr int
	}{
		{name: "no Accept", wantCT: "application/sparql-results+json"},
		{name: "wildcard", accept: "*/*", wantCT: "application/sparql-results+json"},
		{name: "json", accept: "application/sparql-results+json", wantCT: "application/sparql-results+json"},
		{name: "xml", accept: "application/sparql-results+xml", wantCT: "application/sparql-results+xml"},
		{name: "csv", accept: "text/csv", wantCT: "text/csv"},
		{name: "tsv", accept: "text/tab-separated-values", wantCT: "text/tab-separated-values"},
		{name: "q-values", accept: "application/sparql-results+json;q=0.5, text/tab-separated-values", wantCT: "text/tab-separated-values"},
		{name: "generic json alias", accept: "application/json", wantCT: "application/sparql-results+json"},
		{name: "xml alias loses to registered type", accept: "application/xml, text/csv", wantCT: "text/csv"},
		{name: "text/* gives csv", accept: "text/*", wantCT: "text/csv"},
		{name: "format parameter beats Accept", accept: "text/csv", format: "xml", wantCT: "application/sparql-results+xml"},
		{name: "format by media type", format: "text/tab-separated-values", wantCT: "text/tab-separated-values"},
		{name: "nothing acceptable", accept: "image/png", wantErr: http.StatusNotAcceptable},
		{name: "unknown format", format: "yaml", wantErr: http.StatusNotAcceptable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := env.endpoint + "?query=" + url.QueryEscape(q)
			if c.format != "" {
				u += "&format=" + url.QueryEscape(c.format)
			}
			var hdr []string
			if c.accept != "" {
				hdr = append(hdr, "Accept: "+c.accept)
			}
			resp, body := env.get(t, http.MethodGet, u, hdr...)
			if c.wantErr != 0 {
				if resp.StatusCode != c.wantErr {
					t.Fatalf("status %d, want %d: %s", resp.StatusCode, c.wantErr, body)
				}
				return
			}
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
			if mt != c.wantCT {
				t.Fatalf("Content-Type %q, want %q", mt, c.wantCT)
			}
			tab := readTable(t, resp, body)
			// The union default graph: all three triples, terms intact
			// (CSV keeps only lexical forms).
			if len(tab.Rows) != 3 {
				t.Fatalf("%d rows, want 3:\n%s", len(tab.Rows), body)
			}
			if c.wantCT != "text/csv" {
				want := []rdf.Term{rdf.Literal("in de standaardgraaf"), rdf.LangLiteral("in g1", "nl"), rdf.TypedLiteral("42", rdf.XSDInteger)}
				oi := indexOf(tab.Vars, "o")
				for i, w := range want {
					if got := tab.Rows[i][oi]; got != w {
						t.Errorf("row %d: ?o = %v, want %v", i, got, w)
					}
				}
			}
		})
	}
}

func indexOf(vars []string, v string) int {
	for i, x := range vars {
		if x == v {
			return i
		}
	}
	return -1
}

func TestEndpointRequestForms(t *testing.T) {
	env := newSPARQLEnv(t, endpointData(), nil, nil)
	const q = `ASK { <http://example.org/c> ?p 42 }`
	cases := []struct {
		name       string
		do         func() (*http.Response, []byte)
		wantStatus int
		wantTrue   bool
	}{
		{"GET", func() (*http.Response, []byte) { return env.query(t, q) }, 200, true},
		{"POST form", func() (*http.Response, []byte) {
			return env.post(t, env.endpoint, "application/x-www-form-urlencoded", "query="+url.QueryEscape(q))
		}, 200, true},
		{"POST direct", func() (*http.Response, []byte) {
			return env.post(t, env.endpoint, "application/sparql-query", q)
		}, 200, true},
		{"POST direct utf-8 charset", func() (*http.Response, []byte) {
			return env.post(t, env.endpoint, "application/sparql-query; charset=UTF-8", q)
		}, 200, true},
		{"default-graph-uri narrows the default graph", func() (*http.Response, []byte) {
			return env.get(t, http.MethodGet, env.endpoint+"?query="+url.QueryEscape(q)+"&default-graph-uri="+url.QueryEscape("http://example.org/g1"))
		}, 200, false},
		{"named-graph-uri in a form body", func() (*http.Response, []byte) {
			return env.post(t, env.endpoint, "application/x-www-form-urlencoded",
				"query="+url.QueryEscape(`ASK { GRAPH <http://example.org/g2> { ?s ?p 42 } }`)+"&named-graph-uri="+url.QueryEscape("http://example.org/g2"))
		}, 200, true},
		{"named-graph-uri excludes other graphs", func() (*http.Response, []byte) {
			return env.post(t, env.endpoint, "application/x-www-form-urlencoded",
				"query="+url.QueryEscape(`ASK { GRAPH <http://example.org/g2> { ?s ?p 42 } }`)+"&named-graph-uri="+url.QueryEscape("http://example.org/g1"))
		}, 200, false},
		{"relative graph IRI", func() (*http.Response, []byte) {
			return env.get(t, http.MethodGet, env.endpoint+"?query="+url.QueryEscape(q)+"&default-graph-uri=g1")
		}, 400, false},
		{"update refused", func() (*http.Response, []byte) {
			return env.post(t, env.endpoint, "application/sparql-update", "CLEAR ALL")
		}, 405, false},
		{"empty POST", func() (*http.Response, []byte) {
			return env.post(t, env.endpoint, "application/x-www-form-urlencoded", "")
		}, 400, false},
		{"DELETE", func() (*http.Response, []byte) { return env.get(t, http.MethodDelete, env.endpoint+"?query=ASK{}") }, 405, false},
	}
	t.Run("HEAD", func(t *testing.T) {
		resp, body := env.get(t, http.MethodHead, env.endpoint+"?query="+url.QueryEscape(q))
		if resp.StatusCode != 200 || len(body) != 0 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/sparql-results+json") {
			t.Fatalf("HEAD: %d %q, %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
		}
	})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := c.do()
			if resp.StatusCode != c.wantStatus {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, c.wantStatus, body)
			}
			if c.wantStatus == http.StatusMethodNotAllowed && !strings.Contains(resp.Header.Get("Allow"), "POST") {
				t.Errorf("Allow %q lacks POST", resp.Header.Get("Allow"))
			}
			if c.wantStatus != 200 {
				if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
					t.Errorf("error Content-Type %q", ct)
				}
				return
			}
			tab := readTable(t, resp, body)
			if tab.Boolean == nil || *tab.Boolean != c.wantTrue {
				t.Fatalf("answer %s, want %v", body, c.wantTrue)
			}
		})
	}
}

func TestEndpointDefaultGraphMode(t *testing.T) {
	const q = `SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }`
	for _, c := range []struct {
		own  bool
		want string
	}{{false, "3"}, {true, "1"}} {
		env := newSPARQLEnv(t, endpointData(), func(cfg *Config) { cfg.DefaultGraphOwn = c.own }, nil)
		resp, body := env.query(t, q)
		tab := readTable(t, resp, body)
		if got := tab.Rows[0][0].Value; got != c.want {
			t.Errorf("own=%v: %s triples in the default graph, want %s", c.own, got, c.want)
		}
		// GRAPH ?g ranges over the named graphs in both modes.
		resp, body = env.query(t, `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }`)
		if tab := readTable(t, resp, body); len(tab.Rows) != 2 {
			t.Errorf("own=%v: GRAPH ?g found %d graphs, want 2", c.own, len(tab.Rows))
		}
	}
}

func TestEndpointGraphResults(t *testing.T) {
	env := newSPARQLEnv(t, endpointData(), nil, nil)
	const construct = `CONSTRUCT { ?s <http://example.org/q> ?o } WHERE { ?s <http://example.org/p> ?o }`
	want := []rdf.Quad{
		{S: ex("a"), P: ex("q"), O: rdf.Literal("in de standaardgraaf")},
		{S: ex("b"), P: ex("q"), O: rdf.LangLiteral("in g1", "nl")},
		{S: ex("c"), P: ex("q"), O: rdf.TypedLiteral("42", rdf.XSDInteger)},
	}
	for _, c := range []struct {
		accept, format string
		want           rdfio.Format
	}{
		{"", "", rdfio.Turtle},
		{"*/*", "", rdfio.Turtle},
		{"text/turtle", "", rdfio.Turtle},
		{"application/n-triples", "", rdfio.NTriples},
		{"application/n-quads", "", rdfio.NQuads},
		{"application/rdf+xml", "", rdfio.RDFXML},
		{"application/ld+json", "", rdfio.JSONLD},
		{"text/csv", "nt", rdfio.NTriples},
	} {
		t.Run(c.want.String()+"/"+c.accept, func(t *testing.T) {
			u := env.endpoint + "?query=" + url.QueryEscape(construct)
			if c.format != "" {
				u += "&format=" + c.format
			}
			var hdr []string
			if c.accept != "" {
				hdr = append(hdr, "Accept: "+c.accept)
			}
			resp, body := env.get(t, http.MethodGet, u, hdr...)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
			if f := rdfio.FormatForMediaType(mt); f != c.want {
				t.Fatalf("Content-Type %q (%v), want %v", mt, f, c.want)
			}
			var got []rdf.Quad
			err := rdfio.Parse(bytes.NewReader(body), c.want, rdfio.ParseOptions{Base: env.base}, func(q rdf.Quad) error {
				got = append(got, q)
				return nil
			})
			if err != nil {
				t.Fatalf("parse: %v\n%s", err, body)
			}
			if !rdf.Isomorphic(got, want) {
				t.Fatalf("got\n%v\nwant\n%v", got, want)
			}
		})
	}
	// DESCRIBE returns the resource's triples.
	resp, body := env.query(t, `DESCRIBE <http://example.org/c>`, "Accept: application/n-triples")
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"42"^^<http://www.w3.org/2001/XMLSchema#integer>`) {
		t.Fatalf("DESCRIBE: %d %s", resp.StatusCode, body)
	}
}

func TestEndpointSyntaxError(t *testing.T) {
	env := newSPARQLEnv(t, endpointData(), nil, nil)
	for _, c := range []struct{ lang, want string }{
		{"nl", "regel 2, kolom"},
		{"en", "line 2, column"},
	} {
		resp, body := env.query(t, "SELECT * WHERE {\n  ?s ?p }", "Accept-Language: "+c.lang)
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("status %d, want 400", resp.StatusCode)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			t.Errorf("Content-Type %q", ct)
		}
		if !strings.Contains(string(body), c.want) || !strings.Contains(string(body), "^") {
			t.Errorf("%s: body lacks position and caret:\n%s", c.lang, body)
		}
	}
}

func TestEndpointRowCap(t *testing.T) {
	env := newSPARQLEnv(t, grid(50, rdf.Term{}), func(c *Config) { c.MaxRows = 10 }, nil)
	const q = `SELECT ?s ?v WHERE { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?v }`

	t.Run("json header and marker", func(t *testing.T) {
		resp, body := env.query(t, q)
		if resp.Header.Get(hdrTruncated) != "true" || resp.Header.Get(hdrMaxRows) != "10" {
			t.Fatalf("headers %v", resp.Header)
		}
		var doc struct {
			Results   struct{ Bindings []map[string]any }
			Truncated bool
		}
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatalf("json: %v\n%s", err, body)
		}
		if len(doc.Results.Bindings) != 10 || !doc.Truncated {
			t.Fatalf("%d rows, truncated=%v", len(doc.Results.Bindings), doc.Truncated)
		}
	})
	t.Run("xml comment", func(t *testing.T) {
		resp, body := env.query(t, q, "Accept: application/sparql-results+xml")
		tab := readTable(t, resp, body)
		if len(tab.Rows) != 10 || !strings.Contains(string(body), "<!-- truncated") {
			t.Fatalf("%d rows\n%s", len(tab.Rows), body)
		}
	})
	t.Run("exactly at the cap is not cut", func(t *testing.T) {
		resp, body := env.query(t, q+" LIMIT 10")
		if resp.Header.Get(hdrTruncated) != "" || strings.Contains(string(body), "truncated") {
			t.Fatalf("a complete answer was marked as cut: %v", resp.Header)
		}
	})
	t.Run("construct", func(t *testing.T) {
		resp, body := env.query(t, `CONSTRUCT WHERE { ?s ?p ?o }`, "Accept: application/n-triples")
		if resp.Header.Get(hdrTruncated) != "true" || bytes.Count(body, []byte(" .\n")) != 10 || !strings.Contains(string(body), "# truncated") {
			t.Fatalf("headers %v\n%s", resp.Header, body)
		}
	})
	t.Run("streamed answer signals in a trailer", func(t *testing.T) {
		env.ep.spool = 64 // commit after a few rows
		defer func() { env.ep.spool = 64 << 10 }()
		for _, accept := range []string{"text/csv", "application/sparql-results+json"} {
			req, _ := http.NewRequest(http.MethodGet, env.endpoint+"?query="+url.QueryEscape(q), nil)
			req.Header.Set("Accept", accept)
			resp, err := env.client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if resp.Header.Get(hdrTruncated) != "" {
				t.Errorf("%s: truncation known before the first byte?", accept)
			}
			if resp.Trailer.Get(hdrTruncated) != "true" {
				t.Errorf("%s: trailer %v, want %s: true", accept, resp.Trailer, hdrTruncated)
			}
			if tab := readTable(t, resp, body); len(tab.Rows) != 10 {
				t.Errorf("%s: %d rows, want 10", accept, len(tab.Rows))
			}
		}
	})
}

func TestEndpointCORS(t *testing.T) {
	env := newSPARQLEnv(t, endpointData(), nil, nil)
	resp, _ := env.get(t, http.MethodOptions, env.endpoint,
		"Origin: https://yasgui.example", "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: content-type")
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "POST") ||
		!strings.Contains(strings.ToLower(resp.Header.Get("Access-Control-Allow-Headers")), "content-type") {
		t.Fatalf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
	resp, _ = env.query(t, "ASK {}", "Origin: https://yasgui.example")
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), hdrTruncated) {
		t.Fatalf("CORS headers %v", resp.Header)
	}
}

func TestEndpointGzip(t *testing.T) {
	env := newSPARQLEnv(t, grid(500, rdf.Term{}), nil, nil)
	const q = `SELECT ?s ?v WHERE { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?v }`
	for _, c := range []struct {
		name     string
		query    string
		spool    int
		wantGzip bool
		rows     int
	}{
		{"small answer stays plain", q + " LIMIT 2", 64 << 10, false, 2},
		{"large answer in the spool", q, 64 << 10, true, 500},
		{"streamed answer", q, 256, true, 500},
	} {
		t.Run(c.name, func(t *testing.T) {
			env.ep.spool = c.spool
			defer func() { env.ep.spool = 64 << 10 }()
			resp, body := env.query(t, c.query, "Accept-Encoding: gzip", "Accept: text/csv")
			if got := resp.Header.Get("Content-Encoding") == "gzip"; got != c.wantGzip {
				t.Fatalf("gzip %v, want %v", got, c.wantGzip)
			}
			if c.wantGzip {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			if tab := readTable(t, resp, body); len(tab.Rows) != c.rows {
				t.Fatalf("%d rows, want %d", len(tab.Rows), c.rows)
			}
		})
	}
}
