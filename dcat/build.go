package dcat

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

const rdfType = rdf.RDFType

// Catalog is the instance's catalog as computed from one view.
type Catalog struct {
	IRI      string     // id/catalogus
	Datasets []*Dataset // stable order: model, study, assessments, surveys
	// Withdrawn are the datasets withdrawn from the catalog, each with a
	// catalog record of its withdrawal.
	Withdrawn []*Withdrawn
	Issued    time.Time // the earliest dataset's issue
	Modified  time.Time // the latest dataset's modification

	cfg       Config
	publisher *org
	byName    map[string]*Dataset
}

// builder holds the state of one Build.
type builder struct {
	r    *reader
	cfg  Config
	cat  *Catalog
	orgs map[string]*org
}

// Build computes the catalog of the view. sizes may be nil; with a cache,
// only the distributions of datasets whose ETag changed are rendered again
// to measure their byteSize.
func Build(ctx context.Context, v View, cfg Config, sizes *SizeCache) (*Catalog, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	b := &builder{r: newReader(ctx, v), cfg: cfg, orgs: map[string]*org{},
		cat: &Catalog{IRI: vocab.Catalog(cfg.Base), cfg: cfg, byName: map[string]*Dataset{}}}
	if b.cat.publisher, err = b.org(cfg.Publisher); err != nil {
		return nil, err
	}
	if err := b.discover(); err != nil {
		return nil, err
	}
	for _, d := range b.cat.Datasets {
		b.cat.byName[d.Name] = d
		if b.cat.Issued.IsZero() || d.Issued.Before(b.cat.Issued) {
			b.cat.Issued = d.Issued
		}
		if d.Modified.After(b.cat.Modified) {
			b.cat.Modified = d.Modified
		}
	}
	if sizes == nil {
		sizes = NewSizeCache()
	}
	if err := sizes.fill(ctx, b.cat, v); err != nil {
		return nil, err
	}
	return b.cat, nil
}

// etag hashes what a dataset's entry and distributions are made of. A
// graph time that cannot be read is an error: taken as zero, it would give
// a changed dataset its old ETag, and the size cache its old byte sizes.
func (b *builder) etag(d *Dataset) (string, error) {
	h := sha256.New()
	h.Write([]byte(d.Name))
	for _, g := range d.depends {
		t, _, err := b.r.v.GraphModified(rdf.IRI(g))
		if err != nil {
			return "", fmt.Errorf("dcat: modification time of %s: %w", g, err)
		}
		h.Write([]byte{0})
		h.Write([]byte(g))
		h.Write([]byte(t.UTC().Format(time.RFC3339Nano)))
	}
	sum := h.Sum(nil)
	return base64.RawURLEncoding.EncodeToString(sum[:12]), nil
}

// Config returns the configuration the catalog was built with, defaults
// filled in.
func (c *Catalog) Config() Config { return c.cfg }

// Dataset returns the dataset with the given name ("evaluatie/24062/2025").
func (c *Catalog) Dataset(name string) (*Dataset, bool) {
	d, ok := c.byName[name]
	return d, ok
}

// DatasetByIRI returns the dataset with the given IRI.
func (c *Catalog) DatasetByIRI(iri string) (*Dataset, bool) {
	name, ok := strings.CutPrefix(iri, vocab.Dataset(c.cfg.Base, ""))
	if !ok {
		return nil, false
	}
	return c.Dataset(name)
}

// URLs of the catalog's documents.

// DownloadURL is where distribution f of d is served.
func (c *Catalog) DownloadURL(d *Dataset, f Format) string {
	return c.cfg.Base + "download/" + d.Name + f.Ext
}

// LandingPage is the page of d: HTML for browsers (content negotiation,
// like every document of the server), RDF for programs.
func (c *Catalog) LandingPage(d *Dataset) string { return c.cfg.Base + "doc/dataset/" + d.Name }

// DistributionIRI is the IRI of distribution f of d.
func (c *Catalog) DistributionIRI(d *Dataset, f Format) string { return d.IRI + "#" + f.ID }

// ServiceIRI is the IRI of the SPARQL endpoint as a dcat:DataService.
func (c *Catalog) ServiceIRI() string { return c.IRI + "#sparql" }

// EndpointURL is the SPARQL endpoint.
func (c *Catalog) EndpointURL() string { return c.cfg.Base + "sparql" }

func (c *Catalog) contactIRI() string { return c.IRI + "#contactpunt" }

// Quads returns the whole catalog: every dataset, distribution and the
// data service, in one document (what Metadata Vlaanderen harvests).
func (c *Catalog) Quads() []rdf.Quad {
	e := newEmitter()
	c.catalogNode(e, c.Datasets, true)
	for _, d := range c.Datasets {
		c.datasetNode(e, d)
	}
	c.serviceNode(e, c.Datasets)
	if c.cfg.Profile != ProfileDCATAP2 {
		for _, w := range c.Withdrawn {
			c.recordNode(e, w)
		}
	}
	return e.quads
}

