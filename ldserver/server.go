package ldserver

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/eval"
)

// Source hands out consistent read views of the dataset.
type Source interface {
	View(ctx context.Context) (View, error)
}

// View is one consistent read view. The store's snapshots satisfy it.
type View interface {
	eval.Dataset
	// GraphModified returns when graph g (zero Term: the default graph)
	// last changed, and false when it does not exist.
	GraphModified(g rdf.Term) (time.Time, bool, error)
	// Generation changes on every committed write.
	Generation() uint64
	Close() error
}

// CC0 is the default licence of the published data.
const CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"

// Config configures a Server. Only Base is needed; the rest has defaults.
type Config struct {
	Base           string        // public base, e.g. http://localhost:8080/ or https://host/prefix/
	Licence        string        // licence IRI of the data; default CC0
	DefaultLang    string        // "nl" (default) or "en"
	RequestTimeout time.Duration // per request; default 30s
	Logger         *slog.Logger  // default slog.Default()
	Context        []byte        // JSON-LD @context (vocab.Context), served at ns/context.jsonld
	Prefixes       []rdfio.Prefix
	DumpDir        string // where dumps are written; default a new temporary directory
	CacheBytes     int    // response cache size; default 64 MiB

	// The SPARQL endpoint (endpoint.go). DefaultGraphOwn makes the default
	// graph of a query the stored default graph only (W3C semantics)
	// instead of the union of all graphs. QueryTimeout bounds one query
	// (default 30s; RequestTimeout bounds it too), MaxRows the rows or
	// triples of one answer (default 100000; a cut answer is signalled).
	// ServiceAllow lists the only endpoints SERVICE may call (none by
	// default). Queries holds the example queries (*.rq) of the query page.
	DefaultGraphOwn bool
	QueryTimeout    time.Duration
	MaxRows         int
	ServiceAllow    []string
	Queries         fs.FS
	// QueryLimits bounds each query's size, strings, memory and SERVICE
	// answers (zero fields: the defaults of sparql/budget). At most
	// MaxQueries queries are evaluated at once (default
	// DefaultMaxQueries()); up to MaxQueued more wait for a turn (default
	// 64), and beyond that a query is refused with 503 and Retry-After.
	QueryLimits sparql.Limits
	MaxQueries  int
	MaxQueued   int
	// TableCacheBytes bounds the hash tables that queries keep for later
	// queries over the same data (sparql.TableCache); 0 means
	// sparql.DefaultTableCacheBytes, a negative number no cache.
	TableCacheBytes int64

	// Catalog configures the DCAT-AP-VL catalog (catalog.go).
	Catalog CatalogConfig

	// Writer turns on the assessment form at /evaluatie/nieuw (edit.go);
	// nil leaves the server read-only. EditToken, when set, is what a
	// client must present to publish; when empty, only loopback clients
	// may edit (see edit_access.go).
	Writer    Writer
	EditToken string
}

// Server is the linked-data server. Build one with New.
type Server struct {
	cfg     Config
	base    base
	src     Source
	log     *slog.Logger
	langs   []string // supported, default first
	router  *chi.Mux
	handler http.Handler
	cache   *respCache
	dumps   *dumper
	stats   *statsCache
	hashes  *hashIndex
	tmpl    *templates
	sparql  *endpoint
	edit    *editor
	catalog *catalogState // nil until routed
	// changed wakes Warm after a write through the server.
	changed chan struct{}
	// contextGz is the gzipped JSON-LD context, compressed once.
	contextGz []byte
}

// New builds a server over src.
func New(cfg Config, src Source) (*Server, error) {
	b, err := parseBase(cfg.Base)
	if err != nil {
		return nil, err
	}
	cfg.Base = b.iri
	if cfg.Licence == "" {
		cfg.Licence = CC0
	}
	switch cfg.DefaultLang {
	case "":
		cfg.DefaultLang = "nl"
	case "nl", "en":
	default:
		return nil, fmt.Errorf("ldserver: default language %q: want nl or en", cfg.DefaultLang)
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.CacheBytes <= 0 {
		cfg.CacheBytes = 64 << 20
	}
	if cfg.DumpDir == "" {
		d, err := os.MkdirTemp("", "maturity-dumps-")
		if err != nil {
			return nil, fmt.Errorf("ldserver: dump directory: %w", err)
		}
		cfg.DumpDir = d
	} else if err := os.MkdirAll(cfg.DumpDir, 0o755); err != nil {
		return nil, fmt.Errorf("ldserver: dump directory: %w", err)
	}
	t, err := loadTemplates()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:     cfg,
		base:    b,
		src:     src,
		log:     cfg.Logger,
		langs:   langsFor(cfg.DefaultLang),
		cache:   newRespCache(cfg.CacheBytes),
		dumps:   newDumper(cfg.DumpDir),
		stats:   &statsCache{},
		hashes:  &hashIndex{},
		tmpl:    t,
		changed: make(chan struct{}, 1),
	}
	if s.sparql, err = newEndpoint(&s.cfg); err != nil {
		return nil, err
	}
	if s.edit, err = newEditor(b); err != nil {
		return nil, err
	}
	if len(cfg.Context) > 0 {
		s.contextGz = gzipBytes(cfg.Context)
	}
	s.router = chi.NewRouter()
	s.routes(s.router)
	s.handler = s.middleware(s.router)
	return s, nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// routes registers every endpoint. The larger parts of the server register
// their own routes, each in its own file:
//
//	s.routeSPARQL(r)  // endpoint.go: the SPARQL 1.1 protocol at /sparql
//	s.routeCatalog(r) // catalog.go: the DCAT-AP-VL catalog at /catalog
//	s.routeEdit(r)    // edit.go: the assessment form under /evaluatie
//
// The landing page and VoID link /sparql and /catalog once they are routed.
func (s *Server) routes(r chi.Router) {
	get(r, "/", s.serveLanding)
	get(r, "/static/{file}", s.serveStatic)
	get(r, "/ns/context.jsonld", s.serveContext)
	get(r, "/.well-known/void", s.serveVoID)
	get(r, "/dumps/{file}", s.serveDump)
	get(r, "/id/*", s.serveID)
	get(r, "/doc/*", s.serveDoc)
	get(r, "/ns/*", s.serveNS)
	get(r, "/graph/*", s.serveGraph)
	s.routeSPARQL(r)
	s.routeCatalog(r)
	s.routeEdit(r)
	r.NotFound(s.serveNotFound)
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
		s.plainError(w, r, http.StatusMethodNotAllowed, msgMethod)
	})
}

// get registers h for GET and HEAD (net/http drops the body of a HEAD).
func get(r chi.Router, pattern string, h http.HandlerFunc) {
	r.Get(pattern, h)
	r.Head(pattern, h)
}

// routed reports whether a GET on path reaches a registered route, so pages
// link optional endpoints only when they exist.
func (s *Server) routed(path string) bool {
	return s.router.Match(chi.NewRouteContext(), http.MethodGet, path)
}

// view opens a read view for a request, answering 503 itself on failure.
func (s *Server) view(w http.ResponseWriter, r *http.Request) (View, bool) {
	v, err := s.src.View(r.Context())
	if err != nil {
		s.log.ErrorContext(r.Context(), "open view", "err", err)
		s.plainError(w, r, http.StatusServiceUnavailable, msgUnavailable)
		return nil, false
	}
	return v, true
}
