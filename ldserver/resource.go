package ldserver

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/rdf"
)

// docReq is a parsed request for a document.
type docReq struct {
	path      string // routed path without a format extension, e.g. /doc/domein/x
	rep       httpx.Rep
	explicit  bool // the format came from the extension or ?format=
	lang      string
	langParam bool // ?lang= chose the language: links carry it on
	page      int
}

// url returns the public URL of the document, optionally in a format.
func (s *Server) docURLOf(dr docReq, r httpx.Rep, page int) string {
	u := s.base.URL(dr.path)
	var q []string
	if r != (httpx.Rep{}) {
		if s.extRoutable(dr.path) {
			u += r.Ext()
		} else {
			q = append(q, "format="+r.Name())
		}
	}
	if page > 1 {
		q = append(q, "page="+strconv.Itoa(page))
	}
	if r.HTML && dr.langParam {
		q = append(q, "lang="+dr.lang)
	}
	if len(q) > 0 {
		u += "?" + strings.Join(q, "&")
	}
	return u
}

// extRoutable reports whether the route of path takes a format extension
// (/doc/x.ttl, /model/x.ttl, /ns.ttl); the landing page and VoID take
// ?format= instead.
func (s *Server) extRoutable(path string) bool {
	for _, p := range []string{"/doc/", "/ns/", "/graph/"} {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	_, ok := s.base.Mirror.Shared(s.base.URL(path))
	return ok
}

// parseDocReq reads format, language and page from a request. It answers
// 406 or 400 itself and then returns false.
func (s *Server) parseDocReq(w http.ResponseWriter, r *http.Request, offers []httpx.Rep) (docReq, bool) {
	dr := docReq{path: httpx.RequestPath(r), page: 1}
	q := r.URL.Query()
	if ext := path.Ext(dr.path); ext != "" {
		if rp, ok := httpx.RepForExt(ext); ok && httpx.Offered(rp, offers) {
			dr.path = strings.TrimSuffix(dr.path, ext)
			dr.rep, dr.explicit = rp, true
		}
	}
	if f := q.Get("format"); f != "" {
		rp, ok := httpx.RepForName(f)
		if !ok || !httpx.Offered(rp, offers) {
			s.notAcceptable(w, r, offers, http.StatusBadRequest)
			return dr, false
		}
		dr.rep, dr.explicit = rp, true
	}
	if !dr.explicit {
		rp, ok := httpx.Negotiate(r.Header.Get("Accept"), offers)
		if !ok {
			s.notAcceptable(w, r, offers, http.StatusNotAcceptable)
			return dr, false
		}
		dr.rep = rp
	}
	dr.lang, dr.langParam = s.pickLang(r)
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			s.plainError(w, r, http.StatusBadRequest, "badPage")
			return dr, false
		}
		dr.page = n
	}
	return dr, true
}

// serveID answers /id/… with 303 See Other to /doc/…, built from the public
// base so the Location is right behind a reverse proxy. An IRI this
// instance never held answers 404 at once rather than redirecting a
// crawler to a 404; a withdrawn one still redirects, to the tombstone.
func (s *Server) serveID(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(httpx.RequestPath(r), "/id/")
	if known, ok := s.knownID(w, r, rest); !ok {
		return
	} else if !known {
		s.serveNotFound(w, r)
		return
	}
	loc := s.base.URL("doc/" + rest)
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	h := w.Header()
	h.Set("Location", loc)
	h.Set("Vary", "Accept")
	h.Set("Cache-Control", "public, max-age=86400")
	h.Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusSeeOther)
	if r.Method != http.MethodHead {
		fmt.Fprintf(w, "303 See Other: %s\n", loc)
	}
}

// knownID reports whether /id/rest has a document: a computed one (the
// catalog's, routed apart from /doc/*), or a description because the store
// holds or held the IRI. ok is false when it answered an error itself.
func (s *Server) knownID(w http.ResponseWriter, r *http.Request, rest string) (known, ok bool) {
	rctx := chi.NewRouteContext()
	if s.router.Match(rctx, http.MethodGet, "/doc/"+rest) && rctx.RoutePattern() != "/doc/*" {
		return true, true
	}
	v, ok := s.view(w, r)
	if !ok {
		return false, false
	}
	defer v.Close()
	_, st, err := s.resolve(newReader(r.Context(), v), s.base.IRIFor("id/"+rest))
	if err != nil {
		s.log.ErrorContext(r.Context(), "resolve", "path", r.URL.Path, "err", err)
		s.plainError(w, r, http.StatusInternalServerError, "internal")
		return false, false
	}
	return st != statusUnknown, true
}