// DatasetQuads returns the description of one dataset: the dataset, its
// distributions and everything they refer to, enough to validate alone.
func (c *Catalog) DatasetQuads(d *Dataset) []rdf.Quad {
	e := newEmitter()
	c.datasetNode(e, d)
	e.iri(c.IRI, nsDCAT+"dataset", d.IRI)
	e.iri(d.IRI, nsDCT+"isPartOf", c.IRI)
	return e.quads
}

// catalogNode writes the catalog resource; whole says whether the
// document holds every dataset (only then are issued and modified stated,
// so that a page's content depends on its own datasets alone).
func (c *Catalog) catalogNode(e *emitter, datasets []*Dataset, whole bool) {
	s := c.IRI
	e.iri(s, rdfType, dcatCatalog)
	e.text(s, nsDCT+"title", vocab.Text{"nl": "Catalogus open-data-maturiteit", "en": "Open data maturity catalog"})
	e.text(s, nsDCT+"description", vocab.Text{
		"nl": "Open-data-maturiteit van lokale besturen als linked open data: de evaluaties en personeelsbevragingen per organisatie en jaar, het maturiteitsmodel en de bevindingen van de studie Open data awareness, met een SPARQL-endpoint.",
		"en": "Open data maturity of local governments as linked open data: the assessments and staff surveys per organisation and year, the maturity model and the findings of the Open data awareness study, with a SPARQL endpoint.",
	})
	e.lit(s, nsDCT+"identifier", rdf.Literal(s))
	c.agent(e, s, c.publisher)
	c.contact(e, s)
	// DCAT-AP-VL requires the Flemish CC0 declaration on the catalog's own
	// metadata, whatever the licence of the data.
	c.licence(e, s, FlemishCC0)
	c.concept(e, s, nsDCT+"language", langNL)
	c.concept(e, s, nsDCT+"language", langEN)
	c.concept(e, s, nsDCT+"spatial", countryBE)
	e.iri(s, nsFOAF+"homepage", c.cfg.Base)
	e.document(c.cfg.Base)
	e.iri(s, nsDCAT+"themeTaxonomy", themeGOVE.scheme)
	c.scheme(e, themeGOVE.scheme)
	if whole && !c.Modified.IsZero() {
		e.lit(s, nsDCT+"issued", dateTime(c.Issued))
		e.lit(s, nsDCT+"modified", dateTime(c.Modified))
	}
	for _, d := range datasets {
		e.iri(s, nsDCAT+"dataset", d.IRI)
	}
	e.iri(s, nsDCAT+"service", c.ServiceIRI())
}

// datasetNode writes a dataset with its distributions.
func (c *Catalog) datasetNode(e *emitter, d *Dataset) {
	s := d.IRI
	e.iri(s, rdfType, dcatDataset)
	e.text(s, nsDCT+"title", d.Title)
	e.text(s, nsDCT+"description", d.Desc)
	e.lit(s, nsDCT+"identifier", rdf.Literal(s))
	pub := c.publisher
	if d.org != nil {
		pub = d.org
	}
	c.agent(e, s, pub)
	c.contact(e, s)
	c.concept(e, s, nsDCAT+"theme", themeGOVE)
	for _, lang := range []string{"nl", "en"} {
		for _, k := range d.Keywords[lang] {
			e.lit(s, nsDCAT+"keyword", rdf.LangLiteral(k, lang))
		}
	}
	switch {
	case d.org != nil && d.org.gemeente != "":
		e.iri(s, nsDCT+"spatial", d.org.gemeente)
		e.iri(d.org.gemeente, rdfType, nsDCT+"Location")
	case d.org == nil:
		c.concept(e, s, nsDCT+"spatial", countryBE)
	}
	if d.Year > 0 {
		p := s + "#periode"
		e.iri(s, nsDCT+"temporal", p)
		e.iri(p, rdfType, nsDCT+"PeriodOfTime")
		e.lit(p, nsDCAT+"startDate", rdf.TypedLiteral(strconv.Itoa(d.Year)+"-01-01", xsdDate))
		e.lit(p, nsDCAT+"endDate", rdf.TypedLiteral(strconv.Itoa(d.Year)+"-12-31", xsdDate))
	}
	e.lit(s, nsDCT+"issued", dateTime(d.Issued))
	e.lit(s, nsDCT+"modified", dateTime(d.Modified))
	freq := freqIrregular
	if d.Kind == KindStudy {
		freq = freqNever // a finished study
	}
	c.concept(e, s, nsDCT+"accrualPeriodicity", freq)
	c.concept(e, s, nsDCT+"language", langNL)
	c.concept(e, s, nsDCT+"language", langEN)
	c.concept(e, s, nsDCT+"accessRights", accessPublic)
	c.concept(e, s, mdcatStatuut, statuutOpenData)
	landing := c.LandingPage(d)
	e.iri(s, nsDCAT+"landingPage", landing)
	e.document(landing)
	for _, l := range d.landing {
		e.iri(s, nsDCAT+"landingPage", l)
		e.document(l)
	}
	c.licence(e, s, c.cfg.Licence)
	if d.Version > 0 {
		e.lit(s, nsDCAT+"version", rdf.Literal(strconv.Itoa(d.Version)))
		e.lit(s, nsOWL+"versionInfo", rdf.Literal(strconv.Itoa(d.Version)))
	}
	// The assessment and its Data Cube are not DCAT resources, which
	// dct:relation must point to in DCAT-AP-VL: link them as "see also".
	for _, rel := range []string{d.Thing, d.Cube} {
		if rel != "" && rel != s {
			e.iri(s, nsRDFS+"seeAlso", rel)
		}
	}
	for _, f := range formats {
		c.distribution(e, d, f)
	}
}

