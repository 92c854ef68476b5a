package sparqlhttp

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stadleuven/maturity/rdf"
)

// runaway is a cross product of four scans: 400⁴ solutions, far beyond any
// timeout, so the query ends only when its context does.
const runaway = `SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }`

const runawayStream = `SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }`

func TestEndpointTimeout(t *testing.T) {
	env := newSPARQLEnv(t, grid(200, rdf.Term{}), func(c *Config) { c.Timeout = 300 * time.Millisecond }, nil)
	start := time.Now()
	resp, body := env.query(t, runaway, "Accept-Language: en")
	took := time.Since(start)
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503: %s", resp.StatusCode, body)
	}
	if !strings.Contains(string(body), "took longer than allowed") || !strings.Contains(string(body), "300ms") {
		t.Errorf("message: %s", body)
	}
	if took > 3*time.Second {
		t.Errorf("the query ran %v for a 300ms timeout", took)
	}
}

// TestEndpointRunawayDoesNotBlock runs a runaway query and, while it runs,
// small ones: they must be answered promptly, and the runaway must end at
// its timeout.
func TestEndpointRunawayDoesNotBlock(t *testing.T) {
	env := newSPARQLEnv(t, grid(200, rdf.Term{}), func(c *Config) { c.Timeout = 2 * time.Second }, nil)
	var wg sync.WaitGroup
	var runawayStatus int
	var runawayTook time.Duration
	wg.Add(1)
	go func() {
		defer wg.Done()
		start := time.Now()
		resp, _ := env.query(t, runaway)
		runawayStatus, runawayTook = resp.StatusCode, time.Since(start)
	}()
	time.Sleep(200 * time.Millisecond) // let the runaway start
	var slowest time.Duration
	for range 10 {
		start := time.Now()
		resp, body := env.query(t, `SELECT ?v WHERE { <http://example.org/s7> ?p ?v }`)
		if resp.StatusCode != 200 || !strings.Contains(string(body), `"7"`) {
			t.Fatalf("small query during a runaway: %d %s", resp.StatusCode, body)
		}
		slowest = max(slowest, time.Since(start))
	}
	wg.Wait()
	t.Logf("runaway: %d after %v; slowest small query meanwhile %v", runawayStatus, runawayTook, slowest)
	if runawayStatus != http.StatusServiceUnavailable {
		t.Errorf("runaway status %d, want 503", runawayStatus)
	}
	if runawayTook > 6*time.Second {
		t.Errorf("runaway ran %v for a 2s timeout", runawayTook)
	}
	if slowest > time.Second {
		t.Errorf("a small query took %v while the runaway ran", slowest)
	}
}

// TestEndpointTimeoutMidStream: a query whose answer is already streaming
// when the timeout strikes ends with an error line and a broken chunked
// stream, never with a well-formed partial answer.
func TestEndpointTimeoutMidStream(t *testing.T) {
	env := newSPARQLEnv(t, grid(200, rdf.Term{}), func(c *Config) {
		c.Timeout = 300 * time.Millisecond
		c.MaxRows = 1 << 40
	}, nil)
	for _, gz := range []bool{false, true} {
		req, _ := http.NewRequest(http.MethodGet, env.endpoint+"?query="+url.QueryEscape(runawayStream), nil)
		req.Header.Set("Accept-Language", "en")
		req.Header.Set("Accept", "text/tab-separated-values")
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		resp, err := env.client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var r io.Reader = resp.Body
		if gz {
			if resp.Header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("not gzipped: %v", resp.Header)
			}
			if r, err = gzip.NewReader(resp.Body); err != nil {
				t.Fatal(err)
			}
		}
		body, err := io.ReadAll(r)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("status %d: the answer should have been streaming", resp.StatusCode)
		}
		if err == nil {
			t.Errorf("gzip=%v: the body ended cleanly (%d bytes); a cut stream must fail to read", gz, len(body))
		}
		tail := string(body[max(0, len(body)-300):])
		if !strings.Contains(tail, "ERROR: the query was stopped") {
			t.Errorf("gzip=%v: no error marker at the end:\n%s", gz, tail)
		}
	}
}

// TestEndpointClientDisconnect: a client that goes away stops the
// evaluation; the handler returns long before the timeout.
func TestEndpointClientDisconnect(t *testing.T) {
	done := make(chan time.Time, 1)
	wrap := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() { done <- time.Now() }()
			h.ServeHTTP(w, r)
		})
	}
	env := newSPARQLEnv(t, grid(200, rdf.Term{}), func(c *Config) { c.Timeout = 30 * time.Second }, wrap)
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, env.endpoint+"?query="+url.QueryEscape(runaway), nil)
	errc := make(chan error, 1)
	go func() {
		resp, err := env.client().Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	time.Sleep(300 * time.Millisecond)
	gone := time.Now()
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("client error %v", err)
	}
	select {
	case end := <-done:
		if d := end.Sub(gone); d > 2*time.Second {
			t.Errorf("the handler ran %v after the client left", d)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the evaluation went on after the client left")
	}
}
