package webapp

import (
	"bytes"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/private"
)

// Login limits: per account, and per client address (a password
// sprayed over many accounts).
const (
	loginFailsPerAccount = 5
	loginFailsPerClient  = 20
	loginWindow          = 15 * time.Minute
	loginCookieAge       = 3600 // seconds a login form stays valid
)

// loginView is the login page's content.
type loginView struct {
	Email, Next, CSRF string
	Error             string
}

// serveLogin shows the login form. Its CSRF token is the value of a
// short-lived cookie, checked against the form's on POST (there is no
// session yet).
func (s *App) serveLogin(w http.ResponseWriter, r *http.Request) {
	tok, err := private.Token()
	if err != nil {
		s.failed(w, r, err)
		return
	}
	s.cookie(w, loginCookie, tok, loginCookieAge)
	s.renderLogin(w, r, http.StatusOK, &loginView{Next: safeNext(r.URL.Query().Get("next")), CSRF: tok})
}

func (s *App) renderLogin(w http.ResponseWriter, r *http.Request, status int, v *loginView) {
	lang, langParam := s.pickLang(r)
	title := i18n.T(lang, "loginTitle")
	if v.Error != "" {
		title = i18n.T(lang, "errTitle") + " – " + title
	}
	p := s.page(r, lang, langParam, title, nil)
	p.Login = v
	s.render(w, r, status, "login", p)
}

// serveLoginPost signs in: e-mail address and password, the CSRF token of
// the login cookie, at most loginFailsPerAccount wrong passwords per
// account and loginFailsPerClient per client address in loginWindow.
func (s *App) serveLoginPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.message(w, r, http.StatusBadRequest, "errForm")
		return
	}
	if !s.base.HostOK(s.cfg.TrustProxy.Host(r)) {
		s.message(w, r, http.StatusForbidden, "forbiddenHost")
		return
	}
	if err := s.csrf.Check(r); err != nil {
		s.message(w, r, http.StatusForbidden, "forbiddenCSRF")
		return
	}
	c, err := r.Cookie(loginCookie)
	if err != nil || c.Value == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue("csrf"))) != 1 {
		s.message(w, r, http.StatusForbidden, "forbiddenCSRFToken")
		return
	}
	lang, _ := s.pickLang(r)
	v := &loginView{Email: r.PostFormValue("email"), Next: safeNext(r.PostFormValue("next")), CSRF: c.Value}
	if len(v.Email) > private.MaxEmail {
		v.Email = v.Email[:private.MaxEmail]
	}
	email := strings.ToLower(strings.TrimSpace(v.Email))
	client := s.cfg.TrustProxy.ClientIP(r).String()
	if d := max(s.perAccount.wait(email), s.perClient.wait(client)); d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(d.Seconds())+1))
		v.Error = i18n.T(lang, "errLoginLimit", int(d.Minutes())+1)
		s.log.InfoContext(r.Context(), "login refused: too many failures", "email", email, "client", client)
		s.renderLogin(w, r, http.StatusTooManyRequests, v)
		return
	}
	u, err := s.cfg.Private.Authenticate(email, r.PostFormValue("password"))
	if errors.Is(err, private.ErrBadLogin) {
		s.perAccount.fail(email)
		s.perClient.fail(client)
		s.log.InfoContext(r.Context(), "login failed", "email", email, "client", client)
		v.Error = i18n.T(lang, "errLogin")
		s.renderLogin(w, r, http.StatusUnauthorized, v)
		return
	}
	if err != nil {
		s.failed(w, r, err)
		return
	}
	s.perAccount.reset(email)
	tok, _, err := s.cfg.Private.NewSession(u.Email, s.cfg.SessionTTL)
	if err != nil {
		s.failed(w, r, err)
		return
	}
	s.log.InfoContext(r.Context(), "signed in", "email", u.Email, "client", client)
	s.cookie(w, sessionCookie, tok, int(s.cfg.SessionTTL.Seconds()))
	s.cookie(w, loginCookie, "", 0)
	next := v.Next
	if next == "" {
		next = "/evaluatie"
	}
	http.Redirect(w, r, s.base.URL(next), http.StatusSeeOther)
}

// serveLogout ends the session (a POST with the session's CSRF token).
func (s *App) serveLogout(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.message(w, r, http.StatusBadRequest, "errForm")
		return
	}
	u, ok := s.guardWrite(w, r)
	if !ok {
		return
	}
	if u.session != nil {
		if err := s.cfg.Private.EndSession(u.token); err != nil {
			s.failed(w, r, err)
			return
		}
	}
	s.cookie(w, sessionCookie, "", 0)
	http.Redirect(w, r, s.base.IRI, http.StatusSeeOther)
}

// safeNext keeps a return path only when it is a path of this site
// ("/evaluatie?…"), never another site ("//evil.example", "https://…").
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") || len(next) > 500 {
		return ""
	}
	return next
}

// render executes a page template into a never-cached response.
func (s *App) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		s.failed(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	writePrivatePage(w, r, status, buf.Bytes())
}
