package service

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stadleuven/maturity/sparql/budget"
)

// bigAnswer is a JSON results document of n solutions with one literal of
// about 100 bytes each.
func bigAnswer(n int) string {
	var b strings.Builder
	b.WriteString(`{"head":{"vars":["s","l"]},"results":{"bindings":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"s":{"type":"uri","value":"http://example.org/r%d"},"l":{"type":"literal","value":"%s"}}`, i, strings.Repeat("x", 100))
	}
	b.WriteString(`]}}`)
	return b.String()
}

// TestSelectByteCap checks that an answer larger than the cap is refused
// with the limit's error while it is read, and that one within the cap,
// also with its members in an unusual order, is read whole.
func TestSelectByteCap(t *testing.T) {
	answer := bigAnswer(2000) // about 300 KB
	var sent atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/sparql-results+json")
		if r.URL.Path == "/reordered" {
			w.Write([]byte(`{"results":{"bindings":[{"x":{"type":"literal","value":"1"}}]},"head":{"vars":["x"],"link":[]}}`))
			return
		}
		for i := 0; i < len(answer); i += 4096 {
			n, err := w.Write([]byte(answer[i:min(i+4096, len(answer))]))
			sent.Add(int64(n))
			if err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	c, err := New([]string{srv.URL + "/sparql", srv.URL + "/reordered"})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = c.Select(context.Background(), srv.URL+"/sparql", "SELECT * {}", 64<<10)
	var le *budget.Error
	if !errors.As(err, &le) || le.Limit != budget.NameServiceBytes || le.Max != 64<<10 {
		t.Fatalf("err = %v, want the %s limit of 64 KiB", err, budget.NameServiceBytes)
	}
	if !strings.Contains(err.Error(), srv.URL+"/sparql") {
		t.Errorf("error %q does not name the endpoint", err)
	}
	vars, rows, err := c.Select(context.Background(), srv.URL+"/sparql", "SELECT * {}", int64(len(answer)))
	if err != nil || len(vars) != 2 || len(rows) != 2000 {
		t.Fatalf("answer of exactly the cap: %d vars, %d rows, err %v", len(vars), len(rows), err)
	}
	vars, rows, err = c.Select(context.Background(), srv.URL+"/reordered", "SELECT * {}", 0)
	if err != nil || len(vars) != 1 || len(rows) != 1 || rows[0][0].Value != "1" {
		t.Fatalf("results before head: %v %v %v", vars, rows, err)
	}
}

// TestSelectRefusesRedirects checks that SERVICE follows no redirect, not
// even to another path of the allowed host: the path could be an admin
// interface or a proxy into the network.
func TestSelectRefusesRedirects(t *testing.T) {
	var admin atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/admin":
			admin.Add(1)
			w.Header().Set("Content-Type", "application/sparql-results+json")
			w.Write([]byte(`{"head":{"vars":["secret"]},"results":{"bindings":[{"secret":{"type":"literal","value":"s3cr3t"}}]}}`))
		case "/see-other":
			http.Redirect(w, r, "/admin", http.StatusSeeOther)
		case "/found":
			http.Redirect(w, r, "/admin", http.StatusFound)
		case "/temporary":
			http.Redirect(w, r, "/admin", http.StatusTemporaryRedirect)
		case "/permanent":
			http.Redirect(w, r, "/admin", http.StatusPermanentRedirect)
		}
	}))
	t.Cleanup(srv.Close)
	for _, path := range []string{"/see-other", "/found", "/temporary", "/permanent"} {
		t.Run(path, func(t *testing.T) {
			c, err := New([]string{srv.URL + path})
			if err != nil {
				t.Fatal(err)
			}
			_, rows, err := c.Select(context.Background(), srv.URL+path, "SELECT * {}", 0)
			if !errors.Is(err, ErrNotAllowed) || !strings.Contains(err.Error(), "redirect") {
				t.Fatalf("rows %v, err %v, want a refused redirect", rows, err)
			}
		})
	}
	if n := admin.Load(); n != 0 {
		t.Errorf("the redirect target got %d requests", n)
	}
}
