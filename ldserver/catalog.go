package ldserver

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/stadleuven/maturity/dcat"
	"github.com/stadleuven/maturity/rdf"
)

// CatalogConfig describes who publishes the DCAT catalog. The licence of the
// data is Config.Licence.
type CatalogConfig struct {
	// Publisher is the NIS code of the organisation running the instance
	// (default dcat.DefaultPublisher).
	Publisher string
	// ContactEmail is the contact point's e-mail address (optional).
	ContactEmail string
	// PageSize is the number of datasets per Hydra page (default 100).
	PageSize int
}

// catalogState is the catalog's per-server state: the catalog of the latest
// generation and the byte sizes of every distribution by dataset ETag, so an
// import re-renders only the datasets it changed.
//
// The catalog is built in the background, from a view of its own, never
// under a request's context: a build takes seconds for hundreds of
// assessments (every distribution is rendered once to learn its size), and
// one cancelled with the request that started it — a client hanging up,
// or the request timeout on a large evidence graph — used to be lost and
// begun again by the next request, so that /catalog never answered. A
// request now waits for the build in flight (up to its own deadline) and
// every later one reuses the result. Server.Warm starts the build before
// any request and again after each change of the data.
type catalogState struct {
	s     *Server
	cfg   dcat.Config
	err   error // a configuration error, answered with 500 on every request
	sizes *dcat.SizeCache

	mu  sync.Mutex
	gen uint64
	cat *dcat.Catalog
	// alt holds the catalog of gen in the other profile, once asked for.
	alt *dcat.Catalog
	// job is the build in flight, or nil.
	job *catalogJob
	// bg is the context builds run under: the server's, set by Warm.
	bg context.Context
}

// catalogJob is one background build.
type catalogJob struct {
	done chan struct{}
	gen  uint64 // the generation of the view it built from
	err  error
}

// routeCatalog registers the catalog: /catalog (whole, or one Hydra page
// with ?page=N; ?profile=dcat-ap-2 for DCAT-AP 2.1.1 datatypes), the
// document of id/catalogus, the documents of the datasets and the
// downloads of their distributions.
func (s *Server) routeCatalog(r chi.Router) {
	c := &catalogState{s: s, sizes: dcat.NewSizeCache(), bg: context.Background(), cfg: dcat.Config{
		Base:         s.base.iri,
		Licence:      s.cfg.Licence,
		Publisher:    s.cfg.Catalog.Publisher,
		ContactEmail: s.cfg.Catalog.ContactEmail,
		PageSize:     s.cfg.Catalog.PageSize,
		WriteOptions: s.writeOptions(),
	}}
	if err := dcat.CheckLicence(s.cfg.Licence); err != nil {
		c.err = err
		s.log.Error("catalog disabled", "err", err)
	}
	s.catalog = c
	get(r, "/catalog", c.serveCatalog)
	get(r, "/catalog.{ext}", c.serveCatalog)
	get(r, "/doc/catalogus", c.serveCatalog)
	get(r, "/doc/catalogus.{ext}", c.serveCatalog)
	get(r, "/doc/dataset/*", c.serveDataset)
	get(r, "/download/*", c.serveDownload)
}

// catalog returns the catalog of v's generation or a newer one. When the
// data changed since the last build it waits, until ctx ends, for a
// background build (started here if none is in flight).
func (c *catalogState) catalog(ctx context.Context, v View, profile dcat.Profile) (*dcat.Catalog, error) {
	if c.err != nil {
		return nil, c.err
	}
	gen := v.Generation()
	for {
		c.mu.Lock()
		if c.cat != nil && c.gen >= gen {
			cat, alt := c.cat, c.alt
			c.mu.Unlock()
			return c.forProfile(ctx, v, cat, alt, profile)
		}
		job := c.job
		if job == nil {
			job = c.startLocked()
		}
		c.mu.Unlock()
		select {
		case <-job.done:
		case <-ctx.Done():
			return nil, fmt.Errorf("catalog: waiting for the build: %w", ctx.Err())
		}
		if job.err != nil {
			return nil, job.err
		}
		// A build that began before v's generation is followed by one
		// that sees it.
	}
}

// forProfile returns cat, or the catalog of the same data in profile.
func (c *catalogState) forProfile(ctx context.Context, v View, cat, alt *dcat.Catalog, profile dcat.Profile) (*dcat.Catalog, error) {
	if profile == cat.Config().Profile {
		return cat, nil
	}
	if alt != nil {
		return alt, nil
	}
	cfg := c.cfg
	cfg.Profile = profile
	// Another profile differs only in datatypes: sizes come from the cache.
	alt, err := dcat.Build(ctx, v, cfg, c.sizes)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	c.mu.Lock()
	if c.cat == cat {
		c.alt = alt
	}
	c.mu.Unlock()
	return alt, nil
}

