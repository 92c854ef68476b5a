package evidence

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/stadleuven/maturity/dcat"
	"github.com/stadleuven/maturity/internal/webfetch"
	"github.com/stadleuven/maturity/rdf"
)

// Options configures Score.
type Options struct {
	// CheckURLs checks every access and download URL and downloads a
	// sample of each distribution; without it stars rest on the metadata
	// alone and stop at ★★★.
	CheckURLs bool
	// Client does the HTTP work (required with CheckURLs).
	Client *webfetch.Client
	// SampleBytes caps each download (default 5 MB).
	SampleBytes int64
	// Now is the moment of the measurement, for currency (default now).
	Now time.Time
	// Workers is the number of distributions checked at once (default 32;
	// the client still bounds the requests per host).
	Workers int
	// MaxURLs bounds the access and download URLs checked per
	// distribution (default 5).
	MaxURLs int
}

// DefaultSampleBytes is the default cap on a sample download.
const DefaultSampleBytes = 5_000_000

// Measure is one measured value: Bool for boolean metrics, Int for status
// codes. A metric absent from a Metrics map was not measured.
type Measure struct {
	Bool bool
	Int  int
}

// Result is the evidence of one catalog.
type Result struct {
	Catalog    string // the catalog's IRI
	Source     string // where it was read from
	Pages      int
	Checked    bool // URLs were checked and samples downloaded
	Started    time.Time
	Finished   time.Time
	Datasets   []*DatasetResult // by stars, then MQA points, best first
	Indicators Indicators
}

// DatasetResult is the evidence of one dataset.
type DatasetResult struct {
	ID    string // IRI, or _:label for a blank node
	Node  rdf.Term
	Title [2]string // nl, en
	// Distributions holds the dataset's distributions and, after them,
	// the SPARQL data services that serve it (Service true).
	Distributions []*DistributionResult
	Stars         int
	StarsFrom     int // index of the distribution that earns the stars, -1 if none
	Metrics       map[string]Measure
	MQA           int            // MQA v1 points, 0–405
	Band          Band           // its rating
	Dimensions    map[string]int // points per MQA dimension
	Best          int            // index of the distribution that counts for the MQA, -1 if none
	V2            float64        // MQA methodology 2 score, 0–7.5
	V2Band        Band
	DCATAP3       []dcat.Message // violations of DCAT-AP 3.0.1 (nl); none: conform
	DCATAPVL      []dcat.Message // errors against DCAT-AP-VL (nl); none: conform
	Currency      Currency
}

// DistributionResult is the evidence of one distribution or data service.
type DistributionResult struct {
	ID         string
	Node       rdf.Term
	Service    bool
	Access     []URLCheck
	Download   []URLCheck
	Sample     *Sample
	Licences   []string
	Licence    LicenceStatus // Open: every licence open; Known: some licence known
	OwnLicence bool          // the licence is on the distribution, not inherited from the dataset
	Declared   FileType      // from dct:format, else dcat:mediaType
	// FormatFromTable: dct:format is an EU File-Type IRI; MediaTypeIANA:
	// dcat:mediaType is an IANA media-type IRI.
	FormatFromTable, MediaTypeIANA bool
	Format                         FileType // as determined for the stars
	FormatSource                   Source
	Reachable                      bool
	Stars                          int
	Metrics                        map[string]Measure // MQA v1, distribution level
	Points                         int                // its MQA v1 points
	V2                             float64
}

