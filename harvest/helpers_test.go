package harvest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stadleuven/maturity/catalogread"
	"github.com/stadleuven/maturity/internal/webfetch"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

const hubBase = "http://hub.test/"

// memStore is a store in memory: every ReplaceGraphs is all or nothing,
// and the test sees which graphs each one wrote.
type memStore struct {
	mu     sync.Mutex
	graphs map[string][]rdf.Quad
	writes [][]string // graph IRIs per ReplaceGraphs
	fail   error      // returned by the next ReplaceGraphs
}

func newMemStore() *memStore { return &memStore{graphs: map[string][]rdf.Quad{}} }

func (m *memStore) GraphQuads(ctx context.Context, g string) ([]rdf.Quad, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]rdf.Quad(nil), m.graphs[g]...), nil
}

func (m *memStore) ReplaceGraphs(ctx context.Context, gs []Graph) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		err := m.fail
		m.fail = nil
		return err
	}
	var names []string
	for _, g := range gs {
		names = append(names, g.IRI)
		if len(g.Quads) == 0 {
			delete(m.graphs, g.IRI)
		} else {
			m.graphs[g.IRI] = g.Quads
		}
	}
	sort.Strings(names)
	m.writes = append(m.writes, names)
	return nil
}

// lastWrite returns the graphs the last ReplaceGraphs wrote.
func (m *memStore) lastWrite() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.writes) == 0 {
		return nil
	}
	return m.writes[len(m.writes)-1]
}

func (m *memStore) has(g string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.graphs[g]) > 0
}

// dataset is one dataset a test source publishes.
type dataset struct {
	triples int    // N-Triples lines of its distribution
	version int    // changes its content and ETag
	status  int    // forced status of its download (0: normal)
	dist    string // its download URL, when not on the source itself
	media   string // dcat:mediaType of the distribution (default N-Triples)
}

type hit struct {
	path   string
	status int
	bytes  int
}

// source is a DCAT catalog on loopback: its datasets, each with one
// distribution; the catalog whole or Hydra-paged, in any RDF format; with
// or without validators; every request recorded.
type source struct {
	t        *testing.T
	srv      *httptest.Server
	mu       sync.Mutex
	datasets map[string]*dataset
	format   rdfio.Format
	pageSize int  // 0: one document
	noETags  bool // a server without ETag and Last-Modified
	catalog  int  // forced status of the catalog (0: normal)
	retry    string
	next     string // an extra hydra:next on the last page
	hits     []hit
}

func newSource(t *testing.T, n int) *source {
	s := &source{t: t, datasets: map[string]*dataset{}, format: rdfio.Turtle}
	for i := range n {
		s.datasets[fmt.Sprintf("ds%d", i)] = &dataset{triples: 3 + i, version: 1}
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *source) catalogURL() string { return s.srv.URL + "/catalog" }

func (s *source) src() Source {
	src, err := NewSource(s.catalogURL())
	if err != nil {
		s.t.Fatal(err)
	}
	src.ID = "bron"
	return src
}

func (s *source) takeHits() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hits
	s.hits = nil
	return h
}

