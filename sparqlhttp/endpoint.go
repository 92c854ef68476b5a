package sparqlhttp

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/internal/voidstats"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/results"
	"github.com/stadleuven/maturity/vocab"
)

// Defaults of the SPARQL endpoint's limits.
const (
	DefaultQueryTimeout = 30 * time.Second
	DefaultMaxRows      = 100000
)

// Headers that signal a cut answer. X-SPARQL-MaxRows is Virtuoso's name for
// the same signal, which existing clients already look for.
// X-SPARQL-Replaced signals an XML answer in which characters XML 1.0
// cannot carry were replaced (see writeResults).
const (
	hdrTruncated = "X-SPARQL-Truncated"
	hdrMaxRows   = "X-SPARQL-MaxRows"
	hdrReplaced  = "X-SPARQL-Replaced"
)

// xmlCharError is what the XML writers of rdfio (RDF/XML) and results
// (SPARQL XML results) return for a value holding a character that RDF
// allows and XML 1.0 cannot carry.
type xmlCharError interface {
	error
	XMLChar() rune
}

// Config configures an Endpoint. Only Base is needed; the rest has
// defaults.
type Config struct {
	Base        string // the public base the site answers at, e.g. https://host/prefix/
	Licence     string // licence IRI of the data, linked from the query page
	DefaultLang string // "nl" (default) or "en"
	Logger      *slog.Logger
	// Prefixes and Context are what CONSTRUCT and DESCRIBE answers are
	// written with (JSON-LD refers to the context at its IRI under the
	// base, vocab.ContextIRI).
	Prefixes []rdfio.Prefix
	Context  []byte
	// DefaultGraphOwn makes the default graph of a query the stored
	// default graph only (W3C semantics) instead of the union of all
	// graphs. Timeout bounds one query (default 30s), MaxRows the rows or
	// triples of one answer (default 100000; a cut answer is signalled).
	// ServiceAllow lists the only endpoints SERVICE may call (none by
	// default). Queries holds the example queries (*.rq) of the query page.
	DefaultGraphOwn bool
	Timeout         time.Duration
	MaxRows         int
	ServiceAllow    []string
	ServiceTimeout  time.Duration // per remote SERVICE call; 0: the query's timeout only
	Queries         fs.FS
	// Limits bounds each query's size, strings, memory and SERVICE
	// answers (zero fields: the defaults of sparql/budget). At most
	// MaxQueries queries are evaluated at once (default
	// DefaultMaxQueries()); up to MaxQueued more wait for a turn (default
	// 64; negative: none), and beyond that a query is refused with 503 and
	// Retry-After.
	Limits     sparql.Limits
	MaxQueries int
	MaxQueued  int
	// MaxSpool bounds the bytes of answers that wait on disk, in SpoolDir
	// (default os.TempDir), for clients that read slower than their
	// queries answer (default DefaultMaxSpool; negative: no bound). An
	// answer longer than 64 KB is relayed through such a file, so that
	// its read view is closed when the evaluation ends; once the spool is
	// full, an evaluation waits for its client, at most for Timeout.
	MaxSpool int64
	SpoolDir string
	// Stats counts the dataset for the service description; pass the
	// linked-data server's, so one scan per generation serves both (nil:
	// the endpoint's own).
	Stats *voidstats.Cache
	// TableCacheBytes bounds the hash tables that queries keep for later
	// queries over the same data (sparql.TableCache); 0 means
	// sparql.DefaultTableCacheBytes, a negative number no cache.
	TableCacheBytes int64
}

// Endpoint is the SPARQL 1.1 protocol endpoint with its query page and
// service description. Build one with New; Routes registers it.
type Endpoint struct {
	base        httpx.Base
	site        *htmlui.Site
	src         readview.Source
	log         *slog.Logger
	writeOpts   rdfio.WriteOptions
	stats       *voidstats.Cache
	mode        sparql.DefaultGraphMode
	timeout     time.Duration
	maxRows     int
	limits      sparql.Limits
	admit       *admission
	service     sparql.ServiceHandler // nil: SERVICE is refused
	examples    []exampleQuery
	spool       int    // bytes held back before a response is committed
	spoolDir    string // where relays keep answers for slow clients
	spoolBudget *spoolBudget
	plain       sync.Map           // asset name → decompressed body
	tables      *sparql.TableCache // nil: no cache
}