// Score measures every dataset of a catalog.
func Score(ctx context.Context, c *Catalog, opts Options) (*Result, error) {
	if opts.CheckURLs && opts.Client == nil {
		return nil, fmt.Errorf("evidence: CheckURLs without a client")
	}
	if opts.SampleBytes <= 0 {
		opts.SampleBytes = DefaultSampleBytes
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Workers <= 0 {
		opts.Workers = 32
	}
	if opts.MaxURLs <= 0 {
		opts.MaxURLs = 5
	}
	s := &scorer{c: c, opts: opts, checks: map[string]*checkOnce{}}
	if opts.CheckURLs {
		s.sampler = &sampler{c: opts.Client, max: opts.SampleBytes, contexts: map[string][]byte{}}
	}
	res := &Result{Catalog: c.IRI, Source: c.Source, Pages: c.Pages, Checked: opts.CheckURLs, Started: time.Now()}
	stop := map[rdf.Term]bool{}
	for _, d := range c.Datasets {
		stop[d.Node] = true
	}
	for _, cat := range c.g.instances(dcatCatalog) {
		stop[cat] = true
	}
	var jobs []*DistributionResult
	for _, d := range c.Datasets {
		dr := s.dataset(d, stop)
		res.Datasets = append(res.Datasets, dr)
		jobs = append(jobs, dr.Distributions...)
	}
	if err := s.probeAll(ctx, jobs); err != nil {
		return nil, err
	}
	for _, dr := range res.Datasets {
		for _, dist := range dr.Distributions {
			s.distribution(dr, dist)
		}
		s.finish(dr)
	}
	sort.SliceStable(res.Datasets, func(i, j int) bool {
		a, b := res.Datasets[i], res.Datasets[j]
		if a.Stars != b.Stars {
			return a.Stars > b.Stars
		}
		if a.MQA != b.MQA {
			return a.MQA > b.MQA
		}
		return a.ID < b.ID
	})
	res.Indicators = indicators(res)
	res.Finished = time.Now()
	return res, nil
}

// scorer holds one Score run.
type scorer struct {
	c       *Catalog
	opts    Options
	sampler *sampler

	mu     sync.Mutex
	checks map[string]*checkOnce // URL checks, once per URL per run
}

type checkOnce struct {
	once sync.Once
	uc   URLCheck
}

// dataset reads a dataset's metadata; the HTTP work comes later.
func (s *scorer) dataset(d *Dataset, stop map[rdf.Term]bool) *DatasetResult {
	g := s.c.g
	dr := &DatasetResult{ID: d.ID(), Node: d.Node, StarsFrom: -1, Best: -1, Metrics: map[string]Measure{}, Dimensions: map[string]int{}}
	titles := g.objs(d.Node, nsDCT+"title")
	dr.Title = [2]string{literalText(titles, "nl"), literalText(titles, "en")}
	dataLicences := g.iris(d.Node, nsDCT+"license")
	for _, n := range d.Distributions {
		dist := &DistributionResult{ID: termID(n), Node: n, Metrics: map[string]Measure{}}
		dist.Licences, dist.OwnLicence = g.iris(n, nsDCT+"license"), true
		if len(dist.Licences) == 0 {
			dist.Licences, dist.OwnLicence = dataLicences, false
		}
		dist.Declared = declaredType(g, n)
		dr.Distributions = append(dr.Distributions, dist)
	}
	for _, n := range d.Services {
		if !isSPARQL(g, n) {
			continue
		}
		dist := &DistributionResult{ID: termID(n), Node: n, Service: true, Metrics: map[string]Measure{}}
		dist.Licences, dist.OwnLicence = g.iris(n, nsDCT+"license"), true
		if len(dist.Licences) == 0 {
			dist.Licences, dist.OwnLicence = dataLicences, false
		}
		dr.Distributions = append(dr.Distributions, dist)
	}
	for _, dist := range dr.Distributions {
		dist.Licence = licenceOf(dist.Licences)
	}
	sub := s.c.subgraph(d, stop)
	dr.DCATAP3 = dcat.ValidateDCATAP3(sub, "nl")
	for _, m := range dcat.Validate(sub, "nl") {
		if m.Severity == dcat.Error && m.Rule != "document.catalog" {
			dr.DCATAPVL = append(dr.DCATAPVL, m)
		}
	}
	dr.Currency = currencyOf(g, d, s.opts.Now)
	return dr
}

// licenceOf: open when every licence is open, known when some is known.
func licenceOf(iris []string) LicenceStatus {
	if len(iris) == 0 {
		return LicenceStatus{}
	}
	st := LicenceStatus{Open: true}
	for _, l := range iris {
		ls := Licence(l)
		st.Open = st.Open && ls.Open
		st.Known = st.Known || ls.Known
	}
	return st
}

// declaredType is the format the metadata states: dct:format first, then
// dcat:mediaType.
func declaredType(g graph, n rdf.Term) FileType {
	for _, p := range []string{nsDCT + "format", nsDCAT + "mediaType"} {
		for _, o := range g.objs(n, p) {
			if t := declaredValue(g, o); t != "" {
				return t
			}
		}
	}
	return ""
}

// declaredValue maps one dct:format or dcat:mediaType value; a blank node
// (dct:IMT with rdf:value or rdfs:label) is read through its value.
func declaredValue(g graph, o rdf.Term) FileType {
	switch {
	case o.IsIRI():
		return ForDeclared(o.Value, true)
	case o.IsLiteral():
		return ForDeclared(o.Value, false)
	}
	for _, p := range []string{rdf.RDFNS + "value", nsRDFS + "label"} {
		for _, v := range g.objs(o, p) {
			if v.IsLiteral() {
				if t := ForDeclared(v.Value, false); t != "" {
					return t
				}
			}
		}
	}
	return ""
}

// sparqlProtocol are the dct:conformsTo values that make a data service a
// SPARQL endpoint.
var sparqlProtocol = []string{"www.w3.org/TR/sparql11-protocol", "www.w3.org/TR/rdf-sparql-protocol", "www.w3.org/TR/sparql11-query"}

func isSPARQL(g graph, n rdf.Term) bool {
	for _, c := range g.iris(n, nsDCT+"conformsTo") {
		for _, p := range sparqlProtocol {
			if strings.Contains(c, p) {
				return true
			}
		}
	}
	for _, e := range g.iris(n, nsDCAT+"endpointURL") {
		if strings.HasSuffix(strings.TrimSuffix(e, "/"), "/sparql") {
			return true
		}
	}
	return false
}

// urls returns up to max IRI values of (n, p).
func (s *scorer) urls(n rdf.Term, p string) []string {
	us := s.c.g.iris(n, p)
	return us[:min(len(us), s.opts.MaxURLs)]
}

// probeAll runs the HTTP work of every distribution, Workers at a time.
func (s *scorer) probeAll(ctx context.Context, jobs []*DistributionResult) error {
	if !s.opts.CheckURLs {
		return nil
	}
	work := make(chan *DistributionResult)
	var wg sync.WaitGroup
	for range s.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range work {
				s.probe(ctx, d)
			}
		}()
	}
	for _, d := range jobs {
		select {
		case work <- d:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(work)
	wg.Wait()
	return ctx.Err()
}

// probe checks a distribution's URLs and downloads its sample: from the
// first download URL that works, else the first access URL that works.
func (s *scorer) probe(ctx context.Context, d *DistributionResult) {
	if d.Service {
		for _, e := range s.urls(d.Node, nsDCAT+"endpointURL") {
			d.Sample = s.sampler.sparqlSample(ctx, e)
			d.Access = append(d.Access, URLCheck{URL: e, FinalURL: e, Method: "GET", Status: d.Sample.Status, ContentType: d.Sample.ContentType, Err: d.Sample.ParseErr})
			if d.Sample.Status >= 200 && d.Sample.Status <= 299 {
				break
			}
		}
		return
	}
	for _, u := range s.urls(d.Node, nsDCAT+"accessURL") {
		d.Access = append(d.Access, s.check(ctx, u))
	}
	for _, u := range s.urls(d.Node, nsDCAT+"downloadURL") {
		d.Download = append(d.Download, s.check(ctx, u))
	}
	for _, uc := range append(append([]URLCheck(nil), d.Download...), d.Access...) {
		if !uc.OK() {
			continue
		}
		smp, body := s.sampler.sample(ctx, uc.URL)
		d.Sample = smp
		d.Format, d.FormatSource = s.formatOf(d)
		if d.Format.RDF() && body != nil {
			s.sampler.analyse(ctx, smp, d.Format, body, smp.FinalURL)
		}
		return
	}
}

// weakSniffs are sniffing results that say only "some text", "some XML",
// "some JSON": a later source may name the format more precisely (a CSV
// with one column looks like plain text).
var weakSniffs = map[FileType]map[FileType]bool{
	"TXT":  {"CSV": true, "TSV": true},
	"XML":  {"RDF_XML": true, "KML": true, "GML": true, "RSS": true, "ATOM": true, "SVG": true, "XHTML": true, "SDMX": true, "ETSI_XML": true},
	"JSON": {"GEOJSON": true, "JSON_LD": true},
}

// formatOf determines a distribution's format: from the sample's bytes,
// else its Content-Type, else the extension of the URL, else the metadata
// (dct:format, then dcat:mediaType). Without a sample (no URL checks, or
// no working URL) it starts at the extension of the download URL, else
// the access URL.
func (s *scorer) formatOf(d *DistributionResult) (FileType, Source) {
	type cand struct {
		t   FileType
		src Source
	}
	var cs []cand
	if smp := d.Sample; smp != nil && smp.Status >= 200 && smp.Status <= 299 {
		cs = append(cs, cand{smp.Sniffed, FromBytes}, cand{ForMediaType(smp.ContentType), FromContentType},
			cand{ForExtension(urlPath(smp.FinalURL)), FromExtension}, cand{ForExtension(urlPath(smp.URL)), FromExtension})
	} else {
		for _, p := range []string{nsDCAT + "downloadURL", nsDCAT + "accessURL"} {
			if us := s.urls(d.Node, p); len(us) > 0 {
				cs = append(cs, cand{ForExtension(urlPath(us[0])), FromExtension})
				break
			}
		}
	}
	cs = append(cs, cand{d.Declared, FromMetadata})
	for i, c := range cs {
		if c.t == "" {
			continue
		}
		if refine := weakSniffs[c.t]; c.src == FromBytes && refine != nil {
			for _, later := range cs[i+1:] {
				if refine[later.t] {
					return later.t, later.src
				}
			}
		}
		return c.t, c.src
	}
	return "", ""
}

func urlPath(u string) string {
	if p, err := url.Parse(u); err == nil {
		return p.Path
	}
	return u
}

func (s *scorer) check(ctx context.Context, u string) URLCheck {
	s.mu.Lock()
	c := s.checks[u]
	if c == nil {
		c = &checkOnce{}
		s.checks[u] = c
	}
	s.mu.Unlock()
	c.once.Do(func() { c.uc = checkURL(ctx, s.opts.Client, u) })
	return c.uc
}
