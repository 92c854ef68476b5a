package httpx

import (
	"net/http"
	"strings"
)

// Content-Security-Policy values. PageCSP is for the site's own pages:
// scripts and style sheets from the site only (the query page's editor
// included), images from the site or inline data, no plugins, no <base>,
// forms posting to the site only, and no framing (against clickjacking).
// Inline style attributes stay allowed: they carry no script, and the
// vendored editor sets them. DataCSP is for everything that is not HTML
// (RDF, results, dumps, style sheets): nothing it contains may run or load
// anything, should a browser render it.
const (
	PageCSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	DataCSP = "default-src 'none'; frame-ancestors 'none'; sandbox"
	// FrameCSP is what an HTML answer gets when its handler sets no policy
	// of its own: no framing, no plugins, no <base>. A part of the site
	// whose pages meet PageCSP sets that.
	FrameCSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'none'"
)

// SecurityHeaders sets what every answer carries: X-Content-Type-Options:
// nosniff (a browser takes the Content-Type as given, so a Turtle literal
// never runs as HTML), a Referrer-Policy that sends other sites the origin
// only, X-Frame-Options for browsers without frame-ancestors, and a
// Content-Security-Policy unless the handler set one: DataCSP for
// anything but HTML, FrameCSP for HTML.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(&cspWriter{ResponseWriter: w}, r)
	})
}

// cspWriter sets the default Content-Security-Policy when the status is
// written, once the Content-Type is known.
type cspWriter struct {
	http.ResponseWriter
	done bool
}

func (w *cspWriter) WriteHeader(code int) {
	if !w.done {
		w.done = true
		h := w.Header()
		if h.Get("Content-Security-Policy") == "" {
			ct := strings.ToLower(h.Get("Content-Type"))
			if strings.HasPrefix(ct, "text/html") || strings.HasPrefix(ct, "application/xhtml+xml") || ct == "" {
				// Without a Content-Type net/http sniffs one; nosniff
				// keeps browsers from doing so, but the page policy is the
				// safe default for whatever it finds.
				h.Set("Content-Security-Policy", FrameCSP)
			} else {
				h.Set("Content-Security-Policy", DataCSP)
			}
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *cspWriter) Write(b []byte) (int, error) {
	if !w.done {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *cspWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