// New builds the endpoint over src, applying the defaults of cfg.
func New(cfg Config, src readview.Source) (*Endpoint, error) {
	b, err := httpx.ParseBase(cfg.Base, nil)
	if err != nil {
		return nil, fmt.Errorf("sparqlhttp: %w", err)
	}
	if cfg.Licence == "" {
		cfg.Licence = "http://creativecommons.org/publicdomain/zero/1.0/"
	}
	site, err := htmlui.New(b, cfg.Licence, cfg.DefaultLang)
	if err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultQueryTimeout
	}
	if cfg.MaxRows <= 0 {
		cfg.MaxRows = DefaultMaxRows
	}
	if cfg.MaxQueries <= 0 {
		cfg.MaxQueries = DefaultMaxQueries()
	}
	if cfg.MaxQueued < 0 {
		cfg.MaxQueued = 0
	} else if cfg.MaxQueued == 0 {
		cfg.MaxQueued = DefaultMaxQueued
	}
	if cfg.Stats == nil {
		cfg.Stats = &voidstats.Cache{}
	}
	if cfg.MaxSpool == 0 {
		cfg.MaxSpool = DefaultMaxSpool
	}
	s := &Endpoint{spoolDir: cfg.SpoolDir, spoolBudget: &spoolBudget{max: cfg.MaxSpool},
		base: b, site: site, src: src, log: cfg.Logger, stats: cfg.Stats,
		writeOpts: rdfio.WriteOptions{Prefixes: cfg.Prefixes, Context: cfg.Context},
		mode:      sparql.UnionDefaultGraph, timeout: cfg.Timeout, maxRows: cfg.MaxRows, spool: 64 << 10,
		limits: cfg.Limits, admit: newAdmission(cfg.MaxQueries, cfg.MaxQueued)}
	if len(cfg.Context) > 0 {
		s.writeOpts.ContextURL = vocab.ContextIRI(b.IRI)
	}
	if cfg.DefaultGraphOwn {
		s.mode = sparql.OwnDefaultGraph
	}
	switch {
	case cfg.TableCacheBytes == 0:
		s.tables = sparql.NewTableCache(sparql.DefaultTableCacheBytes)
	case cfg.TableCacheBytes > 0:
		s.tables = sparql.NewTableCache(cfg.TableCacheBytes)
	}
	if len(cfg.ServiceAllow) > 0 {
		c, err := sparql.NewServiceClient(cfg.ServiceAllow, cfg.ServiceTimeout)
		if err != nil {
			return nil, fmt.Errorf("sparqlhttp: %w", err)
		}
		s.service = c
	}
	if cfg.Queries != nil {
		ex, err := loadExamples(cfg.Queries)
		if err != nil {
			return nil, fmt.Errorf("sparqlhttp: example queries: %w", err)
		}
		s.examples = ex
	}
	return s, nil
}

// Routes registers the SPARQL 1.1 protocol endpoint at /sparql and the
// query page's assets under /sparql/ui/.
func (s *Endpoint) Routes(r chi.Router) {
	// Every method reaches the handler, so that a PUT gets the protocol's
	// answer (405 with the right Allow) rather than the router's.
	r.HandleFunc("/sparql", s.serveSPARQL)
	r.Get("/sparql/ui/{file}", s.serveYasguiAsset)
	r.Head("/sparql/ui/{file}", s.serveYasguiAsset)
}

// Handler is the endpoint on its own, with the site's middleware: for a
// server that offers only SPARQL, and for tests.
func (s *Endpoint) Handler(timeout time.Duration) http.Handler {
	r := chi.NewRouter()
	s.Routes(r)
	return httpx.Middleware(r, s.base, timeout, s.log)
}

// pickLang chooses the language of an answer's messages.
func (s *Endpoint) pickLang(r *http.Request) (string, bool) { return s.site.PickLang(r) }

// view opens a read view for a request, answering 503 itself on failure.
func (s *Endpoint) view(w http.ResponseWriter, r *http.Request) (readview.View, bool) {
	v, err := s.src.View(r.Context())
	if err != nil {
		s.log.ErrorContext(r.Context(), "open view", "err", err)
		lang, _ := s.pickLang(r)
		httpx.TextError(w, r, http.StatusServiceUnavailable, i18n.T(lang, "unavailable"), "")
		return nil, false
	}
	return v, true
}

