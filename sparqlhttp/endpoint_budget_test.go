package sparqlhttp

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/results"
)

// TestEndpointQueryLimits sends the hostile queries of issue 11 and
// checks that each is refused at its limit with a status that says whose
// fault it is and a message that names the limit. They used to run for a
// minute (a 20,000-step path under a 10 s timeout) or until the memory ran
// out.
func TestEndpointQueryLimits(t *testing.T) {
	env := newSPARQLEnv(t, grid(1500, rdf.Term{}), nil, nil)
	var bgp strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&bgp, "?s <http://example.org/p%d> ?o%d . ", i, i)
	}
	replace := `"aaaaaaaaaa"`
	for range 9 {
		replace = `REPLACE(` + replace + `, "a", "aaaaaaaaaa")`
	}
	cases := []struct {
		name, query string
		status      int
		limit       string
	}{
		{"20,000-step path", "SELECT * { ?a " + strings.TrimSuffix(strings.Repeat("<http://example.org/p>/", 20000), "/") + " ?b }", 400, "max-path-steps"},
		{"5,000-pattern BGP", "SELECT * { " + bgp.String() + "}", 400, "max-patterns"},
		{"512 KB of nesting", "SELECT * { " + strings.Repeat("{", 512<<10), 400, "max-depth"},
		{"nested REPLACE", "SELECT ?x { BIND(" + replace + " AS ?x) }", 422, "max-string-bytes"},
		{"sorted cross product", "SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f", 422, "query-memory"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := env.post(t, env.endpoint, "application/sparql-query", tc.query, "Accept-Language: en")
			if resp.StatusCode != tc.status || !strings.Contains(string(body), tc.limit) {
				t.Fatalf("%d %.300s; want %d naming %s", resp.StatusCode, body, tc.status, tc.limit)
			}
			if resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
				t.Errorf("Content-Type %q", resp.Header.Get("Content-Type"))
			}
		})
	}
	// Raised limits let the same queries through.
	env = newSPARQLEnv(t, grid(20, rdf.Term{}), func(c *Config) {
		c.Limits = sparql.Limits{PathSteps: 30000, Patterns: -1, StringBytes: -1}
	}, nil)
	for _, q := range []string{cases[0].query, cases[1].query} {
		if resp, body := env.post(t, env.endpoint, "application/sparql-query", q); resp.StatusCode != 200 {
			t.Errorf("with the limit raised: %d %.300s", resp.StatusCode, body)
		}
	}
}

