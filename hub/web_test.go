package hub

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/harvest"
	"github.com/stadleuven/maturity/internal/webfetch"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

const hubBase = "http://hub.test/"

// memView is the hub's data in memory.
type memView struct{ *dataset.Memory }

func (memView) Generation() uint64 { return 1 }
func (memView) Close() error       { return nil }

type memViews struct{ quads []rdf.Quad }

func (m memViews) View(context.Context) (View, error) {
	return memView{dataset.NewMemory(m.quads)}, nil
}

// memStore keeps the harvest's graphs; every write is a new generation.
type memStore struct {
	mu     sync.Mutex
	graphs map[string][]rdf.Quad
	gen    uint64
}

// View is an empty view at the store's generation (what the status
// page's cache looks at).
func (m *memStore) View(context.Context) (View, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return genView{dataset.NewMemory(nil), m.gen}, nil
}

type genView struct {
	*dataset.Memory
	gen uint64
}

func (v genView) Generation() uint64 { return v.gen }
func (genView) Close() error         { return nil }

func (m *memStore) GraphQuads(_ context.Context, g string) ([]rdf.Quad, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.graphs[g], nil
}

func (m *memStore) ReplaceGraphs(_ context.Context, gs []harvest.Graph) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, g := range gs {
		m.graphs[g.IRI] = g.Quads
	}
	m.gen++
	return nil
}

// city is an organisation with assessments at its own instance.
type city struct {
	nis, base string
	years     []int
}

var cities = []city{
	{"24062", "http://leuven.test/", []int{2024, 2025}},
	{"44021", "http://gent.test/", []int{2025}},
	{"71022", "http://hasselt.test/", []int{2023, 2024}},
	{"99991", "http://demo.test/", []int{2025}},
}

// score is the maturity and need every test assessment has: made from
// the city, year and domain.
func score(nis string, year, domain int) (float64, float64) {
	n := int(nis[4]-'0') + year + domain
	return float64(1 + n%5), float64(1 + (n+2)%5)
}

// hubQuads is a hub's union: the model, and per city its assessments as
// the harvest stores them, with the publisher's NIS code from its catalog
// record.
func hubQuads(t *testing.T) ([]rdf.Quad, *vocab.Model) {
	t.Helper()
	qs, err := vocab.Quads(hubBase)
	if err != nil {
		t.Fatal(err)
	}
	m, err := vocab.ReadModel(qs)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cities {
		org := vocab.Organisation(c.base, c.nis)
		qs = append(qs, rdf.Quad{S: rdf.IRI(org), P: rdf.IRI(vocab.DCT + "identifier"), O: rdf.Literal(c.nis), G: rdf.IRI(hubBase + "graph/oogst/x")},
			rdf.Quad{S: rdf.IRI(org), P: rdf.IRI(vocab.SKOS + "prefLabel"), O: rdf.LangLiteral("Stad "+c.nis, "nl"), G: rdf.IRI(hubBase + "graph/oogst/x")})
		for _, y := range c.years {
			a := &assess.Assessment{Org: c.nis, Year: y, Version: 1, Method: "zelfevaluatie", Generated: time.Date(y, 3, 1, 0, 0, 0, 0, time.UTC)}
			for i, d := range m.Domains {
				mat, need := score(c.nis, y, i)
				a.Scores = append(a.Scores, assess.Score{Domain: d.Slug, Maturity: mat, Need: need})
			}
			gs, err := assess.BuildAssessment(context.Background(), c.base, m, a)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range gs {
				qs = append(qs, g.Quads...)
			}
		}
	}
	return qs, m
}

