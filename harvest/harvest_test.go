package harvest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

// counts is what a report says, in short.
type counts struct{ datasets, changed, unchanged, recordOnly, withdrawn, failed int }

func countsOf(r *Report) counts {
	return counts{r.Datasets, r.Changed, r.Unchanged, r.RecordOnly, r.Withdrawn, r.Failed}
}

func harvestOK(t *testing.T, h *Harvester, src Source, want counts) *Report {
	t.Helper()
	r := h.Harvest(context.Background(), src)
	if r.Err != nil {
		t.Fatalf("harvest: %v", r.Err)
	}
	if got := countsOf(r); got != want {
		t.Fatalf("harvest: %+v, want %+v (errors %v)", got, want, r.DatasetErrors)
	}
	return r
}

// The catalog in every RDF format, whole or Hydra-paged: the same datasets
// arrive, and a second harvest of the unchanged source is 304 throughout,
// catalog pages included.
func TestFormatsAndPaging(t *testing.T) {
	for _, f := range []rdfio.Format{rdfio.Turtle, rdfio.RDFXML, rdfio.JSONLD, rdfio.NTriples} {
		for _, pageSize := range []int{0, 2} {
			t.Run(fmt.Sprintf("%s/page size %d", f, pageSize), func(t *testing.T) {
				s := newSource(t, 5)
				s.format, s.pageSize = f, pageSize
				st, now := newMemStore(), time.Now()
				h := harvester(t, st, &now)
				src := s.src()
				r := harvestOK(t, h, src, counts{5, 5, 0, 0, 0, 0})
				if pageSize > 0 && r.Pages != 3 {
					t.Fatalf("%d pages read, want 3", r.Pages)
				}
				for _, n := range s.names() {
					qs, _ := st.GraphQuads(context.Background(), dataGraph(src, n))
					if len(qs) != s.datasets[n].triples+1 {
						t.Fatalf("%s: %d triples at the hub, want %d", n, len(qs), s.datasets[n].triples+1)
					}
				}
				s.takeHits()
				r = harvestOK(t, h, src, counts{5, 0, 5, 0, 0, 0})
				for _, hit := range s.takeHits() {
					if hit.status != http.StatusNotModified && hit.status != http.StatusFound {
						t.Errorf("second harvest: %s answered %d", hit.path, hit.status)
					}
				}
				if r.Bodies != 0 || r.Bytes != 0 || r.NotModified != r.Requests {
					t.Fatalf("second harvest: %d bodies, %d bytes, %d of %d requests 304", r.Bodies, r.Bytes, r.NotModified, r.Requests)
				}
				// Nothing changed: only the status graph is written.
				if w := st.lastWrite(); len(w) != 1 || w[0] != vocab.HarvestStatusGraph(hubBase, src.ID) {
					t.Fatalf("second harvest wrote %v", w)
				}
			})
		}
	}
}

