package ldserver

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/internal/sitetest"
	"github.com/stadleuven/maturity/internal/voidstats"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparqlhttp"
	"github.com/stadleuven/maturity/vocab"
)

// testEnv is a running server over the model, the organisations, a
// fictional assessment and a dropped graph.
type testEnv struct {
	srv  *httptest.Server
	base string
	src  *readview.Memory
	ld   *Server
}

// client does not follow redirects, so tests see the 303s.
func (e *testEnv) client() *http.Client { return sitetest.Client() }

// get fetches url with headers given as "Name: value" pairs.
func (e *testEnv) get(t testing.TB, method, url string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	return sitetest.Get(t, method, url, headers...)
}

const (
	assessGraph = "graph/evaluatie/99993/2024/v1"
	goneGraph   = "graph/verwijderd"
)

// testQuads loads what a fresh instance holds (the model, the
// organisations, the examples) plus test fixtures: a fictional assessment
// of our own that tests may change, and a dropped graph.
func testQuads(t testing.TB, base string, extra func(base string) []rdf.Quad) []rdf.Quad {
	t.Helper()
	quads := sitetest.Quads(t, base)
	emit := func(q rdf.Quad) error { quads = append(quads, q); return nil }
	f, err := os.Open("testdata/evaluatie.ttl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := rdfio.Parse(f, rdfio.Turtle, rdfio.ParseOptions{Base: base, File: f.Name(), Graph: rdf.IRI(base + assessGraph), BlankPrefix: "ev"}, emit); err != nil {
		t.Fatalf("parse fixture: %v", err)
	}
	// A domain that was removed: its graph is dropped, its IRI stays known.
	quads = append(quads, rdf.Quad{S: rdf.IRI(base + "id/domein/verwijderd"), P: rdf.IRI(rdf.RDFType), O: rdf.IRI(skosConcept), G: rdf.IRI(base + goneGraph)})
	if extra != nil {
		quads = append(quads, extra(base)...)
	}
	return quads
}

// newTestEnv starts a server on a free port; its base is its own URL, so
// every IRI it mints dereferences on it.
func newTestEnv(t testing.TB, extra func(base string) []rdf.Quad, tweak func(*Config)) *testEnv {
	t.Helper()
	ln, base := sitetest.Listen(t)
	quads := testQuads(t, base, extra)
	ns, err := vocab.ReadNamespaces(quads)
	if err != nil {
		t.Fatal(err)
	}
	src := readview.NewMemory(quads, rdf.IRI(base+goneGraph))
	cfg := Config{
		Base:       base,
		Context:    vocab.Context(),
		Prefixes:   vocab.Prefixes(),
		Namespaces: ns,
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		DumpDir:    t.TempDir(),
		Stats:      &voidstats.Cache{},
	}
	// The site as cmd/maturity composes it: the SPARQL endpoint beside
	// the linked data (the catalog and VoID link it).
	ep, err := sparqlhttp.New(sparqlhttp.Config{Base: base, Logger: cfg.Logger, Stats: cfg.Stats}, src)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Apps = []App{ep}
	if tweak != nil {
		tweak(&cfg)
	}
	ld, err := New(cfg, src)
	if err != nil {
		t.Fatal(err)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: ld.Handler()}}
	srv.Start()
	t.Cleanup(srv.Close)
	return &testEnv{srv: srv, base: base, src: src, ld: ld}
}
