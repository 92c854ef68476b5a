package webapp

import (
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/private"
)

// withAccounts turns accounts on, with an editor of 99991, an editor of
// 99992 and an administrator (of 99991), all with password pw.
const pw = "een lang wachtwoord"

func withAccounts(t *testing.T) func(*Config) {
	t.Helper()
	db, err := private.Open(filepath.Join(t.TempDir(), "private.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, u := range []struct {
		email, org string
		role       private.Role
	}{
		{"noord@demo.be", "99991", private.Editor},
		{"zuid@demo.be", "99992", private.Editor},
		{"admin@demo.be", "99991", private.Admin},
	} {
		if _, err := db.AddUser(u.email, u.org, u.role, pw); err != nil {
			t.Fatal(err)
		}
	}
	return func(c *Config) { c.Private = db }
}

// session is a signed-in client: its cookie and the CSRF token its forms
// carry.
type session struct {
	cookie *http.Cookie
	csrf   string
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// loginForm fetches the login page: its cookie and CSRF token.
func (e *editEnv) loginForm(t *testing.T) (*http.Cookie, string) {
	t.Helper()
	resp, body := e.get(t, http.MethodGet, e.base+"login")
	m := csrfInput.FindSubmatch(body)
	var c *http.Cookie
	for _, x := range resp.Cookies() {
		if x.Name == loginCookie {
			c = x
		}
	}
	if resp.StatusCode != 200 || m == nil || c == nil || c.Value != string(m[1]) {
		t.Fatalf("login page: %d, csrf %q, cookie %v", resp.StatusCode, m, c)
	}
	return c, string(m[1])
}

// login signs in as email; want is the status the login must answer.
func (e *editEnv) login(t *testing.T, email, password string, want int) *session {
	t.Helper()
	c, csrf := e.loginForm(t)
	resp, body := e.post(t, "login", url.Values{"email": {email}, "password": {password}, "csrf": {csrf}}, "Cookie: "+c.Name+"="+c.Value)
	if resp.StatusCode != want {
		t.Fatalf("login %s: status %d, want %d\n%.300s", email, resp.StatusCode, want, body)
	}
	for _, x := range resp.Cookies() {
		if x.Name == sessionCookie && x.Value != "" {
			s := &session{cookie: x}
			_, page := e.get(t, http.MethodGet, e.base+"evaluatie/nieuw", s.header())
			m := csrfInput.FindSubmatch(page)
			if m == nil {
				t.Fatal("the form carries no CSRF token")
			}
			s.csrf = string(m[1])
			return s
		}
	}
	return nil
}

func (s *session) header() string { return "Cookie: " + sessionCookie + "=" + s.cookie.Value }

// form adds the session's CSRF token to f.
func (s *session) form(f url.Values) url.Values {
	f.Set("csrf", s.csrf)
	return f
}

func TestLogin(t *testing.T) {
	e := newEditEnv(t, withAccounts(t))
	// A page that edits sends a browser to the login page, and back.
	resp, _ := e.get(t, http.MethodGet, e.base+"beheer", "Accept: text/html")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), e.base+"login?next=%2Fbeheer") {
		// A request from 127.0.0.1 is local: it may edit without an
		// account, but the administration needs one.
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("/beheer without a session: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	e.login(t, "noord@demo.be", "fout wachtwoord", http.StatusUnauthorized)
	e.login(t, "niemand@demo.be", pw, http.StatusUnauthorized)
	s := e.login(t, "Noord@Demo.be", pw, http.StatusSeeOther)
	c := s.cookie
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure || c.MaxAge != int(DefaultSessionTTL.Seconds()) || c.Path != "/" {
		t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, not Secure over http, Max-Age 8h, Path /", c)
	}
	// The editor's form offers their own organisation only.
	_, body := e.get(t, http.MethodGet, e.base+"evaluatie/nieuw", s.header())
	page := string(body)
	if !strings.Contains(page, `value="99991"`) || strings.Contains(page, `value="99992"`) || !strings.Contains(page, "noord@demo.be") {
		t.Error("the form of the editor of 99991 does not offer 99991 alone, or does not say who is signed in")
	}
	// Logging out ends the session: its cookie no longer counts.
	if resp, _ := e.post(t, "logout", s.form(url.Values{}), s.header()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	if resp, _ := e.post(t, "evaluatie", s.form(e.validForm("99991", "2026")), s.header(), "X-Forwarded-For: 203.0.113.5"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("after logout, through a proxy: %d, want 401", resp.StatusCode)
	}
	if e.w.count() != 0 {
		t.Error("written after logout")
	}
	// A login form needs its cookie: a page of another site cannot sign a
	// browser in (login CSRF).
	if resp, _ := e.post(t, "login", url.Values{"email": {"noord@demo.be"}, "password": {pw}, "csrf": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("login without its cookie: %d, want 403", resp.StatusCode)
	}
	// A return address of another site is dropped.
	for _, next := range []string{"//evil.example/x", "https://evil.example/", "/\\evil"} {
		if got := safeNext(next); got != "" {
			t.Errorf("safeNext(%q) = %q", next, got)
		}
	}
}

// An editor publishes for their own organisation only; every form of a
// session must carry its CSRF token.
func TestEditorScope(t *testing.T) {
	e := newEditEnv(t, withAccounts(t))
	s := e.login(t, "noord@demo.be", pw, http.StatusSeeOther)
	// Through a proxy nothing is local: the session alone counts.
	proxied := "X-Forwarded-For: 203.0.113.5"
	resp, body := e.post(t, "evaluatie", s.form(e.validForm("99992", "2026")), s.header(), proxied)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(html.UnescapeString(body), i18n.T("nl", "forbiddenOrg", "99992")) {
		t.Errorf("editor of 99991 publishing 99992: %d", resp.StatusCode)
	}
	if resp, _ := e.post(t, "evaluatie", e.validForm("99991", "2026"), s.header(), proxied); resp.StatusCode != http.StatusForbidden {
		t.Errorf("no CSRF token: %d, want 403", resp.StatusCode)
	}
	f := e.validForm("99991", "2026")
	f.Set("csrf", "nep")
	if resp, _ := e.post(t, "evaluatie", f, s.header(), proxied); resp.StatusCode != http.StatusForbidden {
		t.Errorf("wrong CSRF token: %d, want 403", resp.StatusCode)
	}
	if e.w.count() != 0 {
		t.Fatal("written without the right organisation and token")
	}
	if resp, _ := e.post(t, "evaluatie", s.form(e.validForm("99991", "2026")), s.header(), proxied); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("editor of 99991 publishing 99991: %d", resp.StatusCode)
	}
	// The administrator may edit every organisation.
	a := e.login(t, "admin@demo.be", pw, http.StatusSeeOther)
	if resp, _ := e.post(t, "evaluatie", a.form(e.validForm("99992", "2026")), a.header(), proxied); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("administrator publishing 99992: %d", resp.StatusCode)
	}
	if e.w.count() != 2 {
		t.Errorf("%d writes, want 2", e.w.count())
	}
}

// Issue 11, finding 1: without a session or the token only a truly local
// request may publish; a proxy on the same machine makes every visitor
// look local, and its headers give it away.
func TestOnlyTrulyLocalPublishesWithoutLogin(t *testing.T) {
	e := newEditEnv(t, withAccounts(t))
	for _, h := range [][]string{
		{"X-Forwarded-For: 203.0.113.5"},
		{"Forwarded: for=203.0.113.5"},
		{"X-Forwarded-Proto: https"},
		{"X-Forwarded-Host: " + strings.TrimSuffix(strings.TrimPrefix(e.base, "http://"), "/")},
	} {
		resp, _ := e.post(t, "evaluatie", e.validForm("99991", "2026"), h...)
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%v: %d, want 401", h, resp.StatusCode)
		}
	}
	if e.w.count() != 0 {
		t.Fatal("a proxied request published")
	}
	if resp, _ := e.post(t, "evaluatie", e.validForm("99991", "2026")); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("truly local: %d, want 303", resp.StatusCode)
	}
}

