package ldserver

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

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/budget"
	"github.com/stadleuven/maturity/sparql/eval"
	"github.com/stadleuven/maturity/sparql/parse"
	"github.com/stadleuven/maturity/sparql/results"
	"github.com/stadleuven/maturity/sparql/service"
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

// xmlCharRefused answers 406 when err is an xmlCharError: a document
// rendered as RDF/XML (/doc/….rdf, /graph/….rdf) whose data holds such a
// character. The RDF/XML writer fails before it writes anything, so the
// status is still free; the answer names the character and the formats
// that carry it.
func (s *Server) xmlCharRefused(w http.ResponseWriter, r *http.Request, err error) bool {
	var xe xmlCharError
	if !errors.As(err, &xe) {
		return false
	}
	lang, _ := s.pickLang(r)
	w.Header().Del("Content-Disposition")
	s.sparqlError(w, r, http.StatusNotAcceptable, lang, smXMLChar, fmt.Sprintf(smsg(lang, smXMLCharDoc), xe.XMLChar()))
	return true
}

// endpoint is the SPARQL endpoint's state, fixed when the server is built.
type endpoint struct {
	mode     sparql.DefaultGraphMode
	timeout  time.Duration
	maxRows  int
	limits   sparql.Limits
	admit    *admission
	service  *service.Client // nil: SERVICE is refused
	examples []exampleQuery
	sd       sdCache
	spool    int      // bytes held back before a response is committed
	plain    sync.Map // asset name → decompressed body
	tables   *sparql.TableCache
}

// newEndpoint applies the defaults of the endpoint's part of cfg.
func newEndpoint(cfg *Config) (*endpoint, error) {
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = DefaultQueryTimeout
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
	e := &endpoint{mode: sparql.UnionDefaultGraph, timeout: cfg.QueryTimeout, maxRows: cfg.MaxRows, spool: 64 << 10,
		limits: cfg.QueryLimits, admit: newAdmission(cfg.MaxQueries, cfg.MaxQueued)}
	if cfg.DefaultGraphOwn {
		e.mode = sparql.OwnDefaultGraph
	}
	switch {
	case cfg.TableCacheBytes == 0:
		e.tables = sparql.NewTableCache(sparql.DefaultTableCacheBytes)
	case cfg.TableCacheBytes > 0:
		e.tables = sparql.NewTableCache(cfg.TableCacheBytes)
	}
	if len(cfg.ServiceAllow) > 0 {
		c, err := service.New(cfg.ServiceAllow)
		if err != nil {
			return nil, fmt.Errorf("ldserver: %w", err)
		}
		e.service = c
	}
	if cfg.Queries != nil {
		ex, err := loadExamples(cfg.Queries)
		if err != nil {
			return nil, fmt.Errorf("ldserver: example queries: %w", err)
		}
		e.examples = ex
	}
	return e, nil
}

// routeSPARQL registers the SPARQL 1.1 protocol endpoint and its query page.
func (s *Server) routeSPARQL(r chi.Router) {
	// Every method reaches the handler, so that a PUT gets the protocol's
	// answer (405 with the right Allow) rather than the router's.
	r.HandleFunc("/sparql", s.serveSPARQL)
	get(r, "/sparql/ui/{file}", s.serveYasguiAsset)
}

