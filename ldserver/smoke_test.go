package ldserver

import (
	"net/http"
	"testing"
)

func TestSmoke(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	for _, u := range []string{"", "doc/domein/sponsoring", "doc/evaluatie/24062/2024", "ns/maturiteit", ".well-known/void", "doc/organisatie/24062", "graph/model"} {
		for _, acc := range []string{"text/html", "text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples"} {
			resp, body := e.get(t, "GET", e.base+u, "Accept: "+acc)
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s %s: %d %s", u, acc, resp.StatusCode, body)
				continue
			}
			t.Logf("%s %s: %d bytes %s", u, acc, len(body), resp.Header.Get("Content-Type"))
		}
	}
}