// Issue 11, finding 2: a page whose domain is rebound to 127.0.0.1 looks
// same-origin to the browser; its Host gives it away.
func TestDNSRebindingRefused(t *testing.T) {
	e := newEditEnv(t, nil)
	port := e.base[strings.LastIndex(e.base, ":")+1 : len(e.base)-1]
	rebound := "rebind.attacker.example:" + port
	req, _ := http.NewRequest(http.MethodPost, e.base+"evaluatie", strings.NewReader(e.validForm("99992", "2026").Encode()))
	req.Host = rebound
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://"+rebound)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := e.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || e.w.count() != 0 {
		t.Errorf("rebound host: %d, %d writes; want 403 and none", resp.StatusCode, e.w.count())
	}
}

// --trust-proxy: the proxy's X-Forwarded-Host stands in for Host, and
// its X-Forwarded-For names the client the login limit counts.
func TestTrustedProxy(t *testing.T) {
	proxies, err := httpxProxies("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	acc := withAccounts(t)
	e := newEditEnv(t, func(c *Config) {
		acc(c)
		c.Base = "https://data.demo.be/"
		c.TrustProxy = proxies
	})
	form := func(f url.Values) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8080/login", strings.NewReader(f.Encode()))
		r.RemoteAddr = "127.0.0.1:40000"
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("X-Forwarded-Host", "data.demo.be")
		r.Header.Set("X-Forwarded-Proto", "https")
		return r
	}
	// The login page, through the proxy.
	get := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080/login", nil)
	rec := httptest.NewRecorder()
	e.app.serveLogin(rec, get)
	var lc *http.Cookie
	for _, c := range rec.Result().Cookies() {
		lc = c
	}
	if lc == nil || !lc.Secure {
		t.Fatalf("login cookie %+v: want Secure for an https base", lc)
	}
	r := form(url.Values{"email": {"noord@demo.be"}, "password": {pw}, "csrf": {lc.Value}})
	r.AddCookie(lc)
	rec = httptest.NewRecorder()
	e.app.serveLoginPost(rec, r)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("login through the trusted proxy: %d %s", rec.Code, rec.Body)
	}
	for _, c := range rec.Result().Cookies() {
		if c.Name == sessionCookie && (!c.Secure || !c.HttpOnly) {
			t.Errorf("session cookie %+v: want Secure and HttpOnly", c)
		}
	}
	// The wrong host, even through the trusted proxy, is refused.
	r = form(url.Values{"email": {"noord@demo.be"}, "password": {pw}, "csrf": {lc.Value}})
	r.Header.Set("X-Forwarded-Host", "evil.example")
	r.AddCookie(lc)
	rec = httptest.NewRecorder()
	e.app.serveLoginPost(rec, r)
	if rec.Code != http.StatusForbidden {
		t.Errorf("wrong forwarded host: %d, want 403", rec.Code)
	}
}

