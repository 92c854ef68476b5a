package ldserver

import (
	"bytes"
	"net/http"
	"testing"
)

// TestErrorPageLanguage checks that the headline of an HTML error page
// follows the page's language, as the rest of the page does.
func TestErrorPageLanguage(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	tests := []struct {
		path, lang string
		code       int
		want       string
	}{
		{"doc/domein/bestaat-niet", "nl", http.StatusNotFound, "<h1>404 — Niet gevonden</h1>"},
		{"doc/domein/bestaat-niet", "en", http.StatusNotFound, "<h1>404 — Not Found</h1>"},
		{"doc/domein/verwijderd", "nl", http.StatusGone, "<h1>410 — Verdwenen</h1>"},
		{"model/domein/sponsoring?page=0", "nl", http.StatusBadRequest, "<h1>400 — Ongeldige aanvraag</h1>"},
		{"model/domein/sponsoring?page=0", "en", http.StatusBadRequest, "<h1>400 — Bad Request</h1>"},
	}
	for _, tt := range tests {
		resp, body := e.get(t, "GET", e.base+tt.path, "Accept: text/html", "Accept-Language: "+tt.lang)
		if resp.StatusCode != tt.code || !bytes.Contains(body, []byte(tt.want)) {
			t.Errorf("GET %s (%s): %d, want %d with %s:\n%.1500s", tt.path, tt.lang, resp.StatusCode, tt.code, tt.want, body)
		}
	}
}
