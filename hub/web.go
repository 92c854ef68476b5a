package hub

import (
	"bytes"
	"context"
	"embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/harvest"
	"github.com/stadleuven/maturity/vocab"
)

// Source hands out consistent read views of the hub's data.
type Source interface {
	View(ctx context.Context) (View, error)
}

// View is one consistent read view; the store's snapshots satisfy it.
type View interface {
	dataset.Dataset
	Generation() uint64
	Close() error
}

// Config configures the hub's pages.
type Config struct {
	Base    string           // the hub's public base
	Sources []harvest.Source // the source list, in the operator's order
	// QueryEndpoint is the public SPARQL endpoint of the external store
	// the hub mirrors into ("" none): the pages send heavy queries there.
	QueryEndpoint string
	Store         harvest.Store // where the harvest status is read
	Views         Source        // where the cross-city table is computed
	Log           *slog.Logger
}

// Hub serves the harvest status page and the cross-city view.
type Hub struct {
	cfg  Config
	tmpl *template.Template

	mu    sync.Mutex
	gen   uint64
	model *vocab.Model
	cache map[Filter]*Comparison // of generation gen
	// statuses were read at generation statusGen (nil: not yet).
	statuses  []*harvest.Status
	statusGen uint64
}

//go:embed templates/*.tmpl
var templateFS embed.FS

