package evidence

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/webfetch"
	"github.com/stadleuven/maturity/rdf"
)

const onePage = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
<http://x/cat> a dcat:Catalog ; dcat:dataset <http://x/ds%d> .
<http://x/ds%d> a dcat:Dataset .
%s`

func TestLoad(t *testing.T) {
	mux := http.NewServeMux()
	page := func(n int, next string) string {
		link := ""
		if next != "" {
			link = fmt.Sprintf("<http://x/view%d> hydra:next <%s> .\n", n, next)
		}
		return fmt.Sprintf(onePage, n, n, link)
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	serve := func(path, ctype, body string, status int) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.WriteHeader(status)
			fmt.Fprint(w, body)
		})
	}
	serve("/loop", "text/turtle", page(1, srv.URL+"/loop"), 200)
	serve("/a", "text/turtle", page(1, srv.URL+"/b"), 200)
	serve("/b", "text/plain", page(2, srv.URL+"/missing"), 200) // Turtle sent as text/plain: sniffed
	serve("/missing", "text/html", "weg", 404)
	serve("/html", "text/html", "<html></html>", 200)
	serve("/bad", "text/turtle", "<http://x/a> <http://x/b> .", 200)
	client := webfetch.New(webfetch.Options{AllowPrivate: true})
	ctx := context.Background()
	for _, tc := range []struct {
		path     string
		datasets int
		pages    int
		err      string
	}{
		{"/loop", 1, 1, ""},
		{"/a", 0, 0, "/missing antwoordt HTTP 404"},
		{"/html", 0, 0, `Content-Type "text/html" is geen RDF-formaat`},
		{"/bad", 0, 0, "/bad:1:"},
	} {
		c, err := Load(ctx, srv.URL+tc.path, LoadOptions{Client: client})
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.path, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.path, err)
		case len(c.Datasets) != tc.datasets || c.Pages != tc.pages:
			t.Errorf("%s: %d datasets on %d pages, want %d on %d", tc.path, len(c.Datasets), c.Pages, tc.datasets, tc.pages)
		}
	}
	// Two pages, then a third that exists: both pages' datasets, blank
	// nodes apart.
	serve("/c", "text/turtle", page(1, srv.URL+"/d")+"<http://x/ds1> dcat:contactPoint [ a <http://x/Kind> ] .\n", 200)
	serve("/d", "application/n-triples", "<http://x/ds2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .\n<http://x/ds2> <http://www.w3.org/ns/dcat#contactPoint> _:b0 .\n", 200)
	c, err := Load(ctx, srv.URL+"/c", LoadOptions{Client: client})
	if err != nil || len(c.Datasets) != 2 || c.Pages != 2 {
		t.Fatalf("paged: %v, %+v", err, c)
	}
	cp := func(ds string) rdf.Term { return c.g.objs(rdf.IRI(ds), nsDCAT+"contactPoint")[0] }
	if cp("http://x/ds1") == cp("http://x/ds2") {
		t.Error("blank nodes of two pages merged")
	}
}

func TestFormatOrder(t *testing.T) {
	s := &scorer{c: NewCatalog(nil, ""), opts: Options{MaxURLs: 5}}
	ok := func(sniffed FileType, ctype, u string) *Sample {
		return &Sample{Status: 200, Sniffed: sniffed, ContentType: ctype, URL: u, FinalURL: u}
	}
	for _, tc := range []struct {
		name     string
		sample   *Sample
		declared FileType
		want     FileType
		src      Source
	}{
		{"the bytes win over a lying Content-Type", ok("PDF", "text/csv", "http://x/a.csv"), "CSV", "PDF", FromBytes},
		{"unknown bytes: the Content-Type", ok("", "text/csv", "http://x/a"), "XLSX", "CSV", FromContentType},
		{"generic Content-Type: the extension", ok("", "application/octet-stream", "http://x/a.json"), "CSV", "JSON", FromExtension},
		{"nothing else: the metadata", ok("", "application/octet-stream", "http://x/a"), "XLSX", "XLSX", FromMetadata},
		{"plain text that says CSV is CSV", ok("TXT", "text/csv", "http://x/a"), "", "CSV", FromContentType},
		{"plain text that says PDF stays text", ok("TXT", "application/pdf", "http://x/a"), "", "TXT", FromBytes},
		{"generic XML declared KML", ok("XML", "application/xml", "http://x/a"), "KML", "KML", FromMetadata},
		{"no sample: nothing", nil, "", "", ""},
		{"no sample: the metadata", nil, "CSV", "CSV", FromMetadata},
		{"a failed sample is no sample", &Sample{Status: 404, Sniffed: "HTML", ContentType: "text/html"}, "CSV", "CSV", FromMetadata},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &DistributionResult{Sample: tc.sample, Declared: tc.declared}
			if f, src := s.formatOf(d); f != tc.want || src != tc.src {
				t.Errorf("%s from %s, want %s from %s", f, src, tc.want, tc.src)
			}
		})
	}
}
