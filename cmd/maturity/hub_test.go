package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/virtuosotest"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/store"
	"github.com/stadleuven/maturity/vocab"
)

// hit is one request a city's instance received from behind its proxy.
type hit struct {
	method, path string
	status       int
	bytes        int64
}

// city is one city's instance: `maturity serve`, in-process, behind a
// reverse proxy whose URL is the instance's base: every request anyone
// makes to the city passes the proxy and is recorded with its status and
// body size. Stopping the city stops the server; the proxy then drops
// every connection, as a machine that is down does.
type city struct {
	nis, slug string
	data      string
	proxy     *httptest.Server
	backend   atomic.Pointer[url.URL]
	stop      func()

	mu   sync.Mutex
	hits []hit
}

func (in *city) base() string     { return in.proxy.URL + "/" }
func (in *city) endpoint() string { return in.proxy.URL + "/sparql" }

// recorder keeps the status and body bytes of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) { r.status = code; r.ResponseWriter.WriteHeader(code) }
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func (in *city) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	target := in.backend.Load()
	if target == nil {
		// Down: the connection is closed without an answer.
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
			}
		}
		return
	}
	rec := &recorder{ResponseWriter: w}
	(&httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(target)
		pr.Out.Host = pr.In.Host // the instance sees its own base's host
	}}).ServeHTTP(rec, r)
	in.mu.Lock()
	in.hits = append(in.hits, hit{r.Method, r.URL.RequestURI(), rec.status, rec.bytes})
	in.mu.Unlock()
}

// takeHits returns the requests since the last call.
func (in *city) takeHits() []hit {
	in.mu.Lock()
	defer in.mu.Unlock()
	h := in.hits
	in.hits = nil
	return h
}

func (in *city) start(t *testing.T) {
	t.Helper()
	addr, stop := startServe(t, in.data, "--base", in.base())
	u, _ := url.Parse(addr)
	in.backend.Store(u)
	in.stop = func() { in.backend.Store(nil); stop() }
}

// assessmentCSV is a city's self-assessment sheet with scores made from
// the city, year and domain, halves included so that averages are not
// whole numbers.
func assessmentCSV(t *testing.T, m *vocab.Model, nis string, year, version int) (string, map[string][2]float64) {
	t.Helper()
	seed, _ := strconv.Atoi(nis)
	var b strings.Builder
	b.WriteString("domein,maturiteit,nood,toelichting,bewijs\n")
	scores := map[string][2]float64{}
	for i, d := range m.Domains {
		mat := 1 + float64((seed+year*7+i*3+version)%9)/2 // 1 … 5 in halves
		need := math.Min(5, mat+float64((seed+i+version)%3))
		scores[d.Slug] = [2]float64{mat, need}
		fmt.Fprintf(&b, "%s,%s,%s,,\n", d.Slug, strconv.FormatFloat(mat, 'f', -1, 64), strconv.FormatFloat(need, 'f', -1, 64))
	}
	f := filepath.Join(t.TempDir(), fmt.Sprintf("zelfevaluatie-%s-%d-v%d.csv", nis, year, version))
	if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return f, scores
}