// serveDoc answers /doc/… with the description of /id/….
func (s *Server) serveDoc(w http.ResponseWriter, r *http.Request) {
	dr, ok := s.parseDocReq(w, r, docOffers)
	if !ok {
		return
	}
	iri := s.base.IRIFor("id/" + strings.TrimPrefix(dr.path, "/doc/"))
	s.serveDescription(w, r, dr, iri, true)
}

// serveNS answers /ns/… with the description of a vocabulary: the
// document IRI itself and every term in its hash namespace.
func (s *Server) serveNS(w http.ResponseWriter, r *http.Request) {
	dr, ok := s.parseDocReq(w, r, docOffers)
	if !ok {
		return
	}
	s.serveDescription(w, r, dr, s.base.IRIFor(dr.path), false)
}

// routeMirror routes the local pages of the shared namespaces: a hash
// namespace's document ({base}ns, {base}ns.ttl, …) and everything below a
// slash namespace ({base}model/…). A namespace that would shadow one of
// the server's own routes is a configuration error.
func (s *Server) routeMirror(r chi.Router) error {
	var existing []string
	if err := chi.Walk(s.router, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		existing = append(existing, route)
		return nil
	}); err != nil {
		return err
	}
	for _, p := range s.base.Mirror.Routes() {
		for _, route := range existing {
			if route == "/"+p || strings.HasPrefix(route, "/"+p+".") || strings.HasSuffix(p, "/") && strings.HasPrefix(route, "/"+p) {
				return fmt.Errorf("ldserver: the shared namespace served at /%s collides with the server's route %s", p, route)
			}
		}
		if strings.HasSuffix(p, "/") {
			get(r, "/"+p+"*", s.serveMirror)
			continue
		}
		get(r, "/"+p, s.serveMirror)
		get(r, "/"+p+".{ext}", s.serveMirror)
	}
	return nil
}

// serveMirror answers the local page of a shared IRI ({base}model/domein/x
// for …/model/domein/x, {base}ns for the ontology) with this instance's
// description of the shared IRI: the shared IRI is the thing (w3id.org
// redirects it to a hosted copy), the local page is a document about it.
func (s *Server) serveMirror(w http.ResponseWriter, r *http.Request) {
	dr, ok := s.parseDocReq(w, r, docOffers)
	if !ok {
		return
	}
	iri, ok := s.base.Mirror.Shared(s.base.URL(dr.path))
	if !ok {
		s.serveNotFound(w, r)
		return
	}
	s.serveDescription(w, r, dr, iri, true)
}

// serveDescription is the shared path of every description document: cache,
// resolve, describe, validators, render.
func (s *Server) serveDescription(w http.ResponseWriter, r *http.Request, dr docReq, iri string, aboutThing bool) {
	s.serveBuilt(w, r, dr, func(rd *reader) (*built, status, error) {
		subjects, st, err := s.resolve(rd, iri)
		if err != nil || (st != statusOK && st != statusWithdrawn) {
			return nil, st, err
		}
		d, err := describe(rd, subjects, dr.page)
		if err != nil {
			return nil, 0, errorf(iri, err)
		}
		if dr.page > 1 && d.incoming == 0 {
			return nil, statusUnknown, nil
		}
		b := &built{desc: d, iri: iri}
		docIRI := s.base.URL(dr.path)
		if aboutThing {
			b.meta = append(b.meta,
				rdf.Quad{S: rdf.IRI(docIRI), P: rdf.IRI(rdf.RDFType), O: rdf.IRI(foafDocument)},
				rdf.Quad{S: rdf.IRI(docIRI), P: rdf.IRI(foafPrimaryTopic), O: rdf.IRI(iri)},
				rdf.Quad{S: rdf.IRI(docIRI), P: rdf.IRI(dctLicense), O: rdf.IRI(s.cfg.Licence)},
			)
		}
		if d.hasNext || dr.page > 1 {
			b.meta = append(b.meta, s.pagingQuads(dr, d)...)
		}
		if err := s.withdrawal(rd, b, st, subjects[0]); err != nil {
			return nil, 0, errorf(iri, err)
		}
		if dr.rep.HTML {
			pm, err := s.buildPage(rd, b, dr)
			if err != nil {
				return nil, 0, errorf(iri, err)
			}
			b.page = pm
			pm.Tombstone = b.tombstone
		}
		return b, st, nil
	})
}

// built is a document ready to render.
type built struct {
	iri       string
	desc      *description
	meta      []rdf.Quad // about the document itself (licence, paging)
	page      *pageModel // HTML only
	quads     []rdf.Quad // documents that are not descriptions (VoID, graphs)
	tombstone *tombstone // a withdrawn resource: when and why
}

// all returns every quad of the document.
func (b *built) all() []rdf.Quad {
	var out []rdf.Quad
	if b.desc != nil {
		out = append(out, b.desc.quads...)
	}
	out = append(out, b.quads...)
	return append(out, b.meta...)
}

// pagingQuads describes the page as a Hydra partial collection view.
func (s *Server) pagingQuads(dr docReq, d *description) []rdf.Quad {
	self := rdf.IRI(s.docURLOf(dr, httpx.Rep{}, dr.page))
	out := []rdf.Quad{
		{S: rdf.IRI(s.base.URL(dr.path)), P: rdf.IRI(hydraView), O: self},
		{S: self, P: rdf.IRI(rdf.RDFType), O: rdf.IRI(hydraPartial)},
		{S: self, P: rdf.IRI(hydraFirst), O: rdf.IRI(s.docURLOf(dr, httpx.Rep{}, 1))},
	}
	if d.hasNext {
		out = append(out, rdf.Quad{S: self, P: rdf.IRI(hydraNext), O: rdf.IRI(s.docURLOf(dr, httpx.Rep{}, dr.page+1))})
	}
	if dr.page > 1 {
		out = append(out, rdf.Quad{S: self, P: rdf.IRI(hydraPrevious), O: rdf.IRI(s.docURLOf(dr, httpx.Rep{}, dr.page-1))})
	}
	return out
}

// serveBuilt serves a described document through the response cache
// (serveComputed): a hit for the current generation is written as is;
// otherwise build runs, and when the ETag is unchanged the cached bytes are
// reused.
func (s *Server) serveBuilt(w http.ResponseWriter, r *http.Request, dr docReq, build func(rd *reader) (*built, status, error)) {
	key := cacheKey(dr.path, dr.rep, dr.lang, dr.langParam, dr.page)
	s.serveComputed(w, r, key, dr, func(rd *reader) (*computed, status, error) {
		b, st, err := build(rd)
		if err != nil || (st != statusOK && st != statusWithdrawn) {
			return nil, st, err
		}
		code := 0
		if st == statusWithdrawn {
			code = http.StatusGone
		}
		return &computed{
			status:   code,
			link:     s.linkHeader(dr, b),
			location: s.docURLOf(dr, dr.rep, dr.page),
			render: func(w io.Writer) error {
				if dr.rep.HTML {
					return s.renderHTML(w, b, dr)
				}
				return s.renderRDF(w, dr.rep, b.all())
			},
		}, statusOK, nil
	})
}

// salt is what a document's bytes depend on besides its graphs.
func (s *Server) salt(dr docReq) string {
	return s.tmpl.version + "\x00" + s.cfg.Licence + "\x00" + dr.path + "\x00" + dr.rep.Name() + "\x00" + dr.lang + strconv.FormatBool(dr.langParam) + "\x00" + strconv.Itoa(dr.page)
}

// linkHeader lists the alternate formats and paging links; serveComputed
// adds the licence.
func (s *Server) linkHeader(dr docReq, b *built) string {
	var parts []string
	for _, o := range docOffers {
		if o == dr.rep {
			continue
		}
		parts = append(parts, fmt.Sprintf(`<%s>; rel="alternate"; type="%s"`, s.docURLOf(dr, o, dr.page), o.MediaType()))
	}
	if b.desc != nil {
		if b.desc.hasNext {
			parts = append(parts, fmt.Sprintf(`<%s>; rel="next"`, s.docURLOf(dr, httpx.Rep{}, dr.page+1)))
		}
		if dr.page > 1 {
			parts = append(parts, fmt.Sprintf(`<%s>; rel="prev"`, s.docURLOf(dr, httpx.Rep{}, dr.page-1)))
		}
	}
	return strings.Join(parts, ", ")
}

