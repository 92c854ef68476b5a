package ldserver

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
)

// serveContext serves our JSON-LD @context at its stable URL with long
// caching: it changes only with a new release of the vocabulary.
func (s *Server) serveContext(w http.ResponseWriter, r *http.Request) {
	if len(s.cfg.Context) == 0 {
		s.serveNotFound(w, r)
		return
	}
	sum := sha256.Sum256(s.cfg.Context)
	e := &entry{
		ctype:    "application/ld+json",
		etag:     `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`,
		vary:     "Accept-Encoding",
		cacheCtl: "public, max-age=86400",
		body:     s.cfg.Context,
		gz:       s.contextGz,
	}
	writeEntry(w, r, e)
}
