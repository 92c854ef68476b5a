package mirror

import (
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"sync"
)

// authTransport adds credentials to requests, in the scheme the server
// asks for: HTTP Basic, or HTTP Digest (RFC 7616, MD5 with qop=auth) as
// Virtuoso's /sparql-auth and /sparql-graph-crud-auth do. Nothing is sent
// before the server's first 401 names its scheme (a password never goes
// out as Basic to a server that wants Digest); then the scheme and the
// digest challenge are remembered, so later requests need no extra round
// trip until the server sends a new nonce.
type authTransport struct {
	base           http.RoundTripper
	user, password string

	mu        sync.Mutex
	scheme    string            // "" (not known yet), "none", "basic" or "digest"
	challenge map[string]string // the last Digest challenge's parameters
	nc        int
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.user == "" {
		return t.base.RoundTrip(req)
	}
	if t.current() == "" && req.ContentLength != 0 {
		// A server that wants credentials may answer 401 and close the
		// connection before it has read a large body (Virtuoso does):
		// ask first with an empty body.
		if err := t.probe(req); err != nil {
			return nil, err
		}
	}
	resp, err := t.send(req)
	if err != nil && req.GetBody != nil && t.current() == "digest" {
		// The nonce went stale and the server closed the connection
		// while the body was being sent: fetch a new challenge, once.
		if t.probe(req) != nil {
			return nil, err
		}
		return t.send(req)
	}
	if err != nil || resp.StatusCode != http.StatusUnauthorized || (req.Body != nil && req.GetBody == nil) {
		return resp, err
	}
	if !t.learn(resp) {
		return resp, nil
	}
	resp.Body.Close()
	return t.send(req)
}

// probe sends req with an empty body and without credentials, to learn
// the scheme and the challenge. A protected endpoint never acts on it; an
// open one gets an empty request first (a PUT empties the graph that the
// real request fills next).
func (t *authTransport) probe(req *http.Request) error {
	p := req.Clone(req.Context())
	p.Body, p.GetBody, p.ContentLength = http.NoBody, nil, 0
	p.Header.Del("Authorization")
	resp, err := t.base.RoundTrip(p)
	if err != nil {
		return err
	}
	resp.Body.Close()
	t.learn(resp)
	return nil
}

// send sends req with credentials in the current scheme and a fresh copy
// of its body.
func (t *authTransport) send(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	if req.GetBody != nil {
		b, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		r.Body = b
	}
	t.authorize(r)
	return t.base.RoundTrip(r)
}

func (t *authTransport) current() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.scheme
}

// learn reads the scheme a 401 asks for; false when resp is not a 401
// with a scheme we speak.
func (t *authTransport) learn(resp *http.Response) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if resp.StatusCode != http.StatusUnauthorized {
		if t.scheme == "" {
			t.scheme = "none"
		}
		return false
	}
	h := resp.Header.Get("WWW-Authenticate")
	switch {
	case parseChallenge(h) != nil:
		t.scheme, t.challenge, t.nc = "digest", parseChallenge(h), 0
	case strings.HasPrefix(strings.ToLower(strings.TrimSpace(h)), "basic"):
		t.scheme = "basic"
	default:
		return false
	}
	return true
}

// authorize sets the Authorization header in the scheme last asked for.
func (t *authTransport) authorize(req *http.Request) {
	t.mu.Lock()
	scheme := t.scheme
	t.mu.Unlock()
	switch scheme {
	case "basic":
		req.SetBasicAuth(t.user, t.password)
	case "digest":
		if h := t.digestHeader(req); h != "" {
			req.Header.Set("Authorization", h)
		}
	}
}

// parseChallenge reads a Digest challenge; nil for any other scheme.
func parseChallenge(h string) map[string]string {
	rest, ok := strings.CutPrefix(strings.TrimSpace(h), "Digest ")
	if !ok {
		return nil
	}
	out := map[string]string{}
	for rest != "" {
		rest = strings.TrimLeft(rest, " ,")
		k, v, ok := strings.Cut(rest, "=")
		if !ok {
			break
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if strings.HasPrefix(v, `"`) {
			end := strings.Index(v[1:], `"`)
			if end < 0 {
				break
			}
			out[k], rest = v[1:end+1], v[end+2:]
		} else {
			val, r, _ := strings.Cut(v, ",")
			out[k], rest = strings.TrimSpace(val), r
		}
	}
	return out
}

// digestHeader answers the remembered challenge for req, "" when there is
// none.
func (t *authTransport) digestHeader(req *http.Request) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	ch := t.challenge
	if ch == nil {
		return ""
	}
	if a := ch["algorithm"]; a != "" && !strings.EqualFold(a, "MD5") {
		return ""
	}
	t.nc++
	nc := fmt.Sprintf("%08x", t.nc)
	b := make([]byte, 8)
	rand.Read(b)
	cnonce := hex.EncodeToString(b)
	uri := req.URL.RequestURI()
	ha1 := md5hex(t.user + ":" + ch["realm"] + ":" + t.password)
	ha2 := md5hex(req.Method + ":" + uri)
	var resp string
	qop := ""
	if strings.Contains(ch["qop"], "auth") {
		qop = "auth"
		resp = md5hex(ha1 + ":" + ch["nonce"] + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2)
	} else {
		resp = md5hex(ha1 + ":" + ch["nonce"] + ":" + ha2)
	}
	h := fmt.Sprintf(`Digest username="%s", realm="%s", nonce="%s", uri="%s", response="%s", algorithm=MD5`, t.user, ch["realm"], ch["nonce"], uri, resp)
	if o := ch["opaque"]; o != "" {
		h += fmt.Sprintf(`, opaque="%s"`, o)
	}
	if qop != "" {
		h += fmt.Sprintf(`, qop=%s, nc=%s, cnonce="%s"`, qop, nc, cnonce)
	}
	return h
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