// newInstance makes a city's store under the proxy's base, with only the
// model and its own assessments (no demo cities), and starts it.
func newInstance(t *testing.T, m *vocab.Model, nis, slug string, years []int, inputs map[string]map[int]map[string][2]float64) *city {
	t.Helper()
	in := &city{nis: nis, slug: slug, data: filepath.Join(t.TempDir(), "data")}
	in.proxy = httptest.NewServer(in)
	t.Cleanup(in.proxy.Close)
	st, err := openStore(in.data)
	if err != nil {
		t.Fatal(err)
	}
	if err := ensureLoaded(context.Background(), st, in.data, in.base(), firstLoad{}, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	inputs[nis] = map[int]map[string][2]float64{}
	for _, y := range years {
		f, scores := assessmentCSV(t, m, nis, y, 1)
		if code, out, errs := runCLI(t, "assess", "import", f, "--data", in.data, "--org", nis, "--year", strconv.Itoa(y)); code != 0 {
			t.Fatalf("assess import: %d\n%s%s", code, out, errs)
		}
		inputs[nis][y] = scores
	}
	in.start(t)
	return in
}

// builtinModel is the maturity model every instance loads.
func builtinModel(t *testing.T) *vocab.Model {
	t.Helper()
	qs, err := vocab.Quads("http://model.test/")
	if err != nil {
		t.Fatal(err)
	}
	m, err := vocab.ReadModel(qs)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// avgRow is one row of the average-per-domain query.
type avgRow struct {
	cities    int
	mat, need float64
}

// expectedAverages computes the average maturity and need per year and
// domain (by Dutch label) from the sheets the cities imported.
func expectedAverages(m *vocab.Model, inputs map[string]map[int]map[string][2]float64) map[string]avgRow {
	sums := map[string]avgRow{}
	for _, years := range inputs {
		for y, scores := range years {
			for _, d := range m.Domains {
				s, ok := scores[d.Slug]
				if !ok {
					continue
				}
				k := fmt.Sprintf("%d|%s", y, d.Label.In("nl"))
				r := sums[k]
				r.cities++
				r.mat += s[0]
				r.need += s[1]
				sums[k] = r
			}
		}
	}
	for k, r := range sums {
		r.mat /= float64(r.cities)
		r.need /= float64(r.cities)
		sums[k] = r
	}
	return sums
}

// averagesAt runs the query at endpoint and reads its rows.
func averagesAt(t *testing.T, endpoint, query string) map[string]avgRow {
	t.Helper()
	b := postQuery(t, endpoint, query)
	var r sparqlJSON
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	out := map[string]avgRow{}
	for _, bnd := range r.Results.Bindings {
		num := func(v string) float64 {
			f, err := strconv.ParseFloat(bnd[v].Value, 64)
			if err != nil {
				t.Fatalf("%s: %q", v, bnd[v].Value)
			}
			return f
		}
		out[bnd["jaar"].Value+"|"+bnd["domein"].Value] = avgRow{int(num("steden")), num("gemiddeldeMaturiteit"), num("gemiddeldeNood")}
	}
	return out
}

func sameAverages(t *testing.T, what string, want, got map[string]avgRow) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: %d rows, want %d", what, len(got), len(want))
	}
	for k, w := range want {
		g, ok := got[k]
		if !ok || g.cities != w.cities || math.Abs(g.mat-w.mat) > 1e-9 || math.Abs(g.need-w.need) > 1e-9 {
			t.Errorf("%s: %s = %+v, want %+v", what, k, g, w)
		}
	}
}

// federated turns the example query into one that asks the instances
// themselves: its inner pattern runs through SERVICE at each endpoint,
// the union of their answers is averaged at the hub.
func federated(t *testing.T, query string, endpoints []string) string {
	t.Helper()
	const open = "SELECT DISTINCT ?obs ?jaar ?domein ?m ?n WHERE {"
	i := strings.Index(query, open)
	if i < 0 {
		t.Fatal("the example query has changed: no inner SELECT DISTINCT")
	}
	body := query[i+len(open):]
	depth, end := 1, -1
	for j, r := range body {
		if r == '{' {
			depth++
		} else if r == '}' {
			if depth--; depth == 0 {
				end = j
				break
			}
		}
	}
	inner := body[:end]
	var parts []string
	for _, e := range endpoints {
		parts = append(parts, "{ SERVICE <"+e+"> {"+inner+"} }")
	}
	return query[:i+len(open)] + "\n" + strings.Join(parts, "\n UNION\n") + "\n" + body[end:]
}

// getJSON fetches a URL and decodes its JSON.
func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v\n%.300s", u, err, b)
	}
}

// hubStatus is the part of /oogst?format=json the test reads.
type hubStatus struct {
	Sources []struct {
		ID          string `json:"id"`
		Healthy     bool   `json:"healthy"`
		LastError   string `json:"last_error"`
		LastSuccess string `json:"last_success"`
		Graphs      int    `json:"graphs"`
		Triples     int64  `json:"triples"`
		Withdrawn   int    `json:"withdrawn"`
	} `json:"sources"`
}

