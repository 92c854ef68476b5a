package sparqlhttp

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/internal/sitetest"
	"github.com/stadleuven/maturity/rdf"
)

// sparqlEnv is a running endpoint over given quads, for the endpoint tests.
type sparqlEnv struct {
	srv      *httptest.Server
	base     string
	endpoint string
	ep       *Endpoint
	src      *readview.Memory
}

// newSPARQLEnv starts an endpoint over quads. wrap, if set, wraps its
// handler (the tests use it to see when a request's handler returns).
func newSPARQLEnv(t testing.TB, quads []rdf.Quad, tweak func(*Config), wrap func(http.Handler) http.Handler) *sparqlEnv {
	t.Helper()
	return newSPARQLEnvAt(t, func(string) []rdf.Quad { return quads }, tweak, wrap)
}

// newSPARQLEnvAt is newSPARQLEnv over quads minted under the server's
// base.
func newSPARQLEnvAt(t testing.TB, quads func(base string) []rdf.Quad, tweak func(*Config), wrap func(http.Handler) http.Handler) *sparqlEnv {
	t.Helper()
	ln, base := sitetest.Listen(t)
	src := readview.NewMemory(quads(base), rdf.Term{})
	cfg := Config{
		Base:   base,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	if tweak != nil {
		tweak(&cfg)
	}
	ep, err := New(cfg, src)
	if err != nil {
		t.Fatal(err)
	}
	h := ep.Handler(30 * time.Second)
	if wrap != nil {
		h = wrap(h)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: h}}
	srv.Start()
	t.Cleanup(srv.Close)
	return &sparqlEnv{srv: srv, base: base, ep: ep, endpoint: base + "sparql", src: src}
}

// get fetches url with headers given as "Name: value" pairs.
func (e *sparqlEnv) get(t testing.TB, method, url string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	return sitetest.Get(t, method, url, headers...)
}

// client does not follow redirects.
func (e *sparqlEnv) client() *http.Client { return sitetest.Client() }

// query sends a SPARQL query by GET with headers as "Name: value" pairs.
func (e *sparqlEnv) query(t testing.TB, q string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	return e.get(t, http.MethodGet, e.endpoint+"?query="+url.QueryEscape(q), headers...)
}

// post sends a POST with a body and content type.
func (e *sparqlEnv) post(t testing.TB, target, contentType, body string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	return sitetest.Post(t, target, contentType, strings.NewReader(body), headers...)
}

// ex makes IRIs in http://example.org/.
func ex(s string) rdf.Term { return rdf.IRI("http://example.org/" + s) }

// grid is n subjects with an rdf:value and a label each, in graph g: enough
// rows for cross products and caps.
func grid(n int, g rdf.Term) []rdf.Quad {
	var out []rdf.Quad
	for i := range n {
		s := ex("s" + itoa(i))
		out = append(out,
			rdf.Quad{S: s, P: rdf.IRI(rdf.RDFNS + "value"), O: rdf.TypedLiteral(itoa(i), rdf.XSDInteger), G: g},
			rdf.Quad{S: s, P: ex("label"), O: rdf.LangLiteral("ding "+itoa(i), "nl"), G: g},
		)
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }
