package ldserver

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// sparqlEnv is a running server over given quads, for the endpoint tests.
type sparqlEnv struct {
	*testEnv
	endpoint string
}

// newSPARQLEnv starts a server over quads. wrap, if set, wraps its handler
// (the tests use it to see when a request's handler returns).
func newSPARQLEnv(t testing.TB, quads []rdf.Quad, tweak func(*Config), wrap func(http.Handler) http.Handler) *sparqlEnv {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	src := newMemSource(quads, rdf.Term{})
	cfg := Config{
		Base:    base,
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		DumpDir: t.TempDir(),
	}
	if tweak != nil {
		tweak(&cfg)
	}
	ld, err := New(cfg, src)
	if err != nil {
		t.Fatal(err)
	}
	h := ld.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: h}}
	srv.Start()
	t.Cleanup(srv.Close)
	return &sparqlEnv{testEnv: &testEnv{srv: srv, base: base, src: src, ld: ld}, endpoint: base + "sparql"}
}

// query sends a SPARQL query by GET with headers as "Name: value" pairs.
func (e *sparqlEnv) query(t testing.TB, q string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	return e.get(t, http.MethodGet, e.endpoint+"?query="+url.QueryEscape(q), headers...)
}

// post sends a POST with a body and content type.
func (e *sparqlEnv) post(t testing.TB, target, contentType, body string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	resp, err := e.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
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
