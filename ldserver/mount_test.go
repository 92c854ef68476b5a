package ldserver

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
)

// hubPages is an App with the hub's two pages, for GET and HEAD.
type hubPages struct{ page http.HandlerFunc }

func (h hubPages) Routes(r chi.Router) {
	for _, p := range []string{"/oogst", "/vergelijking"} {
		r.Get(p, h.page)
		r.Head(p, h.page)
	}
}

// Pages of other packages (the hub's) are served behind the middleware
// at the paths they route, and the landing page links them.
func TestMount(t *testing.T) {
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "hub page ", r.URL.Path) })
	env := newTestEnv(t, nil, func(c *Config) {
		c.Apps = append(c.Apps, hubPages{page})
	})
	for _, tc := range []struct {
		method, path string
		status       int
		body         string
	}{
		{http.MethodGet, "oogst", 200, "hub page /oogst"},
		{http.MethodHead, "vergelijking", 200, ""},
		{http.MethodPost, "oogst", http.StatusMethodNotAllowed, ""},
		{http.MethodGet, "oogst/x", http.StatusNotFound, ""},
	} {
		resp, b := env.get(t, tc.method, env.base+tc.path)
		if resp.StatusCode != tc.status || (tc.body != "" && string(b) != tc.body) {
			t.Errorf("%s /%s: %d %q, want %d %q", tc.method, tc.path, resp.StatusCode, b, tc.status, tc.body)
		}
		if tc.status == 200 && resp.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s /%s: not behind the middleware", tc.method, tc.path)
		}
	}
	_, landing := env.get(t, http.MethodGet, env.base, "Accept: text/html")
	for _, want := range []string{`href="` + env.base + `vergelijking"`, `href="` + env.base + `oogst"`} {
		if !strings.Contains(string(landing), want) {
			t.Errorf("the landing page lacks %s", want)
		}
	}
	// Without the hub's pages, no links.
	plain := newTestEnv(t, nil, nil)
	if _, b := plain.get(t, http.MethodGet, plain.base, "Accept: text/html"); strings.Contains(string(b), "oogst") {
		t.Error("an instance without the hub's pages links them")
	}
}
