package dcat

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/examples"
	"github.com/stadleuven/maturity/harvest"
	"github.com/stadleuven/maturity/internal/webfetch"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

// hubStore takes what a harvest writes into a dataset of the test.
type hubStore struct{ d *graphSet }

func (s hubStore) GraphQuads(_ context.Context, g string) ([]rdf.Quad, error) {
	return s.d.graphs[g], nil
}

func (s hubStore) ReplaceGraphs(_ context.Context, gs []harvest.Graph) error {
	for _, g := range gs {
		qs := make([]rdf.Quad, len(g.Quads))
		for i, q := range g.Quads {
			q.G = rdf.IRI(g.IRI)
			qs[i] = q
		}
		s.d.put(g.IRI, qs, t0.Add(time.Hour))
	}
	return nil
}

// serveCatalog serves an instance's catalog and its N-Triples downloads,
// as the server does, from the test's data (built once: the data does not
// change).
func serveCatalog(t *testing.T, d *graphSet, base string) http.Handler {
	v := d.view()
	c, err := Build(context.Background(), v, Config{Base: base}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/catalog" {
			w.Header().Set("Content-Type", "text/turtle")
			rdfio.WriteAll(w, rdfio.Turtle, c.Quads(), rdfio.WriteOptions{})
			return
		}
		name, ok := strings.CutPrefix(strings.TrimSuffix(r.URL.Path, ".nt"), "/download/")
		ds, found := c.Dataset(name)
		if !ok || !found || !strings.HasSuffix(r.URL.Path, ".nt") {
			http.NotFound(w, r)
			return
		}
		f, _ := FormatForExt(".nt")
		w.Header().Set("Content-Type", "application/n-triples")
		c.Render(r.Context(), v, ds, f, w)
	})
}

// A hub's catalog lists the datasets it harvested from an instance under
// its own IRIs, with the original title, publisher and landing page, and
// it keeps the DCAT-AP and DCAT-AP-VL shapes like an instance's catalog.
func TestHarvestedCatalog(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: an instance, a harvest and the SHACL validators (the full run does them)")
	}
	// The instance: the examples, at the address it is served from.
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String() + "/"
	inst := newDataset()
	byGraph := map[string][]rdf.Quad{}
	emit := func(q rdf.Quad) error { byGraph[q.G.Value] = append(byGraph[q.G.Value], q); return nil }
	if err := vocab.Load(base, emit); err != nil {
		t.Fatal(err)
	}
	if err := examplesLoad(base, emit); err != nil {
		t.Fatal(err)
	}
	for g, qs := range byGraph {
		inst.put(g, qs, t0)
	}
	srv.Config.Handler = serveCatalog(t, inst, base)
	srv.Start()
	defer srv.Close()

	hub := exampleHub(t)
	src, err := harvest.NewSource(srv.URL + "/catalog")
	if err != nil {
		t.Fatal(err)
	}
	src.ID = "demo"
	// A generous timeout: the test machine may be busy.
	h, err := harvest.New(harvest.Options{Base: testBase, Store: hubStore{hub}, Client: webfetch.New(webfetch.Options{AllowPrivate: true, Timeout: 2 * time.Minute})})
	if err != nil {
		t.Fatal(err)
	}
	if r := h.Harvest(context.Background(), src); r.Err != nil || r.Changed != 7 {
		t.Fatalf("harvest: %+v", r)
	}
	c, err := Build(context.Background(), hub.view(), Config{Base: testBase, ContactEmail: "opendata@example.org"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var harvested []*Dataset
	for _, d := range c.Datasets {
		if d.Kind == KindHarvested {
			harvested = append(harvested, d)
		}
	}
	if len(harvested) != 7 {
		t.Fatalf("%d harvested datasets in the hub's catalog, want 7", len(harvested))
	}
	qs := c.Quads()
	has := func(s, p, o string) bool {
		for _, q := range qs {
			if q.S.Value == s && q.P.Value == p && q.O.Value == o {
				return true
			}
		}
		return false
	}
	hubDS := vocab.Dataset(testBase, "oogst/demo/evaluatie/99991/2025")
	for _, want := range [][3]string{
		{hubDS, nsDCT + "publisher", base + "id/organisatie/99991"},
		{hubDS, nsDCT + "title", "Open-data-maturiteit van Demostad Noord (fictief), 2025"},
		{hubDS, nsDCAT + "landingPage", base + "doc/dataset/evaluatie/99991/2025"},
		{hubDS, nsRDFS + "seeAlso", base + "id/dataset/evaluatie/99991/2025"},
		{hubDS, nsDCAT + "distribution", hubDS + "#csv"},
		{base + "id/organisatie/99991", nsDCT + "identifier", "99991"},
	} {
		if !has(want[0], want[1], want[2]) {
			t.Errorf("the hub's catalog lacks %v", want)
		}
	}
	// A harvested dataset's distributions state no byteSize (rendering
	// thousands of them to count bytes made a hub's catalog take minutes);
	// the hub's own datasets still do.
	for _, q := range qs {
		if q.P.Value == nsDCAT+"byteSize" && strings.HasPrefix(q.S.Value, hubDS+"#") {
			t.Errorf("a harvested distribution states a byteSize: %v", q)
		}
	}
	if own := vocab.Dataset(testBase, "maturiteitsmodel") + "#ttl"; !slices.ContainsFunc(qs, func(q rdf.Quad) bool { return q.S.Value == own && q.P.Value == nsDCAT+"byteSize" }) {
		t.Errorf("the hub's own distribution %s states no byteSize", own)
	}
	// The hub's CSV of a harvested assessment is the instance's table.
	d, _ := c.DatasetByIRI(hubDS)
	f, _ := FormatForExt(".csv")
	var hubCSV bytes.Buffer
	if err := c.Render(context.Background(), hub.view(), d, f, &hubCSV); err != nil || !strings.Contains(hubCSV.String(), "Demostad Noord (fictief),2025,Sponsoring") {
		t.Fatalf("CSV of the harvested assessment: %v\n%.300s", err, hubCSV.String())
	}

	// The official shapes, both validators.
	for _, set := range shapeSets {
		t.Run(set.name, func(t *testing.T) {
			c, err := Build(context.Background(), hub.view(), Config{Base: testBase, ContactEmail: "opendata@example.org", Profile: set.profile}, nil)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			shapes := shapeFiles(t, dir, set)
			for _, engine := range engines {
				rs := shaclBatch(t, dir, engine, [][]rdf.Quad{c.Quads()}, shapes)[0]
				viol, lines := summarise(rs)
				t.Logf("%s: %d results, %d violations\n%s", engine, len(rs), viol, strings.Join(lines, "\n"))
				if viol != 0 {
					t.Errorf("%s, %s: %d violations in the hub's catalog, want 0", set.name, engine, viol)
				}
			}
		})
	}
}

// exampleHub is a hub's store before it harvests: the model and the
// organisations, no examples.
func exampleHub(t *testing.T) *graphSet {
	t.Helper()
	d := newDataset()
	byGraph := map[string][]rdf.Quad{}
	if err := vocab.Load(testBase, func(q rdf.Quad) error { byGraph[q.G.Value] = append(byGraph[q.G.Value], q); return nil }); err != nil {
		t.Fatal(err)
	}
	for g, qs := range byGraph {
		d.put(g, qs, t0)
	}
	return d
}

func examplesLoad(base string, emit func(rdf.Quad) error) error {
	return examples.Load(context.Background(), base, emit)
}