func get(t *testing.T, h http.Handler, target string, headers ...string) (int, string, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for _, hd := range headers {
		k, v, _ := strings.Cut(hd, ": ")
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	b, _ := io.ReadAll(w.Result().Body)
	return w.Code, w.Header().Get("Content-Type"), string(b)
}

func TestCompare(t *testing.T) {
	qs, m := hubQuads(t)
	h, err := New(Config{Base: hubBase, Views: memViews{qs}})
	if err != nil {
		t.Fatal(err)
	}
	page := h.Routes()["/vergelijking"]
	type rowJSONT struct {
		NIS      string `json:"nis"`
		Province string `json:"province"`
		Year     int    `json:"year"`
		Scores   map[string]struct {
			Value       float64 `json:"value"`
			Observation string  `json:"observation"`
		} `json:"scores"`
	}
	for _, tc := range []struct {
		query   string
		measure string
		rows    string // NIS@year, in table order
	}{
		{"", "maturiteit", "24062@2025 44021@2025 71022@2024 99991@2025"},
		{"jaar=2024", "maturiteit", "24062@2024 71022@2024"},
		{"provincie=limburg", "maturiteit", "71022@2024"},
		{"provincie=onbekend&maat=nood", "nood", "99991@2025"},
		{"jaar=2025&provincie=oost-vlaanderen&maat=kloof", "kloof", "44021@2025"},
		{"provincie=brussel", "maturiteit", ""},
	} {
		t.Run(tc.query, func(t *testing.T) {
			code, ctype, body := get(t, page, "/vergelijking?format=json&"+tc.query)
			if code != 200 || !strings.HasPrefix(ctype, "application/json") {
				t.Fatalf("%d %s %s", code, ctype, body)
			}
			var out struct {
				Rows   []rowJSONT                    `json:"organisations"`
				Spread map[string]map[string]float64 `json:"spread"`
			}
			if err := json.Unmarshal([]byte(body), &out); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range out.Rows {
				got = append(got, fmt.Sprintf("%s@%d", r.NIS, r.Year))
				for i, d := range m.Domains {
					mat, need := score(r.NIS, r.Year, i)
					want := map[string]float64{"maturiteit": mat, "nood": need, "kloof": need - mat}[tc.measure]
					c := r.Scores[d.IRI]
					if c.Value != want || !strings.Contains(c.Observation, "/id/observatie/"+r.NIS+"/"+fmt.Sprint(r.Year)+"/v1/"+d.Slug) {
						t.Fatalf("%s %d %s: %+v, want %v", r.NIS, r.Year, d.Slug, c, want)
					}
				}
				if r.Province != ProvinceOf(r.NIS).Slug {
					t.Fatalf("%s in %s", r.NIS, r.Province)
				}
			}
			if strings.Join(got, " ") != tc.rows {
				t.Fatalf("rows %v, want %s", got, tc.rows)
			}
			if n := len(out.Rows); n > 0 {
				s := out.Spread[m.Domains[0].IRI]
				if int(s["n"]) != n || s["min"] > s["median"] || s["median"] > s["max"] {
					t.Fatalf("spread %v over %d rows", s, n)
				}
			}
		})
	}
	// The HTML: one language, an accessible table, every figure a link.
	code, ctype, body := get(t, page, "/vergelijking")
	if code != 200 || !strings.HasPrefix(ctype, "text/html") || !strings.Contains(body, `<html lang="nl">`) {
		t.Fatalf("%d %s", code, ctype)
	}
	for _, want := range []string{`<caption id="cmp-caption">maturiteit per domein (schaal 1 tot 5)`, `<th scope="col">Organisatie</th>`, `<small class="at">bij `, `<main id="inhoud" class="wide">`, `<th scope="row" colspan="3">Mediaan</th>`, "Sponsoring", `<label>Provincie`} {
		if !strings.Contains(body, want) {
			t.Errorf("the Dutch page lacks %q", want)
		}
	}
	if n := len(regexp.MustCompile(`<th scope="col"`).FindAllString(body, -1)); n != 3+len(m.Domains) {
		t.Errorf("%d column headers, want %d", n, 3+len(m.Domains))
	}
	if n := len(regexp.MustCompile(`<a href="http://[a-z]+\.test/id/observatie/`).FindAllString(body, -1)); n != 4*len(m.Domains) {
		t.Errorf("%d figures link to an observation, want %d", n, 4*len(m.Domains))
	}
	_, _, en := get(t, page, "/vergelijking?maat=nood", "Accept-Language: en-GB,en;q=0.9")
	if !strings.Contains(en, `<html lang="en">`) || !strings.Contains(en, "Median") || strings.Contains(en, "Mediaan") {
		t.Error("Accept-Language: en does not give the English page")
	}
	for _, q := range []string{"jaar=1900", "maat=iets", "provincie=bretagne"} {
		if code, _, body := get(t, page, "/vergelijking?"+q); code != http.StatusBadRequest || !strings.Contains(body, `role="alert"`) {
			t.Errorf("%s: %d, want 400 with the error on the page", q, code)
		}
	}
	if strings.Contains(body, "SPARQL-eindpunt") {
		t.Error("a hub without a mirror names a query endpoint")
	}
	h2, err := New(Config{Base: hubBase, QueryEndpoint: public, Views: memViews{qs}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, html := get(t, h2.Routes()["/vergelijking"], "/vergelijking"); !strings.Contains(html, "SPARQL-eindpunt "+endpointLink(public)) {
		t.Error("/vergelijking does not point to the mirror's endpoint")
	}
	if _, ctype, body := get(t, page, "/vergelijking?format=csv&jaar=2024"); !strings.HasPrefix(ctype, "text/csv") || strings.Count(body, "\n") != 3 || !strings.HasPrefix(body, "organisatie,naam,nis,provincie,jaar,Sponsoring,") {
		t.Errorf("CSV: %s\n%s", ctype, body)
	}
	// One language per document: the English CSV's header is English.
	if _, _, body := get(t, page, "/vergelijking?format=csv&lang=en"); !strings.HasPrefix(body, "organisation,name,nis,province,year,Sponsorship,") {
		t.Errorf("English CSV header: %.120s", body)
	}
	// The gap is no score on the scale of 1 to 5.
	if _, _, body := get(t, page, "/vergelijking?maat=kloof"); !strings.Contains(body, "per domein (verschil, −4 tot 4)") || strings.Contains(body, "schaal 1 tot 5") {
		t.Error("the gap's caption does not name its range")
	}
}

// The status page after real harvests: one source that answers, one that
// is down.
func TestStatusPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/catalog":
			w.Header().Set("Content-Type", "text/turtle")
			fmt.Fprintf(w, `<%[1]s/catalog> a <http://www.w3.org/ns/dcat#Catalog> ; <http://www.w3.org/ns/dcat#dataset> <%[1]s/id/dataset/a> .
<%[1]s/id/dataset/a> a <http://www.w3.org/ns/dcat#Dataset> ; <http://www.w3.org/ns/dcat#distribution> <%[1]s/d> .
<%[1]s/d> <http://www.w3.org/ns/dcat#downloadURL> <%[1]s/a.nt> .`, "http://"+r.Host)
		case "/a.nt":
			w.Header().Set("Content-Type", "application/n-triples")
			fmt.Fprintln(w, `<http://x/s> <http://x/p> "o" .`)
		}
	}))
	defer srv.Close()
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	up, _ := harvest.NewSource(srv.URL + "/catalog")
	gone, _ := harvest.NewSource(down.URL + "/catalog")
	up.ID, gone.ID = "leuven", "gent"
	st := &memStore{graphs: map[string][]rdf.Quad{}}
	hv, err := harvest.New(harvest.Options{Base: hubBase, Store: st, Client: webfetch.New(webfetch.Options{AllowPrivate: true, Timeout: time.Minute})})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []harvest.Source{up, gone} {
		hv.Harvest(context.Background(), s)
	}
	h, err := New(Config{Base: hubBase, Sources: []harvest.Source{up, gone}, Store: st, Views: st})
	if err != nil {
		t.Fatal(err)
	}
	page := h.Routes()["/oogst"]
	// The page is read once per change of the store: a harvest of the
	// failing source shows at once.
	failures := func() int {
		var out struct {
			Sources []struct {
				Failures int `json:"consecutive_failures"`
			} `json:"sources"`
		}
		_, _, body := get(t, page, "/oogst?format=json")
		json.Unmarshal([]byte(body), &out)
		return out.Sources[1].Failures
	}
	if n := failures(); n != 1 || failures() != 1 {
		t.Fatalf("%d failures, want 1", n)
	}
	hv.Harvest(context.Background(), gone)
	if n := failures(); n != 2 {
		t.Errorf("after another failed harvest the page shows %d failures, want 2", n)
	}
	_, ctype, body := get(t, page, "/oogst", "Accept: application/json")
	var out struct {
		Sources []struct {
			ID        string `json:"id"`
			Healthy   bool   `json:"healthy"`
			LastError string `json:"last_error"`
			Graphs    int    `json:"graphs"`
			Triples   int    `json:"triples"`
		} `json:"sources"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil || !strings.HasPrefix(ctype, "application/json") {
		t.Fatalf("%s %v\n%s", ctype, err, body)
	}
	if len(out.Sources) != 2 || !out.Sources[0].Healthy || out.Sources[0].Graphs != 1 || out.Sources[0].Triples != 1 ||
		out.Sources[1].Healthy || !strings.Contains(out.Sources[1].LastError, "ophalen mislukt") {
		t.Fatalf("%+v", out.Sources)
	}
	_, _, html := get(t, page, "/oogst?lang=en")
	for _, want := range []string{`<html lang="en">`, "<caption>", `<th scope="row"><a href="` + srv.URL + `/catalog">leuven</a>`, `class="bad"`, "failing"} {
		if !strings.Contains(html, want) {
			t.Errorf("the status page lacks %q", want)
		}
	}
	if strings.Contains(html, "SPARQL endpoint") || strings.Contains(body, "query_endpoint") {
		t.Error("a hub without a mirror names a query endpoint")
	}

	// A hub that mirrors into a store researchers may query points there,
	// on the page and in the JSON.
	h, err = New(Config{Base: hubBase, QueryEndpoint: public, Sources: []harvest.Source{up, gone}, Store: st, Views: memViews{}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, html := get(t, h.Routes()["/oogst"], "/oogst"); !strings.Contains(html, "SPARQL-eindpunt "+endpointLink(public)) {
		t.Error("/oogst does not point to the mirror's endpoint")
	}
	var withEndpoint struct {
		QueryEndpoint string `json:"query_endpoint"`
	}
	if _, _, body := get(t, h.Routes()["/oogst"], "/oogst?format=json"); json.Unmarshal([]byte(body), &withEndpoint) != nil || withEndpoint.QueryEndpoint != public {
		t.Errorf("the status JSON does not name the mirror's endpoint:\n%.200s", body)
	}
}

// public is the mirror's endpoint the tests configure.
const public = "https://sparql.hub.example/sparql"

func endpointLink(u string) string { return `<a href="` + u + `">` + u + `</a>` }
