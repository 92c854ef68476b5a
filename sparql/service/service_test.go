package service

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stadleuven/maturity/rdf"
)

// remote is a SPARQL endpoint that answers every query with one row in
// the JSON results format, as Virtuoso writes it (typed-literal).
func remote(t *testing.T, hits *atomic.Int32) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Method != http.MethodPost || r.FormValue("query") == "" {
			http.Error(w, "want a form POST with a query", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/sparql-results+json")
		w.Write([]byte(`{"head":{"vars":["s","n","l","b","u"]},"results":{"bindings":[
			{"s":{"type":"uri","value":"http://example.org/a"},
			 "n":{"type":"typed-literal","value":"42","datatype":"http://www.w3.org/2001/XMLSchema#integer"},
			 "l":{"type":"literal","value":"hallo","xml:lang":"nl"},
			 "b":{"type":"bnode","value":"b0"}}]}}`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestSelect(t *testing.T) {
	var hits atomic.Int32
	srv := remote(t, &hits)
	c, err := New([]string{srv.URL + "/sparql"})
	if err != nil {
		t.Fatal(err)
	}
	vars, rows, err := c.Select(context.Background(), srv.URL+"/sparql", "SELECT * WHERE { ?s ?p ?o }", 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []rdf.Term{rdf.IRI("http://example.org/a"), rdf.TypedLiteral("42", rdf.XSDInteger), rdf.LangLiteral("hallo", "nl"), rdf.Blank("b0"), {}}
	if len(vars) != 5 || len(rows) != 1 {
		t.Fatalf("vars %v, %d rows", vars, len(rows))
	}
	for i, w := range want {
		if rows[0][i] != w {
			t.Errorf("?%s = %v, want %v", vars[i], rows[0][i], w)
		}
	}
}

func TestRefused(t *testing.T) {
	var hits atomic.Int32
	srv := remote(t, &hits)
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL+"/sparql", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirect.Close)
	allowed, err := New([]string{redirect.URL + "/sparql"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		c        *Client
		endpoint string
	}{
		{"zero client", &Client{}, srv.URL + "/sparql"},
		{"nil client", nil, srv.URL + "/sparql"},
		{"not on the list", allowed, srv.URL + "/sparql"},
		{"other path on an allowed host", allowed, redirect.URL + "/admin"},
		{"redirect to a host not on the list", allowed, redirect.URL + "/sparql"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := c.c.Select(context.Background(), c.endpoint, "SELECT * {}", 0)
			if !errors.Is(err, ErrNotAllowed) {
				t.Fatalf("err %v, want ErrNotAllowed", err)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the endpoint that is not allowed got %d requests", n)
	}
}

func TestAllowList(t *testing.T) {
	c, err := New([]string{"HTTPS://Query.Example.org:443/sparql", "http://localhost:8890/sparql"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		endpoint string
		want     bool
	}{
		{"https://query.example.org/sparql", true},
		{"https://query.example.org/sparql#x", true},
		{"http://query.example.org/sparql", false},
		{"https://query.example.org/sparql/", false},
		{"http://localhost:8890/sparql", true},
		{"http://localhost:8891/sparql", false},
		{"http://127.0.0.1:8890/sparql", false},
		{"file:///etc/passwd", false},
	} {
		if got := c.Allowed(tc.endpoint); got != tc.want {
			t.Errorf("Allowed(%s) = %v, want %v", tc.endpoint, got, tc.want)
		}
	}
	for _, bad := range []string{"ftp://x/sparql", "not a url", "/relative"} {
		if _, err := New([]string{bad}); err == nil {
			t.Errorf("New accepted %q", bad)
		}
	}
}

func TestSelectCancelled(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(block); srv.Close() })
	c, _ := New([]string{srv.URL})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := c.Select(ctx, srv.URL, "SELECT * {}", 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
}

// A remote endpoint that hangs is cut at the per-call timeout, long
// before the query's own deadline, and the error says why.
func TestSelectTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	t.Cleanup(srv.Close)
	defer close(release)
	for _, tc := range []struct {
		name    string
		timeout time.Duration
		want    error
	}{
		{"per-call timeout", 200 * time.Millisecond, ErrTimeout},
		{"query deadline only", 0, context.DeadlineExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New([]string{srv.URL + "/sparql"})
			if err != nil {
				t.Fatal(err)
			}
			c.SetTimeout(tc.timeout)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			start := time.Now()
			_, _, err = c.Select(ctx, srv.URL+"/sparql", "SELECT * {}", 0)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err %v, want %v", err, tc.want)
			}
			if tc.timeout > 0 && time.Since(start) > time.Second {
				t.Fatalf("cut after %v, not at the %v timeout", time.Since(start), tc.timeout)
			}
		})
	}
}
