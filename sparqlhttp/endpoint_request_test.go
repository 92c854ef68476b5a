package sparqlhttp

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseProtoRequest(t *testing.T) {
	cases := []struct {
		name, method, target, ctype, body string
		wantStatus                        int // 0: accepted
		wantQuery                         string
		wantDefault, wantNamed            int
	}{
		{name: "GET", method: "GET", target: "/sparql?query=ASK%7B%7D&default-graph-uri=http://a/&named-graph-uri=http://b/&named-graph-uri=http://c/", wantQuery: "ASK{}", wantDefault: 1, wantNamed: 2},
		{name: "GET without query", method: "GET", target: "/sparql"},
		{name: "form, graphs in URL and body", method: "POST", target: "/sparql?default-graph-uri=http://a/", ctype: "application/x-www-form-urlencoded", body: "query=ASK%7B%7D&default-graph-uri=http://b/", wantQuery: "ASK{}", wantDefault: 2},
		{name: "direct", method: "POST", target: "/sparql?named-graph-uri=http://a/", ctype: "application/sparql-query", body: "ASK {}", wantQuery: "ASK {}", wantNamed: 1},
		{name: "direct and a query parameter", method: "POST", target: "/sparql?query=ASK%7B%7D", ctype: "application/sparql-query", body: "ASK {}", wantStatus: 400},
		{name: "two queries", method: "GET", target: "/sparql?query=ASK%7B%7D&query=ASK%7B%7D", wantStatus: 400},
		{name: "update parameter", method: "GET", target: "/sparql?update=CLEAR%20ALL", wantStatus: 405},
		{name: "update body", method: "POST", target: "/sparql", ctype: "application/sparql-update", body: "CLEAR ALL", wantStatus: 405},
		{name: "no content type", method: "POST", target: "/sparql", body: "query=ASK%7B%7D", wantStatus: 415},
		{name: "text/plain", method: "POST", target: "/sparql", ctype: "text/plain", body: "ASK {}", wantStatus: 415},
		{name: "UTF-16", method: "POST", target: "/sparql", ctype: "application/sparql-query; charset=UTF-16", body: "ASK {}", wantStatus: 415},
		{name: "invalid UTF-8 in a form", method: "POST", target: "/sparql", ctype: "application/x-www-form-urlencoded", body: "query=ASK%FF", wantStatus: 400},
		{name: "relative graph", method: "GET", target: "/sparql?query=ASK%7B%7D&named-graph-uri=g", wantStatus: 400},
		{name: "PUT", method: "PUT", target: "/sparql?query=ASK%7B%7D", wantStatus: 405},
		{name: "too large", method: "POST", target: "/sparql", ctype: "application/sparql-query", body: strings.Repeat("#", maxQueryBytes+1), wantStatus: 413},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest(c.method, c.target, strings.NewReader(c.body))
			if c.ctype != "" {
				r.Header.Set("Content-Type", c.ctype)
			}
			pr, perr := parseProtoRequest(r)
			if c.wantStatus != 0 {
				if perr == nil || perr.status != c.wantStatus {
					t.Fatalf("got %+v, %+v; want status %d", pr, perr, c.wantStatus)
				}
				return
			}
			if perr != nil {
				t.Fatalf("refused: %+v", perr)
			}
			if pr.query != c.wantQuery || pr.hasQuery != (c.wantQuery != "") || len(pr.defaultGraphs) != c.wantDefault || len(pr.namedGraphs) != c.wantNamed {
				t.Fatalf("got %+v", pr)
			}
		})
	}
}

// FuzzParseProtoRequest: whatever arrives, the request parser does not
// panic, refuses with a client error, or returns a UTF-8 query and
// absolute graph IRIs.
func FuzzParseProtoRequest(f *testing.F) {
	f.Add("GET", "query=ASK%7B%7D", "", "")
	f.Add("POST", "default-graph-uri=http%3A%2F%2Fa%2F", "application/sparql-query; charset=utf-8", "SELECT * {}")
	f.Add("POST", "", "application/x-www-form-urlencoded", "query=%FF&query=x")
	f.Add("POST", "", "multipart/form-data; boundary=x", "--x--")
	f.Fuzz(func(t *testing.T, method, rawQuery, ctype, body string) {
		if method != "GET" && method != "POST" && method != "HEAD" {
			method = "PUT"
		}
		r := httptest.NewRequest(method, "/sparql", strings.NewReader(body))
		r.URL.RawQuery = rawQuery
		r.Header.Set("Content-Type", ctype)
		pr, perr := parseProtoRequest(r)
		if perr != nil {
			if perr.status < 400 || perr.status >= 500 {
				t.Fatalf("status %d for a bad request", perr.status)
			}
			return
		}
		if !utf8.ValidString(pr.query) {
			t.Fatalf("accepted a query that is not UTF-8: %q", pr.query)
		}
		for _, g := range append(pr.defaultGraphs, pr.namedGraphs...) {
			if u, err := url.Parse(g); err != nil || !u.IsAbs() {
				t.Fatalf("accepted graph %q", g)
			}
		}
		if method == http.MethodPost && ctype == "application/sparql-query" && pr.query != body {
			t.Fatalf("direct body %q became %q", body, pr.query)
		}
	})
}
