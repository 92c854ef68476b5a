package ldserver

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/rdf"
)

// gatedSource holds every read of the data until open is closed, like a
// catalog build that takes longer than a request may wait.
type gatedSource struct {
	*readview.Memory
	open chan struct{}
}

func (g *gatedSource) View(ctx context.Context) (View, error) {
	v, err := g.Memory.View(ctx)
	if err != nil {
		return nil, err
	}
	return &gatedView{View: v, open: g.open}, nil
}

type gatedView struct {
	readview.View
	open chan struct{}
}

func (v *gatedView) Match(ctx context.Context, p [4]uint64, yield func([4]uint64) bool) error {
	select {
	case <-v.open:
	case <-ctx.Done():
		return ctx.Err()
	}
	return v.View.Match(ctx, p, yield)
}

// syncBuffer is a log destination tests read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) count(sub string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Count(s.b.String(), sub)
}

// newGatedEnv is newTestEnv over a gated source, logging to the returned
// buffer.
func newGatedEnv(t *testing.T) (*testEnv, *gatedSource, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	env := newTestEnv(t, nil, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(logs, nil))
		c.RequestTimeout = 300 * time.Millisecond
	})
	g := &gatedSource{Memory: env.src, open: make(chan struct{})}
	env.ld.src = g
	return env, g, logs
}

// TestCatalogBuildOutlivesRequest: a catalog build that takes longer than
// the request that started it is not cancelled with it and not started
// again: the request gets 503, the build finishes in the background, and
// the next requests are served from it.
func TestCatalogBuildOutlivesRequest(t *testing.T) {
	env, g, logs := newGatedEnv(t)
	resp, _ := env.get(t, http.MethodGet, env.base+"catalog", "Accept: text/turtle")
	if resp.StatusCode == http.StatusOK {
		t.Fatal("the catalog was served although its build could not read the data")
	}
	resp, _ = env.get(t, http.MethodGet, env.base+"catalog", "Accept: text/turtle")
	if resp.StatusCode == http.StatusOK {
		t.Fatal("the second request was served although the build could not read the data")
	}
	close(g.open)
	deadline := time.Now().Add(20 * time.Second)
	for logs.count("catalog built") == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the build did not finish after its request ended; log:\n%s", logs.b.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	for range 3 {
		resp, body := env.get(t, http.MethodGet, env.base+"catalog", "Accept: text/turtle")
		if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("dcat:Catalog")) {
			t.Fatalf("after the build: %d\n%.300s", resp.StatusCode, body)
		}
	}
	if n := logs.count("catalog built"); n != 1 {
		t.Errorf("the catalog was built %d times for one generation", n)
	}
}

// TestWarm: Warm builds the catalog before any request, and again after
// the data changed, without a request.
func TestWarm(t *testing.T) {
	env, g, logs := newGatedEnv(t)
	close(g.open)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env.ld.Warm(ctx)
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("%s; log:\n%s", what, logs.b.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	c := env.ld.catalog
	built := func(gen uint64) func() bool {
		return func() bool {
			c.mu.Lock()
			defer c.mu.Unlock()
			return c.cat != nil && c.gen == gen
		}
	}
	gen := env.src.Generation
	waitFor("Warm did not build the catalog", built(gen()))
	waitFor("Warm did not compute the statistics", func() bool {
		g, ok := env.ld.stats.Generation()
		return ok && g == gen()
	})
	resp, _ := env.get(t, http.MethodGet, env.base+"catalog", "Accept: text/turtle")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("catalog: %d", resp.StatusCode)
	}
	// Another component writes: the catalog follows within warmInterval.
	env.src.ReplaceGraph(rdf.IRI(env.base+assessGraph), nil, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	waitFor("Warm did not rebuild after a change", built(gen()))
	if n := logs.count("catalog built"); n != 2 {
		t.Errorf("%d builds for two generations", n)
	}
}