// serveSPARQL answers a SPARQL protocol request: a query, the service
// description (GET without a query) or the query page (a browser).
func (s *Server) serveSPARQL(w http.ResponseWriter, r *http.Request) {
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
		s.sparqlError(w, r, http.StatusBadRequest, lang, smNoQuery, "")
		return
	}
	q, err := sparql.Parse(pr.query, sparql.ParseOptions{Base: s.base.iri, Limits: s.sparql.limits})
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
	for _, mr := range parseAccept(accept) {
		full := mr.typ + "/" + mr.sub
		switch {
		case full == "text/html" || full == "application/xhtml+xml":
			htmlQ = max(htmlQ, mr.q)
		case mr.typ != "*" && mr.sub != "*" && isDataType(full):
			dataQ = max(dataQ, mr.q)
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
	r, ok := repForName(mt)
	return ok && !r.html
}

// runQuery evaluates q and streams its answer in the negotiated format.
func (s *Server) runQuery(w http.ResponseWriter, r *http.Request, lang string, pr *protoRequest, q *sparql.Query) {
	var (
		resFormat results.Format
		graphRep  rep
		ok        bool
	)
	switch q.Form() {
	case algebra.Select, algebra.Ask:
		offers := selectOffers
		if q.Form() == algebra.Ask {
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
			graphRep, ok = negotiate(r.Header.Get("Accept"), graphOffers)
		}
	}
	if !ok {
		s.sparqlError(w, r, http.StatusNotAcceptable, lang, smNotAcceptable, strings.Join(offeredTypes(selectOffers, graphOffers), "\n"))
		return
	}

	// A query waits for its turn at most as long as it may run; the
	// timeout of the evaluation starts when the turn comes.
	wait, stopWaiting := context.WithTimeout(r.Context(), s.sparql.timeout)
	release, err := s.sparql.admit.acquire(wait)
	stopWaiting()
	if err != nil {
		s.refuseBusy(w, r, lang, err)
		return
	}
	defer release()
	ctx, cancel := context.WithTimeout(r.Context(), s.sparql.timeout)
	defer cancel()
	v, ok := s.view(w, r)
	if !ok {
		return
	}
	defer v.Close()
	opts := sparql.ExecOptions{
		DefaultGraph:     s.sparql.mode,
		DefaultGraphIRIs: iriTerms(pr.defaultGraphs),
		NamedGraphIRIs:   iriTerms(pr.namedGraphs),
		Limits:           s.sparql.limits,
		Tables:           s.sparql.tables,
	}
	if s.sparql.service != nil {
		opts.Service = s.sparql.service
	}
	start := time.Now()
	res, err := sparql.Exec(ctx, v, q, opts)
	if err != nil {
		s.queryFailed(w, r, ctx, lang, err)
		return
	}
	defer res.Close()

	out := &spool{w: w, limit: s.sparql.spool, gzip: acceptsGzip(r.Header.Get("Accept-Encoding"))}
	var st streamStatus
	if q.Form() == algebra.Select || q.Form() == algebra.Ask {
		w.Header().Set("Content-Type", resFormat.MediaType()+"; charset=utf-8")
		if resFormat == results.XML {
			out.trailers = append(out.trailers, hdrReplaced)
		}
		st = s.writeResults(out, res, resFormat)
	} else {
		w.Header().Set("Content-Type", graphRep.contentType())
		st = s.writeGraph(out, res, graphRep)
	}
	s.log.LogAttrs(r.Context(), slog.LevelDebug, "sparql",
		slog.Int("rows", st.rows), slog.Bool("truncated", st.truncated),
		slog.Duration("dur", time.Since(start)), slog.Any("err", st.err))
	switch {
	case st.err != nil && out.err != nil:
		// The client went away; nobody is left to tell.
	case st.err != nil && !out.committed:
		s.queryFailed(w, r, ctx, lang, st.err)
	case st.err != nil:
		s.abortStream(out, r, ctx, lang, st.err)
	default:
		if st.truncated {
			// Before the commit this is a header; after it, a trailer
			// (declared by the commit).
			w.Header().Set(hdrTruncated, "true")
			w.Header().Set(hdrMaxRows, fmt.Sprint(s.sparql.maxRows))
		}
		if st.replaced > 0 {
			w.Header().Set(hdrReplaced, fmt.Sprintf("%d characters XML 1.0 cannot carry were replaced by U+FFFD; ask for application/sparql-results+json for the exact values", st.replaced))
		}
		out.finish()
	}
}

// refuseBusy answers a query that got no turn: 503 with Retry-After when
// the queue was full or the wait outlasted the query timeout.
func (s *Server) refuseBusy(w http.ResponseWriter, r *http.Request, lang string, err error) {
	if r.Context().Err() != nil {
		return // the client went away while waiting
	}
	s.log.InfoContext(r.Context(), "sparql: query refused, server busy", "err", err)
	w.Header().Set("Retry-After", retryAfter)
	detail := smsg(lang, smBusyDetail)
	s.sparqlError(w, r, http.StatusServiceUnavailable, lang, smBusy, detail)
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
func (s *Server) queryFailed(w http.ResponseWriter, r *http.Request, ctx context.Context, lang string, err error) {
	var (
		le *budget.Error
		xe xmlCharError
	)
	switch {
	case r.Context().Err() != nil && !errors.Is(r.Context().Err(), context.DeadlineExceeded):
		// The client disconnected.
		return
	case ctx.Err() != nil:
		s.log.InfoContext(r.Context(), "sparql: query timed out", "timeout", s.sparql.timeout)
		s.sparqlError(w, r, http.StatusServiceUnavailable, lang, smTimeout, s.timeoutDetail(lang))
	case errors.Is(err, eval.ErrNoService) || errors.Is(err, service.ErrNotAllowed):
		s.sparqlError(w, r, http.StatusForbidden, lang, smServiceRefused, err.Error())
	case errors.As(err, &le):
		// The query is valid but needs more than this server gives one
		// query: the client's to change, so a 4xx.
		s.log.InfoContext(r.Context(), "sparql: query stopped at a limit", "limit", le.Limit, "what", le.What)
		s.sparqlError(w, r, http.StatusUnprocessableEntity, lang, smLimit, le.Localized(lang))
	case errors.As(err, &xe):
		s.sparqlError(w, r, http.StatusNotAcceptable, lang, smXMLChar, fmt.Sprintf(smsg(lang, smXMLCharDetail), xe.XMLChar()))
	default:
		s.log.ErrorContext(r.Context(), "sparql: evaluation failed", "err", err)
		s.sparqlError(w, r, http.StatusInternalServerError, lang, smQueryError, err.Error())
	}
}

func (s *Server) timeoutDetail(lang string) string {
	if lang == "en" {
		return "limit " + s.sparql.timeout.String()
	}
	return "grens " + s.sparql.timeout.String()
}

// abortStream ends a response whose status line is already sent: it writes
// a line that says what happened (and breaks any parser that would take
// the partial answer for a whole one), then aborts the connection, so the
// chunked stream is never properly terminated and every HTTP client reports
// an incomplete body.
func (s *Server) abortStream(out *spool, r *http.Request, ctx context.Context, lang string, err error) {
	msg := smsg(lang, smQueryError)
	var le *budget.Error
	switch {
	case ctx.Err() != nil:
		msg = smsg(lang, smTimeoutStream) + " (" + s.timeoutDetail(lang) + ")"
	case errors.As(err, &le):
		msg, err = smsg(lang, smLimitStream), errors.New(le.Localized(lang))
	}
	s.log.InfoContext(r.Context(), "sparql: answer cut mid-stream", "err", err)
	fmt.Fprintf(out.out, "\n\n%s: %v\n", msg, err)
	out.flush()
	panic(http.ErrAbortHandler)
}

// syntaxError answers 400 with the parser's message: line and column,
// the message in the client's language, and the offending line with a
// caret under the column.
func (s *Server) syntaxError(w http.ResponseWriter, r *http.Request, lang string, err error) {
	var pe *parse.Error
	if !errors.As(err, &pe) {
		s.sparqlError(w, r, http.StatusBadRequest, lang, smSyntax, err.Error())
		return
	}
	detail := pe.Localized(lang)
	if pe.Snippet != "" {
		detail += "\n\n" + pe.Snippet
	}
	s.sparqlError(w, r, http.StatusBadRequest, lang, smSyntax, detail)
}

// sparqlError answers an error in text/plain: status, the text for key in
// lang, and the detail.
func (s *Server) sparqlError(w http.ResponseWriter, r *http.Request, code int, lang string, key sparqlMsg, detail string) {
	h := w.Header()
	h.Del("Content-Length")
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if r.Method == http.MethodHead {
		return
	}
	msg := smsg(lang, key)
	switch {
	case detail == "":
		fmt.Fprintf(w, "%d %s\n", code, msg)
	case strings.Contains(detail, "\n") && key == smNotAcceptable:
		fmt.Fprintf(w, "%d %s\n%s\n", code, msg, detail)
	default:
		fmt.Fprintf(w, "%d %s: %s\n", code, msg, detail)
	}
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
