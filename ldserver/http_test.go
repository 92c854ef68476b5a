package ldserver

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

func TestStatusCodes(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	tests := []struct {
		path   string
		accept string
		want   int
	}{
		{"model/domein/sponsoring", "", http.StatusOK},
		{"doc/domein/bestaat-niet", "", http.StatusNotFound},
		{"doc/domein/verwijderd", "", http.StatusGone},
		{"doc/domein/verwijderd", "text/html", http.StatusGone},
		{"ns", "", http.StatusOK},
		{"ns/onbekend", "", http.StatusNotFound},
		{"graph/model", "application/n-quads", http.StatusOK},
		{"graph/verwijderd", "", http.StatusGone},
		{"graph/bestaat-niet", "", http.StatusNotFound},
		{"model/domein/sponsoring.ttl", "", http.StatusOK},
		{"model/domein/sponsoring?format=xml", "", http.StatusOK},
		{"model/domein/sponsoring?format=pdf", "", http.StatusBadRequest},
		{"model/domein/sponsoring?page=0", "", http.StatusBadRequest},
		{"model/domein/sponsoring?page=99", "", http.StatusNotFound},
		{"iets/anders", "", http.StatusNotFound},
		{"dumps/bestaat-niet.gz", "", http.StatusNotFound},
		{"static/style.css", "", http.StatusOK},
		{"ns/context.jsonld", "", http.StatusOK},
		{"_bench/static", "", http.StatusNotFound},
	}
	for _, tt := range tests {
		resp, body := e.get(t, "GET", e.base+tt.path, "Accept: "+tt.accept)
		if resp.StatusCode != tt.want {
			t.Errorf("GET %s: %d, want %d: %s", tt.path, resp.StatusCode, tt.want, body)
		}
		if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("GET %s: no CORS header", tt.path)
		}
	}
	if resp, _ := e.get(t, "POST", e.base+"model/domein/sponsoring"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", resp.StatusCode)
	}
}

func TestFormatOverrides(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	for _, tt := range []struct{ path, accept, want string }{
		{"model/domein/sponsoring.ttl", "text/html", "text/turtle"},
		{"model/domein/sponsoring.jsonld", "", "application/ld+json"},
		{"model/domein/sponsoring.nt", "", "application/n-triples"},
		{"model/domein/sponsoring.rdf", "", "application/rdf+xml"},
		{"model/domein/sponsoring.HTML", "text/turtle", "text/html"},
		{"model/domein/sponsoring?format=jsonld", "text/turtle", "application/ld+json"},
		{"model/domein/sponsoring?format=text/turtle", "text/html", "text/turtle"},
		{"ns.ttl", "", "text/turtle"},
		{".well-known/void?format=nt", "", "application/n-triples"},
		{"graph/model.nq", "", "application/n-quads"},
		{"", "", "text/html"},
		{"", "text/turtle", "text/turtle"},
	} {
		resp, body := e.get(t, "GET", e.base+tt.path, "Accept: "+tt.accept)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.want) {
			t.Errorf("GET %s (Accept %q): %d %s, want %s\n%.200s", tt.path, tt.accept, resp.StatusCode, resp.Header.Get("Content-Type"), tt.want, body)
		}
		if !strings.Contains(resp.Header.Get("Vary"), "Accept") {
			t.Errorf("GET %s: Vary %q", tt.path, resp.Header.Get("Vary"))
		}
	}
}

