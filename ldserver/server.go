package ldserver

import (
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/internal/voidstats"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

// Source hands out consistent read views of the dataset (readview.Source).
type Source = readview.Source

// View is one consistent read view; the store's snapshots satisfy it.
type View = readview.View

// App is a part of the site served beside the linked data, from the same
// router and through the same middleware: the SPARQL endpoint
// (sparqlhttp), the web app (webapp). The landing page and VoID link
// /sparql and /evaluatie/nieuw once an App routes them.
type App interface {
	Routes(r chi.Router)
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
	// Namespaces are the shared namespaces of the loaded model (the
	// ontology's and the model's own, vocab.ReadNamespaces). The server
	// describes their IRIs at the same path under its own base ({base}ns,
	// {base}model/…): RDF keeps the shared IRIs, HTML links the local
	// pages, so the instance works offline.
	Namespaces []vocab.Namespace
	DumpDir    string // where dumps are written; default a new temporary directory
	// GraphStreamQuads is the size from which /graph/… documents are
	// streamed to a file rather than built in memory (default 50,000).
	GraphStreamQuads int
	CacheBytes       int // response cache size; default 64 MiB

	// Stats counts the dataset for VoID; share it with the SPARQL
	// endpoint's service description (nil: the server's own).
	Stats *voidstats.Cache

	// Catalog configures the DCAT-AP-VL catalog (catalog.go).
	Catalog CatalogConfig

	// Apps are routed beside the linked data (see App).
	Apps []App
}

// Server is the linked-data server. Build one with New.
type Server struct {
	cfg     Config
	base    httpx.Base
	site    *htmlui.Site
	src     Source
	log     *slog.Logger
	router  *chi.Mux
	handler http.Handler
	cache   *respCache
	dumps   *dumper
	stats   *voidstats.Cache
	hashes  *hashIndex
	tmpl    *templates
	catalog *catalogState // nil until routed
	// changed wakes Warm after a change of the data (DataChanged).
	changed chan struct{}
	// background counts the goroutines that outlive a request and may hold
	// a read view (Warm's loop, catalog builds); Wait waits for them.
	background sync.WaitGroup
	// contextGz is the gzipped JSON-LD context, compressed once.
	contextGz []byte
}

// New builds a server over src.
func New(cfg Config, src Source) (*Server, error) {
	b, err := httpx.ParseBase(cfg.Base, cfg.Namespaces)
	if err != nil {
		return nil, fmt.Errorf("ldserver: %w", err)
	}
	cfg.Base = b.IRI
	if cfg.Licence == "" {
		cfg.Licence = CC0
	}
	switch cfg.DefaultLang {
	case "":
		cfg.DefaultLang = i18n.Default
	case "nl", "en":
	default:
		return nil, fmt.Errorf("ldserver: default language %q: want nl or en", cfg.DefaultLang)
	}
	site, err := htmlui.New(b, cfg.Licence, cfg.DefaultLang)
	if err != nil {
		return nil, err
	}
	if cfg.Stats == nil {
		cfg.Stats = &voidstats.Cache{}
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
	t, err := loadTemplates(site)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:    cfg,
		base:   b,
		site:   site,
		src:    src,
		log:    cfg.Logger,
		cache:  newRespCache(cfg.CacheBytes),
		dumps:  newDumper(cfg.DumpDir),
		stats:  cfg.Stats,
		hashes: &hashIndex{},
		tmpl:   t,

		changed: make(chan struct{}, 1),
	}
	if len(cfg.Context) > 0 {
		s.contextGz = httpx.GzipBytes(cfg.Context)
	}
	s.router = chi.NewRouter()
	s.routes(s.router)
	if err := s.routeMirror(s.router); err != nil {
		return nil, err
	}
	s.handler = httpx.Middleware(s.router, s.base, cfg.RequestTimeout, s.log)
	return s, nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// routes registers every endpoint: the server's own, the catalog's
// (catalog.go) and the Apps'. The landing page and VoID link /sparql,
// /catalog and the form once they are routed.
func (s *Server) routes(r chi.Router) {
	get(r, "/", s.serveLanding)
	get(r, "/static/{file}", func(w http.ResponseWriter, r *http.Request) {
		if !s.site.ServeStatic(w, r, chi.URLParam(r, "file")) {
			s.serveNotFound(w, r)
		}
	})
	get(r, "/ns/context.jsonld", s.serveContext)
	get(r, "/.well-known/void", s.serveVoID)
	get(r, "/dumps/{file}", s.serveDump)
	get(r, "/id/*", s.serveID)
	get(r, "/doc/*", s.serveDoc)
	get(r, "/ns/*", s.serveNS)
	get(r, "/graph/*", s.serveGraph)
	s.routeCatalog(r)
	for _, a := range s.cfg.Apps {
		a.Routes(r)
	}
	r.NotFound(s.serveNotFound)
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
		s.plainError(w, r, http.StatusMethodNotAllowed, "methodNotAllowed")
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
		s.plainError(w, r, http.StatusServiceUnavailable, "unavailable")
		return nil, false
	}
	return v, true
}

// pickLang chooses a page's language: ?lang= (fromParam: links carry it
// on), else Accept-Language, else the configured default.
func (s *Server) pickLang(r *http.Request) (lang string, fromParam bool) {
	return s.site.PickLang(r)
}