// New returns the hub's pages.
func New(cfg Config) (*Hub, error) {
	if !strings.HasSuffix(cfg.Base, "/") {
		cfg.Base += "/"
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	t, err := template.New("").Funcs(template.FuncMap{
		"num": formatNumber,
		"int": formatCount,
		// breakable lets a narrow column header wrap after a slash
		// ("Visie/strategie") rather than inside a word.
		"breakable": func(s string) string { return strings.ReplaceAll(s, "/", "/\u200b") },
		"host": func(iri string) string {
			if u, err := url.Parse(iri); err == nil && u.Host != "" {
				return u.Host
			}
			return iri
		},
		"when": func(t time.Time, lang string) string {
			if t.IsZero() {
				return "—"
			}
			return t.UTC().Format("2006-01-02 15:04:05") + " UTC"
		},
	}).ParseFS(templateFS, "templates/*.tmpl")
	if err != nil {
		return nil, err
	}
	return &Hub{cfg: cfg, tmpl: t}, nil
}

// Routes are the hub's pages, for the server's router: the status page
// and the cross-city view.
func (h *Hub) Routes() map[string]http.Handler {
	return map[string]http.Handler{
		"/oogst":        http.HandlerFunc(h.serveStatus),
		"/vergelijking": http.HandlerFunc(h.serveCompare),
	}
}

// formatNumber writes a score as people in the language read it: 2,5 in
// Dutch, 2.5 in English, no trailing zeros.
func formatNumber(x float64, lang string) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if strings.Contains(s, ".") && len(s[strings.Index(s, "."):]) > 3 {
		s = strconv.FormatFloat(x, 'f', 2, 64)
	}
	if lang == "nl" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// formatCount writes a count with thousands grouped as people in the
// language read it: 10.050.091 in Dutch, 10,050,091 in English.
func formatCount(n any, lang string) string {
	var v int64
	switch x := n.(type) {
	case int:
		v = int64(x)
	case int64:
		v = x
	default:
		return fmt.Sprint(n)
	}
	sep := ","
	if lang == "nl" {
		sep = "."
	}
	s := strconv.FormatInt(v, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// request is what a page request asks for.
type request struct {
	lang   string // nl or en
	format string // html, json or csv
}

func parseRequest(r *http.Request) request {
	q := r.URL.Query()
	req := request{lang: "nl", format: "html"}
	switch l := q.Get("lang"); {
	case l == "en" || l == "nl":
		req.lang = l
	case l == "":
		for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
			tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
			if strings.HasPrefix(tag, "nl") {
				break
			}
			if strings.HasPrefix(tag, "en") {
				req.lang = "en"
				break
			}
		}
	}
	switch f := q.Get("format"); {
	case f == "json" || f == "csv":
		req.format = f
	case f == "":
		accept := r.Header.Get("Accept")
		switch {
		case strings.Contains(accept, "text/html"):
		case strings.Contains(accept, "application/json"):
			req.format = "json"
		case strings.Contains(accept, "text/csv"):
			req.format = "csv"
		}
	}
	return req
}

// page is what every HTML page's layout needs.
type page struct {
	Lang       string
	Title      string
	CSS        string
	Home       string
	LangSwitch string
	Wide       bool   // a wide table: the page takes the screen's width
	Endpoint   string // Config.QueryEndpoint
	T          func(string) string
}

func (h *Hub) page(r *http.Request, lang, title string) page {
	q := r.URL.Query()
	other := "en"
	if lang == "en" {
		other = "nl"
	}
	q.Set("lang", other)
	u := *r.URL
	u.RawQuery = q.Encode()
	base, _ := url.Parse(h.cfg.Base)
	return page{Lang: lang, Title: title, CSS: base.Path + "static/style.css", Home: base.Path, Endpoint: h.cfg.QueryEndpoint,
		LangSwitch: base.Path + strings.TrimPrefix(u.Path, "/") + "?" + u.RawQuery, T: func(k string) string { return text(k, lang) }}
}

func (h *Hub) render(w http.ResponseWriter, r *http.Request, name string, data any) {
	var buf bytes.Buffer
	if err := h.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Vary", "Accept, Accept-Language")
	w.Write(buf.Bytes())
}

func (h *Hub) fail(w http.ResponseWriter, r *http.Request, err error) {
	h.cfg.Log.ErrorContext(r.Context(), "hub page", "path", r.URL.Path, "err", err)
	http.Error(w, "500 interne fout (internal error)", http.StatusInternalServerError)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Vary", "Accept, Accept-Language")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// ---------------------------------------------------------------- status

// statusJSON is one source in the status page's JSON.
type statusJSON struct {
	ID            string            `json:"id"`
	Catalog       string            `json:"catalog"`
	Endpoint      string            `json:"endpoint,omitempty"`
	Healthy       bool              `json:"healthy"`
	LastAttempt   *time.Time        `json:"last_attempt"`
	LastSuccess   *time.Time        `json:"last_success"`
	LastError     string            `json:"last_error,omitempty"`
	ErrorTime     *time.Time        `json:"last_error_time,omitempty"`
	Failures      int               `json:"consecutive_failures"`
	NextAttempt   *time.Time        `json:"next_attempt"`
	Datasets      int               `json:"datasets"`
	Graphs        int               `json:"graphs"`
	Triples       int64             `json:"triples"`
	Withdrawn     int               `json:"withdrawn"`
	Requests      int               `json:"last_requests"`
	NotModified   int               `json:"last_not_modified"`
	Bytes         int64             `json:"last_bytes"`
	DatasetErrors map[string]string `json:"dataset_errors,omitempty"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// Statuses reads the status of every configured source. The answer is
// kept until the store changes: reading 300 sources' status and records
// graphs takes seconds, and the status page is reloaded far more often
// than a harvest writes.
func (h *Hub) Statuses(ctx context.Context) ([]*harvest.Status, error) {
	v, err := h.cfg.Views.View(ctx)
	if err != nil {
		return nil, err
	}
	gen := v.Generation()
	v.Close()
	h.mu.Lock()
	if h.statuses != nil && h.statusGen == gen {
		defer h.mu.Unlock()
		return h.statuses, nil
	}
	h.mu.Unlock()
	out, err := h.readStatuses(ctx)
	if err != nil {
		return nil, err
	}
	h.mu.Lock()
	h.statuses, h.statusGen = out, gen
	h.mu.Unlock()
	return out, nil
}

func (h *Hub) readStatuses(ctx context.Context) ([]*harvest.Status, error) {
	out := make([]*harvest.Status, 0, len(h.cfg.Sources))
	for _, src := range h.cfg.Sources {
		st, err := harvest.ReadStatus(ctx, h.cfg.Store, h.cfg.Base, src)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

func (h *Hub) serveStatus(w http.ResponseWriter, r *http.Request) {
	req := parseRequest(r)
	sts, err := h.Statuses(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	if req.format == "json" || req.format == "csv" {
		out := make([]statusJSON, len(sts))
		for i, s := range sts {
			out[i] = statusJSON{ID: s.ID, Catalog: s.Catalog, Endpoint: s.Endpoint, Healthy: s.Healthy(),
				LastAttempt: timePtr(s.LastAttempt), LastSuccess: timePtr(s.LastSuccess), LastError: s.LastError,
				ErrorTime: timePtr(s.ErrorTime), Failures: s.Failures, NextAttempt: timePtr(s.NextAttempt),
				Datasets: s.Datasets, Graphs: s.Graphs, Triples: s.Triples, Withdrawn: s.Withdrawn,
				Requests: s.Requests, NotModified: s.NotModified, Bytes: s.Bytes, DatasetErrors: s.DatasetErrors}
		}
		doc := map[string]any{"sources": out}
		if h.cfg.QueryEndpoint != "" {
			doc["query_endpoint"] = h.cfg.QueryEndpoint
		}
		writeJSON(w, doc)
		return
	}
	totals := struct {
		Datasets, Graphs, Withdrawn, Failing int
		Triples                              int64
	}{}
	for _, s := range sts {
		totals.Datasets += s.Datasets
		totals.Withdrawn += s.Withdrawn
		totals.Graphs += s.Graphs
		totals.Triples += s.Triples
		if !s.Healthy() {
			totals.Failing++
		}
	}
	pg := h.page(r, req.lang, text("statusTitle", req.lang))
	pg.Wide = true
	h.render(w, r, "status", map[string]any{
		"Page":     pg,
		"Sources":  sts,
		"Totals":   totals,
		"Lang":     req.lang,
		"JSONHref": "oogst?format=json",
	})
}

// ---------------------------------------------------------------- compare

// comparison computes (or recalls, for the same data) the table.
func (h *Hub) comparison(ctx context.Context, f Filter) (*Comparison, error) {
	v, err := h.cfg.Views.View(ctx)
	if err != nil {
		return nil, err
	}
	defer v.Close()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.model == nil || h.gen != v.Generation() {
		m, err := ReadModel(ctx, v, h.cfg.Base)
		if err != nil {
			return nil, err
		}
		h.model, h.gen, h.cache = m, v.Generation(), map[Filter]*Comparison{}
	}
	if c, ok := h.cache[f]; ok {
		return c, nil
	}
	c, err := Compare(ctx, v, h.model, f)
	if err != nil {
		return nil, err
	}
	if len(h.cache) > 64 {
		h.cache = map[Filter]*Comparison{}
	}
	h.cache[f] = c
	return c, nil
}

// filterOf reads the filter from the query string; a bad value is an
// error for the user.
func filterOf(r *http.Request, lang string) (Filter, error) {
	q := r.URL.Query()
	f := Filter{Measure: Maturity, Province: q.Get("provincie")}
	if y := q.Get("jaar"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2100 {
			return f, fmt.Errorf("%s", text("badYear", lang))
		}
		f.Year = n
	}
	switch m := Measure(q.Get("maat")); m {
	case "":
	case Maturity, Need, Gap:
		f.Measure = m
	default:
		return f, fmt.Errorf("%s", text("badMeasure", lang))
	}
	if f.Province != "" {
		ok := false
		for _, p := range Provinces() {
			ok = ok || p.Slug == f.Province
		}
		if !ok {
			return f, fmt.Errorf("%s", text("badProvince", lang))
		}
	}
	return f, nil
}

// compareJSON is the cross-city table as JSON.
type compareJSON struct {
	Year     int            `json:"year,omitempty"`
	Province string         `json:"province,omitempty"`
	Measure  Measure        `json:"measure"`
	Domains  []domainJSON   `json:"domains"`
	Rows     []rowJSON      `json:"organisations"`
	Spread   map[string]any `json:"spread"`
}

type domainJSON struct {
	IRI   string `json:"iri"`
	Label string `json:"label"`
}

type rowJSON struct {
	Org      string           `json:"organisation"`
	Name     string           `json:"name"`
	NIS      string           `json:"nis,omitempty"`
	Province string           `json:"province"`
	Year     int              `json:"year"`
	Scores   map[string]*Cell `json:"scores"`
}

func (h *Hub) serveCompare(w http.ResponseWriter, r *http.Request) {
	req := parseRequest(r)
	f, ferr := filterOf(r, req.lang)
	c, err := h.comparison(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if ferr != nil {
		w.WriteHeader(http.StatusBadRequest)
		if req.format != "html" {
			fmt.Fprintln(w, ferr)
			return
		}
	}
	switch req.format {
	case "json":
		out := compareJSON{Year: f.Year, Province: f.Province, Measure: f.Measure, Spread: map[string]any{}}
		for i, d := range c.Domains {
			out.Domains = append(out.Domains, domainJSON{IRI: d.IRI, Label: d.Label.In(req.lang)})
			s := c.Spread[i]
			out.Spread[d.IRI] = map[string]any{"n": s.N, "min": s.Min, "q1": s.Q1, "median": s.Median, "q3": s.Q3, "max": s.Max, "mean": s.Mean}
		}
		for _, row := range c.Rows {
			rj := rowJSON{Org: row.Org, Name: row.Name.In(req.lang), NIS: row.NIS, Province: row.Province.Slug, Year: row.Year, Scores: map[string]*Cell{}}
			for i, cell := range row.Cells {
				if cell != nil {
					rj.Scores[c.Domains[i].IRI] = cell
				}
			}
			out.Rows = append(out.Rows, rj)
		}
		writeJSON(w, out)
	case "csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		cw := csv.NewWriter(w)
		head := []string{strings.ToLower(text("organisation", req.lang)), text("name", req.lang), "nis", strings.ToLower(text("province", req.lang)), strings.ToLower(text("year", req.lang))}
		for _, d := range c.Domains {
			head = append(head, d.Label.In(req.lang))
		}
		cw.Write(head)
		for _, row := range c.Rows {
			rec := []string{row.Org, row.Name.In(req.lang), row.NIS, row.Province.Slug, strconv.Itoa(row.Year)}
			for _, cell := range row.Cells {
				if cell == nil {
					rec = append(rec, "")
				} else {
					rec = append(rec, strconv.FormatFloat(cell.Value, 'f', -1, 64))
				}
			}
			cw.Write(rec)
		}
		cw.Flush()
	default:
		pg := h.page(r, req.lang, text("compareTitle", req.lang))
		pg.Wide = true
		caption := "caption"
		if f.Measure == Gap {
			caption = "captionGap"
		}
		h.render(w, r, "compare", map[string]any{
			"Page":       pg,
			"CaptionKey": caption,
			"C":          c,
			"Lang":       req.lang,
			"Error":      ferr,
			"Provinces":  Provinces(),
			"Measures":   []Measure{Maturity, Need, Gap},
			"Query":      r.URL.Query(),
		})
	}
}