// startLocked starts a build of the current data; c.mu is held.
func (c *catalogState) startLocked() *catalogJob {
	job := &catalogJob{done: make(chan struct{})}
	c.job = job
	bg := c.bg
	go func() {
		cat, gen, err := c.build(bg)
		c.mu.Lock()
		if err == nil && (c.cat == nil || gen >= c.gen) {
			c.cat, c.gen, c.alt = cat, gen, nil
		}
		c.job = nil
		job.gen, job.err = gen, err
		c.mu.Unlock()
		close(job.done)
	}()
	return job
}

// build builds the catalog from a view of its own, under the server's
// context bg.
func (c *catalogState) build(bg context.Context) (*dcat.Catalog, uint64, error) {
	start := time.Now()
	v, err := c.s.src.View(bg)
	if err != nil {
		return nil, 0, fmt.Errorf("catalog: %w", err)
	}
	defer v.Close()
	gen := v.Generation()
	cat, err := dcat.Build(bg, v, c.cfg, c.sizes)
	if err != nil {
		c.s.log.Error("catalog build failed", "generation", gen, "err", err)
		return nil, gen, fmt.Errorf("catalog: %w", err)
	}
	c.s.log.Info("catalog built", "generation", gen, "datasets", len(cat.Datasets), "took", time.Since(start).Round(time.Millisecond))
	return cat, gen, nil
}

// warm builds the catalog of the current data unless it is built or
// being built, and waits for that build.
func (c *catalogState) warm(ctx context.Context) error {
	if c.err != nil {
		return nil
	}
	v, err := c.s.src.View(ctx)
	if err != nil {
		return err
	}
	defer v.Close()
	_, err = c.catalog(ctx, v, dcat.ProfileDCATAP3)
	return err
}

