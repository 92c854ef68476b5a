package webapp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Writer replaces whole named graphs. cmd/maturity adapts the store; the
// web app never sees it otherwise.
type Writer interface {
	// ReplaceGraphs replaces every listed graph with its quads in one
	// atomic write: readers see all of them change or none.
	ReplaceGraphs(ctx context.Context, graphs []GraphContent) error
}

// GraphContent is the complete new content of one named graph.
type GraphContent struct {
	Graph rdf.Term
	Quads []rdf.Quad
}

// Config configures the web app. Only Base is needed; the rest has
// defaults.
type Config struct {
	Base        string // the public base, as the linked-data server's
	Licence     string // licence IRI of the published data; default CC0
	DefaultLang string // "nl" (default) or "en"
	Logger      *slog.Logger
	// Namespaces are the shared namespaces of the loaded model, so links
	// lead to this instance's copies of the model's pages.
	Namespaces []vocab.Namespace
	// Writer turns on the assessment form at /evaluatie/nieuw; nil leaves
	// only the plan page, which reads. EditToken, when set, is what a
	// client must present to publish; when empty, only loopback clients
	// may edit (see access.go).
	Writer    Writer
	EditToken string
}

// maxFormBytes bounds a posted form or CSV upload; a sheet of eleven
// domains with long rationales stays far below it.
const maxFormBytes = 2 << 20

// App is the web app: the assessment form, the upload of a sheet and the
// action plan. Build one with New; Routes registers it.
type App struct {
	cfg  Config
	base httpx.Base
	site *htmlui.Site
	src  readview.Source
	log  *slog.Logger
	tmpl *template.Template
	// mu serialises publishes so that two of them cannot both claim the
	// same version number.
	mu   sync.Mutex
	csrf *http.CrossOriginProtection
}