// What happens to the hub's copy when the source changes, withdraws or
// fails; every step is one harvest of the same source.
func TestChangesAndWithdrawals(t *testing.T) {
	ctx := context.Background()
	s := newSource(t, 4)
	st, now := newMemStore(), time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	h := harvester(t, st, &now)
	src := s.src()
	harvestOK(t, h, src, counts{4, 4, 0, 0, 0, 0})
	records := vocab.HarvestGraph(hubBase, src.ID)

	// A new version of one dataset: only it is written again.
	now = now.Add(time.Hour)
	s.datasets["ds1"].version = 2
	harvestOK(t, h, src, counts{4, 1, 3, 0, 0, 0})
	if w := strings.Join(st.lastWrite(), " "); !strings.Contains(w, dataGraph(src, "ds1")) || strings.Contains(w, dataGraph(src, "ds2")) {
		t.Fatalf("wrote %s", w)
	}

	// 410 Gone: withdrawn at the hub, with a record; asked again, it stays
	// withdrawn without a second record or a write of the records.
	s.datasets["ds2"].status = http.StatusGone
	harvestOK(t, h, src, counts{4, 0, 3, 0, 1, 0})
	if st.has(dataGraph(src, "ds2")) {
		t.Fatal("the withdrawn dataset's graph is still at the hub")
	}
	withdrawnAt := func(key string) string {
		qs, _ := st.GraphQuads(ctx, records)
		for _, q := range qs {
			if q.S.Value == vocab.HarvestRecord(hubBase, src.ID, key) && q.P.Value == nsPROV+"invalidatedAtTime" {
				return q.O.Value
			}
		}
		return ""
	}
	first := withdrawnAt("ds2")
	if first == "" {
		t.Fatal("no record of the withdrawal")
	}
	now = now.Add(time.Hour)
	harvestOK(t, h, src, counts{4, 0, 3, 0, 0, 0})
	if withdrawnAt("ds2") != first || strings.Contains(strings.Join(st.lastWrite(), " "), records) {
		t.Fatalf("asked again: withdrawn at %s (first %s), wrote %v", withdrawnAt("ds2"), first, st.lastWrite())
	}

	// Gone from the catalog: withdrawn too.
	delete(s.datasets, "ds3")
	harvestOK(t, h, src, counts{3, 0, 2, 0, 1, 0})
	if st.has(dataGraph(src, "ds3")) || withdrawnAt("ds3") == "" {
		t.Fatal("the dataset gone from the catalog was not withdrawn with a record")
	}

	// One dataset fails: the others go on, its last good data stays, the
	// status says so.
	s.datasets["ds1"].version = 3
	s.datasets["ds0"].status = http.StatusInternalServerError
	before, _ := st.GraphQuads(ctx, dataGraph(src, "ds0"))
	r := harvestOK(t, h, src, counts{3, 1, 0, 0, 0, 1})
	after, _ := st.GraphQuads(ctx, dataGraph(src, "ds0"))
	if len(after) == 0 || len(after) != len(before) || r.DatasetErrors[s.srv.URL+"/id/dataset/ds0"] == "" {
		t.Fatalf("failed dataset: %d triples before, %d after, errors %v", len(before), len(after), r.DatasetErrors)
	}
	status, _ := ReadStatus(ctx, st, hubBase, src)
	if status.LastError == "" || len(status.DatasetErrors) != 1 || status.Graphs != 2 || status.Withdrawn != 2 {
		t.Fatalf("status: %+v", status)
	}

	// The source fails as a whole: nothing but its status changes, the
	// wait doubles, a long Retry-After is honoured.
	s.datasets["ds0"].status = 0
	snapshot := func() map[string]int {
		out := map[string]int{}
		for g, qs := range st.graphs {
			if g != vocab.HarvestStatusGraph(hubBase, src.ID) {
				out[g] = len(qs)
			}
		}
		return out
	}
	kept := fmt.Sprint(snapshot())
	s.catalog = http.StatusInternalServerError
	var waits []time.Duration
	for range 3 {
		r := h.Harvest(ctx, src)
		if r.Err == nil {
			t.Fatal("a failing catalog harvested")
		}
		waits = append(waits, r.NextAttempt.Sub(now))
	}
	if waits[0] != time.Minute || waits[1] != 2*time.Minute || waits[2] != 4*time.Minute {
		t.Fatalf("backoff %v, want 1m 2m 4m", waits)
	}
	s.catalog, s.retry = http.StatusServiceUnavailable, "7200"
	if r := h.Harvest(ctx, src); r.Err == nil || r.NextAttempt.Sub(now) != 2*time.Hour {
		t.Fatalf("Retry-After 7200: next attempt in %v (err %v)", r.NextAttempt.Sub(now), r.Err)
	}
	if got := fmt.Sprint(snapshot()); got != kept {
		t.Fatalf("a failed harvest changed the data:\n%s\n%s", kept, got)
	}
	status, _ = ReadStatus(ctx, st, hubBase, src)
	if status.Failures != 4 || status.Healthy() || status.LastSuccess.IsZero() || status.Graphs != 2 {
		t.Fatalf("status after the failures: %+v", status)
	}
	s.catalog, s.retry = 0, ""
	harvestOK(t, h, src, counts{3, 0, 2, 0, 0, 0})
	if status, _ = ReadStatus(ctx, st, hubBase, src); status.Failures != 0 || !status.Healthy() {
		t.Fatalf("status after recovery: %+v", status)
	}

	// A write that fails leaves the store as it was.
	s.datasets["ds1"].version = 4
	st.fail = errWrite
	if r := h.Harvest(ctx, src); r.Err == nil || !strings.Contains(r.Err.Error(), "disk full") {
		t.Fatalf("a failed write was not reported: %v", r.Err)
	}
	harvestOK(t, h, src, counts{3, 1, 1, 0, 0, 0})
}