// TestEndpointBusy fills the running slot and the queue with runaway
// queries and checks that the next query is refused at once with 503 and
// Retry-After, and that queries are served again once the slot is free.
func TestEndpointBusy(t *testing.T) {
	env := newSPARQLEnv(t, grid(200, rdf.Term{}), func(c *Config) {
		c.Timeout = 1500 * time.Millisecond
		c.MaxQueries, c.MaxQueued = 1, 1
	}, nil)
	var wg sync.WaitGroup
	status := make([]int, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, _ := env.query(t, runaway)
			status[i] = resp.StatusCode
		}()
		time.Sleep(200 * time.Millisecond) // the first runs, the second waits
	}
	resp, body := env.query(t, `ASK { ?s ?p ?o }`, "Accept-Language: en")
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != retryAfter || !strings.Contains(string(body), "busy") {
		t.Errorf("third query: %d Retry-After %q: %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	wg.Wait()
	// The first runaway ran to its timeout; the second waited for it and
	// then ran to its own, or gave up waiting at the timeout.
	for i, s := range status {
		if s != http.StatusServiceUnavailable {
			t.Errorf("runaway %d: %d, want 503 at its timeout", i, s)
		}
	}
	if resp, body := env.query(t, `ASK { ?s ?p ?o }`); resp.StatusCode != 200 {
		t.Errorf("after the runaways: %d %s", resp.StatusCode, body)
	}
}

// TestEndpointXMLCharacters checks answers whose data holds characters
// RDF allows and XML 1.0 cannot carry: XML results and RDF/XML are refused
// with 406 naming the character while nothing is sent, other formats
// carry it, and an XML answer already streaming replaces it and says so
// in a trailer, staying well-formed. They used to answer 500, or cut the
// stream after the first 64 KB.
func TestEndpointXMLCharacters(t *testing.T) {
	quads := grid(2000, rdf.Term{})
	quads = append(quads, rdf.Quad{S: ex("zz"), P: ex("label"), O: rdf.Literal("bell \x07 and \uFFFE")})
	env := newSPARQLEnv(t, quads, nil, nil)
	bad := `SELECT ?l { <http://example.org/zz> <http://example.org/label> ?l }`
	resp, body := env.query(t, bad, "Accept: application/sparql-results+xml", "Accept-Language: en")
	if resp.StatusCode != http.StatusNotAcceptable || !strings.Contains(string(body), "U+0007") || !strings.Contains(string(body), "application/sparql-results+json") {
		t.Errorf("XML results: %d %s", resp.StatusCode, body)
	}
	resp, body = env.query(t, bad, "Accept: application/sparql-results+json")
	if resp.StatusCode != 200 || !strings.Contains(string(body), `\u0007`) {
		t.Errorf("JSON results: %d %s", resp.StatusCode, body)
	}
	construct := `CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?s = <http://example.org/zz>) }`
	resp, body = env.query(t, construct, "Accept: application/rdf+xml", "Accept-Language: en")
	if resp.StatusCode != http.StatusNotAcceptable || !strings.Contains(string(body), "U+0007") {
		t.Errorf("CONSTRUCT as RDF/XML: %d %s", resp.StatusCode, body)
	}
	if resp, body := env.query(t, construct, "Accept: text/turtle"); resp.StatusCode != 200 || !strings.Contains(string(body), `\u0007`) {
		t.Errorf("CONSTRUCT as Turtle: %d %s", resp.StatusCode, body)
	}
	// 4,000 rows come before the bad one: the answer is streaming by then.
	late := `SELECT ?s ?l { ?s <http://example.org/label> ?l } ORDER BY ?s`
	resp, body = env.query(t, late, "Accept: application/sparql-results+xml")
	if resp.StatusCode != 200 {
		t.Fatalf("late bad value: %d %.300s", resp.StatusCode, body)
	}
	if got := resp.Trailer.Get(hdrReplaced); !strings.HasPrefix(got, "2 characters") {
		t.Errorf("trailer %s = %q", hdrReplaced, got)
	}
	tab, err := results.Read(strings.NewReader(string(body)), results.XML)
	if err != nil {
		t.Fatalf("the streamed XML is not well-formed: %v", err)
	}
	if n := len(tab.Rows); n != 2001 || tab.Rows[n-1][1].Value != "bell \uFFFD and \uFFFD" {
		t.Errorf("%d rows, last %v", n, tab.Rows[n-1])
	}
}

// TestEndpointLimitMidStream: a query that meets a limit after its answer
// started streaming ends with an error line naming the limit and a broken
// stream, never with a well-formed partial answer.
func TestEndpointLimitMidStream(t *testing.T) {
	env := newSPARQLEnv(t, grid(200, rdf.Term{}), func(c *Config) {
		c.Limits = sparql.Limits{MemoryBytes: 2 << 20}
		c.MaxRows = 1 << 30
	}, nil)
	req, _ := http.NewRequest(http.MethodGet, env.endpoint+"?query="+url.QueryEscape(
		`SELECT ?z { ?a ?b ?c . ?d ?e ?f BIND(CONCAT(STR(?c), "/", STR(?f)) AS ?z) }`), nil)
	req.Header.Set("Accept-Language", "en")
	req.Header.Set("Accept", "text/tab-separated-values")
	resp, err := env.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || err == nil {
		t.Fatalf("status %d, read error %v: the answer should have been streaming, then cut", resp.StatusCode, err)
	}
	tail := string(body[max(0, len(body)-400):])
	if !strings.Contains(tail, "stopped at a limit") || !strings.Contains(tail, "query-memory") {
		t.Errorf("no error line naming the limit at the end:\n%s", tail)
	}
}
