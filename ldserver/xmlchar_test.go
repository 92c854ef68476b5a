package ldserver

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// TestDocumentXMLCharacters checks that a document whose data XML cannot
// carry is refused as RDF/XML with 406 naming the character, not 500,
// and served in the other formats.
func TestDocumentXMLCharacters(t *testing.T) {
	e := newTestEnv(t, func(base string) []rdf.Quad {
		return []rdf.Quad{{S: rdf.IRI(base + "id/domein/sponsoring"), P: rdf.IRI("http://www.w3.org/2000/01/rdf-schema#comment"),
			O: rdf.Literal("control \x01 character"), G: rdf.IRI(base + "graph/test")}}
	}, nil)
	resp, body := e.get(t, "GET", e.base+"doc/domein/sponsoring.rdf", "Accept-Language: en")
	if resp.StatusCode != http.StatusNotAcceptable || !strings.Contains(string(body), "U+0001") || !strings.Contains(string(body), "Turtle") {
		t.Errorf(".rdf: %d %s", resp.StatusCode, body)
	}
	for _, ext := range []string{".ttl", ".nt", ".jsonld"} {
		if resp, body := e.get(t, "GET", e.base+"doc/domein/sponsoring"+ext); resp.StatusCode != 200 || !strings.Contains(string(body), "control") {
			t.Errorf("%s: %d %.200s", ext, resp.StatusCode, body)
		}
	}
}
