package webapp

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"strings"

	"github.com/stadleuven/maturity/i18n"
)

// Who may edit:
//
//   - Config.EditToken set: anyone who presents the token, as the form's
//     password field or as "Authorization: Bearer TOKEN". A browser that
//     presented it once gets a session cookie (HttpOnly, SameSite=Strict)
//     holding an HMAC of the token, so it need not type it again; changing
//     the token ends every session.
//   - EditToken empty: only clients connecting from a loopback address.
//     Behind a reverse proxy on the same machine every client looks local,
//     so a server reachable through a proxy must set a token.
//
// Cross-site request forgery: every POST passes net/http's
// CrossOriginProtection (Sec-Fetch-Site, else Origin against Host and the
// public base), so a page on another site cannot make a signed-in browser,
// or a browser on the server's own machine, publish.

// editCookie names the session cookie of a browser that gave the token.
const editCookie = "maturity_edit"

// access is what a request may do on the edit routes.
type access struct {
	needToken bool   // a token is configured
	granted   bool   // the request may publish
	session   bool   // granted by the cookie: the form needs no token field
	tokenErr  bool   // a token was given and was wrong
	cookie    string // value to set after a successful publish, "" for none
	path      string // cookie path
	secure    bool
}

// editAccess decides access for a request to an edit route. It answers 403
// itself (and returns false) for a non-loopback client when no token is
// configured and for a cross-site POST.
func (s *App) editAccess(w http.ResponseWriter, r *http.Request) (*access, bool) {
	if err := s.csrf.Check(r); err != nil {
		s.message(w, r, http.StatusForbidden, "forbiddenCSRF")
		return nil, false
	}
	a := &access{path: strings.TrimSuffix(s.base.Path, "/") + "/evaluatie", secure: s.base.Secure()}
	tok := s.cfg.EditToken
	if tok == "" {
		if !loopback(r.RemoteAddr) {
			s.message(w, r, http.StatusForbidden, "forbiddenLocal")
			return nil, false
		}
		a.granted = true
		return a, true
	}
	a.needToken = true
	session := sessionValue(tok)
	if c, err := r.Cookie(editCookie); err == nil && subtle.ConstantTimeCompare([]byte(c.Value), []byte(session)) == 1 {
		a.granted, a.session = true, true
		return a, true
	}
	given, found := bearer(r)
	if !found && r.Method == http.MethodPost {
		// PostForm holds multipart fields too once the handler parsed them.
		given = r.PostForm.Get("token")
		found = given != ""
	}
	if found {
		if subtle.ConstantTimeCompare([]byte(given), []byte(tok)) == 1 {
			a.granted, a.cookie = true, session
		} else {
			a.tokenErr = true
			if _, viaHeader := bearer(r); viaHeader {
				w.Header().Set("WWW-Authenticate", `Bearer realm="maturity", error="invalid_token"`)
			}
		}
	}
	if !a.granted && r.Method == http.MethodPost && !found {
		// A POST without any token: the form re-renders with a message
		// beside the token field.
		a.tokenErr = true
	}
	return a, true
}

// setCookie starts the browser session after the token was accepted.
func (a *access) setCookie(w http.ResponseWriter) {
	if a.cookie == "" {
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: editCookie, Value: a.cookie, Path: a.path, MaxAge: 8 * 3600,
		HttpOnly: true, Secure: a.secure, SameSite: http.SameSiteStrictMode,
	})
}

// sessionValue derives the cookie from the token without revealing it.
func sessionValue(token string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("maturity edit session v1"))
	return hex.EncodeToString(m.Sum(nil))
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

// loopback reports whether a RemoteAddr ("ip:port") is a loopback address.
func loopback(remote string) bool {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// message answers code with the text of key, in the request's language,
// never cached or framed.
func (s *App) message(w http.ResponseWriter, r *http.Request, code int, key string) {
	lang, _ := s.pickLang(r)
	s.site.Message(w, r, code, i18n.T(lang, key), true)
}
