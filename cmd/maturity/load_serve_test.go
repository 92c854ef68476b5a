package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestHostileQueriesUnderLoad is the short form of bench/load.sh: while
// eight clients dereference resources, fetch the catalog and run an
// example query against serve as a process, a runaway cross product, a
// REPLACE bomb and a 20,000-step path are each cut at their limit with an
// answer that names it, and no normal request fails.
func TestHostileQueriesUnderLoad(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	p := startServeProc(t, data, "--timeout", "2s")
	normal := []struct{ path, accept string }{
		{"id/organisatie/99991", "text/turtle"},
		{"doc/organisatie/99991", "application/ld+json"},
		{"doc/organisatie/99991", "text/html"},
		{"catalog", "text/turtle"},
		{"catalog", "text/html"},
		{"sparql?query=" + url.QueryEscape("SELECT ?s WHERE { ?s a <http://www.w3.org/ns/org#Organization> } LIMIT 20"), "application/sparql-results+json"},
	}
	client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// Warm up: the first catalog is computed from the whole store, which on
	// a busy machine can take longer than the 2 s the hostile queries get;
	// after it, the pages come from the cache, as they do once a real
	// server has run a while.
	for _, req := range normal {
		deadline := time.Now().Add(60 * time.Second)
		for {
			r, _ := http.NewRequest(http.MethodGet, p.base+req.path, nil)
			r.Header.Set("Accept", req.accept)
			resp, err := client.Do(r)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode < 400 {
					break
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("warm-up of %s: %v", req.path, err)
			}
		}
	}
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var mu sync.Mutex
	var n int
	var failures []string
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := i; ctx.Err() == nil; j++ {
				req := normal[j%len(normal)]
				r, _ := http.NewRequest(http.MethodGet, p.base+req.path, nil)
				r.Header.Set("Accept", req.accept)
				resp, err := client.Do(r)
				mu.Lock()
				n++
				switch {
				case err != nil:
					failures = append(failures, err.Error())
				case resp.StatusCode >= 400:
					failures = append(failures, fmt.Sprintf("%s: %d", req.path, resp.StatusCode))
				}
				mu.Unlock()
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		}()
	}
	replace := `"aaaaaaaaaa"`
	for range 7 {
		replace = `REPLACE(` + replace + `, "a", "aaaaaaaaaa")`
	}
	hostile := []struct{ name, query, want string }{
		{"cross product", `SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }`, "limit 2s"},
		{"REPLACE bomb", `SELECT ?x WHERE { BIND(` + replace + ` AS ?x) }`, "limit max-string-bytes"},
		{"20,000-step path", `SELECT * WHERE { ?a ` + strings.Repeat("<http://example.org/p>/", 19999) + `<http://example.org/p> ?b }`, "limit max-path-steps"},
	}
	var hwg sync.WaitGroup
	for _, h := range hostile {
		hwg.Add(1)
		go func() {
			defer hwg.Done()
			r, _ := http.NewRequest(http.MethodPost, p.base+"sparql", strings.NewReader(h.query))
			r.Header.Set("Content-Type", "application/sparql-query")
			r.Header.Set("Accept-Language", "en")
			start := time.Now()
			resp, err := client.Do(r)
			if err != nil {
				t.Errorf("%s: %v", h.name, err)
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode < 400 || !strings.Contains(string(b), h.want) {
				t.Errorf("%s: %d %.200s; want it cut naming %q", h.name, resp.StatusCode, b, h.want)
			}
			t.Logf("%s: %d after %v: %.100s", h.name, resp.StatusCode, time.Since(start).Round(time.Millisecond), b)
		}()
	}
	hwg.Wait()
	time.Sleep(500 * time.Millisecond) // normal requests after the hostile ones too
	stop()
	wg.Wait()
	if len(failures) > 0 {
		t.Errorf("%d of %d normal requests failed, first: %s", len(failures), n, failures[0])
	}
	t.Logf("%d normal requests beside the hostile queries", n)
}
