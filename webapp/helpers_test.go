package webapp

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/internal/sitetest"
	"github.com/stadleuven/maturity/ldserver"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparqlhttp"
	"github.com/stadleuven/maturity/vocab"
)

// testEnv is the site as cmd/maturity composes it, the web app and the
// SPARQL endpoint routed beside the linked data, over what a fresh
// instance holds.
type testEnv struct {
	srv     *httptest.Server
	base    string
	src     *readview.Memory
	handler http.Handler
	app     *App
}

// newTestEnv starts the site on a free port; its base is its own URL, so
// every IRI it mints dereferences on it. extra adds quads; tweak changes
// the web app's configuration.
func newTestEnv(t testing.TB, extra func(base string) []rdf.Quad, tweak func(*Config)) *testEnv {
	t.Helper()
	ln, base := sitetest.Listen(t)
	quads := sitetest.Quads(t, base)
	if extra != nil {
		quads = append(quads, extra(base)...)
	}
	ns, err := vocab.ReadNamespaces(quads)
	if err != nil {
		t.Fatal(err)
	}
	src := readview.NewMemory(quads, rdf.Term{})
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := Config{Base: base, Namespaces: ns, Logger: log}
	if tweak != nil {
		tweak(&cfg)
	}
	app, err := New(cfg, src)
	if err != nil {
		t.Fatal(err)
	}
	ep, err := sparqlhttp.New(sparqlhttp.Config{Base: base, Logger: log, Context: vocab.Context(), Prefixes: vocab.Prefixes()}, src)
	if err != nil {
		t.Fatal(err)
	}
	ld, err := ldserver.New(ldserver.Config{
		Base: base, Namespaces: ns, Logger: log, DumpDir: t.TempDir(),
		Context: vocab.Context(), Prefixes: vocab.Prefixes(),
		Apps: []ldserver.App{ep, app},
	}, src)
	if err != nil {
		t.Fatal(err)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: ld.Handler()}}
	srv.Start()
	t.Cleanup(srv.Close)
	return &testEnv{srv: srv, base: base, src: src, handler: ld.Handler(), app: app}
}

// client does not follow redirects, so tests see the 303s.
func (e *testEnv) client() *http.Client { return sitetest.Client() }

// get fetches url with headers given as "Name: value" pairs.
func (e *testEnv) get(t testing.TB, method, url string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	return sitetest.Get(t, method, url, headers...)
}

// httpxProxies parses trusted proxy addresses.
func httpxProxies(list ...string) (httpx.Proxies, error) { return httpx.ParseProxies(list) }
