package webapp

import (
	"embed"
	"net/http"
	"net/url"
	"strconv"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/httpx"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// appPage is the data of every page of the web app: the site's frame,
// the requester's CSRF token for its forms, and the page's own model.
type appPage struct {
	htmlui.Chrome
	LangQ    string // "?lang=xx" when the language came from the URL, for form actions
	CSRF     string // the session's token: every form carries it as the hidden input csrf
	Form     *editForm
	Plan     *planView
	Login    *loginView
	Admin    *adminView
	Overview *overview
}

// page builds the frame of a page in lang for requester u (nil: nobody
// known): the account part of the header, and a language switch that
// keeps the organisation and year, so switching never lands on a
// POST-only address.
func (s *App) page(r *http.Request, lang string, langParam bool, title string, u *who) *appPage {
	path := httpx.RequestPath(r)
	if r.Method == http.MethodPost {
		path = "/evaluatie/nieuw"
	}
	c := s.site.Chrome(lang, langParam, title, path)
	c.StyleSheets = []string{s.site.CSS("edit.css")}
	q := url.Values{"lang": {htmlui.Other(lang)}}
	for _, k := range []string{"org", "year"} {
		if v := r.FormValue(k); v != "" {
			q.Set(k, v)
		}
	}
	c.LangSwitch = s.base.URL(path) + "?" + q.Encode()
	p := &appPage{Chrome: c}
	if langParam {
		p.LangQ = "?lang=" + lang
	}
	switch {
	case u != nil && u.user != nil:
		p.CSRF = u.csrf()
		p.Account = &htmlui.Account{Email: u.user.Email, Role: i18n.T(lang, "role"+string(u.user.Role)),
			Workspace: s.base.URL("evaluatie") + p.LangQ, Logout: s.base.URL("logout"), CSRF: p.CSRF}
		if u.admin() {
			p.Account.Admin = s.base.URL("beheer") + p.LangQ
		}
	case s.cfg.Private != nil:
		p.Account = &htmlui.Account{Login: s.base.URL("login") + p.LangQ}
	}
	return p
}

// writePrivatePage sends an HTML page that must not be cached or framed
// (it carries a token and acts on click).
func writePrivatePage(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Vary", "Accept-Language, Cookie")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