// profileOf reads ?profile=; a bad value answers 400 itself.
func (c *catalogState) profileOf(w http.ResponseWriter, r *http.Request) (dcat.Profile, bool) {
	p, err := dcat.ParseProfile(r.URL.Query().Get("profile"))
	if err != nil {
		lang, _ := c.s.pickLang(r)
		msg := "Onbekend profiel: kies ?profile=dcat-ap-3 (standaard) of ?profile=dcat-ap-2."
		if lang == "en" {
			msg = "Unknown profile: choose ?profile=dcat-ap-3 (default) or ?profile=dcat-ap-2."
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		if r.Method != http.MethodHead {
			fmt.Fprintf(w, "400 %s\n", msg)
		}
		return 0, false
	}
	return p, true
}

// useGraphs records graphs as sources of the response, for its ETag.
func useGraphs(rd *reader, graphs []string) error {
	for _, g := range graphs {
		id, err := rd.iriID(g)
		if err != nil {
			return err
		}
		if id != 0 {
			rd.use([4]uint64{0, 0, 0, id})
		}
	}
	return nil
}

// serveCatalog answers /catalog and /doc/catalogus: the whole catalog in
// one document (Metadata Vlaanderen harvests it as Turtle or RDF/XML, no
// paging) or, with ?page=N, one Hydra page.
func (c *catalogState) serveCatalog(w http.ResponseWriter, r *http.Request) {
	s := c.s
	dr, ok := s.parseDocReq(w, r, docOffers)
	if !ok {
		return
	}
	profile, ok := c.profileOf(w, r)
	if !ok {
		return
	}
	paged := r.URL.Query().Has("page")
	collection := s.base.url(dr.path)
	pageURL := func(k int) string {
		u := collection + "?page=" + strconv.Itoa(k)
		if profile == dcat.ProfileDCATAP2 {
			u += "&profile=dcat-ap-2"
		}
		return u
	}
	key := cacheKey(dr.path+"\x00"+strconv.Itoa(int(profile))+"\x00"+strconv.FormatBool(paged), dr.rep, dr.lang, dr.langParam, dr.page)
	s.serveComputed(w, r, key, dr, func(rd *reader) (*computed, status, error) {
		cat, err := c.catalog(rd.ctx, rd.v, profile)
		if err != nil {
			return nil, 0, err
		}
		var quads []rdf.Quad
		datasets := cat.Datasets
		if paged {
			var ok bool
			if datasets, ok = cat.PageDatasets(dr.page); !ok {
				return nil, statusUnknown, nil
			}
			quads, _ = cat.PageQuads(dr.page, collection, pageURL)
		} else {
			quads = cat.Quads()
		}
		for _, d := range datasets {
			if err := useGraphs(rd, d.DependsOn()); err != nil {
				return nil, 0, err
			}
		}
		// A page states the total number of datasets: it changes with an
		// import that adds one, even when the page's own datasets do not.
		salt := fmt.Sprintf("%d\x00%d\x00%s", profile, len(cat.Datasets), cat.Config().Publisher+cat.Config().ContactEmail)
		link := ""
		if paged {
			link = fmt.Sprintf(`<%s>; rel="first", <%s>; rel="last"`, pageURL(1), pageURL(cat.PageCount()))
			if dr.page > 1 {
				link += fmt.Sprintf(`, <%s>; rel="prev"`, pageURL(dr.page-1))
			}
			if dr.page < cat.PageCount() {
				link += fmt.Sprintf(`, <%s>; rel="next"`, pageURL(dr.page+1))
			}
		}
		loc := s.docURLOf(dr, dr.rep, 1)
		if paged {
			loc = "" // the page's own URL is the request's
		}
		return &computed{salt: salt, link: link, location: loc, render: func(out io.Writer) error {
			if !dr.rep.html {
				return s.renderRDF(out, dr.rep, quads)
			}
			b := &built{iri: cat.IRI, quads: quads}
			pm, err := s.computedPage(rd, dr, quads, cat.IRI, []string{cat.ServiceIRI()})
			if err != nil {
				return err
			}
			b.page = pm
			return s.renderHTML(out, b, dr)
		}}, statusOK, nil
	})
}

// serveDataset answers /doc/dataset/… for a dataset of the catalog: its
// catalog entry, merged with what the data itself says about the IRI (the
// study describes its own data set). Other IRIs under id/dataset/ are
// ordinary resources.
func (c *catalogState) serveDataset(w http.ResponseWriter, r *http.Request) {
	s := c.s
	dr, ok := s.parseDocReq(w, r, docOffers)
	if !ok {
		return
	}
	iri := s.base.iriFor("id/" + strings.TrimPrefix(dr.path, "/doc/"))
	s.serveBuilt(w, r, dr, func(rd *reader) (*built, status, error) {
		cat, err := c.catalog(rd.ctx, rd.v, dcat.ProfileDCATAP3)
		if err != nil {
			return nil, 0, err
		}
		d, ok := cat.DatasetByIRI(iri)
		subjects, st, err := s.resolve(rd, iri)
		if err != nil {
			return nil, 0, err
		}
		if !ok {
			if st != statusOK {
				return nil, st, nil
			}
			// Not in the catalog: describe it like any other resource.
			return s.describeBuilt(rd, dr, iri, subjects)
		}
		if err := useGraphs(rd, d.DependsOn()); err != nil {
			return nil, 0, err
		}
		quads := cat.DatasetQuads(d)
		if st == statusOK {
			b, st, err := s.describeBuilt(rd, dr, iri, subjects)
			if err != nil || st != statusOK {
				return b, st, err
			}
			b.quads = quads
			return b, statusOK, nil
		}
		b := &built{iri: iri, quads: quads}
		b.meta = s.docMeta(dr, iri)
		if dr.rep.html {
			var terms []string
			for _, f := range dcat.Formats() {
				terms = append(terms, cat.DistributionIRI(d, f))
			}
			if b.page, err = s.computedPage(rd, dr, quads, iri, terms); err != nil {
				return nil, 0, err
			}
		}
		return b, statusOK, nil
	})
}

// describeBuilt describes a stored resource, as serveDescription does.
func (s *Server) describeBuilt(rd *reader, dr docReq, iri string, subjects []uint64) (*built, status, error) {
	d, err := describe(rd, subjects, dr.page)
	if err != nil {
		return nil, 0, errorf(iri, err)
	}
	if dr.page > 1 && d.incoming == 0 {
		return nil, statusUnknown, nil
	}
	b := &built{desc: d, iri: iri, meta: s.docMeta(dr, iri)}
	if d.hasNext || dr.page > 1 {
		b.meta = append(b.meta, s.pagingQuads(dr, d)...)
	}
	if dr.rep.html {
		if b.page, err = s.buildPage(rd, b, dr); err != nil {
			return nil, 0, errorf(iri, err)
		}
	}
	return b, statusOK, nil
}

// docMeta says what the document is about and under which licence.
func (s *Server) docMeta(dr docReq, iri string) []rdf.Quad {
	doc := rdf.IRI(s.base.url(dr.path))
	return []rdf.Quad{
		{S: doc, P: rdf.IRI(rdf.RDFType), O: rdf.IRI(foafDocument)},
		{S: doc, P: rdf.IRI(foafPrimaryTopic), O: rdf.IRI(iri)},
		{S: doc, P: rdf.IRI(dctLicense), O: rdf.IRI(s.cfg.Licence)},
	}
}

// computedPage builds the HTML model of a computed document: main is the
// resource the page is about, terms are further resources shown in full.
func (s *Server) computedPage(rd *reader, dr docReq, quads []rdf.Quad, main string, terms []string) (*pageModel, error) {
	pb, err := s.newPageBuilder(rd, dr, quads)
	if err != nil {
		return nil, err
	}
	mv, err := pb.view(rdf.IRI(main))
	if err != nil {
		return nil, err
	}
	pm := &pageModel{Lang: dr.lang, Title: mv.Title, IRI: main, Main: mv, Page: 1}
	for _, t := range terms {
		v, err := pb.view(rdf.IRI(t))
		if err != nil {
			return nil, err
		}
		pm.Terms = append(pm.Terms, v)
	}
	for _, o := range docOffers {
		if !o.html {
			pm.Alternates = append(pm.Alternates, alternate{Name: strings.ToUpper(strings.TrimPrefix(o.ext(), ".")), MediaType: o.mediaType(), Href: s.docURLOf(dr, o, 1)})
		}
	}
	return pm, nil
}

// serveDownload answers /download/{dataset}{ext}: one distribution, the
// very bytes whose length the catalog gives as dcat:byteSize.
func (c *catalogState) serveDownload(w http.ResponseWriter, r *http.Request) {
	s := c.s
	p := requestPath(r)
	ext := path.Ext(p)
	f, ok := dcat.FormatForExt(ext)
	if !ok {
		s.serveNotFound(w, r)
		return
	}
	name := strings.TrimSuffix(strings.TrimPrefix(p, "/download/"), ext)
	lang, langParam := s.pickLang(r)
	dr := docReq{path: p, lang: lang, langParam: langParam, page: 1}
	if f.RDF == 0 {
		// Spreadsheet users get a file with a telling name.
		w.Header().Set("Content-Disposition", `attachment; filename="`+strings.ReplaceAll(name, "/", "-")+f.Ext+`"`)
	}
	s.serveComputed(w, r, "download\x00"+p, dr, func(rd *reader) (*computed, status, error) {
		cat, err := c.catalog(rd.ctx, rd.v, dcat.ProfileDCATAP3)
		if err != nil {
			return nil, 0, err
		}
		d, ok := cat.Dataset(name)
		if !ok {
			return nil, statusUnknown, nil
		}
		if err := useGraphs(rd, d.DependsOn()); err != nil {
			return nil, 0, err
		}
		return &computed{ctype: f.MediaType + "; charset=utf-8", salt: f.ID, render: func(out io.Writer) error {
			return cat.Render(rd.ctx, rd.v, d, f, out)
		}}, statusOK, nil
	})
}

// computed is a document computed from the view rather than described:
// the catalog and the downloads.
type computed struct {
	ctype    string // default: the negotiated representation's
	link     string
	location string // Content-Location, if any
	salt     string // what the bytes depend on besides the graphs used
	render   func(w io.Writer) error
}

// serveComputed serves a computed document through the response cache,
// like serveBuilt: a hit of the current generation is written as is; else
// build runs, and the bytes are rendered only when the ETag changed.
func (s *Server) serveComputed(w http.ResponseWriter, r *http.Request, key string, dr docReq, build func(rd *reader) (*computed, status, error)) {
	v, ok := s.view(w, r)
	if !ok {
		return
	}
	defer v.Close()
	gen := v.Generation()
	old := s.cache.get(key)
	if old != nil && old.gen == gen {
		writeEntry(w, r, old)
		return
	}
	rd := newReader(r.Context(), v)
	cp, st, err := build(rd)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if st != statusOK {
		w.Header().Del("Content-Disposition")
		if st == statusGone {
			s.plainError(w, r, http.StatusGone, msgGone)
		} else {
			s.serveNotFound(w, r)
		}
		return
	}
	etag, modified, err := validators(rd, s.salt(dr)+"\x00"+cp.salt)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if old != nil && old.etag == etag {
		e := &entry{key: old.key, gen: gen, etag: old.etag, modified: old.modified, ctype: old.ctype,
			link: old.link, location: old.location, vary: old.vary, cacheCtl: old.cacheCtl, body: old.body, gz: old.gz}
		s.cache.put(e)
		writeEntry(w, r, e)
		return
	}
	ctype := cp.ctype
	if ctype == "" {
		ctype = dr.rep.contentType()
	}
	link := cp.link
	if link != "" {
		link += ", "
	}
	link += fmt.Sprintf(`<%s>; rel="license"`, s.cfg.Licence)
	e := &entry{key: key, gen: gen, etag: etag, modified: modified, ctype: ctype, link: link,
		vary: "Accept, Accept-Language, Accept-Encoding", cacheCtl: "public, max-age=60"}
	e.location = cp.location
	if notModified(r, etag, modified) {
		writeEntry(w, r, e)
		return
	}
	var buf bytes.Buffer
	if err := cp.render(&buf); err != nil {
		s.internalError(w, r, err)
		return
	}
	e.body = buf.Bytes()
	e.gz = gzipBytes(e.body)
	s.cache.put(e)
	writeEntry(w, r, e)
}
