package ldserver

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

const (
	dcatNS  = "http://www.w3.org/ns/dcat#"
	dctNS   = "http://purl.org/dc/terms/"
	hydraNS = "http://www.w3.org/ns/hydra/core#"
)

// fetchRDF GETs url with an Accept header, checks 200 and parses the body in
// the returned Content-Type.
func fetchRDF(t *testing.T, env *testEnv, url, accept string) ([]rdf.Quad, *http.Response) {
	t.Helper()
	resp, body := env.get(t, http.MethodGet, url, "Accept: "+accept)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", url, resp.StatusCode, body)
	}
	f := rdfio.FormatForMediaType(resp.Header.Get("Content-Type"))
	if f == rdfio.FormatUnknown {
		t.Fatalf("GET %s: Content-Type %q is no RDF format", url, resp.Header.Get("Content-Type"))
	}
	return parseBody(t, env, url, f, body), resp
}

func parseBody(t *testing.T, env *testEnv, url string, f rdfio.Format, body []byte) []rdf.Quad {
	t.Helper()
	var qs []rdf.Quad
	opts := rdfio.ParseOptions{Base: url, File: url, Context: vocab.Context()}
	if err := rdfio.Parse(bytes.NewReader(body), f, opts, func(q rdf.Quad) error { qs = append(qs, q); return nil }); err != nil {
		t.Fatalf("%s does not parse as %s: %v", url, f, err)
	}
	return qs
}

// objects returns the objects of (s, p) in quads, sorted.
func objects(quads []rdf.Quad, s, p string) []rdf.Term {
	var out []rdf.Term
	for _, q := range quads {
		if q.P.Value == p && (s == "" || q.S.Value == s) {
			out = append(out, q.O)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	return out
}

// TestCatalogWholeDocument: the catalog is one document at /catalog and at
// the document of id/catalogus, in every format, with every dataset.
func TestCatalogWholeDocument(t *testing.T) {
	env := newTestEnv(t, nil, nil)
	resp, _ := env.get(t, http.MethodGet, env.base+"id/catalogus", "Accept: text/turtle")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != env.base+"doc/catalogus" {
		t.Fatalf("id/catalogus: %d → %q, want 303 → doc/catalogus", resp.StatusCode, resp.Header.Get("Location"))
	}
	var want []rdf.Term
	for _, accept := range []string{"text/turtle", "application/rdf+xml", "application/ld+json", "application/n-triples"} {
		for _, u := range []string{env.base + "catalog", env.base + "doc/catalogus"} {
			qs, _ := fetchRDF(t, env, u, accept)
			cat := vocab.Catalog(env.base)
			got := objects(qs, cat, dcatNS+"dataset")
			if len(got) < 7 {
				t.Fatalf("%s as %s: %d datasets, want at least 7 (model, study, 4 demo assessments, 1 survey)", u, accept, len(got))
			}
			if want == nil {
				want = got
			} else if len(got) != len(want) {
				t.Errorf("%s as %s: %d datasets, %d elsewhere", u, accept, len(got), len(want))
			}
			if len(objects(qs, "", hydraNS+"next")) != 0 {
				t.Errorf("%s as %s: the whole catalog must not page", u, accept)
			}
		}
	}
	// DCAT-AP 2.1.1 and 3 disagree on the datatype of dcat:byteSize.
	for _, tc := range []struct{ query, datatype string }{
		{"", "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"},
		{"?profile=dcat-ap-2", "http://www.w3.org/2001/XMLSchema#decimal"},
	} {
		qs, _ := fetchRDF(t, env, env.base+"catalog"+tc.query, "text/turtle")
		sizes := objects(qs, "", dcatNS+"byteSize")
		if len(sizes) == 0 || sizes[0].Datatype != tc.datatype {
			t.Errorf("catalog%s: byteSize %v, want datatype %s", tc.query, sizes, tc.datatype)
		}
	}
	if resp, _ := env.get(t, http.MethodGet, env.base+"catalog?profile=dcat-ap-9"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown profile: %d, want 400", resp.StatusCode)
	}
	resp, body := env.get(t, http.MethodGet, env.base+"catalog", "Accept: text/html")
	if resp.StatusCode != 200 || !strings.Contains(string(body), "<html") {
		t.Errorf("catalog as HTML: %d", resp.StatusCode)
	}
}

// TestCatalogURLsResolve: every accessURL, downloadURL, landing page and
// endpoint in the catalog answers 200; every distribution parses in its
// declared media type and is exactly dcat:byteSize bytes long.
func TestCatalogURLsResolve(t *testing.T) {
	env := newTestEnv(t, nil, nil)
	qs, _ := fetchRDF(t, env, env.base+"catalog", "text/turtle")
	var dists []string
	for _, q := range qs {
		if q.P.Value == rdf.RDFType && q.O.Value == dcatNS+"Distribution" {
			dists = append(dists, q.S.Value)
		}
	}
	if len(dists) < 35 {
		t.Fatalf("%d distributions, want 5 for each of at least 7 datasets", len(dists))
	}
	checked := 0
	for _, d := range dists {
		mt := objects(qs, d, dcatNS+"mediaType")
		size := objects(qs, d, dcatNS+"byteSize")
		if len(mt) != 1 || len(size) != 1 {
			t.Fatalf("%s: %d media types, %d sizes", d, len(mt), len(size))
		}
		mediaType := strings.TrimPrefix(mt[0].Value, "http://www.iana.org/assignments/media-types/")
		urls := append(objects(qs, d, dcatNS+"accessURL"), objects(qs, d, dcatNS+"downloadURL")...)
		if len(urls) != 2 {
			t.Fatalf("%s: %d access/download URLs", d, len(urls))
		}
		for _, u := range urls {
			resp, body := env.get(t, http.MethodGet, u.Value)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", u.Value, resp.StatusCode)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, mediaType) {
				t.Errorf("%s: Content-Type %q, catalog says %s", u.Value, ct, mediaType)
			}
			if strconv.Itoa(len(body)) != size[0].Value {
				t.Errorf("%s: %d bytes, dcat:byteSize %s", u.Value, len(body), size[0].Value)
			}
			if mediaType == "text/csv" {
				rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
				if err != nil || len(rows) < 2 {
					t.Errorf("%s: CSV with %d rows: %v", u.Value, len(rows), err)
				}
			} else if n := len(parseBody(t, env, u.Value, rdfio.FormatForMediaType(mediaType), body)); n == 0 {
				t.Errorf("%s: no triples", u.Value)
			}
			checked++
		}
	}
	for _, p := range []string{dcatNS + "landingPage", dcatNS + "endpointURL", dcatNS + "endpointDescription"} {
		for _, u := range objects(qs, "", p) {
			resp, body := env.get(t, http.MethodGet, u.Value, "Accept: text/html")
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s %s: %d\n%.300s", p, u.Value, resp.StatusCode, body)
			}
			checked++
		}
	}
	t.Logf("%d distributions, %d URLs answered 200 and parsed", len(dists), checked)

	// Downloads are cacheable: the ETag answers a conditional request.
	u := objects(qs, dists[0], dcatNS+"downloadURL")[0].Value
	resp, _ := env.get(t, http.MethodGet, u)
	if resp, _ := env.get(t, http.MethodGet, u, "If-None-Match: "+resp.Header.Get("ETag")); resp.StatusCode != http.StatusNotModified {
		t.Errorf("%s with its ETag: %d, want 304", u, resp.StatusCode)
	}
}

