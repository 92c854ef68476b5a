package ldserver

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/stadleuven/maturity/vocab"
)

// base is the public base IRI, split for mapping requests to IRIs, with
// the mirror of the shared namespaces this instance serves copies of.
type base struct {
	iri    string // e.g. https://host/prefix/ (always ends in "/")
	path   string // e.g. /prefix/ (always starts and ends in "/")
	mirror *vocab.Mirror
}

func parseBase(s string) (base, error) {
	if s == "" {
		s = "http://localhost:8080/"
	}
	u, err := url.Parse(s)
	if err != nil {
		return base{}, fmt.Errorf("ldserver: base %q: %w", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return base{}, fmt.Errorf("ldserver: base %q must be an absolute http(s) IRI", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return base{}, fmt.Errorf("ldserver: base %q must not have a query or fragment", s)
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
	return base{iri: s, path: p}, nil
}

// stripPrefix lets the server run both behind a proxy that strips the base's
// path prefix and one that passes it on: a request path under the prefix
// is routed as if the prefix were absent.
func (b base) stripPrefix(next http.Handler) http.Handler {
	if b.path == "/" {
		return next
	}
	trimmed := strings.TrimSuffix(b.path, "/")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == trimmed || strings.HasPrefix(p, b.path) {
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

// requestPath returns the routed path as the IRI spells it: the raw form when
// the client's escaping differs from Go's default, so an IRI holding "%2F"
// keeps it, and the decoded form otherwise, so non-ASCII stays unescaped as
// in our IRIs.
func requestPath(r *http.Request) string {
	if r.URL.RawPath != "" {
		return r.URL.RawPath
	}
	return r.URL.Path
}

// iriFor returns the IRI of a request path such as "/id/domein/x".
func (b base) iriFor(path string) string { return b.iri + strings.TrimPrefix(path, "/") }

// url returns the public URL of a server path such as "doc/x".
func (b base) url(path string) string { return b.iri + strings.TrimPrefix(path, "/") }

// local returns the part of iri after the base, and whether iri is ours.
func (b base) local(iri string) (string, bool) {
	return strings.CutPrefix(iri, b.iri)
}

// ours reports whether this instance describes iri: it is under the base,
// or in a shared namespace the instance mirrors.
func (b base) ours(iri string) bool {
	if strings.HasPrefix(iri, b.iri) {
		return true
	}
	_, ok := b.mirror.Local(iri)
	return ok
}

// docURL returns the document that describes iri: /id/x is described at
// /doc/x, a hash IRI by the document before the '#', a shared IRI by its
// local page (vocab.Mirror), anything else of ours by itself. ok is false
// for IRIs outside our namespaces.
func (b base) docURL(iri string) (string, bool) {
	if local, ok := b.mirror.Local(iri); ok {
		doc, _, _ := strings.Cut(local, "#")
		return doc, true
	}
	rest, ok := b.local(iri)
	if !ok {
		return "", false
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	if r, ok := strings.CutPrefix(rest, "id/"); ok {
		return b.iri + "doc/" + r, true
	}
	return b.iri + rest, true
}