// A source without ETag or Last-Modified sends every body again; the
// same triples are not written again.
func TestNoValidators(t *testing.T) {
	s := newSource(t, 3)
	s.noETags = true
	st, now := newMemStore(), time.Now()
	h := harvester(t, st, &now)
	src := s.src()
	harvestOK(t, h, src, counts{3, 3, 0, 0, 0, 0})
	r := harvestOK(t, h, src, counts{3, 0, 3, 0, 0, 0})
	if r.Bodies != 4 || r.NotModified != 0 {
		t.Fatalf("%d bodies, %d 304", r.Bodies, r.NotModified)
	}
	if w := st.lastWrite(); len(w) != 1 {
		t.Fatalf("the same triples were written again: %v", w)
	}
}

// URLs come only from the source list: a distribution, a redirect or a
// next page on another origin is refused, and that origin never sees a
// request, unless the source's allow= names it. Bytes are capped per
// source.
func TestOriginsAndCaps(t *testing.T) {
	var elsewhere []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere = append(elsewhere, r.URL.Path)
		w.Header().Set("Content-Type", "application/n-triples")
		fmt.Fprintln(w, `<http://x/s> <http://x/p> "elsewhere" .`)
	}))
	defer other.Close()
	for _, tc := range []struct {
		name     string
		setup    func(s *source, src *Source)
		want     counts
		err      string // of the source
		dsErr    string // of a dataset
		contacts int    // requests the other origin gets
	}{
		{"distribution on another origin", func(s *source, src *Source) { s.datasets["ds0"].dist = other.URL + "/x.nt" },
			counts{2, 1, 0, 0, 0, 1}, "", "niet op de oorsprong", 0},
		{"allowed origin", func(s *source, src *Source) {
			s.datasets["ds0"].dist = other.URL + "/x.nt"
			o, _ := Origin(other.URL)
			src.Allow = []string{o}
		}, counts{2, 2, 0, 0, 0, 0}, "", "", 1},
		{"redirect to another origin", func(s *source, src *Source) {
			s.datasets["ds0"].dist = s.srv.URL + "/elders?to=" + other.URL + "/x.nt"
		}, counts{2, 1, 0, 0, 0, 1}, "", "niet op de oorsprong", 0},
		{"next page on another origin", func(s *source, src *Source) { s.pageSize, s.next = 1, other.URL+"/catalog?page=3" },
			counts{}, "niet op de oorsprong", "", 0},
		{"byte cap", func(s *source, src *Source) { s.datasets["ds1"].triples = 5000; src.MaxBytes = 20000 },
			counts{}, "max-bytes=20000", "", 0},
		{"no RDF distribution: record only", func(s *source, src *Source) {
			s.datasets["ds0"].media = iana + "text/csv"
			s.datasets["ds0"].dist = s.srv.URL + "/x.csv"
		},
			counts{2, 1, 0, 1, 0, 0}, "", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			elsewhere = nil
			s := newSource(t, 2)
			src := s.src()
			tc.setup(s, &src)
			st, now := newMemStore(), time.Now()
			r := harvester(t, st, &now).Harvest(context.Background(), src)
			switch {
			case tc.err != "":
				if r.Err == nil || !strings.Contains(r.Err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", r.Err, tc.err)
				}
				if len(st.graphs) != 1 {
					t.Fatalf("a failed source wrote %d graphs", len(st.graphs))
				}
			case r.Err != nil:
				t.Fatal(r.Err)
			case countsOf(r) != tc.want:
				t.Fatalf("%+v, want %+v (%v)", countsOf(r), tc.want, r.DatasetErrors)
			case tc.dsErr != "" && !strings.Contains(fmt.Sprint(r.DatasetErrors), tc.dsErr):
				t.Fatalf("dataset errors %v, want %q", r.DatasetErrors, tc.dsErr)
			}
			if len(elsewhere) != tc.contacts {
				t.Fatalf("the other origin got %d requests (%v), want %d", len(elsewhere), elsewhere, tc.contacts)
			}
		})
	}
}

