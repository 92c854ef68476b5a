package ldserver

import (
	"net/http"
	"testing"
)

// A harvester asks for the catalog, whole or page by page, and for every
// download again and again: an unchanged one answers 304 Not Modified to
// its ETag (plain or the gzip variant) and to its Last-Modified, with no
// body, whatever the format asked for.
func TestCatalogConditional(t *testing.T) {
	env := newTestEnv(t, nil, func(c *Config) { c.Catalog.PageSize = 2 })
	for _, tc := range []struct {
		path, accept, encoding string
	}{
		{"catalog", "text/turtle", ""},
		{"catalog", "application/rdf+xml", "gzip"},
		{"catalog?page=1", "text/turtle", ""},
		{"catalog?page=2", "application/ld+json", "gzip"},
		{"download/maturiteitsmodel.nt", "", ""},
		{"download/maturiteitsmodel.ttl", "", "gzip"},
	} {
		t.Run(tc.path+" "+tc.accept+" "+tc.encoding, func(t *testing.T) {
			hs := []string{"Accept: " + tc.accept, "Accept-Encoding: " + tc.encoding}
			first, body := env.get(t, http.MethodGet, env.base+tc.path, hs...)
			etag, lm := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
			if first.StatusCode != http.StatusOK || len(body) == 0 || etag == "" || lm == "" {
				t.Fatalf("first GET: %d, %d bytes, ETag %q, Last-Modified %q", first.StatusCode, len(body), etag, lm)
			}
			for _, cond := range []string{"If-None-Match: " + etag, "If-Modified-Since: " + lm} {
				resp, b := env.get(t, http.MethodGet, env.base+tc.path, append(hs, cond)...)
				if resp.StatusCode != http.StatusNotModified || len(b) != 0 {
					t.Errorf("with %s: %d and %d bytes, want 304 and none", cond, resp.StatusCode, len(b))
				}
			}
			if resp, _ := env.get(t, http.MethodGet, env.base+tc.path, append(hs, `If-None-Match: "other"`)...); resp.StatusCode != http.StatusOK {
				t.Errorf("another ETag: %d, want 200", resp.StatusCode)
			}
		})
	}
}