// Five wrong passwords for one account lock it for a while, even for the
// right password; others can still sign in.
func TestLoginRateLimit(t *testing.T) {
	e := newEditEnv(t, withAccounts(t))
	for range loginFailsPerAccount {
		e.login(t, "zuid@demo.be", "raden raden raden", http.StatusUnauthorized)
	}
	c, csrf := e.loginForm(t)
	resp, body := e.post(t, "login", url.Values{"email": {"zuid@demo.be"}, "password": {pw}, "csrf": {csrf}}, "Cookie: "+c.Name+"="+c.Value)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "minuten") {
		t.Errorf("after %d failures: %d, Retry-After %q", loginFailsPerAccount, resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	e.login(t, "noord@demo.be", pw, http.StatusSeeOther)
}

// The administrator adds an organisation and an account, and disables
// it; an editor may not.
func TestAdmin(t *testing.T) {
	e := newEditEnv(t, withAccounts(t))
	ed := e.login(t, "noord@demo.be", pw, http.StatusSeeOther)
	if resp, _ := e.get(t, http.MethodGet, e.base+"beheer", ed.header()); resp.StatusCode != http.StatusForbidden {
		t.Errorf("editor on /beheer: %d, want 403", resp.StatusCode)
	}
	if resp, _ := e.post(t, "beheer/gebruiker", ed.form(url.Values{"email": {"x@demo.be"}, "org": {"99991"}, "role": {"admin"}, "password": {pw}, "password2": {pw}}), ed.header()); resp.StatusCode != http.StatusForbidden {
		t.Errorf("editor adding an account: %d, want 403", resp.StatusCode)
	}
	a := e.login(t, "admin@demo.be", pw, http.StatusSeeOther)
	_, page := e.get(t, http.MethodGet, e.base+"beheer", a.header())
	if !strings.Contains(string(page), "zuid@demo.be") {
		t.Error("the administration page does not list the accounts")
	}
	for _, c := range []struct {
		name string
		f    url.Values
		want string
	}{
		{"bad address", url.Values{"email": {"geen adres"}, "org": {"99991"}, "role": {"editor"}, "password": {pw}, "password2": {pw}}, "errEmail"},
		{"unknown organisation", url.Values{"email": {"n@demo.be"}, "org": {"12345"}, "role": {"editor"}, "password": {pw}, "password2": {pw}}, "errOrg"},
		{"short password", url.Values{"email": {"n@demo.be"}, "org": {"99991"}, "role": {"editor"}, "password": {"kort"}, "password2": {"kort"}}, "errPassword"},
		{"passwords differ", url.Values{"email": {"n@demo.be"}, "org": {"99991"}, "role": {"editor"}, "password": {pw}, "password2": {pw + "x"}}, "errPasswordTwice"},
		{"exists", url.Values{"email": {"zuid@demo.be"}, "org": {"99992"}, "role": {"editor"}, "password": {pw}, "password2": {pw}}, "errUserExists"},
	} {
		resp, body := e.post(t, "beheer/gebruiker", a.form(c.f), a.header())
		want := i18n.T("nl", c.want)
		if c.want == "errPassword" {
			want = i18n.T("nl", c.want, private.MinPassword, private.MaxPassword)
		}
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(body), want) {
			t.Errorf("%s: %d, want 422 with %q", c.name, resp.StatusCode, want)
		}
	}
	if resp, _ := e.post(t, "beheer/organisatie", a.form(url.Values{"nis": {"99994"}, "name": {"Testgem Oost"}}), a.header()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add organisation: %d", resp.StatusCode)
	}
	if resp, _ := e.post(t, "beheer/organisatie", a.form(url.Values{"nis": {"99994"}, "name": {"Nog eens"}}), a.header()); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("add the organisation again: %d, want 422", resp.StatusCode)
	}
	if got := e.objects(e.base+"id/organisatie/99994", "http://www.w3.org/2004/02/skos/core#prefLabel"); len(got) != 1 || got[0] != "Testgem Oost" {
		t.Errorf("the new organisation's name in the data: %v", got)
	}
	if resp, _ := e.post(t, "beheer/gebruiker", a.form(url.Values{"email": {"oost@demo.be"}, "org": {"99994"}, "role": {"editor"}, "password": {pw}, "password2": {pw}}), a.header()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add account: %d", resp.StatusCode)
	}
	o := e.login(t, "oost@demo.be", pw, http.StatusSeeOther)
	if resp, _ := e.post(t, "beheer/gebruiker/status", a.form(url.Values{"email": {"oost@demo.be"}, "disabled": {"1"}}), a.header()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", resp.StatusCode)
	}
	if resp, _ := e.post(t, "evaluatie", o.form(e.validForm("99994", "2026")), o.header(), "X-Forwarded-For: 1.2.3.4"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("disabled account's session: %d, want 401", resp.StatusCode)
	}
	e.login(t, "oost@demo.be", pw, http.StatusUnauthorized)
	if resp, _ := e.post(t, "beheer/gebruiker/status", a.form(url.Values{"email": {"admin@demo.be"}, "disabled": {"1"}}), a.header()); resp.StatusCode != http.StatusConflict {
		t.Errorf("disabling oneself: %d, want 409", resp.StatusCode)
	}
}