// graphCounts returns the hub's named graphs with their triple counts.
func graphCounts(t *testing.T, data string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	err := withSnapshot(data, func(snap *store.Snapshot) error {
		infos, err := snap.GraphInfos(context.Background())
		for _, i := range infos {
			if i.Graph.IsIRI() && i.Quads > 0 {
				out[i.Graph.Value] = i.Quads
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// virtuosoCounts asks Virtuoso for the triple count of every graph.
func virtuosoCounts(t *testing.T, endpoint string) map[string]int64 {
	t.Helper()
	q := "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
	resp, err := http.Get(endpoint + "?" + url.Values{"query": {q}, "format": {"application/sparql-results+json"}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r sparqlJSON
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, b := range r.Results.Bindings {
		n, _ := strconv.ParseInt(b["n"].Value, 10, 64)
		out[b["g"].Value] = n
	}
	return out
}

// sameInVirtuoso fails unless Virtuoso holds every graph of the hub with
// the hub's triple count, and no other graph under the hub's base.
func sameInVirtuoso(t *testing.T, what, hubData, hubBase, endpoint string) int {
	t.Helper()
	hub, virt := graphCounts(t, hubData), virtuosoCounts(t, endpoint)
	for g, n := range hub {
		if virt[g] != n {
			t.Errorf("%s: %s: hub %d triples, Virtuoso %d", what, g, n, virt[g])
		}
	}
	for g, n := range virt {
		if strings.HasPrefix(g, hubBase) && hub[g] == 0 {
			t.Errorf("%s: %s: Virtuoso %d triples, not at the hub", what, g, n)
		}
	}
	return len(hub)
}

var mirrorLine = regexp.MustCompile(`mirror: (\d+) graphs: (\d+) written, (\d+) unchanged, (\d+) dropped, (\d+) repaired`)

// Three cities' instances and a hub, all on loopback: the hub harvests
// them, answers the average per domain as the three inputs give it, and
// the same query through SERVICE at the three live endpoints; a second
// harvest of unchanged sources transfers no body (every request 304); the
// Virtuoso mirror holds the hub's triples graph by graph, after a harvest
// and after one city changed; a stopped instance keeps its data at the
// hub and shows as failing; a withdrawn assessment disappears.
func TestHubThreeInstances(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: three instances, a hub and Virtuoso")
	}
	ctx := context.Background()
	model := builtinModel(t)
	query, err := os.ReadFile(filepath.Join(repo, "examples", "queries", "gemiddelde-per-domein.rq"))
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string]map[int]map[string][2]float64{}
	years := []int{2024, 2025}
	leuven := newInstance(t, model, "24062", "leuven", years, inputs)
	gent := newInstance(t, model, "44021", "gent", years, inputs)
	hasselt := newInstance(t, model, "71022", "hasselt", years, inputs)
	cities := []*city{leuven, gent, hasselt}

	hubData := filepath.Join(t.TempDir(), "hub")
	const hubBase = "http://hub.test/"
	sources := filepath.Join(t.TempDir(), "bronnen.txt")
	var list strings.Builder
	for _, c := range cities {
		fmt.Fprintf(&list, "%s %scatalog interval=6h\n", c.slug, c.base())
	}
	if err := os.WriteFile(sources, []byte(list.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	harvestRun := func(wantCode int) string {
		t.Helper()
		code, out, errs := runCLI(t, "harvest", "--data", hubData, "--base", hubBase, "--sources", sources, "--allow-private")
		if code != wantCode {
			t.Fatalf("harvest: exit %d, want %d\n%s%s", code, wantCode, out, errs)
		}
		t.Logf("harvest:\n%s", out)
		return out + errs
	}
	hubURL := func() (string, func()) {
		return startServe(t, hubData, "--harvest", sources, "--allow-private")
	}
	var endpoints []string
	for _, c := range cities {
		endpoints = append(endpoints, c.endpoint())
	}

	// 1. The first harvest: the hub's answer is the inputs' average, and
	// so is the same query through SERVICE at the three instances.
	harvestRun(0)
	// The hub's catalog, harvested datasets included, keeps the DCAT-AP-VL
	// rules.
	if code, out, errs := runCLI(t, "validate", "--data", hubData); code != 0 {
		t.Fatalf("validate the hub's catalog: exit %d\n%s%s", code, out, errs)
	}
	want := expectedAverages(model, inputs)
	hub, stopHub := hubURL()
	sameAverages(t, "at the hub", want, averagesAt(t, hub+"sparql", string(query)))
	sameAverages(t, "through SERVICE at the three instances", want, averagesAt(t, hub+"sparql", federated(t, string(query), endpoints)))
	// The allow-list is the source list: any other endpoint is refused.
	resp, err := http.PostForm(hub+"sparql", url.Values{"query": {federated(t, string(query), []string{"http://127.0.0.1:9/sparql"})}})
	if err != nil {
		t.Fatal(err)
	}
	refusal, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK || !strings.Contains(string(refusal), "allow-list") {
		t.Errorf("SERVICE to an endpoint not in the source list: %d %s", resp.StatusCode, refusal)
	}

	// The cross-city view: each organisation's latest year, every figure
	// an observation at the city's own instance.
	var cmp struct {
		Rows []struct {
			Org, NIS, Province string
			Year               int
			Scores             map[string]struct {
				Value       float64
				Observation string
			}
		} `json:"organisations"`
		Spread map[string]struct{ Median float64 } `json:"spread"`
	}
	getJSON(t, hub+"vergelijking?format=json", &cmp)
	if len(cmp.Rows) != 3 {
		t.Fatalf("cross-city view: %d organisations, want 3", len(cmp.Rows))
	}
	provinces := map[string]string{"24062": "vlaams-brabant", "44021": "oost-vlaanderen", "71022": "limburg"}
	for _, r := range cmp.Rows {
		var src *city
		for _, c := range cities {
			if c.nis == r.NIS {
				src = c
			}
		}
		if src == nil || r.Year != 2025 || r.Province != provinces[r.NIS] || len(r.Scores) != len(model.Domains) {
			t.Fatalf("cross-city row %+v", r)
		}
		for _, d := range model.Domains {
			s := r.Scores[d.IRI]
			if s.Value != inputs[r.NIS][2025][d.Slug][0] || !strings.HasPrefix(s.Observation, src.base()+"id/observatie/") {
				t.Fatalf("%s %s: %+v, want %v from %s", r.NIS, d.Slug, s, inputs[r.NIS][2025][d.Slug][0], src.base())
			}
		}
	}
	// The median of three is the middle one.
	d0 := model.Domains[0]
	three := []float64{inputs["24062"][2025][d0.Slug][0], inputs["44021"][2025][d0.Slug][0], inputs["71022"][2025][d0.Slug][0]}
	sort.Float64s(three)
	if got := cmp.Spread[d0.IRI].Median; got != three[1] {
		t.Errorf("median of %s: %v, want %v", d0.Slug, got, three[1])
	}
	// The figure's link dereferences at the source: 303 to its document.
	obs := cmp.Rows[0].Scores[d0.IRI].Observation
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if resp, err := noFollow.Get(obs); err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("GET %s: %v %v", obs, resp.StatusCode, err)
	}
	getJSON(t, hub+"vergelijking?format=json&provincie=limburg&jaar=2024", &cmp)
	if len(cmp.Rows) != 1 || cmp.Rows[0].NIS != "71022" || cmp.Rows[0].Year != 2024 {
		t.Fatalf("Limburg, 2024: %+v", cmp.Rows)
	}
	// The hub's catalog lists the harvested assessments with their
	// original publishers.
	resp, err = http.Get(hub + "catalog.nt")
	if err != nil {
		t.Fatal(err)
	}
	publishers := map[string]bool{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) >= 3 && strings.Contains(f[0], "/id/dataset/oogst/") && f[1] == "<http://purl.org/dc/terms/publisher>" {
			publishers[f[2]] = true
		}
	}
	resp.Body.Close()
	for _, c := range cities {
		if !publishers["<"+c.base()+"id/organisatie/"+c.nis+">"] {
			t.Errorf("the hub's catalog does not name %s's organisation as publisher: %v", c.slug, publishers)
		}
	}
	stopHub()

	// 2. Nothing changed: the second harvest transfers no distribution
	// body, every request is answered 304.
	for _, c := range cities {
		c.takeHits()
	}
	harvestRun(0)
	for _, c := range cities {
		hits := c.takeHits()
		if len(hits) < 1+len(years) {
			t.Fatalf("%s: only %d requests", c.slug, len(hits))
		}
		for _, h := range hits {
			if h.status != http.StatusNotModified || h.bytes != 0 {
				t.Errorf("%s: %s %s answered %d with %d bytes, want 304 and none", c.slug, h.method, h.path, h.status, h.bytes)
			}
		}
		t.Logf("%s: %d requests, all 304", c.slug, len(hits))
	}

	// 3. The mirror in Virtuoso holds what the hub holds, graph by graph.
	v := virtuosotest.Start(t)
	t.Setenv("MATURITY_MIRROR_PASSWORD", v.Password)
	mirrorRun := func() []string {
		t.Helper()
		code, out, errs := runCLI(t, "mirror", "--data", hubData, "--store", "virtuoso", "--url", v.URL, "--user", v.User)
		if code != 0 {
			t.Fatalf("mirror: exit %d\n%s%s", code, out, errs)
		}
		t.Logf("%s", out)
		m := mirrorLine.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("mirror printed no report:\n%s", out)
		}
		return m[1:]
	}
	first := mirrorRun()
	n := sameInVirtuoso(t, "after the first harvest", hubData, hubBase, v.URL+"/sparql")
	if first[1] != strconv.Itoa(n) {
		t.Errorf("first mirror wrote %s graphs, the hub has %d", first[1], n)
	}

	// 4. One city publishes a new version of its 2025 assessment; the
	// next harvest fetches only that, the mirror sends only what changed.
	gent.stop()
	f, scores := assessmentCSV(t, model, gent.nis, 2025, 2)
	if code, out, errs := runCLI(t, "assess", "import", f, "--data", gent.data, "--org", gent.nis, "--year", "2025"); code != 0 {
		t.Fatalf("assess import v2: %d\n%s%s", code, out, errs)
	}
	inputs[gent.nis][2025] = scores
	gent.start(t)
	out := harvestRun(0)
	if !strings.Contains(out, "gent: 4 datasets (1 changed, 3 unchanged") {
		t.Errorf("the second harvest of Gent did not fetch exactly the changed dataset:\n%s", out)
	}
	second := mirrorRun()
	sameInVirtuoso(t, "after Gent changed", hubData, hubBase, v.URL+"/sparql")
	// Gent's assessment and records graphs and the three status graphs.
	if second[1] != "5" || second[2] != strconv.Itoa(n-5) {
		t.Errorf("the second mirror wrote %s graphs and left %s; want 5 and %d", second[1], second[2], n-5)
	}
	hub, stopHub = hubURL()
	sameAverages(t, "at the hub after Gent's new version", expectedAverages(model, inputs), averagesAt(t, hub+"sparql", string(query)))
	stopHub()

	// 5. Hasselt goes down: the harvest reports it, the hub keeps its data.
	hasselt.stop()
	out = harvestRun(1)
	if !strings.Contains(out, "hasselt: MISLUKT") {
		t.Errorf("the harvest does not report Hasselt's failure:\n%s", out)
	}
	hub, stopHub = hubURL()
	sameAverages(t, "at the hub with Hasselt down", expectedAverages(model, inputs), averagesAt(t, hub+"sparql", string(query)))
	var st hubStatus
	getJSON(t, hub+"oogst?format=json", &st)
	for _, s := range st.Sources {
		switch {
		case s.ID == "hasselt" && (s.Healthy || s.LastError == "" || s.Graphs != 4 || s.LastSuccess == ""):
			t.Errorf("Hasselt's status: %+v; want failing, with its 4 graphs and its last success", s)
		case s.ID != "hasselt" && (!s.Healthy || s.Graphs != 4):
			t.Errorf("%s's status: %+v", s.ID, s)
		}
	}
	stopHub()

	// 6. Leuven withdraws its 2024 assessment (the web app's withdraw is
	// being built: until then its graphs are removed from Leuven's store,
	// so that its catalog no longer lists the dataset).
	leuven.stop()
	st2, err := openStore(leuven.data)
	if err != nil {
		t.Fatal(err)
	}
	if err := st2.ReplaceGraphs(ctx, []store.GraphContent{
		{Graph: rdf.IRI(vocab.AssessmentGraph(leuven.base(), "24062", 2024, 1))},
		{Graph: rdf.IRI(vocab.AssessmentIndexGraph(leuven.base(), "24062", 2024))},
	}); err != nil {
		t.Fatal(err)
	}
	st2.Close()
	delete(inputs["24062"], 2024)
	leuven.start(t)
	hasselt.start(t)
	out = harvestRun(0)
	if !strings.Contains(out, "leuven: 3 datasets (0 changed, 3 unchanged, 0 record only, 1 withdrawn") {
		t.Errorf("the harvest did not withdraw Leuven's 2024 assessment:\n%s", out)
	}
	withdrawn := vocab.HarvestDataGraph(hubBase, "leuven", "evaluatie/24062/2024")
	if _, ok := graphCounts(t, hubData)[withdrawn]; ok {
		t.Errorf("%s is still at the hub", withdrawn)
	}
	hub, stopHub = hubURL()
	sameAverages(t, "at the hub after the withdrawal", expectedAverages(model, inputs), averagesAt(t, hub+"sparql", string(query)))
	ask := `PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?when WHERE { ?r foaf:primaryTopic <` + leuven.base() + `id/dataset/evaluatie/24062/2024> ; prov:invalidatedAtTime ?when }`
	if rows := endpointRows(t, hub+"sparql", ask); len(rows) != 2 {
		t.Errorf("no record of the withdrawal at the hub: %v", rows)
	}
	getJSON(t, hub+"oogst?format=json", &st)
	for _, s := range st.Sources {
		if !s.Healthy || (s.ID == "leuven") != (s.Withdrawn == 1) {
			t.Errorf("%s's status after the withdrawal: %+v", s.ID, s)
		}
	}
	stopHub()
}

// A hub in serve mode mirrors after its harvests into every target of
// --mirror-url (two replicas here, as QLever dumps), and points
// researchers at --mirror-public; `maturity mirror --check` over both
// targets then finds every graph whole.
func TestHubServeMirrors(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: an instance and a hub that mirrors")
	}
	model := builtinModel(t)
	leuven := newInstance(t, model, "24062", "leuven", []int{2025}, map[string]map[int]map[string][2]float64{})
	dir := t.TempDir()
	hubData, sources := filepath.Join(dir, "hub"), filepath.Join(dir, "bronnen.txt")
	if err := os.WriteFile(sources, []byte("leuven "+leuven.base()+"catalog\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	replicas := []string{filepath.Join(dir, "replica-1"), filepath.Join(dir, "replica-2")}
	const public = "https://sparql.hub.test/sparql"
	hub, stop := startServe(t, hubData, "--harvest", sources, "--allow-private", "--base", "http://hub.test/",
		"--mirror-store", "qlever", "--mirror-url", strings.Join(replicas, ","), "--mirror-public", public)

	var st struct {
		QueryEndpoint string `json:"query_endpoint"`
		Sources       []struct {
			LastSuccess string `json:"last_success"`
		} `json:"sources"`
	}
	var graphs int
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		getJSON(t, hub+"oogst?format=json", &st)
		if st.Sources[0].LastSuccess != "" {
			rows := endpointRows(t, hub+"sparql", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
			n, err := strconv.Atoi(strings.TrimPrefix(rows[len(rows)-1], "#"))
			if graphs = n; err != nil {
				t.Fatalf("graph count: %v", rows)
			}
			files := 0
			for _, r := range replicas {
				nq, _ := filepath.Glob(filepath.Join(r, "*.nq"))
				files += len(nq)
			}
			if graphs > 0 && files == 2*graphs {
				break
			}
		}
		if time.Now().After(deadline) {
			nq, _ := filepath.Glob(filepath.Join(replicas[0], "*"))
			t.Fatalf("the replicas did not receive the hub's %d graphs within 60 s: status %+v, %d files in the first", graphs, st, len(nq))
		}
	}
	if st.QueryEndpoint != public {
		t.Errorf("/oogst names %q as the query endpoint, want %q", st.QueryEndpoint, public)
	}
	stop()
	code, out, errs := runCLI(t, "mirror", "--data", hubData, "--store", "qlever", "--url", strings.Join(replicas, ","), "--check")
	if code != 0 || strings.Count(out, "every graph holds the same number of triples") != 2 {
		t.Fatalf("mirror --check over both replicas: exit %d\n%s%s", code, out, errs)
	}
	t.Logf("%d graphs in each replica\n%s", graphs, out)
}