// internalError logs err and answers 500.
func (s *Endpoint) internalError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.ErrorContext(r.Context(), "sparql", "path", r.URL.Path, "err", err)
	lang, _ := s.pickLang(r)
	httpx.TextError(w, r, http.StatusInternalServerError, i18n.T(lang, "sparqlInternal"), "")
}

// serveSPARQL answers a SPARQL protocol request: a query, the service
// description (GET without a query) or the query page (a browser).
func (s *Endpoint) serveSPARQL(w http.ResponseWriter, r *http.Request) {
	lang, _ := s.pickLang(r)
	h := w.Header()
	h.Set("Vary", "Accept, Accept-Language")
	h.Set("Access-Control-Expose-Headers", "Link, ETag, Last-Modified, Location, Content-Location, Vary, Retry-After, "+hdrTruncated+", "+hdrMaxRows+", "+hdrReplaced)
	pr, perr := parseProtoRequest(r)
	if perr != nil {
		if perr.status == http.StatusMethodNotAllowed {
			h.Set("Allow", "GET, HEAD, POST, OPTIONS")
		}
		s.sparqlError(w, r, perr.status, lang, perr.key, perr.detail)
		return
	}
	isGet := r.Method == http.MethodGet || r.Method == http.MethodHead
	if isGet && prefersHTML(r.Header.Get("Accept")) {
		s.serveQueryPage(w, r, lang)
		return
	}
	if !pr.hasQuery {
		if isGet {
			s.serveServiceDescription(w, r, pr.format)
			return
		}
		s.sparqlError(w, r, http.StatusBadRequest, lang, "sparqlNoQuery", "")
		return
	}
	q, err := sparql.Parse(pr.query, sparql.ParseOptions{Base: s.base.IRI, Limits: s.limits})
	if err != nil {
		s.syntaxError(w, r, lang, err)
		return
	}
	s.runQuery(w, r, lang, pr, q)
}

// prefersHTML reports whether a GET is from a person: text/html is
// acceptable and at least as welcome as any format the endpoint sends for
// data. A wildcard alone does not count, so curl gets data.
func prefersHTML(accept string) bool {
	htmlQ, dataQ := 0.0, 0.0
	for _, mr := range httpx.ParseAccept(accept) {
		full := mr.Type + "/" + mr.Sub
		switch {
		case full == "text/html" || full == "application/xhtml+xml":
			htmlQ = max(htmlQ, mr.Q)
		case mr.Type != "*" && mr.Sub != "*" && isDataType(full):
			dataQ = max(dataQ, mr.Q)
		}
	}
	return htmlQ > 0 && htmlQ >= dataQ
}

// isDataType reports whether mt is a results or RDF format the endpoint
// sends, or an alias of one.
func isDataType(mt string) bool {
	if _, err := results.ParseFormat(mt); err == nil {
		return true
	}
	r, ok := httpx.RepForName(mt)
	return ok && !r.HTML
}