// serveNotFound answers 404 for anything not routed or not known.
func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request) {
	s.plainError(w, r, http.StatusNotFound, "notFound")
}

// notAcceptable answers 406 (or 400 for a bad ?format=) listing what is offered.
func (s *Server) notAcceptable(w http.ResponseWriter, r *http.Request, offers []httpx.Rep, code int) {
	var types []string
	for _, o := range offers {
		types = append(types, o.MediaType())
	}
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Vary", "Accept, Accept-Language, Accept-Encoding")
	w.WriteHeader(code)
	if r.Method == http.MethodHead {
		return
	}
	lang, _ := s.pickLang(r)
	fmt.Fprintf(w, "%s\n\n", i18n.T(lang, "notAcceptable"))
	for _, t := range types {
		fmt.Fprintf(w, "  %s\n", t)
	}
}

// plainError writes a short error in the client's language, the text of
// key: an HTML page for browsers (with a way back to the landing page),
// plain text otherwise.
func (s *Server) plainError(w http.ResponseWriter, r *http.Request, code int, key string) {
	lang, _ := s.pickLang(r)
	w.Header().Set("Content-Security-Policy", httpx.PageCSP)
	s.site.Message(w, r, code, i18n.T(lang, key), false)
}

// xmlCharError is what the XML writers of rdfio (RDF/XML) return for a
// value holding a character that RDF allows and XML 1.0 cannot carry.
type xmlCharError interface {
	error
	XMLChar() rune
}

// xmlCharRefused answers 406 when err is an xmlCharError: a document
// rendered as RDF/XML (/doc/….rdf, /graph/….rdf) whose data holds such a
// character. The RDF/XML writer fails before it writes anything, so the
// status is still free; the answer names the character and the formats
// that carry it.
func (s *Server) xmlCharRefused(w http.ResponseWriter, r *http.Request, err error) bool {
	var xe xmlCharError
	if !errors.As(err, &xe) {
		return false
	}
	lang, _ := s.pickLang(r)
	w.Header().Del("Content-Disposition")
	httpx.TextError(w, r, http.StatusNotAcceptable, i18n.T(lang, "xmlChar"), i18n.T(lang, "xmlCharDoc", xe.XMLChar()))
	return true
}

// internalError logs err and answers 500 (503 when the request timed out,
// 406 when the format cannot carry a character of the data).
func (s *Server) internalError(w http.ResponseWriter, r *http.Request, err error) {
	if s.xmlCharRefused(w, r, err) {
		return
	}
	if errors.Is(err, r.Context().Err()) && r.Context().Err() != nil {
		s.log.WarnContext(r.Context(), "request ended", "path", r.URL.Path, "err", err)
		s.plainError(w, r, http.StatusServiceUnavailable, "timeout")
		return
	}
	s.log.ErrorContext(r.Context(), "serve", "path", r.URL.Path, "err", err)
	s.plainError(w, r, http.StatusInternalServerError, "internal")
}

// tombstone is what a withdrawn resource's page says: when and why.
type tombstone struct {
	When, Why, Href string
}

// withdrawal adds, for a withdrawn subject (st == statusWithdrawn), the
// description of its withdrawal (prov:qualifiedInvalidation: when, why)
// to the document and its tombstone to the page.
func (s *Server) withdrawal(rd *reader, b *built, st status, subject uint64) error {
	if st != statusWithdrawn {
		return nil
	}
	qi, err := rd.iriID(provQualifiedInvalidation)
	if err != nil || qi == 0 {
		return err
	}
	ws, err := rd.objects(subject, qi)
	if err != nil || len(ws) == 0 {
		return err
	}
	qs, err := (&pageBuilder{rd: rd, props: map[uint64][]rdf.Quad{}}).subjectQuads(ws[0])
	if err != nil {
		return err
	}
	b.quads = append(b.quads, qs...)
	t := &tombstone{}
	for _, q := range qs {
		t.Href = q.S.Value
		switch q.P.Value {
		case provAtTime:
			if at, err := time.Parse(time.RFC3339, q.O.Value); err == nil {
				t.When = at.UTC().Format("2006-01-02 15:04") + " UTC"
			}
		case dctDescription:
			t.Why = q.O.Value
		}
	}
	if u, ok := s.base.DocURL(t.Href); ok {
		t.Href = u
	}
	b.tombstone = t
	return nil
}
