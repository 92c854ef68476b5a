package ldserver

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stadleuven/maturity/examples"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql/eval"
	"github.com/stadleuven/maturity/vocab"
)

// memSource is a Source over eval.Memory that behaves like the store: a
// generation counter, per-graph modification times, and graphs that can be
// dropped while their terms stay in the dictionary (which makes 410 Gone).
type memSource struct {
	mu       sync.Mutex
	quads    []rdf.Quad
	hidden   rdf.Term // a dropped graph: its terms stay known, its quads are invisible
	mod      map[rdf.Term]time.Time
	gen      uint64
	mem      *eval.Memory
	hiddenID uint64
}

func newMemSource(quads []rdf.Quad, hidden rdf.Term) *memSource {
	m := &memSource{hidden: hidden, mod: map[rdf.Term]time.Time{}}
	t0 := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, q := range quads {
		m.mod[q.G] = t0
	}
	m.set(quads)
	return m
}

func (m *memSource) set(quads []rdf.Quad) {
	m.quads = quads
	m.mem = eval.NewMemory(quads)
	m.hiddenID = 0
	if !m.hidden.IsZero() {
		m.hiddenID, _, _ = m.mem.Lookup(m.hidden)
	}
	m.gen++
}

// replaceGraph swaps the content of graph g, as an import of a new
// assessment version would, and stamps its modification time.
func (m *memSource) replaceGraph(g rdf.Term, quads []rdf.Quad, at time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []rdf.Quad
	for _, q := range m.quads {
		if q.G != g {
			out = append(out, q)
		}
	}
	out = append(out, quads...)
	mod := map[rdf.Term]time.Time{}
	for k, v := range m.mod {
		mod[k] = v
	}
	mod[g] = at
	m.mod = mod // views share the old map: never mutate one in place
	m.set(out)
}

// visible returns the quads a view exposes.
func (m *memSource) visible() []rdf.Quad {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []rdf.Quad
	for _, q := range m.quads {
		if q.G != m.hidden || m.hidden.IsZero() {
			out = append(out, q)
		}
	}
	return out
}

func (m *memSource) View(ctx context.Context) (View, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return &memView{Memory: m.mem, gen: m.gen, mod: m.mod, hidden: m.hiddenID}, nil
}

type memView struct {
	*eval.Memory
	gen    uint64
	mod    map[rdf.Term]time.Time
	hidden uint64
}

func (v *memView) Match(ctx context.Context, p [4]uint64, yield func([4]uint64) bool) error {
	if v.hidden != 0 && p[3] == v.hidden {
		return nil
	}
	return v.Memory.Match(ctx, p, func(q [4]uint64) bool {
		if v.hidden != 0 && q[3] == v.hidden {
			return true
		}
		return yield(q)
	})
}

func (v *memView) Graphs(ctx context.Context, yield func(uint64) bool) error {
	return v.Memory.Graphs(ctx, func(g uint64) bool {
		if g == v.hidden {
			return true
		}
		return yield(g)
	})
}

func (v *memView) GraphModified(g rdf.Term) (time.Time, bool, error) {
	t, ok := v.mod[g]
	return t, ok, nil
}
func (v *memView) Generation() uint64 { return v.gen }
func (v *memView) Close() error       { return nil }

// testEnv is a running server over the model, the organisations, a
// fictional assessment and a dropped graph.
type testEnv struct {
	srv  *httptest.Server
	base string
	src  *memSource
	ld   *Server
}

// client does not follow redirects, so tests see the 303s.
func (e *testEnv) client() *http.Client {
	return &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       30 * time.Second,
		Transport:     &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 64},
	}
}

// get fetches url with headers given as "Name: value" pairs.
func (e *testEnv) get(t testing.TB, method, url string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	resp, err := e.client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
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
	var quads []rdf.Quad
	emit := func(q rdf.Quad) error { quads = append(quads, q); return nil }
	if err := vocab.Load(base, emit); err != nil {
		t.Fatalf("vocab.Load: %v", err)
	}
	// The examples: the study's findings, fictional demo assessments and a
	// demo survey, as a fresh `serve` holds them.
	if err := examples.Load(context.Background(), base, emit); err != nil {
		t.Fatalf("examples.Load: %v", err)
	}
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
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	quads := testQuads(t, base, extra)
	ns, err := vocab.ReadNamespaces(quads)
	if err != nil {
		t.Fatal(err)
	}
	src := newMemSource(quads, rdf.IRI(base+goneGraph))
	cfg := Config{
		Base:       base,
		Context:    vocab.Context(),
		Prefixes:   vocab.Prefixes(),
		Namespaces: ns,
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		DumpDir:    t.TempDir(),
	}
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