// New builds the web app over src.
func New(cfg Config, src readview.Source) (*App, error) {
	b, err := httpx.ParseBase(cfg.Base, cfg.Namespaces)
	if err != nil {
		return nil, fmt.Errorf("webapp: %w", err)
	}
	if cfg.Licence == "" {
		cfg.Licence = "http://creativecommons.org/publicdomain/zero/1.0/"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	site, err := htmlui.New(b, cfg.Licence, cfg.DefaultLang)
	if err != nil {
		return nil, err
	}
	t, err := site.Templates(templateFS, nil, "templates/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("webapp: templates: %w", err)
	}
	c := http.NewCrossOriginProtection()
	// Behind a proxy the Host header may differ from the public base;

	if err := c.AddTrustedOrigin(b.Origin()); err != nil {
		return nil, fmt.Errorf("webapp: %w", err)
	}
	return &App{cfg: cfg, base: b, site: site, src: src, log: cfg.Logger, tmpl: t, csrf: c}, nil
}

// Routes registers the plan page always (it only reads), and the form
// when a Writer is configured.
func (s *App) Routes(r chi.Router) {
	get(r, "/evaluatie/plan", s.servePlan)
	if s.cfg.Writer == nil {
		return
	}
	get(r, "/evaluatie/nieuw", s.serveEditForm)
	get(r, "/evaluatie", func(w http.ResponseWriter, r *http.Request) {
		u := s.base.URL("evaluatie/nieuw")
		if r.URL.RawQuery != "" {
			u += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, u, http.StatusFound)
	})
	r.Post("/evaluatie", s.servePublish)
	r.Post("/evaluatie/csv", s.serveCSVUpload)
}

// get registers h for GET and HEAD (net/http drops the body of a HEAD).
func get(r chi.Router, pattern string, h http.HandlerFunc) {
	r.Get(pattern, h)
	r.Head(pattern, h)
}

// pickLang chooses a page's language: ?lang= (fromParam: links and form
// actions carry it on), else Accept-Language, else the default.
func (s *App) pickLang(r *http.Request) (lang string, fromParam bool) {
	return s.site.PickLang(r)
}

// view opens a read view for a request, answering 503 itself on failure.
func (s *App) view(w http.ResponseWriter, r *http.Request) (readview.View, bool) {
	v, err := s.src.View(r.Context())
	if err != nil {
		s.log.ErrorContext(r.Context(), "open view", "err", err)
		s.message(w, r, http.StatusServiceUnavailable, "unavailable")
		return nil, false
	}
	return v, true
}

// serveEditForm shows the form, pre-filled from the current version of the
// chosen organisation's assessment for the chosen year, if any.
func (s *App) serveEditForm(w http.ResponseWriter, r *http.Request) {
	acc, ok := s.editAccess(w, r)
	if !ok {
		return
	}
	fc, ok := s.formContext(w, r)
	if !ok {
		return
	}
	defer fc.close()
	f := fc.newForm(acc)
	q := r.URL.Query()
	if q.Get("org") != "" || q.Get("year") != "" {
		f.setKey(q.Get("org"), q.Get("year"))
		if len(f.KeyErrors) == 0 {
			if err := fc.prefill(r.Context(), f); err != nil {
				s.editFailed(w, r, err)
				return
			}
		}
	} else {
		f.Year = strconv.Itoa(time.Now().Year())
	}
	s.renderEdit(w, r, fc, f, http.StatusOK)
}

// servePublish validates a posted form and, when it is complete, writes a
// new version and sends the browser to the assessment's page.
func (s *App) servePublish(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.message(w, r, http.StatusBadRequest, "errForm")
		return
	}
	acc, ok := s.editAccess(w, r)
	if !ok {
		return
	}
	fc, ok := s.formContext(w, r)
	if !ok {
		return
	}
	defer fc.close()
	f := fc.newForm(acc)
	f.setKey(r.PostForm.Get("org"), r.PostForm.Get("year"))
	a := f.read(r.PostForm)
	if !acc.granted {
		s.renderEdit(w, r, fc, f, http.StatusUnauthorized)
		return
	}
	if f.hasErrors() {
		s.renderEdit(w, r, fc, f, http.StatusUnprocessableEntity)
		return
	}
	// No read view may stay open across the write: a commit that must
	// grow the store's memory map waits for every one (store/doc.go).
	fc.close()
	v, err := s.publish(r.Context(), fc, a)
	if err != nil {
		s.log.ErrorContext(r.Context(), "publish assessment", "org", a.Org, "year", a.Year, "err", err)
		if ie, ok := errors.AsType[*assess.IntegrityError](err); ok {
			f.fail("evaluatie", i18n.T(fc.lang, "errIntegrity", ie.Constraints()))
		} else {
			f.fail("evaluatie", i18n.T(fc.lang, "errWrite"))
		}
		s.renderEdit(w, r, fc, f, http.StatusInternalServerError)
		return
	}
	s.log.InfoContext(r.Context(), "published assessment", "org", a.Org, "year", a.Year, "version", v)
	acc.setCookie(w)
	loc := s.base.URL("doc/evaluatie/" + a.Org + "/" + strconv.Itoa(a.Year))
	if fc.langParam {
		loc += "?lang=" + fc.lang
	}
	http.Redirect(w, r, loc, http.StatusSeeOther)
}