func (c *Catalog) distribution(e *emitter, d *Dataset, f Format) {
	s := c.DistributionIRI(d, f)
	e.iri(d.IRI, nsDCAT+"distribution", s)
	e.iri(s, rdfType, dcatDistribution)
	e.lit(s, nsDCT+"identifier", rdf.Literal(s))
	e.text(s, nsDCT+"title", vocab.Text{"nl": d.Title["nl"] + " (" + f.Label + ")", "en": d.Title.In("en") + " (" + f.Label + ")"})
	e.text(s, nsDCT+"description", f.Desc)
	u := c.DownloadURL(d, f)
	e.iri(s, nsDCAT+"accessURL", u)
	e.iri(s, nsDCAT+"downloadURL", u)
	e.iri(u, rdfType, rdfsResource)
	mt := nsIANA + f.MediaType
	e.iri(s, nsDCAT+"mediaType", mt)
	e.iri(mt, rdfType, nsDCT+"MediaType")
	c.concept(e, s, nsDCT+"format", euConcept("file-type", f.EUType, vocab.Text{"nl": f.Label, "en": f.Label}, nsDCT+"MediaTypeOrExtent"))
	c.licence(e, s, c.cfg.Licence)
	c.concept(e, s, nsDCATAP+"availability", availabilityStable)
	dt := xsdNonNegInt
	if c.cfg.Profile == ProfileDCATAP2 {
		dt = xsdDecimal
	}
	if n := d.sizes[f.index]; n >= 0 {
		e.lit(s, nsDCAT+"byteSize", rdf.TypedLiteral(strconv.FormatInt(n, 10), dt))
	}
	e.lit(s, nsDCT+"issued", dateTime(d.Issued))
	e.lit(s, nsDCT+"modified", dateTime(d.Modified))
}

// serviceNode writes the SPARQL endpoint as a data service.
func (c *Catalog) serviceNode(e *emitter, served []*Dataset) {
	s := c.ServiceIRI()
	e.iri(s, rdfType, dcatDataService)
	e.text(s, nsDCT+"title", vocab.Text{"nl": "SPARQL-endpoint open-data-maturiteit", "en": "Open data maturity SPARQL endpoint"})
	e.text(s, nsDCT+"description", vocab.Text{
		"nl": "SPARQL 1.1-endpoint over alle gegevens van deze catalogus; de standaardgraaf is de unie van alle grafen.",
		"en": "SPARQL 1.1 endpoint over all data of this catalog; the default graph is the union of all graphs.",
	})
	e.lit(s, nsDCT+"identifier", rdf.Literal(s))
	c.agent(e, s, c.publisher)
	c.contact(e, s)
	ep := c.EndpointURL()
	e.iri(s, nsDCAT+"endpointURL", ep)
	e.iri(s, nsDCAT+"endpointDescription", ep) // GET without a query answers the service description
	e.iri(s, nsDCAT+"landingPage", ep)
	e.document(ep)
	c.concept(e, s, nsDCT+"accessRights", accessPublic)
	c.concept(e, s, mdcatStatuut, statuutOpenData)
	c.concept(e, s, nsDCAT+"theme", themeGOVE)
	c.licence(e, s, c.cfg.Licence)
	for _, k := range []string{"SPARQL", "linked data"} {
		e.lit(s, nsDCAT+"keyword", rdf.LangLiteral(k, "nl"))
		e.lit(s, nsDCAT+"keyword", rdf.LangLiteral(k, "en"))
	}
	for _, d := range served {
		e.iri(s, nsDCAT+"servesDataset", d.IRI)
	}
}