func TestHeadersAndCaching(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	u := e.base + "model/domein/sponsoring"
	resp, body := e.get(t, "GET", u, "Accept: text/turtle")
	link := resp.Header.Get("Link")
	for _, want := range []string{`rel="alternate"; type="application/ld+json"`, u + `.jsonld`, `rel="license"`, CC0} {
		if !strings.Contains(link, want) {
			t.Errorf("Link %q lacks %q", link, want)
		}
	}
	if cl := resp.Header.Get("Content-Location"); cl != u+".ttl" {
		t.Errorf("Content-Location %q, want %q", cl, u+".ttl")
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age") {
		t.Errorf("Cache-Control %q", cc)
	}
	head, hbody := e.get(t, "HEAD", u, "Accept: text/turtle")
	if head.StatusCode != http.StatusOK || len(hbody) != 0 || head.Header.Get("Content-Length") != fmt.Sprint(len(body)) || head.Header.Get("ETag") != resp.Header.Get("ETag") {
		t.Errorf("HEAD: %d, %d body bytes, Content-Length %q (GET had %d), ETag %q vs %q", head.StatusCode, len(hbody), head.Header.Get("Content-Length"), len(body), head.Header.Get("ETag"), resp.Header.Get("ETag"))
	}
	gz, zbody := e.get(t, "GET", u, "Accept: text/turtle", "Accept-Encoding: gzip")
	if gz.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip: %v", gz.Header)
	}
	zr, err := gzip.NewReader(bytes.NewReader(zbody))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if !bytes.Equal(plain, body) {
		t.Errorf("gzip body differs from the plain one")
	}
	if r, _ := e.get(t, "GET", u, "Accept: text/turtle", "Accept-Encoding: gzip", "If-None-Match: "+gz.Header.Get("ETag")); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the gzip ETag: %d", r.StatusCode)
	}
	// A cached response is the same bytes as a fresh one.
	again, body2 := e.get(t, "GET", u, "Accept: text/turtle")
	if !bytes.Equal(body, body2) || again.Header.Get("ETag") != resp.Header.Get("ETag") {
		t.Errorf("second response differs")
	}
	ctx, _ := e.get(t, "GET", e.base+"ns/context.jsonld")
	if cc := ctx.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age=86400") || ctx.Header.Get("Content-Type") != "application/ld+json" {
		t.Errorf("context: %q %q", cc, ctx.Header.Get("Content-Type"))
	}
}

func TestCORSPreflight(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	resp, _ := e.get(t, "OPTIONS", e.base+"model/domein/sponsoring", "Origin: https://example.org", "Access-Control-Request-Method: GET", "Access-Control-Request-Headers: accept, if-none-match")
	h := resp.Header
	if resp.StatusCode != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(h.Get("Access-Control-Allow-Methods"), "GET") || h.Get("Access-Control-Allow-Headers") != "accept, if-none-match" {
		t.Errorf("preflight: %d %v", resp.StatusCode, h)
	}
	resp, _ = e.get(t, "GET", e.base+"model/domein/sponsoring", "Origin: https://example.org")
	if !strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "ETag") {
		t.Errorf("Expose-Headers %q", resp.Header.Get("Access-Control-Expose-Headers"))
	}
}

// TestETagFollowsGraphs changes one assessment and checks that only the
// documents that read its graph change their validators.
func TestETagFollowsGraphs(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	etag := func(path string) string {
		resp, _ := e.get(t, "GET", e.base+path, "Accept: text/turtle")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		return resp.Header.Get("ETag")
	}
	changed := []string{"doc/evaluatie/99993/2024", "doc/observatie/99993/2024/v1/kennis", "doc/organisatie/99993", "model/domein/kennis"}
	unchanged := []string{"model/principe/1", "model/profiel/data-expert", "doc/organisatie/12025", "ns"}
	before := map[string]string{}
	for _, p := range append(changed, unchanged...) {
		before[p] = etag(p)
	}
	g := rdf.IRI(e.base + assessGraph)
	var quads []rdf.Quad
	for _, q := range e.src.Visible() {
		if q.G != g {
			continue
		}
		if q.P.Value == vocab.Mat("maturityScore") && strings.HasSuffix(q.S.Value, "/kennis") {
			q.O = rdf.TypedLiteral("3.5", rdf.XSDDecimal)
		}
		quads = append(quads, q)
	}
	e.src.ReplaceGraph(g, quads, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	for _, p := range changed {
		if etag(p) == before[p] {
			t.Errorf("%s: ETag unchanged after its graph changed", p)
		}
	}
	for _, p := range unchanged {
		if etag(p) != before[p] {
			t.Errorf("%s: ETag changed although none of its graphs did", p)
		}
	}
	resp, body := e.get(t, "GET", e.base+"doc/observatie/99993/2024/v1/kennis", "Accept: application/n-triples")
	if !bytes.Contains(body, []byte(`"3.5"^^<`+rdf.XSDDecimal+`>`)) {
		t.Errorf("new score not served:\n%s", body)
	}
	if lm, _ := http.ParseTime(resp.Header.Get("Last-Modified")); !lm.Equal(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Last-Modified %q", resp.Header.Get("Last-Modified"))
	}
}

// TestIncomingPaging gives a resource 450 incoming links: three pages of
// at most 200, linked with rel=next and hydra:next.
func TestIncomingPaging(t *testing.T) {
	extra := func(base string) []rdf.Quad {
		var qs []rdf.Quad
		for i := 0; i < 450; i++ {
			qs = append(qs, rdf.Quad{S: rdf.IRI(fmt.Sprintf("%sid/test/bron/%03d", base, i)), P: rdf.IRI(vocab.Mat("domain")), O: rdf.IRI(vocab.Domain("kennisdeling")), G: rdf.IRI(base + "graph/test")})
		}
		return qs
	}
	e := newTestEnv(t, extra, nil)
	seen := map[string]bool{}
	url := e.base + "model/domein/kennisdeling"
	for page := 1; ; page++ {
		resp, body := e.get(t, "GET", url, "Accept: application/n-triples")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("page %d: %d", page, resp.StatusCode)
		}
		quads := parseOurs(t, rdfio.NTriples, body, url)
		n := 0
		for _, q := range quads {
			if strings.Contains(q.S.Value, "/id/test/bron/") && q.P.Value == vocab.Mat("domain") {
				n++
				if seen[q.S.Value] {
					t.Errorf("%s on two pages", q.S.Value)
				}
				seen[q.S.Value] = true
			}
		}
		if n > incomingPage {
			t.Errorf("page %d holds %d incoming links", page, n)
		}
		next := ""
		for _, l := range strings.Split(resp.Header.Get("Link"), ", ") {
			if strings.HasSuffix(l, `rel="next"`) {
				next = strings.TrimPrefix(strings.Split(l, ">")[0], "<")
			}
		}
		hasHydraNext := false
		for _, q := range quads {
			if q.P.Value == hydraNext {
				hasHydraNext = true
			}
		}
		if (next != "") != hasHydraNext {
			t.Errorf("page %d: Link next %q but hydra:next %v", page, next, hasHydraNext)
		}
		if next == "" {
			if page != 3 {
				t.Errorf("%d pages, want 3", page)
			}
			break
		}
		url = next
	}
	if len(seen) != 450 {
		t.Errorf("%d incoming links over all pages, want 450", len(seen))
	}
}