// Any DCAT-AP catalog: the City of Brussels' datasets as data.gov.be
// exports them (214 datasets, no RDF distribution on the portal's own
// origin) become 214 records with their descriptions and publisher.
func TestForeignCatalog(t *testing.T) {
	nt := testtool.RepoRoot(t) + "/evidence/testdata/brussel/catalogus.nt.gz"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/n-triples")
		w.Header().Set("Content-Encoding", "gzip")
		b, err := os.ReadFile(nt)
		if err != nil {
			t.Error(err)
		}
		w.Write(b)
	}))
	defer srv.Close()
	src, _ := NewSource(srv.URL + "/catalogus")
	st, now := newMemStore(), time.Now()
	r := harvester(t, st, &now).Harvest(context.Background(), src)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if r.Datasets != 214 || r.Changed+r.Unchanged != 0 || r.RecordOnly+r.Failed != 214 {
		t.Fatalf("%+v", countsOf(r))
	}
	qs, _ := st.GraphQuads(context.Background(), vocab.HarvestGraph(hubBase, src.ID))
	recs, publishers := 0, map[string]bool{}
	for _, q := range qs {
		if q.P.Value == rdf.RDFType && q.O.Value == catalogRecord {
			recs++
		}
		if q.P.Value == nsDCT+"publisher" {
			publishers[q.O.Value] = true
		}
	}
	if recs != 214 || !publishers["https://org.belgif.be/id/CbeRegisteredEntity/0207373429"] {
		t.Fatalf("%d records, publishers %v", recs, publishers)
	}
	t.Logf("data.gov.be's Brussels export: %d datasets, %d records only, %d with an RDF distribution elsewhere (refused), %d triples of records",
		r.Datasets, r.RecordOnly, r.Failed, len(qs))
}