// agent writes s dct:publisher o and describes o.
func (c *Catalog) agent(e *emitter, s string, o *org) {
	e.iri(s, nsDCT+"publisher", o.iri)
	if !e.once("agent " + o.iri) {
		return
	}
	for _, t := range []string{nsFOAF + "Agent", nsFOAF + "Organization", nsDCT + "Agent"} {
		e.iri(o.iri, rdfType, t)
	}
	name := o.label
	if len(name) == 0 {
		name = vocab.Text{"nl": "Organisatie " + o.nis, "en": "Organisation " + o.nis}
	}
	e.text(o.iri, nsFOAF+"name", name)
	e.lit(o.iri, nsDCT+"identifier", rdf.Literal(o.nis))
	c.concept(e, o.iri, nsDCT+"type", publisherLocalAuthority)
	for _, l := range o.links {
		e.iri(o.iri, nsSKOS+"exactMatch", l)
	}
}

// contact writes the contact point: the team that runs this instance.
func (c *Catalog) contact(e *emitter, s string) {
	cp := c.contactIRI()
	e.iri(s, nsDCAT+"contactPoint", cp)
	if !e.once("contact") {
		return
	}
	e.iri(cp, rdfType, nsVCard+"Organization")
	e.iri(cp, rdfType, nsVCard+"Kind")
	name := c.publisher.label.In("nl")
	if name == "" {
		name = "organisatie " + c.publisher.nis
	}
	e.lit(cp, nsVCard+"fn", rdf.Literal("Open-data-team, "+name))
	if c.cfg.ContactEmail != "" {
		m := "mailto:" + c.cfg.ContactEmail
		e.iri(cp, nsVCard+"hasEmail", m)
		e.iri(m, rdfType, rdfsResource)
	}
	e.iri(cp, nsVCard+"hasURL", c.cfg.Base)
	e.iri(cp, nsFOAF+"page", c.cfg.Base)
	e.document(c.cfg.Base)
}

func (c *Catalog) licence(e *emitter, s, iri string) {
	e.iri(s, nsDCT+"license", iri)
	if !e.once("licence " + iri) {
		return
	}
	e.iri(iri, rdfType, nsDCT+"LicenseDocument")
	if t, ok := licenceTypes[iri]; ok {
		c.concept(e, iri, nsDCT+"type", t)
	}
}

// concept writes s p k and describes k.
func (c *Catalog) concept(e *emitter, s, p string, k concept) {
	e.iri(s, p, k.iri)
	if !e.once("concept " + k.iri) {
		return
	}
	e.iri(k.iri, rdfType, nsSKOS+"Concept")
	for _, t := range k.types {
		e.iri(k.iri, rdfType, t)
	}
	e.text(k.iri, nsSKOS+"prefLabel", k.label)
	e.iri(k.iri, nsSKOS+"inScheme", k.scheme)
	if _, ok := schemeTitles[k.scheme]; ok {
		c.scheme(e, k.scheme)
	}
}

func (c *Catalog) scheme(e *emitter, iri string) {
	if !e.once("scheme " + iri) {
		return
	}
	e.iri(iri, rdfType, nsSKOS+"ConceptScheme")
	e.text(iri, nsDCT+"title", schemeTitles[iri])
}

func dateTime(t time.Time) rdf.Term {
	return rdf.TypedLiteral(t.UTC().Truncate(time.Second).Format(time.RFC3339), xsdDateTime)
}

// emitter collects quads, writing each triple once.
type emitter struct {
	quads []rdf.Quad
	seen  map[[3]rdf.Term]bool
	done  map[string]bool
}

func newEmitter() *emitter {
	return &emitter{seen: map[[3]rdf.Term]bool{}, done: map[string]bool{}}
}

func (e *emitter) lit(s, p string, o rdf.Term) {
	k := [3]rdf.Term{rdf.IRI(s), rdf.IRI(p), o}
	if e.seen[k] {
		return
	}
	e.seen[k] = true
	e.quads = append(e.quads, rdf.Quad{S: k[0], P: k[1], O: o})
}

func (e *emitter) iri(s, p, o string) { e.lit(s, p, rdf.IRI(o)) }

func (e *emitter) text(s, p string, t vocab.Text) {
	langs := make([]string, 0, len(t))
	for l := range t {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		if t[l] != "" {
			e.lit(s, p, rdf.LangLiteral(t[l], l))
		}
	}
}

// document types a web page as both classes the profiles ask for.
func (e *emitter) document(u string) {
	e.iri(u, rdfType, foafDocument)
	e.iri(u, rdfType, rdfsResource)
}

// once reports whether key is new, marking it seen.
func (e *emitter) once(key string) bool {
	if e.done[key] {
		return false
	}
	e.done[key] = true
	return true
}