func TestLanguage(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	u := e.base + "model/domein/sponsoring"
	_, nl := e.get(t, "GET", u, "Accept: text/html")
	_, en := e.get(t, "GET", u, "Accept: text/html", "Accept-Language: en-GB,en;q=0.9")
	if !bytes.Contains(nl, []byte(`<html lang="nl">`)) || !bytes.Contains(nl, []byte("<h1>Sponsoring</h1>")) {
		t.Errorf("Dutch page wrong")
	}
	if !bytes.Contains(en, []byte(`<html lang="en">`)) || !bytes.Contains(en, []byte("<h1>Sponsorship</h1>")) {
		t.Errorf("English page wrong:\n%.2000s", en)
	}
	resp, sw := e.get(t, "GET", u+"?lang=en", "Accept: text/html", "Accept-Language: nl")
	if !bytes.Contains(sw, []byte("<h1>Sponsorship</h1>")) || !bytes.Contains(sw, []byte(`/model/actie/sponsoring/1?lang=en"`)) {
		t.Errorf("?lang=en not applied or not carried in links")
	}
	if !strings.Contains(resp.Header.Get("Vary"), "Accept-Language") {
		t.Errorf("Vary %q", resp.Header.Get("Vary"))
	}
	for _, want := range []string{`<script type="application/ld+json">`, `<link rel="alternate" type="text/turtle"`, `rel="license"`, "CC0"} {
		if !bytes.Contains(nl, []byte(want)) {
			t.Errorf("HTML lacks %s", want)
		}
	}
}

// TestBaseBehindProxy serves a public base with a path prefix: the 303
// Location uses the public base whether or not the proxy strips the prefix.
func TestBaseBehindProxy(t *testing.T) {
	x := rdf.IRI("https://data.example.org/maturiteit/id/domein/x")
	src := readview.NewMemory([]rdf.Quad{rdf.Triple(x, rdf.IRI(rdf.RDFType), rdf.IRI("http://example.org/Domein"))}, rdf.Term{})
	s, err := New(Config{Base: "https://data.example.org/maturiteit/", DumpDir: t.TempDir()}, src)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/maturiteit/id/domein/x", "/id/domein/x"} {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "https://data.example.org/maturiteit/doc/domein/x" {
			t.Errorf("%s: %d %q", path, rec.Code, rec.Header().Get("Location"))
		}
	}
	// An IRI never held answers 404 at once, not a redirect to a 404.
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/id/domein/onbekend", nil))
	if rec.Code != http.StatusNotFound || rec.Header().Get("Location") != "" {
		t.Errorf("/id/domein/onbekend: %d %q, want 404 without Location", rec.Code, rec.Header().Get("Location"))
	}
	if _, err := New(Config{Base: "ftp://x/"}, src); err == nil {
		t.Errorf("ftp base accepted")
	}
}
