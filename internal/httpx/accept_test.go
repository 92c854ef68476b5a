package httpx

import (
	"testing"
)

// The offers of ldserver: documents (Turtle first) and pages for people
// (HTML first).
var (
	docOffers  = []Rep{RepTurtle, RepJSONLD, RepHTML, RepNTriples, RepRDFXML}
	pageOffers = []Rep{RepHTML, RepTurtle, RepJSONLD, RepNTriples, RepRDFXML}
)

func TestNegotiate(t *testing.T) {
	tests := []struct {
		name, accept string
		offers       []Rep
		want         Rep
		ok           bool
	}{
		{"no header gives the documented default", "", docOffers, RepTurtle, true},
		{"curl's */*", "*/*", docOffers, RepTurtle, true},
		{"landing page default", "*/*", pageOffers, RepHTML, true},
		{"Firefox", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", docOffers, RepHTML, true},
		{"Chrome", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7", docOffers, RepHTML, true},
		{"old Chrome ranking XML first", "application/xml,application/xhtml+xml,text/html;q=0.9,text/plain;q=0.8,image/png,*/*;q=0.5", docOffers, RepHTML, true},
		{"application/xml alone still gets RDF/XML", "application/xml", docOffers, RepRDFXML, true},
		{"rapper with html at 0.6", "application/rdf+xml, text/turtle;q=0.9, application/x-turtle;q=0.8, text/html;q=0.6, */*;q=0.1", docOffers, RepRDFXML, true},
		{"turtle over html at equal q by server order", "text/html, text/turtle", docOffers, RepTurtle, true},
		{"JSON-LD", "application/ld+json", docOffers, RepJSONLD, true},
		{"JSON-LD with compacted profile", `application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"`, docOffers, RepJSONLD, true},
		{"JSON-LD expanded only", `application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"`, docOffers, Rep{}, false},
		{"plain JSON means JSON-LD", "application/json", docOffers, RepJSONLD, true},
		{"N-Triples via text/plain", "text/plain", docOffers, RepNTriples, true},
		{"text/* picks Turtle", "text/*", docOffers, RepTurtle, true},
		{"q=0 excludes, wildcard takes the rest", "text/turtle;q=0, */*", docOffers, RepJSONLD, true},
		{"specific q=0 beats */*;q=1", "*/*;q=1, text/turtle;q=0, application/ld+json;q=0", docOffers, RepHTML, true},
		{"more specific range decides", "text/*;q=0.2, text/html;q=0.9, text/turtle", docOffers, RepTurtle, true},
		{"charset utf-8 accepted", "text/turtle;charset=UTF-8", docOffers, RepTurtle, true},
		{"other charset refused", "text/turtle;charset=latin1", docOffers, Rep{}, false},
		{"nothing acceptable", "image/png, application/pdf", docOffers, Rep{}, false},
		{"all q=0", "*/*;q=0", docOffers, Rep{}, false},
		{"junk is ignored", "garbage, ;;, /", docOffers, RepTurtle, true},
		{"N-Quads only where offered", "application/n-quads", docOffers, Rep{}, false},
		{"N-Quads for graphs", "application/n-quads", append(append([]Rep(nil), docOffers...), RepNQuads), RepNQuads, true},
		{"case-insensitive", "TEXT/TURTLE", docOffers, RepTurtle, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Negotiate(tt.accept, tt.offers)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("Negotiate(%q) = %v, %v; want %v, %v", tt.accept, got.Name(), ok, tt.want.Name(), tt.ok)
			}
		})
	}
}

func TestNegotiateLang(t *testing.T) {
	tests := []struct{ header, want string }{
		{"", "nl"},
		{"en", "en"},
		{"en-GB,en;q=0.9", "en"},
		{"nl-BE,nl;q=0.9,en;q=0.8", "nl"},
		{"fr-BE,fr;q=0.9,en;q=0.5", "en"},
		{"fr", "nl"},
		{"de, *;q=0.5", "nl"},
		{"en;q=0.4, nl;q=0.8", "nl"},
	}
	for _, tt := range tests {
		if got := NegotiateLang(tt.header, []string{"nl", "en"}); got != tt.want {
			t.Errorf("NegotiateLang(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false}, {"gzip", true}, {"gzip, deflate, br", true}, {"br;q=1, gzip;q=0", false},
		{"*", true}, {"*;q=0", false}, {"identity", false}, {"x-gzip", true},
	}
	for _, tt := range tests {
		if got := AcceptsGzip(tt.header); got != tt.want {
			t.Errorf("AcceptsGzip(%q) = %v", tt.header, got)
		}
	}
}