func TestParseSources(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       string // ID|catalog|endpoint|interval|allow|max, per source
		err        string
	}{
		{"defaults", "leuven https://data.leuven.be/catalog\n",
			"leuven|https://data.leuven.be/catalog|https://data.leuven.be/sparql|6h0m0s|[]|268435456", ""},
		{"settings and comments", "# bronnen\n\ngent http://gent.test:8080/a/catalog.ttl interval=30m endpoint=- allow=https://cdn.gent.test:443,http://x.test max-bytes=64MiB # ok\n",
			"gent|http://gent.test:8080/a/catalog.ttl||30m0s|[https://cdn.gent.test http://x.test]|67108864", ""},
		{"endpoint given", "a http://a.test/dcat endpoint=http://a.test/query\n", "a|http://a.test/dcat|http://a.test/query|6h0m0s|[]|268435456", ""},
		{"bad ID", "Leuven http://x/catalog\n", "", "bronnen.txt:1: ID \"Leuven\""},
		{"duplicate ID", "a http://x/c\n\na http://y/c\n", "", "bronnen.txt:3: ID \"a\" staat al op regel 1"},
		{"no URL", "a\n", "", "bronnen.txt:1: verwacht ID en catalogus-URL"},
		{"relative URL", "a /catalog\n", "", "bronnen.txt:1: catalogus-URL"},
		{"file URL", "a file:///etc/passwd\n", "", "geen absolute http(s)-URL"},
		{"short interval", "a http://x/c interval=5s\n", "", "interval=5s: shorter than a minute"},
		{"unknown setting", "a http://x/c foo=bar\n", "", `onbekende instelling "foo"`},
		{"bad size", "a http://x/c max-bytes=lots\n", "", "max-bytes=lots"},
		{"bad allow", "a http://x/c allow=ftp://y\n", "", "allow=ftp://y"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srcs, err := ParseSources(strings.NewReader(tc.text), "bronnen.txt")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range srcs {
				got = append(got, fmt.Sprintf("%s|%s|%s|%s|%v|%d", s.ID, s.Catalog, s.Endpoint, s.Interval, s.Allow, s.MaxBytes))
			}
			if strings.Join(got, "\n") != tc.want {
				t.Fatalf("got %s\nwant %s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
	if s, err := NewSource("http://127.0.0.1:8080/catalog"); err != nil || s.ID != "127-0-0-1-8080" {
		t.Fatalf("NewSource: %+v %v", s, err)
	}
}

func TestDatasetKeyAndDistribution(t *testing.T) {
	doc := `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
<http://s.test/id/dataset/evaluatie/24062/2025> a dcat:Dataset ;
  dcat:distribution [ dcat:downloadURL <http://s.test/d.csv> ; dcat:mediaType <https://www.iana.org/assignments/media-types/text/csv> ] ,
    [ dcat:downloadURL <http://s.test/d.ttl> ; dct:format <http://publications.europa.eu/resource/authority/file-type/RDF_TURTLE> ] ,
    [ dcat:downloadURL <http://s.test/d.nt> ; dcat:mediaType "application/n-triples" ] .
<http://s.test/id/dataset/../x> a dcat:Dataset ; dcat:distribution [ dcat:accessURL <http://s.test/x.rdf> ] .
<http://elders.test/id/dataset/a> a dcat:Dataset ; dcat:distribution [ dcat:downloadURL <http://s.test/a> ; dct:format "JSON-LD" ] .
<http://s.test/id/dataset/h/x> a dcat:Dataset .
[] a dcat:Dataset ; dct:identifier "abc" .
[] a dcat:Dataset .`
	qs, err := catalogreadParse(doc)
	if err != nil {
		t.Fatal(err)
	}
	c := indexOf(qs)
	got := map[string]string{}
	for _, d := range c.Datasets {
		key, ok := datasetKey("http://s.test/catalog", c, d.Node)
		u, f := chooseDistribution(c, d)
		got[d.ID()] = fmt.Sprintf("%s %v %s %s", key, ok, u, f)
	}
	for id, want := range map[string]string{
		"http://s.test/id/dataset/evaluatie/24062/2025": "evaluatie/24062/2025 true http://s.test/d.nt nt",
		"http://s.test/id/dataset/../x":                 hashKey("http://s.test/id/dataset/../x") + " true http://s.test/x.rdf rdfxml",
		"http://elders.test/id/dataset/a":               hashKey("http://elders.test/id/dataset/a") + " true http://s.test/a jsonld",
		"http://s.test/id/dataset/h/x":                  hashKey("http://s.test/id/dataset/h/x") + " true  unknown",
	} {
		if got[id] != want {
			t.Errorf("%s: %q, want %q", id, got[id], want)
		}
	}
	blanks := 0
	for id, g := range got {
		if strings.HasPrefix(id, "_:") {
			blanks++
			if g != hashKey("identifier:abc")+" true  unknown" && g != " false  unknown" {
				t.Errorf("%s: %q", id, g)
			}
		}
	}
	if blanks != 2 || len(got) != 6 {
		t.Errorf("datasets %v", got)
	}
}
