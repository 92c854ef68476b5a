package webapp

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/private"
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
	// only the plan page, which reads.
	Writer Writer
	// Private holds the accounts, sessions and drafts; nil turns accounts
	// off (then only a truly local request or the edit token may edit).
	Private *private.DB
	// EditToken, when set, lets a script edit the assessments of
	// EditTokenOrg, presented as "Authorization: Bearer TOKEN".
	EditToken    string
	EditTokenOrg string
	// TrustProxy names the reverse proxies whose X-Forwarded-* headers
	// are believed (none by default).
	TrustProxy httpx.Proxies
	// A session ends SessionTTL after signing in (default 8h), or after
	// SessionIdle without a request (default 2h).
	SessionTTL  time.Duration
	SessionIdle time.Duration
}

// Defaults of the session lifetimes.
const (
	DefaultSessionTTL  = 8 * time.Hour
	DefaultSessionIdle = 2 * time.Hour
)

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
	// Failed logins per account and per client address.
	perAccount, perClient *limiter
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
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = DefaultSessionTTL
	}
	if cfg.SessionIdle <= 0 {
		cfg.SessionIdle = DefaultSessionIdle
	}
	if cfg.EditToken != "" && !private.NIS(cfg.EditTokenOrg) {
		return nil, fmt.Errorf("webapp: the edit token needs the organisation it may edit (a NIS code), not %q", cfg.EditTokenOrg)
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
	return &App{cfg: cfg, base: b, site: site, src: src, log: cfg.Logger, tmpl: t, csrf: c,
		perAccount: newLimiter(loginFailsPerAccount, loginWindow),
		perClient:  newLimiter(loginFailsPerClient, loginWindow)}, nil
}

// Routes registers the plan page always (it only reads), the login and
// the administration when accounts are on, and the form when a Writer is
// configured.
func (s *App) Routes(r chi.Router) {
	get(r, "/evaluatie/plan", s.servePlan)
	s.dashboardRoutes(r)
	get(r, "/evaluatie/sjabloon/{file}", s.serveTemplate)
	if s.cfg.Private != nil {
		get(r, "/login", s.serveLogin)
		r.Post("/login", s.serveLoginPost)
		r.Post("/logout", s.serveLogout)
		get(r, "/beheer", s.serveAdmin)
		r.Post("/beheer/gebruiker", s.serveAddUser)
		r.Post("/beheer/gebruiker/status", s.serveUserStatus)
		if s.cfg.Writer != nil {
			r.Post("/beheer/organisatie", s.serveAddOrg)
		}
	}
	if s.cfg.Writer == nil {
		return
	}
	get(r, "/evaluatie/nieuw", s.serveEditForm)
	get(r, "/evaluatie", s.serveOverview)
	r.Post("/evaluatie", s.servePublish)
	r.Post("/evaluatie/csv", s.serveCSVUpload)
	r.Post("/evaluatie/bevraging", s.serveSurveyUpload)
	r.Post("/evaluatie/start", s.serveStart)
	r.Post("/evaluatie/intrekken", s.serveWithdraw)
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

// failed logs an unexpected error and answers 500 (503 when the request
// ran out of time).
func (s *App) failed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.DeadlineExceeded) {
		s.message(w, r, http.StatusServiceUnavailable, "timeout")
		return
	}
	s.log.ErrorContext(r.Context(), "web app", "err", err)
	s.message(w, r, http.StatusInternalServerError, "internal")
}
