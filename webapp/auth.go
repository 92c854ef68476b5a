package webapp

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/private"
)

// Who may do what:
//
//   - Reading is public: the linked data, the plan, the dashboard.
//   - A signed-in editor (a session, login.go) fills in and publishes the
//     assessments of their own organisation; an administrator manages
//     organisations and accounts (admin.go) and may edit every
//     organisation's assessments.
//   - A script presents Config.EditToken as "Authorization: Bearer TOKEN"
//     and may then edit the assessments of Config.EditTokenOrg only.
//   - Without a session or the token, only a request that is truly local
//     (httpx.TrulyLocal: loopback peer, loopback Host, no proxy headers)
//     may edit: the person at the server's own keyboard. Behind a reverse
//     proxy on the same machine every request has a loopback peer; the
//     proxy's headers give it away.
//
// Every write (POST) is checked, in this order:
//
//  1. Host (or, from a proxy named by --trust-proxy, X-Forwarded-Host)
//     must be the public base's: a page whose domain is rebound to
//     127.0.0.1 (DNS rebinding) carries its own name and is refused.
//  2. net/http's CrossOriginProtection: a page on another site cannot
//     make a browser post (Sec-Fetch-Site, else Origin).
//  3. A session's form must carry the session's CSRF token (hidden input
//     csrf); the login form carries the token of a short-lived cookie.
//  4. The organisation must be one the requester may edit: 403 otherwise.

// Cookie names.
const (
	sessionCookie = "maturity_session"
	loginCookie   = "maturity_login"
)

// who is the requester of one request.
type who struct {
	user    *private.User
	session *private.Session
	token   string // the session's token, to end it
	bearer  bool   // presented the edit token
	local   bool   // truly local, without a session
	org     string // the edit token's organisation
}

// known reports whether the requester may edit anything at all.
func (u *who) known() bool { return u.user != nil || u.bearer || u.local }

// canEdit reports whether the requester may change org's assessments.
func (u *who) canEdit(org string) bool {
	switch {
	case u.user != nil:
		return u.user.CanEdit(org)
	case u.bearer:
		return org == u.org
	}
	return u.local
}

// admin reports whether the requester manages organisations and accounts.
func (u *who) admin() bool { return u.user != nil && u.user.Role == private.Admin }

// name says who the requester is, for the log.
func (u *who) name() string {
	switch {
	case u.user != nil:
		return u.user.Email
	case u.bearer:
		return "edit token"
	case u.local:
		return "local"
	}
	return "anonymous"
}

// csrf is the token the requester's forms carry ("" without a session).
func (u *who) csrf() string {
	if u.session == nil {
		return ""
	}
	return u.session.CSRF
}

// identify finds out who sent r: a bearer token, a session cookie, or a
// truly local request. A wrong bearer token answers 401 itself and
// returns false.
func (s *App) identify(w http.ResponseWriter, r *http.Request) (*who, bool) {
	if tok, ok := bearer(r); ok {
		if s.cfg.EditToken != "" && subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.EditToken)) == 1 {
			return &who{bearer: true, org: s.cfg.EditTokenOrg}, true
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="maturity", error="invalid_token"`)
		s.message(w, r, http.StatusUnauthorized, "errToken")
		return nil, false
	}
	u := &who{}
	if c, err := r.Cookie(sessionCookie); err == nil && s.cfg.Private != nil {
		sess, user, ok, err := s.cfg.Private.Session(c.Value, s.cfg.SessionIdle)
		if err != nil {
			s.failed(w, r, err)
			return nil, false
		}
		if ok {
			u.user, u.session, u.token = &user, &sess, c.Value
			return u, true
		}
	}
	u.local = httpx.TrulyLocal(r)
	return u, true
}

// guardWrite checks a POST (see the steps above) and returns its
// requester, answering 4xx itself when it is refused. The form must be
// parsed already.
func (s *App) guardWrite(w http.ResponseWriter, r *http.Request) (*who, bool) {
	if !s.base.HostOK(s.cfg.TrustProxy.Host(r)) {
		s.log.InfoContext(r.Context(), "write refused: wrong host", "host", r.Host, "peer", r.RemoteAddr)
		s.message(w, r, http.StatusForbidden, "forbiddenHost")
		return nil, false
	}
	if err := s.csrf.Check(r); err != nil {
		s.message(w, r, http.StatusForbidden, "forbiddenCSRF")
		return nil, false
	}
	u, ok := s.identify(w, r)
	if !ok {
		return nil, false
	}
	if u.session != nil && subtle.ConstantTimeCompare([]byte(r.PostFormValue("csrf")), []byte(u.session.CSRF)) != 1 {
		s.message(w, r, http.StatusForbidden, "forbiddenCSRFToken")
		return nil, false
	}
	if !u.known() {
		s.loginRequired(w, r)
		return nil, false
	}
	return u, true
}

// guardPage returns the requester of a page that edits (the form, the
// overview): someone who may edit something, else the browser is sent to
// the login page (a script gets 401).
func (s *App) guardPage(w http.ResponseWriter, r *http.Request) (*who, bool) {
	u, ok := s.identify(w, r)
	if !ok {
		return nil, false
	}
	if !u.known() {
		s.loginRequired(w, r)
		return nil, false
	}
	return u, true
}

// loginRequired sends a browser to the login page, back here after it,
// and tells other clients 401.
func (s *App) loginRequired(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Private == nil {
		s.message(w, r, http.StatusForbidden, "forbiddenLocal")
		return
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		if rp, ok := httpx.Negotiate(r.Header.Get("Accept"), []httpx.Rep{httpx.RepTurtle, httpx.RepHTML}); ok && rp.HTML {
			next := httpx.RequestPath(r)
			if r.URL.RawQuery != "" {
				next += "?" + r.URL.RawQuery
			}
			w.Header().Set("Cache-Control", "no-store")
			http.Redirect(w, r, s.base.URL("login")+"?"+url.Values{"next": {next}}.Encode(), http.StatusSeeOther)
			return
		}
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="maturity"`)
	s.message(w, r, http.StatusUnauthorized, "loginRequired")
}

// forbidOrg answers 403: the requester may not edit org.
func (s *App) forbidOrg(w http.ResponseWriter, r *http.Request, org string) {
	lang, _ := s.pickLang(r)
	s.site.Message(w, r, http.StatusForbidden, i18n.T(lang, "forbiddenOrg", org), true)
}

// bearer returns the token of an "Authorization: Bearer" header.
func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	return tok, tok != ""
}

// message answers code with the text of key, in the request's language,
// never cached or framed.
func (s *App) message(w http.ResponseWriter, r *http.Request, code int, key string) {
	lang, _ := s.pickLang(r)
	s.site.Message(w, r, code, i18n.T(lang, key), true)
}

// cookie sets a cookie of the site: its path is the base's, HttpOnly,
// Secure when the base is https, SameSite=Lax (a link from another site
// may open a page signed in; every write also checks its origin and
// token). maxAge 0 deletes it.
func (s *App) cookie(w http.ResponseWriter, name, value string, maxAge int) {
	if maxAge == 0 {
		maxAge = -1
	}
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: s.base.Path, MaxAge: maxAge,
		HttpOnly: true, Secure: s.base.Secure(), SameSite: http.SameSiteLaxMode,
	})
}
