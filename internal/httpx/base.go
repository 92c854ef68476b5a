package httpx

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/stadleuven/maturity/vocab"
)

// Base is the public base IRI, split for mapping requests to IRIs, with
// the mirror of the shared namespaces this instance serves copies of.
type Base struct {
	IRI    string // e.g. https://host/prefix/ (always ends in "/")
	Path   string // e.g. /prefix/ (always starts and ends in "/")
	Mirror *vocab.Mirror
}

// ParseBase checks a public base IRI ("" is http://localhost:8080/) and
// sets up the mirror of the shared namespaces.
func ParseBase(s string, namespaces []vocab.Namespace) (Base, error) {
	if s == "" {
		s = "http://localhost:8080/"
	}
	u, err := url.Parse(s)
	if err != nil {
		return Base{}, fmt.Errorf("base %q: %w", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return Base{}, fmt.Errorf("base %q must be an absolute http(s) IRI", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return Base{}, fmt.Errorf("base %q must not have a query or fragment", s)
	}
	if !strings.HasSuffix(s, "/") {
		// Without the slash every relative IRI in the embedded Turtle
		// would resolve against the parent; a classic proxy pitfall.
		s += "/"
	}
	p := u.EscapedPath()
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	m, err := vocab.NewMirror(s, namespaces)
	if err != nil {
		return Base{}, err
	}
	return Base{IRI: s, Path: p, Mirror: m}, nil
}

// Origin is the base's scheme and host, e.g. https://host.
func (b Base) Origin() string {
	u, _ := url.Parse(b.IRI)
	return u.Scheme + "://" + u.Host
}

// Host is the base's host (and port, when it has one).
func (b Base) Host() string {
	u, _ := url.Parse(b.IRI)
	return u.Host
}

// Secure reports whether the base is https: cookies then get Secure.
func (b Base) Secure() bool { return strings.HasPrefix(b.IRI, "https:") }

// StripPrefix lets the server run both behind a proxy that strips the
// base's path prefix and one that passes it on: a request path under the
// prefix is routed as if the prefix were absent.
func (b Base) StripPrefix(next http.Handler) http.Handler {
	if b.Path == "/" {
		return next
	}
	trimmed := strings.TrimSuffix(b.Path, "/")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == trimmed || strings.HasPrefix(p, b.Path) {
			r2 := r.Clone(r.Context())
			r2.URL.Path = "/" + strings.TrimPrefix(strings.TrimPrefix(p, trimmed), "/")
			if r.URL.RawPath != "" {
				r2.URL.RawPath = "/" + strings.TrimPrefix(strings.TrimPrefix(r.URL.RawPath, trimmed), "/")
			}
			r = r2
		}
		next.ServeHTTP(w, r)
	})
}

// RequestPath returns the routed path as the IRI spells it: the raw form
// when the client's escaping differs from Go's default, so an IRI holding
// "%2F" keeps it, and the decoded form otherwise, so non-ASCII stays
// unescaped as in our IRIs.
func RequestPath(r *http.Request) string {
	if r.URL.RawPath != "" {
		return r.URL.RawPath
	}
	return r.URL.Path
}

// IRIFor returns the IRI of a request path such as "/id/domein/x".
func (b Base) IRIFor(path string) string { return b.IRI + strings.TrimPrefix(path, "/") }

// URL returns the public URL of a server path such as "doc/x".
func (b Base) URL(path string) string { return b.IRI + strings.TrimPrefix(path, "/") }

// Local returns the part of iri after the base, and whether iri is ours.
func (b Base) Local(iri string) (string, bool) {
	return strings.CutPrefix(iri, b.IRI)
}

// Ours reports whether this instance describes iri: it is under the base,
// or in a shared namespace the instance mirrors.
func (b Base) Ours(iri string) bool {
	if strings.HasPrefix(iri, b.IRI) {
		return true
	}
	_, ok := b.Mirror.Local(iri)
	return ok
}

// DocURL returns the document that describes iri: /id/x is described at
// /doc/x, a hash IRI by the document before the '#', a shared IRI by its
// local page (vocab.Mirror), anything else of ours by itself. ok is false
// for IRIs outside our namespaces.
func (b Base) DocURL(iri string) (string, bool) {
	if local, ok := b.Mirror.Local(iri); ok {
		doc, _, _ := strings.Cut(local, "#")
		return doc, true
	}
	rest, ok := b.Local(iri)
	if !ok {
		return "", false
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	if r, ok := strings.CutPrefix(rest, "id/"); ok {
		return b.IRI + "doc/" + r, true
	}
	return b.IRI + rest, true
}
