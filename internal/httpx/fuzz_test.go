package httpx

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// acceptSeeds are Accept headers real clients send (browsers, curl, RDF
// libraries, harvesters, SPARQL clients), to seed the fuzzers.
var acceptSeeds = []string{
	"", "*/*",
	"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
	"text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
	"application/rdf+xml, text/turtle;q=0.9, application/x-turtle;q=0.8, text/html;q=0.6, */*;q=0.1",
	"text/turtle;q=1.0,application/x-turtle;q=1.0,application/rdf+xml;q=0.9,application/ld+json;q=0.8,text/n3;q=0.7,*/*;q=0.1",
	`application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"`,
	"application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,application/n-triples;q=0.8,text/turtle;q=0.6,*/*;q=0.1",
	"application/sparql-results+json,application/sparql-results+xml;q=0.9,text/csv;q=0.5",
	"text/turtle;charset=latin1", "TEXT/*;Q=0.5", `a/b;p="x,y";q=.5`, "text/turtle;q=0, */*", "*/*;q=0",
}

// langSeeds are Accept-Language headers browsers send.
var langSeeds = []string{"", "nl-BE,nl;q=0.9,en-US;q=0.8,en;q=0.7", "en-GB,en;q=0.5", "fr-BE, fr;q=0.9, *;q=0.5", "en;q=0", "*", "de;q=1, en;q=0.001"}

// FuzzParseAccept checks what every caller of ParseAccept relies on: each
// range has a lower-case type and subtype, without separators or space, and
// a q from 0 to 1.
func FuzzParseAccept(f *testing.F) {
	for _, s := range acceptSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		for _, mr := range ParseAccept(h) {
			for _, part := range []string{mr.Type, mr.Sub} {
				if part == "" || part != strings.ToLower(part) || strings.ContainsAny(part, ",;/") || strings.TrimSpace(part) != part {
					t.Fatalf("ParseAccept(%q): range %q/%q", h, mr.Type, mr.Sub)
				}
			}
			if mr.Type == "*" && mr.Sub != "*" {
				t.Fatalf("ParseAccept(%q): range %s", h, mr.Full())
			}
			if math.IsNaN(mr.Q) || mr.Q < 0 || mr.Q > 1 {
				t.Fatalf("ParseAccept(%q): q = %v", h, mr.Q)
			}
		}
	})
}

// FuzzNegotiate checks that the chosen representation is one of the offers,
// that it does not depend on the order of the header's elements (ties go
// to the server's order, never to the client's), and that refusing the
// chosen type with q=0, where the header named its format in no other way,
// never gets it.
func FuzzNegotiate(f *testing.F) {
	for _, s := range acceptSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, accept string) {
		for _, offers := range [][]Rep{docOffers, pageOffers} {
			got, ok := Negotiate(accept, offers)
			if ok && !Offered(got, offers) {
				t.Fatalf("Negotiate(%q) = %v, not offered", accept, got.Name())
			}
			parts := strings.Split(accept, ",")
			for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
				parts[i], parts[j] = parts[j], parts[i]
			}
			rev := strings.Join(parts, ",")
			if got2, ok2 := Negotiate(rev, offers); ok2 != ok || got2 != got {
				t.Fatalf("Negotiate(%q) = %v, %v but reversed %q = %v, %v", accept, got.Name(), ok, rev, got2.Name(), ok2)
			}
			if !ok {
				continue
			}
			named := false
			for _, mr := range ParseAccept(accept) {
				named = named || mr.specificity(got) >= 2
			}
			if named {
				continue // the header names the format already; its q decides
			}
			refused := got.MediaType() + ";q=0"
			if again, ok := Negotiate(accept+","+refused, offers); ok && again == got {
				t.Fatalf("Negotiate(%q) still gives %v", accept+","+refused, got.Name())
			}
		}
	})
}

// FuzzNegotiateLang checks that the page language is one of the supported
// ones, and that a language other than the default is only chosen when the
// header asks for it with a q above 0.
func FuzzNegotiateLang(f *testing.F) {
	for _, s := range langSeeds {
		f.Add(s)
	}
	supported := []string{"nl", "en"}
	f.Fuzz(func(t *testing.T, h string) {
		got := NegotiateLang(h, supported)
		if got != "nl" && got != "en" {
			t.Fatalf("NegotiateLang(%q) = %q", h, got)
		}
		if got == "nl" {
			return
		}
		asked := false
		for _, part := range strings.Split(h, ",") {
			fields := strings.Split(part, ";")
			tag := strings.ToLower(strings.TrimSpace(fields[0]))
			if tag != "en" && !strings.HasPrefix(tag, "en-") {
				continue
			}
			q := 1.0
			for _, p := range fields[1:] {
				if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.TrimSpace(k) == "q" {
					if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
						q = f
					}
				}
			}
			if q > 0 {
				asked = true
			}
		}
		if !asked {
			t.Fatalf("NegotiateLang(%q) = en, which the header does not ask for", h)
		}
	})
}