// publish builds the next version, checks it against the Data Cube
// integrity constraints (assess.CheckPublish: a cube that breaks one is
// refused) and writes its graphs in one write. The lock spans reading the
// version number and writing, so concurrent publishes get consecutive
// versions.
func (s *App) publish(ctx context.Context, fc *formContext, a *assess.Assessment) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.src.View(ctx)
	if err != nil {
		return 0, fmt.Errorf("open view: %w", err)
	}
	defer v.Close()
	a.Version, err = assess.NextAssessmentVersion(ctx, v, s.base.IRI, a.Org, a.Year)
	if err == nil {
		a.OrgLabel, err = assess.OrgLabel(ctx, v, s.base.IRI, a.Org)
	}
	if err != nil {
		return 0, err
	}
	a.Generated = time.Now()
	a.Licence = s.cfg.Licence
	graphs, err := assess.BuildAssessment(ctx, s.base.IRI, fc.model, a)
	if err != nil {
		return 0, err
	}
	if err := assess.CheckPublish(ctx, v, s.base.IRI, graphs); err != nil {
		return 0, err
	}
	gcs := make([]GraphContent, len(graphs))
	for i, g := range graphs {
		gcs[i] = GraphContent{Graph: rdf.IRI(g.IRI), Quads: g.Quads}
	}
	v.Close() // before the write, see servePublish
	if err := s.cfg.Writer.ReplaceGraphs(ctx, gcs); err != nil {
		return 0, fmt.Errorf("write %s: %w", vocab.AssessmentVersion(s.base.IRI, a.Org, a.Year, a.Version), err)
	}
	return a.Version, nil
}

// serveCSVUpload reads an uploaded self-assessment sheet into the form for
// the user to check; it writes nothing.
func (s *App) serveCSVUpload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseMultipartForm(maxFormBytes); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.message(w, r, http.StatusBadRequest, "errForm")
		return
	}
	acc, ok := s.editAccess(w, r)
	if !ok {
		return
	}
	fc, ok := s.formContext(w, r)
	if !ok {
		return
	}
	defer fc.close()
	f := fc.newForm(acc)
	f.setKey(r.FormValue("org"), r.FormValue("year"))
	f.Method = r.FormValue("method")
	f.Author = r.FormValue("author")
	status := http.StatusOK
	file, hdr, err := r.FormFile("bestand")
	switch {
	case err != nil || hdr.Size == 0:
		f.CSVError = i18n.T(fc.lang, "errCSVMissing")
		status = http.StatusUnprocessableEntity
	default:
		defer file.Close()
		scores, err := assess.ReadSelfAssessment(file, hdr.Filename, fc.model)
		if err != nil {
			f.CSVError = i18n.T(fc.lang, "errCSV", csvMessage(err, fc.lang))
			status = http.StatusUnprocessableEntity
			break
		}
		f.fill(scores)
		f.Notice = i18n.T(fc.lang, "csvRead", hdr.Filename, len(scores))
	}
	s.renderEdit(w, r, fc, f, status)
}

// csvMessage is a sheet error in the page's language, with row and column.
func csvMessage(err error, lang string) string {
	var ce *assess.CSVError
	if errors.As(err, &ce) && lang == "en" {
		return ce.English()
	}
	return err.Error()
}

// renderEdit writes the form page with status; forms are never cached.
func (s *App) renderEdit(w http.ResponseWriter, r *http.Request, fc *formContext, f *editForm, status int) {
	var buf bytes.Buffer
	title := i18n.T(fc.lang, "formTitle")
	if f.hasErrors() || f.CSVError != "" || f.TokenErr != "" {
		// Screen readers announce the title first: say at once that
		// something needs correcting.
		title = i18n.T(fc.lang, "errTitle") + " – " + title
	}
	p := s.editPage(r, fc.lang, fc.langParam, title)
	p.Form = f
	if err := s.tmpl.ExecuteTemplate(&buf, "edit", p); err != nil {
		s.editFailed(w, r, fmt.Errorf("render edit form: %w", err))
		return
	}
	writeEditPage(w, r, status, buf.Bytes())
}

// writeEditPage sends an HTML page that must not be cached or framed (the
// form carries a token and publishes on click).
func writeEditPage(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "frame-ancestors 'none'")
	h.Set("Vary", "Accept-Language, Cookie")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// editFailed logs an unexpected error and answers 500.
func (s *App) editFailed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.DeadlineExceeded) {
		s.message(w, r, http.StatusServiceUnavailable, "timeout")
		return
	}
	s.log.ErrorContext(r.Context(), "assessment form", "err", err)
	s.message(w, r, http.StatusInternalServerError, "internal")
}