// TestCatalogPaging: following hydra:next from page 1 visits every
// dataset exactly once, in the order of the whole catalog.
func TestCatalogPaging(t *testing.T) {
	env := newTestEnv(t, nil, func(c *Config) { c.Catalog.PageSize = 2 })
	whole, _ := fetchRDF(t, env, env.base+"catalog", "text/turtle")
	cat := vocab.Catalog(env.base)
	want := objects(whole, cat, dcatNS+"dataset")
	var got []rdf.Term
	next := env.base + "catalog?page=1"
	pages := 0
	for next != "" {
		qs, _ := fetchRDF(t, env, next, "text/turtle")
		pages++
		got = append(got, objects(qs, cat, dcatNS+"dataset")...)
		if n := len(objects(qs, "", dcatNS+"dataset")); n > 2 {
			t.Errorf("%s: %d datasets on a page of 2", next, n)
		}
		if tot := objects(qs, env.base+"catalog", hydraNS+"totalItems"); len(tot) != 1 || tot[0].Value != strconv.Itoa(len(want)) {
			t.Errorf("%s: hydra:totalItems %v, want %d", next, tot, len(want))
		}
		nx := objects(qs, next, hydraNS+"next")
		next = ""
		if len(nx) == 1 {
			next = nx[0].Value
		}
		if pages > 100 {
			t.Fatal("paging does not end")
		}
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Value < got[j].Value })
	if len(got) != len(want) {
		t.Fatalf("pages hold %d datasets, the catalog %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("dataset %d: %s on the pages, %s in the catalog", i, got[i], want[i])
		}
	}
	resp, _ := env.get(t, http.MethodGet, env.base+"catalog?page="+strconv.Itoa(pages+1))
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("page after the last: %d, want 404", resp.StatusCode)
	}
	t.Logf("%d datasets on %d pages", len(want), pages)
}

// TestCatalogTooBigIsPaged: a catalog with more datasets than one
// document may hold answers 303 to its first Hydra page; the pages stay.
func TestCatalogTooBigIsPaged(t *testing.T) {
	for _, tc := range []struct {
		name     string
		maxWhole int
		want     int
	}{
		{"within the limit", 100, http.StatusOK},
		{"over the limit", 3, http.StatusSeeOther},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t, nil, func(c *Config) { c.Catalog.PageSize = 2; c.Catalog.MaxWhole = tc.maxWhole })
			if resp, _ := env.get(t, http.MethodGet, env.base+"catalog?page=1", "Accept: text/turtle"); resp.StatusCode != http.StatusOK {
				t.Fatalf("page 1: %d", resp.StatusCode)
			}
			resp, _ := env.get(t, http.MethodGet, env.base+"catalog", "Accept: text/turtle")
			if resp.StatusCode != tc.want {
				t.Fatalf("/catalog: %d, want %d", resp.StatusCode, tc.want)
			}
			if tc.want == http.StatusSeeOther {
				if loc := resp.Header.Get("Location"); loc != env.base+"catalog?page=1" {
					t.Errorf("Location %q, want the first page", loc)
				}
			}
		})
	}
}

