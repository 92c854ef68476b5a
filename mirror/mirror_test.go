package mirror

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/virtuosotest"
)

// memHub is a hub's graphs in memory: the input of the tests. cancelAt
// makes WriteGraph cancel the sync's context at that graph, as a crash
// would stop it.
type memHub struct {
	mu       sync.Mutex
	graphs   map[string][]string // IRI → N-Triples lines
	modified map[string]time.Time
	cancelAt string
	cancel   context.CancelFunc
}

func newMemHub() *memHub {
	return &memHub{graphs: map[string][]string{}, modified: map[string]time.Time{}}
}

// set replaces a graph with n triples made from seed.
func (h *memHub) set(iri string, n int, seed string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	var lines []string
	for i := range n {
		lines = append(lines, fmt.Sprintf(`<http://example.org/%s/s%d> <http://example.org/p> "%s %d"@nl .`, seed, i, seed, i))
		if i%5 == 0 {
			lines = append(lines, fmt.Sprintf(`<http://example.org/%s/s%d> <http://example.org/score> "%d.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .`, seed, i, i))
		}
	}
	h.graphs[iri] = lines
	h.modified[iri] = time.Now()
}

func (h *memHub) remove(iri string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.graphs, iri)
}

func (h *memHub) Snapshot(ctx context.Context) (Snapshot, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := &memSnap{h: h, graphs: map[string][]string{}, modified: map[string]time.Time{}}
	for g, ls := range h.graphs {
		s.graphs[g], s.modified[g] = ls, h.modified[g]
	}
	return s, nil
}

type memSnap struct {
	h        *memHub
	graphs   map[string][]string
	modified map[string]time.Time
}

func (s *memSnap) Graphs(ctx context.Context) ([]GraphInfo, error) {
	var out []GraphInfo
	for g, ls := range s.graphs {
		out = append(out, GraphInfo{IRI: g, Triples: int64(len(ls)), Modified: s.modified[g]})
	}
	return out, nil
}

func (s *memSnap) WriteGraph(ctx context.Context, iri string, w io.Writer) error {
	if iri == s.h.cancelAt && s.h.cancel != nil {
		s.h.cancel()
		return ctx.Err()
	}
	_, err := io.WriteString(w, strings.Join(s.graphs[iri], "\n")+"\n")
	return err
}

func (s *memSnap) Close() error { return nil }

func graphName(i int) string { return fmt.Sprintf("http://hub.example/graph/oogst/stad/%02d", i) }

// sameCounts fails unless the target holds exactly the hub's graphs with
// the hub's triple counts.
func sameCounts(t *testing.T, m *Mirror, h *memHub, suffix string) {
	t.Helper()
	counts, err := m.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for g, ls := range h.graphs {
		if counts[g] != int64(len(ls)) {
			t.Errorf("%s: target holds %d triples, hub %d", g, counts[g], len(ls))
		}
	}
	for g, n := range counts {
		if strings.HasSuffix(g, suffix) && h.graphs[g] == nil {
			t.Errorf("%s: %d triples at the target, none at the hub", g, n)
		}
	}
}

