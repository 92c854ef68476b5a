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
	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/httpx"
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
	// MaxWhole is the most datasets /catalog serves in one document
	// (default 2,000); a larger catalog (a hub's) answers 303 to its first
	// Hydra page. The whole catalog of a 300-city hub (9,302 datasets)
	// was 89 MB of Turtle and took 900 MB of heap and 14 s per request,
	// which a response cache cannot hold: one client could exhaust the
	// server. A city's catalog, which Metadata Vlaanderen harvests without
	// paging, stays far below.
	MaxWhole int
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
	opened chan struct{} // closed once the build holds its view
	done   chan struct{}
	gen    uint64 // the generation of the view it built from
	err    error
}

// routeCatalog registers the catalog: /catalog (whole, or one Hydra page
// with ?page=N; ?profile=dcat-ap-2 for DCAT-AP 2.1.1 datatypes), the
// document of id/catalogus, the documents of the datasets and the
// downloads of their distributions.
func (s *Server) routeCatalog(r chi.Router) {
	c := &catalogState{s: s, sizes: dcat.NewSizeCache(), bg: context.Background(), cfg: dcat.Config{
		Base:         s.base.IRI,
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
// data changed since the last build it waits, until ctx ends, for the
// background build (started here if none is in flight) — but only once
// that build holds its view. The caller holds v, and a commit that must
// grow the store's memory map waits for every open view while new views
// wait for it: a build still to open its view behind such a commit would
// wait for v, and v for the build. So when the build has not opened its
// view within openGrace, the request builds from its own v instead (and
// that copy is lost if the request ends first; the background one goes
// on).
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
		t := time.NewTimer(openGrace)
		select {
		case <-job.opened:
			t.Stop()
		case <-job.done:
			t.Stop()
		case <-t.C:
			return c.buildFrom(ctx, v, profile)
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("catalog: waiting for the build: %w", ctx.Err())
		}
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

// openGrace is how long a request waits for a background build to open
// its view before it builds from its own (see catalog).
const openGrace = 100 * time.Millisecond

// buildFrom builds the catalog from the request's own view and keeps it
// unless a newer one is there.
func (c *catalogState) buildFrom(ctx context.Context, v View, profile dcat.Profile) (*dcat.Catalog, error) {
	start := time.Now()
	cat, err := dcat.Build(ctx, v, c.cfg, c.sizes)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	gen := v.Generation()
	c.s.log.Info("catalog built for a request", "generation", gen, "datasets", len(cat.Datasets), "took", time.Since(start).Round(time.Millisecond))
	c.mu.Lock()
	if c.cat == nil || gen > c.gen {
		c.cat, c.gen, c.alt = cat, gen, nil
	}
	c.mu.Unlock()
	return c.forProfile(ctx, v, cat, nil, profile)
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
	job := &catalogJob{opened: make(chan struct{}), done: make(chan struct{})}
	c.job = job
	bg := c.bg
	c.s.background.Add(1)
	go func() {
		defer c.s.background.Done()
		cat, gen, v, err := c.build(bg, job.opened)
		c.mu.Lock()
		if err == nil && (c.cat == nil || gen >= c.gen) {
			c.cat, c.gen, c.alt = cat, gen, nil
		}
		c.job = nil
		job.gen, job.err = gen, err
		c.mu.Unlock()
		close(job.done)
		// The view is closed only now: closing takes the store's locks,
		// which a commit growing the memory map holds while it waits for
		// the views of the requests that wait for this build.
		if v != nil {
			v.Close()
		}
	}()
	return job
}

// build builds the catalog from a view of its own, under the server's
// context bg, and closes opened once it holds the view. It returns the
// view for the caller to close.
func (c *catalogState) build(bg context.Context, opened chan struct{}) (*dcat.Catalog, uint64, View, error) {
	start := time.Now()
	v, err := c.s.src.View(bg)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("catalog: %w", err)
	}
	close(opened)
	gen := v.Generation()
	cat, err := dcat.Build(bg, v, c.cfg, c.sizes)
	if err != nil {
		if bg.Err() == nil { // not merely the server stopping
			c.s.log.Error("catalog build failed", "generation", gen, "err", err)
		}
		return nil, gen, v, fmt.Errorf("catalog: %w", err)
	}
	c.s.log.Info("catalog built", "generation", gen, "datasets", len(cat.Datasets), "took", time.Since(start).Round(time.Millisecond))
	return cat, gen, v, nil
}

// warm builds the catalog of generation gen (the current data) unless it
// is built, and waits for that build, holding no view while it waits.
func (c *catalogState) warm(ctx context.Context, gen uint64) error {
	if c.err != nil {
		return nil
	}
	for {
		c.mu.Lock()
		if c.cat != nil && c.gen >= gen {
			c.mu.Unlock()
			return nil
		}
		job := c.job
		if job == nil {
			job = c.startLocked()
		}
		c.mu.Unlock()
		select {
		case <-job.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if job.err != nil {
			return job.err
		}
	}
}

// profileOf reads ?profile=; a bad value answers 400 itself.
func (c *catalogState) profileOf(w http.ResponseWriter, r *http.Request) (dcat.Profile, bool) {
	p, err := dcat.ParseProfile(r.URL.Query().Get("profile"))
	if err != nil {
		lang, _ := c.s.pickLang(r)
		httpx.TextError(w, r, http.StatusBadRequest, i18n.T(lang, "badProfile"), "")
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

// tooBig reports whether the latest catalog built has more datasets than
// one document may hold (CatalogConfig.MaxWhole).
func (c *catalogState) tooBig() bool {
	max := c.s.cfg.Catalog.MaxWhole
	if max <= 0 {
		max = defaultMaxWhole
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cat != nil && len(c.cat.Datasets) > max
}

// defaultMaxWhole is CatalogConfig.MaxWhole's default.
const defaultMaxWhole = 2000

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
	collection := s.base.URL(dr.path)
	pageURL := func(k int) string {
		u := collection + "?page=" + strconv.Itoa(k)
		if profile == dcat.ProfileDCATAP2 {
			u += "&profile=dcat-ap-2"
		}
		return u
	}
	if !paged && c.tooBig() {
		loc := pageURL(1)
		if dr.langParam {
			loc += "&lang=" + dr.lang
		}
		w.Header().Set("Location", loc)
		w.Header().Set("Vary", "Accept")
		s.plainError(w, r, http.StatusSeeOther, "catalogPaged")
		return
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
		for _, wd := range cat.Withdrawn {
			if err := useGraphs(rd, []string{wd.Graph}); err != nil {
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
			if !dr.rep.HTML {
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
	iri := s.base.IRIFor("id/" + strings.TrimPrefix(dr.path, "/doc/"))
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
			if st != statusOK && st != statusWithdrawn {
				return nil, st, nil
			}
			// Not in the catalog (or withdrawn from it): describe it like
			// any other resource.
			return s.describeBuilt(rd, dr, iri, subjects, st)
		}
		if err := useGraphs(rd, d.DependsOn()); err != nil {
			return nil, 0, err
		}
		quads := cat.DatasetQuads(d)
		if st == statusOK {
			b, st, err := s.describeBuilt(rd, dr, iri, subjects, st)
			if err != nil || st != statusOK {
				return b, st, err
			}
			b.quads = quads
			return b, statusOK, nil
		}
		b := &built{iri: iri, quads: quads}
		b.meta = s.docMeta(dr, iri)
		if dr.rep.HTML {
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

// describeBuilt describes a stored resource, as serveDescription does;
// st is how it resolved (statusWithdrawn adds the tombstone).
func (s *Server) describeBuilt(rd *reader, dr docReq, iri string, subjects []uint64, st status) (*built, status, error) {
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
	if err := s.withdrawal(rd, b, st, subjects[0]); err != nil {
		return nil, 0, errorf(iri, err)
	}
	if dr.rep.HTML {
		if b.page, err = s.buildPage(rd, b, dr); err != nil {
			return nil, 0, errorf(iri, err)
		}
		b.page.Tombstone = b.tombstone
	}
	return b, st, nil
}

// docMeta says what the document is about and under which licence.
func (s *Server) docMeta(dr docReq, iri string) []rdf.Quad {
	doc := rdf.IRI(s.base.URL(dr.path))
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
	pm.Alternates = alternates(func(o httpx.Rep) string { return s.docURLOf(dr, o, 1) })
	return pm, nil
}

// serveDownload answers /download/{dataset}{ext}: one distribution, the
// very bytes whose length the catalog gives as dcat:byteSize.
func (c *catalogState) serveDownload(w http.ResponseWriter, r *http.Request) {
	s := c.s
	p := httpx.RequestPath(r)
	ext := path.Ext(p)
	f, ok := dcat.FormatForExt(ext)
	if !ok {
		s.serveNotFound(w, r)
		return
	}
	name := strings.TrimSuffix(strings.TrimPrefix(p, "/download/"), ext)
	lang, langParam := s.pickLang(r)
	dr := docReq{path: p, lang: lang, langParam: langParam, page: 1}
	s.serveComputed(w, r, "download\x00"+p, dr, func(rd *reader) (*computed, status, error) {
		cat, err := c.catalog(rd.ctx, rd.v, dcat.ProfileDCATAP3)
		if err != nil {
			return nil, 0, err
		}
		d, ok := cat.Dataset(name)
		if !ok {
			// A dataset withdrawn from the catalog is gone, its downloads too.
			_, st, err := s.resolve(rd, s.base.IRI+"id/dataset/"+name)
			if err != nil || st == statusWithdrawn {
				return nil, statusGone, err
			}
			return nil, statusUnknown, nil
		}
		if err := useGraphs(rd, d.DependsOn()); err != nil {
			return nil, 0, err
		}
		cp := &computed{ctype: f.MediaType + "; charset=utf-8", salt: f.ID, render: func(out io.Writer) error {
			return cat.Render(rd.ctx, rd.v, d, f, out)
		}}
		if f.RDF == 0 {
			// Spreadsheet users get a file with a telling name: the
			// dataset's, from the catalog, never the request's path.
			cp.disposition = httpx.Attachment(d.Name + f.Ext)
		}
		return cp, statusOK, nil
	})
}

// computed is a document computed from the view rather than described:
// the catalog and the downloads.
type computed struct {
	status   int    // 0: 200; 410 for a withdrawn resource's tombstone
	ctype    string // default: the negotiated representation's
	link     string
	location string // Content-Location, if any
	// disposition is the Content-Disposition, if any (httpx.Attachment).
	disposition string
	salt        string // what the bytes depend on besides the graphs used
	render      func(w io.Writer) error
}

// serveComputed serves a computed document through the response cache,
// like serveBuilt: a hit of the current generation is written as is; else
// build runs, and the bytes are rendered only when the ETag changed.
//
// Everything is read and rendered while the read view is open, and the view
// is closed before the first byte goes to the client: a slow client must
// not hold a read transaction, since a commit that grows the store's memory
// map waits for every one of them (store/doc.go, Concurrency).
func (s *Server) serveComputed(w http.ResponseWriter, r *http.Request, key string, dr docReq, build func(rd *reader) (*computed, status, error)) {
	v, err := s.src.View(r.Context())
	if err != nil {
		s.log.ErrorContext(r.Context(), "open view", "err", err)
		s.plainError(w, r, http.StatusServiceUnavailable, "unavailable")
		return
	}
	e, st, err := s.compute(r, v, key, dr, build)
	v.Close()
	switch {
	case err != nil:
		s.internalError(w, r, err)
	case st == statusGone || st == statusWithdrawn:
		s.plainError(w, r, http.StatusGone, "gone")
	case st != statusOK:
		s.serveNotFound(w, r)
	default:
		writeEntry(w, r, e)
	}
}

// compute builds the response of serveComputed from view v: the cached
// entry, a fresh one (rendered unless the request is conditional and
// matches), or the status of a document that does not exist.
func (s *Server) compute(r *http.Request, v View, key string, dr docReq, build func(rd *reader) (*computed, status, error)) (*entry, status, error) {
	gen := v.Generation()
	old := s.cache.get(key)
	if old != nil && old.gen == gen {
		return old, statusOK, nil
	}
	rd := newReader(r.Context(), v)
	cp, st, err := build(rd)
	if err != nil || st != statusOK {
		return nil, st, err
	}
	etag, modified, err := validators(rd, s.salt(dr)+"\x00"+cp.salt)
	if err != nil {
		return nil, 0, err
	}
	if old != nil && old.etag == etag && old.status == cp.status {
		e := &entry{key: old.key, gen: gen, etag: old.etag, modified: old.modified, ctype: old.ctype,
			link: old.link, location: old.location, disposition: old.disposition, vary: old.vary, cacheCtl: old.cacheCtl, body: old.body, gz: old.gz, status: old.status}
		s.cache.put(e)
		return e, statusOK, nil
	}
	ctype := cp.ctype
	if ctype == "" {
		ctype = dr.rep.ContentType()
	}
	link := cp.link
	if link != "" {
		link += ", "
	}
	link += fmt.Sprintf(`<%s>; rel="license"`, s.cfg.Licence)
	e := &entry{key: key, gen: gen, etag: etag, modified: modified, ctype: ctype, link: link,
		vary: "Accept, Accept-Language, Accept-Encoding", cacheCtl: "public, max-age=60", status: cp.status}
	e.location, e.disposition = cp.location, cp.disposition
	if e.status == 0 && notModified(r, etag, modified) {
		return e, statusOK, nil // writeEntry answers 304 without a body
	}
	var buf bytes.Buffer
	if err := cp.render(&buf); err != nil {
		return nil, 0, err
	}
	e.body = buf.Bytes()
	e.gz = httpx.GzipBytes(e.body)
	s.cache.put(e)
	return e, statusOK, nil
}