// TestCatalogChangeOneAssessment imports a new version of one assessment:
// only that dataset's dct:modified changes, and only the ETags of the
// documents that show it (its page, its downloads, the catalog page it is
// on and the whole catalog).
func TestCatalogChangeOneAssessment(t *testing.T) {
	env := newTestEnv(t, nil, func(c *Config) { c.Catalog.PageSize = 2 })
	changed := vocab.Dataset(env.base, "evaluatie", "99992", "2025")

	type snapshot struct {
		modified map[string]string // dataset → dct:modified
		etags    map[string]string // URL → ETag
	}
	take := func() snapshot {
		s := snapshot{modified: map[string]string{}, etags: map[string]string{}}
		qs, resp := fetchRDF(t, env, env.base+"catalog", "text/turtle")
		s.etags[env.base+"catalog"] = resp.Header.Get("ETag")
		for _, d := range objects(qs, vocab.Catalog(env.base), dcatNS+"dataset") {
			m := objects(qs, d.Value, dctNS+"modified")
			if len(m) != 1 {
				t.Fatalf("%s: %d dct:modified", d.Value, len(m))
			}
			s.modified[d.Value] = m[0].Value
			urls := []string{strings.Replace(d.Value, "/id/", "/doc/", 1)}
			for _, dist := range objects(qs, d.Value, dcatNS+"distribution") {
				urls = append(urls, objects(qs, dist.Value, dcatNS+"downloadURL")[0].Value)
			}
			for _, u := range urls {
				resp, _ := env.get(t, http.MethodGet, u, "Accept: text/turtle")
				if resp.StatusCode != 200 {
					t.Fatalf("%s: %d", u, resp.StatusCode)
				}
				s.etags[u] = resp.Header.Get("ETag")
			}
		}
		for p := 1; ; p++ {
			u := env.base + "catalog?page=" + strconv.Itoa(p)
			resp, _ := env.get(t, http.MethodGet, u, "Accept: text/turtle")
			if resp.StatusCode == http.StatusNotFound {
				break
			}
			s.etags[u] = resp.Header.Get("ETag")
		}
		return s
	}
	before := take()
	if _, ok := before.modified[changed]; !ok {
		t.Fatalf("%s is not in the catalog", changed)
	}

	// Import version 2 of Demostad Zuid 2025, as `maturity assess import` would.
	model, err := vocab.ReadModel(env.src.Visible())
	if err != nil {
		t.Fatal(err)
	}
	a := &assess.Assessment{Org: "99992", Year: 2025, Version: 2, Method: "zelfevaluatie", Generated: time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)}
	for _, d := range model.Domains {
		a.Scores = append(a.Scores, assess.Score{Domain: d.Slug, Maturity: 3, Need: 4})
	}
	gs, err := assess.BuildAssessment(context.Background(), env.base, model, a)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)
	for _, g := range gs {
		env.src.ReplaceGraph(rdf.IRI(g.IRI), g.Quads, at)
	}
	after := take()

	for d, m := range before.modified {
		switch {
		case d == changed && after.modified[d] != "2026-02-03T04:05:06Z":
			t.Errorf("%s: dct:modified %s after the import, want 2026-02-03T04:05:06Z", d, after.modified[d])
		case d != changed && after.modified[d] != m:
			t.Errorf("%s: dct:modified changed from %s to %s, but the import did not touch it", d, m, after.modified[d])
		}
	}
	var changedURLs []string
	for u, e := range before.etags {
		if after.etags[u] != e {
			changedURLs = append(changedURLs, strings.TrimPrefix(u, env.base))
		}
	}
	sort.Strings(changedURLs)
	// The dataset's page and its 5 downloads, the whole catalog and the one
	// page (of 2 datasets) it is on.
	wantChanged := []string{"catalog", "catalog?page=3",
		"doc/dataset/evaluatie/99992/2025",
		"download/evaluatie/99992/2025.csv", "download/evaluatie/99992/2025.jsonld",
		"download/evaluatie/99992/2025.nt", "download/evaluatie/99992/2025.rdf",
		"download/evaluatie/99992/2025.ttl"}
	if strings.Join(changedURLs, " ") != strings.Join(wantChanged, " ") {
		t.Errorf("ETags changed of\n  %s\nwant\n  %s", strings.Join(changedURLs, "\n  "), strings.Join(wantChanged, "\n  "))
	}
	t.Logf("%d documents checked; ETag changed on %d", len(before.etags), len(changedURLs))
}
