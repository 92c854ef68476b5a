package ldserver

import (
	"testing"
)

func TestNegotiate(t *testing.T) {
	tests := []struct {
		name, accept string
		offers       []rep
		want         rep
		ok           bool
	}{
		{"no header gives the documented default", "", docOffers, repTurtle, true},
		{"curl's */*", "*/*", docOffers, repTurtle, true},
		{"landing page default", "*/*", pageOffers, repHTML, true},
		{"Firefox", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", docOffers, repHTML, true},
		{"Chrome", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7", docOffers, repHTML, true},
		{"old Chrome ranking XML first", "application/xml,application/xhtml+xml,text/html;q=0.9,text/plain;q=0.8,image/png,*/*;q=0.5", docOffers, repHTML, true},
		{"application/xml alone still gets RDF/XML", "application/xml", docOffers, repRDFXML, true},
		{"rapper with html at 0.6", "application/rdf+xml, text/turtle;q=0.9, application/x-turtle;q=0.8, text/html;q=0.6, */*;q=0.1", docOffers, repRDFXML, true},
		{"turtle over html at equal q by server order", "text/html, text/turtle", docOffers, repTurtle, true},
		{"JSON-LD", "application/ld+json", docOffers, repJSONLD, true},
		{"JSON-LD with compacted profile", `application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"`, docOffers, repJSONLD, true},
		{"JSON-LD expanded only", `application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"`, docOffers, rep{}, false},
		{"plain JSON means JSON-LD", "application/json", docOffers, repJSONLD, true},
		{"N-Triples via text/plain", "text/plain", docOffers, repNTriples, true},
		{"text/* picks Turtle", "text/*", docOffers, repTurtle, true},
		{"q=0 excludes, wildcard takes the rest", "text/turtle;q=0, */*", docOffers, repJSONLD, true},
		{"specific q=0 beats */*;q=1", "*/*;q=1, text/turtle;q=0, application/ld+json;q=0", docOffers, repHTML, true},
		{"more specific range decides", "text/*;q=0.2, text/html;q=0.9, text/turtle", docOffers, repTurtle, true},
		{"charset utf-8 accepted", "text/turtle;charset=UTF-8", docOffers, repTurtle, true},
		{"other charset refused", "text/turtle;charset=latin1", docOffers, rep{}, false},
		{"nothing acceptable", "image/png, application/pdf", docOffers, rep{}, false},
		{"all q=0", "*/*;q=0", docOffers, rep{}, false},
		{"junk is ignored", "garbage, ;;, /", docOffers, repTurtle, true},
		{"N-Quads only where offered", "application/n-quads", docOffers, rep{}, false},
		{"N-Quads for graphs", "application/n-quads", append(append([]rep(nil), docOffers...), repNQuads), repNQuads, true},
		{"case-insensitive", "TEXT/TURTLE", docOffers, repTurtle, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := negotiate(tt.accept, tt.offers)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("negotiate(%q) = %v, %v; want %v, %v", tt.accept, got.name(), ok, tt.want.name(), tt.ok)
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
		if got := negotiateLang(tt.header, []string{"nl", "en"}); got != tt.want {
			t.Errorf("negotiateLang(%q) = %q, want %q", tt.header, got, tt.want)
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
		if got := acceptsGzip(tt.header); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v", tt.header, got)
		}
	}
}

// FuzzNegotiate checks that no Accept header crashes the parser and that
// the answer is always one of the offers.
func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{"", "*/*", "text/html;q=0.9,*/*;q=0.8", "text/turtle;q=0", `a/b;p="x,y";q=.5`, "text/*;charset=utf-8;q=1.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, accept string) {
		got, ok := negotiate(accept, docOffers)
		if ok && !offered(got, docOffers) {
			t.Fatalf("negotiate(%q) = %v, not offered", accept, got)
		}
		_ = negotiateLang(accept, []string{"nl", "en"})
		_ = acceptsGzip(accept)
	})
}