// runQuery evaluates q and streams its answer in the negotiated format.
func (s *Endpoint) runQuery(w http.ResponseWriter, r *http.Request, lang string, pr *protoRequest, q *sparql.Query) {
	var (
		resFormat results.Format
		graphRep  httpx.Rep
		ok        bool
	)
	switch q.Form() {
	case sparql.Select, sparql.Ask:
		offers := selectOffers
		if q.Form() == sparql.Ask {
			offers = askOffers
		}
		if pr.format != "" {
			resFormat, ok = resultFormatByName(pr.format)
		} else {
			resFormat, ok = negotiateResults(r.Header.Get("Accept"), offers)
		}
	default:
		if pr.format != "" {
			graphRep, ok = graphFormatByName(pr.format)
		} else {
			graphRep, ok = httpx.Negotiate(r.Header.Get("Accept"), graphOffers)
		}
	}
	if !ok {
		s.sparqlError(w, r, http.StatusNotAcceptable, lang, "sparqlNotAcceptable", strings.Join(offeredTypes(selectOffers, graphOffers), "\n"))
		return
	}

	// A query waits for its turn at most as long as it may run; the
	// timeout of the evaluation starts when the turn comes.
	wait, stopWaiting := context.WithTimeout(r.Context(), s.timeout)
	release, err := s.admit.acquire(wait)
	stopWaiting()
	if err != nil {
		s.refuseBusy(w, r, lang, err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
	defer cancel()
	v, ok := s.view(w, r)
	if !ok {
		release()
		return
	}
	// The view and the turn are given back as soon as the evaluation
	// ends, before the client has the whole answer (spool, relay).
	var once sync.Once
	done := func() {
		once.Do(func() {
			v.Close()
			release()
		})
	}
	defer done()
	opts := sparql.ExecOptions{
		DefaultGraph:     s.mode,
		DefaultGraphIRIs: iriTerms(pr.defaultGraphs),
		NamedGraphIRIs:   iriTerms(pr.namedGraphs),
		Limits:           s.limits,
		Tables:           s.tables,
	}
	if s.service != nil {
		opts.Service = s.service
	}
	start := time.Now()
	res, err := sparql.Exec(ctx, v, q, opts)
	if err != nil {
		done()
		s.queryFailed(w, r, ctx, lang, err)
		return
	}

	out := &spool{w: w, limit: s.spool, gzip: httpx.AcceptsGzip(r.Header.Get("Accept-Encoding")),
		ctx: ctx, dir: s.spoolDir, budget: s.spoolBudget}
	defer out.abort() // a no-op once the answer is complete
	var st streamStatus
	if q.Form() == sparql.Select || q.Form() == sparql.Ask {
		w.Header().Set("Content-Type", resFormat.MediaType()+"; charset=utf-8")
		if resFormat == results.XML {
			out.trailers = append(out.trailers, hdrReplaced)
		}
		st = s.writeResults(out, res, resFormat)
	} else {
		w.Header().Set("Content-Type", graphRep.ContentType())
		st = s.writeGraph(out, res, graphRep)
	}
	res.Close()
	done()
	s.log.LogAttrs(r.Context(), slog.LevelDebug, "sparql",
		slog.Int("rows", st.rows), slog.Bool("truncated", st.truncated),
		slog.Duration("dur", time.Since(start)), slog.Any("err", st.err))
	switch {
	case st.err != nil && out.err != nil:
		// The client went away, or read too slowly for the query's time;
		// nobody is left to tell.
		out.abort()
	case st.err != nil && !out.committed:
		s.queryFailed(w, r, ctx, lang, st.err)
	case st.err != nil:
		s.abortStream(out, r, ctx, lang, st.err)
	default:
		if st.truncated {
			// Before the commit this is a header; after it, a trailer
			// (declared by the commit).
			w.Header().Set(hdrTruncated, "true")
			w.Header().Set(hdrMaxRows, fmt.Sprint(s.maxRows))
		}
		if st.replaced > 0 {
			w.Header().Set(hdrReplaced, fmt.Sprintf("%d characters XML 1.0 cannot carry were replaced by U+FFFD; ask for application/sparql-results+json for the exact values", st.replaced))
		}
		out.finish()
	}
}

// refuseBusy answers a query that got no turn: 503 with Retry-After when
// the queue was full or the wait outlasted the query timeout.
func (s *Endpoint) refuseBusy(w http.ResponseWriter, r *http.Request, lang string, err error) {
	if r.Context().Err() != nil {
		return // the client went away while waiting
	}
	s.log.InfoContext(r.Context(), "sparql: query refused, server busy", "err", err)
	w.Header().Set("Retry-After", retryAfter)
	detail := i18n.T(lang, "sparqlBusyDetail")
	s.sparqlError(w, r, http.StatusServiceUnavailable, lang, "sparqlBusy", detail)
}

// iriTerms maps protocol graph parameters to IRIs.
func iriTerms(iris []string) []rdf.Term {
	if len(iris) == 0 {
		return nil
	}
	out := make([]rdf.Term, len(iris))
	for i, g := range iris {
		out[i] = rdf.IRI(g)
	}
	return out
}

// queryFailed answers an error that happened before any of the answer was
// sent, with the status that tells the client whose fault it is.
func (s *Endpoint) queryFailed(w http.ResponseWriter, r *http.Request, ctx context.Context, lang string, err error) {
	var (
		le *sparql.LimitError
		xe xmlCharError
	)
	switch {
	case r.Context().Err() != nil && !errors.Is(r.Context().Err(), context.DeadlineExceeded):
		// The client disconnected.
		return
	case ctx.Err() != nil:
		s.log.InfoContext(r.Context(), "sparql: query timed out", "timeout", s.timeout)
		s.sparqlError(w, r, http.StatusServiceUnavailable, lang, "sparqlTimeout", s.timeoutDetail(lang))
	case sparql.ServiceRefused(err):
		s.sparqlError(w, r, http.StatusForbidden, lang, "sparqlServiceRefused", err.Error())
	case errors.As(err, &le):
		// The query is valid but needs more than this server gives one
		// query: the client's to change, so a 4xx.
		s.log.InfoContext(r.Context(), "sparql: query stopped at a limit", "limit", le.Limit, "what", le.What)
		s.sparqlError(w, r, http.StatusUnprocessableEntity, lang, "sparqlLimit", le.Localized(lang))
	case errors.As(err, &xe):
		s.sparqlError(w, r, http.StatusNotAcceptable, lang, "xmlChar", fmt.Sprintf(i18n.T(lang, "sparqlXMLCharDetail"), xe.XMLChar()))
	default:
		s.log.ErrorContext(r.Context(), "sparql: evaluation failed", "err", err)
		s.sparqlError(w, r, http.StatusInternalServerError, lang, "sparqlQueryError", err.Error())
	}
}

func (s *Endpoint) timeoutDetail(lang string) string {
	return i18n.T(lang, "sparqlTimeoutLimit", s.timeout)
}

// abortStream ends a response whose status line is already sent: it writes
// a line that says what happened (and breaks any parser that would take
// the partial answer for a whole one), then aborts the connection, so the
// chunked stream is never properly terminated and every HTTP client reports
// an incomplete body.
func (s *Endpoint) abortStream(out *spool, r *http.Request, ctx context.Context, lang string, err error) {
	msg := i18n.T(lang, "sparqlQueryError")
	var le *sparql.LimitError
	switch {
	case ctx.Err() != nil:
		msg = i18n.T(lang, "sparqlTimeoutStream") + " (" + s.timeoutDetail(lang) + ")"
	case errors.As(err, &le):
		msg, err = i18n.T(lang, "sparqlLimitStream"), errors.New(le.Localized(lang))
	}
	s.log.InfoContext(r.Context(), "sparql: answer cut mid-stream", "err", err)
	fmt.Fprintf(out.out, "\n\n%s: %v\n", msg, err)
	out.flush()
	panic(http.ErrAbortHandler)
}

// syntaxError answers 400 with the parser's message: line and column,
// the message in the client's language, and the offending line with a
// caret under the column.
func (s *Endpoint) syntaxError(w http.ResponseWriter, r *http.Request, lang string, err error) {
	var pe *sparql.SyntaxError
	if !errors.As(err, &pe) {
		s.sparqlError(w, r, http.StatusBadRequest, lang, "sparqlSyntax", err.Error())
		return
	}
	detail := pe.Localized(lang)
	if pe.Snippet != "" {
		detail += "\n\n" + pe.Snippet
	}
	s.sparqlError(w, r, http.StatusBadRequest, lang, "sparqlSyntax", detail)
}

// sparqlError answers an error in text/plain: status, the text for key in
// lang, and the detail. The 406 answer lists the offered types below it.
func (s *Endpoint) sparqlError(w http.ResponseWriter, r *http.Request, code int, lang, key, detail string) {
	msg := i18n.T(lang, key)
	if key == "sparqlNotAcceptable" && detail != "" {
		msg, detail = msg+"\n"+detail, ""
	}
	httpx.TextError(w, r, code, msg, detail)
}

// loadExamples reads the example queries (*.rq) from fsys.
func loadExamples(fsys fs.FS) ([]exampleQuery, error) {
	names, err := fs.Glob(fsys, "*.rq")
	if err != nil {
		return nil, err
	}
	out := make([]exampleQuery, 0, len(names))
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		out = append(out, newExample(n, string(b)))
	}
	return out, nil
}