// Every protocol against a real store: Virtuoso 7.2.5 (Debian) through
// the Graph Store Protocol and through SPARQL Update, with HTTP Digest;
// the dump (QLever's bulk load) on disk.
func TestSync(t *testing.T) {
	v := virtuosotest.Start(t)
	gsp, err := Preset("virtuoso", v.URL)
	if err != nil {
		t.Fatal(err)
	}
	gsp.User, gsp.Password = v.User, v.Password
	upd := Target{Store: "virtuoso", Protocol: Update, UpdateURL: v.URL + "/sparql-auth", QueryURL: v.URL + "/sparql", User: v.User, Password: v.Password, Chunk: 7}
	dump, _ := Preset("qlever", filepath.Join(t.TempDir(), "dump"))
	for _, tc := range []struct {
		name   string
		target Target
		prefix string // of the graphs, so the two Virtuoso runs do not meet
	}{
		{"Graph Store Protocol", gsp, "gsp"},
		{"SPARQL Update", upd, "upd"},
		{"dump for a bulk loader", dump, "dump"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newMemHub()
			name := func(i int) string { return graphName(i) + tc.prefix }
			for i := range 6 {
				h.set(name(i), 10+i*3, fmt.Sprintf("g%d", i))
			}
			m, err := New(Options{Target: tc.target, StateFile: filepath.Join(t.TempDir(), "state.json"),
				Include: func(g string) bool { return strings.HasSuffix(g, tc.prefix) }})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			step := func(what string, wantPushed, wantDropped, wantRepaired int) {
				t.Helper()
				rep, err := m.Sync(ctx, h)
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				if rep.Pushed != wantPushed || rep.Dropped != wantDropped || rep.Repaired != wantRepaired || len(rep.Mismatches) != 0 || rep.Checked != len(h.graphs) {
					t.Fatalf("%s: %+v; want %d pushed, %d dropped, %d repaired, no mismatch, %d checked", what, rep, wantPushed, wantDropped, wantRepaired, len(h.graphs))
				}
				sameCounts(t, m, h, tc.prefix)
			}
			step("first sync", 6, 0, 0)
			step("again: idempotent, nothing to send", 0, 0, 0)
			h.set(name(2), 40, "changed")
			h.remove(name(5))
			step("one graph changed, one gone", 1, 1, 0)

			// A crash in the middle: the graphs done before it are kept
			// in the state; the next sync sends only the rest.
			for i := range 5 {
				h.set(name(i), 12+i, fmt.Sprintf("v2-%d", i))
			}
			cctx, cancel := context.WithCancel(ctx)
			h.cancelAt, h.cancel = name(3), cancel
			if _, err := m.Sync(cctx, h); err == nil {
				t.Fatal("the interrupted sync reported no error")
			}
			h.cancelAt, h.cancel = "", nil
			step("resumed after the crash", 2, 0, 0)

			// The target loses a graph behind the mirror's back: the
			// counts find it and the sync writes it again.
			if err := m.drop(ctx, name(1)); err != nil {
				t.Fatal(err)
			}
			if bad, err := m.Check(ctx, h); err != nil || len(bad) != 1 || bad[0].Graph != name(1) || bad[0].Target != 0 {
				t.Fatalf("Check after the loss: %+v, %v", bad, err)
			}
			step("repaired", 0, 0, 1)
		})
	}
}

func TestParseChallenge(t *testing.T) {
	for _, tc := range []struct {
		h    string
		want map[string]string
	}{
		{`Digest realm="SPARQL", domain="/sparql-auth", nonce="abc", opaque="x,y", stale="false", qop="auth", algorithm="MD5"`,
			map[string]string{"realm": "SPARQL", "domain": "/sparql-auth", "nonce": "abc", "opaque": "x,y", "stale": "false", "qop": "auth", "algorithm": "MD5"}},
		{`Digest realm=plain, nonce=n1`, map[string]string{"realm": "plain", "nonce": "n1"}},
		{`Basic realm="x"`, nil},
		{``, nil},
	} {
		got := parseChallenge(tc.h)
		if fmt.Sprint(sortedPairs(got)) != fmt.Sprint(sortedPairs(tc.want)) {
			t.Errorf("parseChallenge(%q) = %v, want %v", tc.h, got, tc.want)
		}
	}
}

func sortedPairs(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

func TestPreset(t *testing.T) {
	for _, s := range Stores {
		base := "http://127.0.0.1:9999/x"
		if s.Name == "qlever" {
			base = os.TempDir()
		}
		tg, err := Preset(s.Name, base)
		if err != nil {
			t.Errorf("%s: %v", s.Name, err)
			continue
		}
		if _, err := New(Options{Target: tg, StateFile: "x"}); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
	}
	if _, err := Preset("stardog", "http://x"); err == nil {
		t.Error("an unknown store was accepted")
	}
	if _, err := Preset("oxigraph", "not a url"); err == nil {
		t.Error("a bad URL was accepted")
	}
}