func (s *source) names() []string {
	var out []string
	for n := range s.datasets {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

const (
	nsHydra = "http://www.w3.org/ns/hydra/core#"
	iana    = "https://www.iana.org/assignments/media-types/"
)

// catalogQuads describes the datasets on page n (0: all).
func (s *source) catalogQuads(n int) []rdf.Quad {
	b := s.srv.URL
	var qs []rdf.Quad
	add := func(sub, p string, o rdf.Term) { qs = append(qs, rdf.Quad{S: rdf.IRI(sub), P: rdf.IRI(p), O: o}) }
	names := s.names()
	pages := 1
	if s.pageSize > 0 {
		pages = max((len(names)+s.pageSize-1)/s.pageSize, 1)
		lo := min((n-1)*s.pageSize, len(names))
		names = names[lo:min(lo+s.pageSize, len(names))]
		view := fmt.Sprintf("%s/catalog?page=%d", b, n)
		add(b+"/catalog", nsHydra+"view", rdf.IRI(view))
		if n < pages {
			add(view, nsHydra+"next", rdf.IRI(fmt.Sprintf("%s/catalog?page=%d", b, n+1)))
		} else if s.next != "" {
			add(view, nsHydra+"next", rdf.IRI(s.next))
		}
	}
	add(b+"/catalog", rdf.RDFType, rdf.IRI(nsDCAT+"Catalog"))
	add(b+"/org", nsFOAF+"name", rdf.LangLiteral("Stad Test", "nl"))
	add(b+"/org", nsDCT+"identifier", rdf.Literal("24062"))
	for _, name := range names {
		d := s.datasets[name]
		ds := b + "/id/dataset/" + name
		add(b+"/catalog", nsDCAT+"dataset", rdf.IRI(ds))
		add(ds, rdf.RDFType, rdf.IRI(nsDCAT+"Dataset"))
		add(ds, nsDCT+"title", rdf.LangLiteral("Dataset "+name, "nl"))
		add(ds, nsDCT+"publisher", rdf.IRI(b+"/org"))
		dist := ds + "#nt"
		u := d.dist
		if u == "" {
			u = b + "/download/" + name + ".nt"
		}
		media := d.media
		if media == "" {
			media = iana + "application/n-triples"
		}
		add(ds, nsDCAT+"distribution", rdf.IRI(dist))
		add(dist, nsDCAT+"downloadURL", rdf.IRI(u))
		add(dist, nsDCAT+"mediaType", rdf.IRI(media))
	}
	return qs
}

// body is a dataset's distribution.
func (s *source) body(name string, d *dataset) string {
	var b strings.Builder
	for i := range d.triples {
		fmt.Fprintf(&b, "<%s/id/ding/%s/%d> <%s/p> \"v%d %d\" .\n", s.srv.URL, name, i, s.srv.URL, d.version, i)
	}
	fmt.Fprintf(&b, "_:b <%s/p> \"a blank node of %s\" .\n", s.srv.URL, name)
	return b.String()
}

func (s *source) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := hit{path: r.URL.RequestURI()}
	defer func() { s.hits = append(s.hits, rec) }()
	reply := func(status int, ctype string, body []byte) {
		rec.status = status
		if status == http.StatusOK && !s.noETags {
			sum := sha256.Sum256(body)
			etag := `"` + hex.EncodeToString(sum[:8]) + `"`
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				rec.status = http.StatusNotModified
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		if s.retry != "" {
			w.Header().Set("Retry-After", s.retry)
		}
		w.Header().Set("Content-Type", ctype)
		w.WriteHeader(status)
		rec.bytes, _ = w.Write(body)
	}
	switch {
	case r.URL.Path == "/catalog":
		if s.catalog != 0 {
			reply(s.catalog, "text/plain", []byte("nee"))
			return
		}
		n, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if s.pageSize > 0 && n == 0 {
			http.Redirect(w, r, "/catalog?page=1", http.StatusFound)
			rec.status = http.StatusFound
			return
		}
		var buf bytes.Buffer
		if err := rdfio.WriteAll(&buf, s.format, s.catalogQuads(n), rdfio.WriteOptions{}); err != nil {
			s.t.Error(err)
		}
		reply(http.StatusOK, s.format.MediaType(), buf.Bytes())
	case strings.HasPrefix(r.URL.Path, "/download/"):
		name := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/download/"), ".nt")
		d, ok := s.datasets[name]
		switch {
		case !ok:
			reply(http.StatusNotFound, "text/plain", nil)
		case d.status != 0:
			reply(d.status, "text/plain", []byte("status"))
		default:
			reply(http.StatusOK, "application/n-triples", []byte(s.body(name, d)))
		}
	case r.URL.Path == "/elders":
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
		rec.status = http.StatusFound
	default:
		reply(http.StatusNotFound, "text/plain", nil)
	}
}

// harvester returns a harvester over st that may fetch from loopback.
func harvester(t *testing.T, st Store, now *time.Time) *Harvester {
	t.Helper()
	h, err := New(Options{Base: hubBase, Store: st, CacheDir: t.TempDir(),
		Client: webfetch.New(webfetch.Options{AllowPrivate: true, MaxRetryWait: time.Second, Timeout: time.Minute}),
		Now:    func() time.Time { return *now }})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func dataGraph(src Source, name string) string {
	return vocab.HarvestDataGraph(hubBase, src.ID, name)
}

var errWrite = errors.New("disk full")

func catalogreadParse(doc string) ([]rdf.Quad, error) {
	return catalogread.Parse([]byte(doc), rdfio.Turtle, "http://s.test/", "doc", "")
}

func indexOf(qs []rdf.Quad) *catalogread.Catalog { return catalogread.Index(qs) }
