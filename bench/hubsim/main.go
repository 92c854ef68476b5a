// Command hubsim simulates the instances of many municipalities on
// loopback, for measuring a hub at scale: each city has its own address
// (127.0.1.1, 127.0.1.2, …: distinct hosts, so the harvester's per-host
// bound applies per city as it would on the internet), its own base IRI,
// ten years of self-assessments and staff surveys built by package assess
// exactly as an import builds them, the yearly evidence graph of each
// city's own open-data catalog (package evidence), and the catalog and downloads package
// dcat computes for them, with ETags and 304s. It prints nothing but the
// sources file the hub harvests (-sources) and a line per phase on stderr.
//
//	go run ./bench/hubsim -cities 300 -years 10 -sources /tmp/hub-scale/bronnen.txt &
//	time go run ./cmd/maturity harvest --data /tmp/hub-scale/hub --sources /tmp/hub-scale/bronnen.txt --allow-private --parallel 4
//
// The municipalities are simulated: NIS-like codes in the ranges of the
// five Flemish provinces (as many per province as it has municipalities),
// named "Gemeente {code} (gesimuleerd)". Scores and survey figures are
// drawn from a seeded generator, so two runs serve the same bytes.
//
// POST /change?n=N on the first city's address publishes a new version of
// the latest assessment of N cities (the first N), to measure a harvest
// that finds a few changes among many unchanged sources.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/dcat"
	"github.com/stadleuven/maturity/evidence"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

// provinces: the arrondissement prefixes of the Flemish provinces and how
// many municipalities each had before the 2025 mergers (300 in all).
var provinces = []struct {
	prefixes []string
	n        int
}{
	{[]string{"11", "12", "13"}, 69},
	{[]string{"23", "24"}, 65},
	{[]string{"31", "32", "33", "34", "35", "36", "37", "38"}, 64},
	{[]string{"41", "42", "43", "44", "45", "46"}, 60},
	{[]string{"71", "72", "73"}, 42},
}

// nisCodes returns n NIS-like codes spread over the provinces.
func nisCodes(n int) []string {
	var out []string
	for _, p := range provinces {
		for i := range p.n {
			out = append(out, fmt.Sprintf("%s%03d", p.prefixes[i%len(p.prefixes)], 1+i/len(p.prefixes)))
		}
	}
	for len(out) < n { // more than 300: further codes in the same ranges
		out = append(out, fmt.Sprintf("%s%03d", provinces[len(out)%5].prefixes[0], 100+len(out)))
	}
	// Interleave the provinces, so that -cities 13 has all five.
	sort.SliceStable(out, func(i, j int) bool { return out[i][4:] < out[j][4:] })
	return out[:n]
}

// doc is one document a city serves.
type doc struct {
	ctype string
	etag  string
	gz    []byte
	plain int
}

func newDoc(ctype string, b []byte) *doc {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	zw.Write(b)
	zw.Close()
	sum := sha256.Sum256(b)
	return &doc{ctype: ctype, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, gz: buf.Bytes(), plain: len(b)}
}

// city is one simulated instance.
type city struct {
	nis, base string
	mu        sync.RWMutex
	docs      map[string]*doc // path → document
	version   int             // of the latest assessment
	years     []int
}

type sim struct {
	model     *vocab.Model
	modelQs   []rdf.Quad // the model, graph name to be set per city
	cfgWrite  rdfio.WriteOptions
	years     []int
	rngSeed   uint64
	evidence  bool
	mu        sync.Mutex
	byHost    map[string]*city
	generated time.Time
}

// build computes a city's graphs, catalog and downloads.
func (s *sim) build(c *city) error {
	ctx := context.Background()
	mod := map[rdf.Term]time.Time{}
	var all []rdf.Quad
	put := func(g string, qs []rdf.Quad, at time.Time) {
		for _, q := range qs {
			q.G = rdf.IRI(g)
			all = append(all, q)
		}
		mod[rdf.IRI(g)] = at
	}
	put(vocab.ModelGraph(c.base), s.modelQs, s.generated)
	org := vocab.Organisation(c.base, c.nis)
	label := vocab.Text{"nl": "Gemeente " + c.nis + " (gesimuleerd)", "en": "Municipality " + c.nis + " (simulated)"}
	put(vocab.OrganisationsGraph(c.base), []rdf.Quad{
		{S: rdf.IRI(org), P: rdf.IRI(rdf.RDFType), O: rdf.IRI(vocab.ORG + "Organization")},
		{S: rdf.IRI(org), P: rdf.IRI(vocab.SKOS + "prefLabel"), O: rdf.LangLiteral(label["nl"], "nl")},
		{S: rdf.IRI(org), P: rdf.IRI(vocab.SKOS + "prefLabel"), O: rdf.LangLiteral(label["en"], "en")},
		{S: rdf.IRI(org), P: rdf.IRI(vocab.DCT + "identifier"), O: rdf.Literal(c.nis)},
		{S: rdf.IRI(org), P: rdf.IRI(vocab.SKOS + "exactMatch"), O: rdf.IRI("https://data.vlaanderen.be/id/gemeente/" + c.nis)},
	}, s.generated)
	seed, _ := strconv.ParseUint(c.nis, 10, 64)
	rng := rand.New(rand.NewPCG(s.rngSeed, seed))
	var groups []*vocab.ProfileDef
	for _, p := range s.model.Profiles {
		groups = append(groups, p)
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i].IRI < groups[j].IRI })
	for yi, y := range c.years {
		at := time.Date(y, 3, 1, 9, 0, 0, 0, time.UTC)
		versions := 1
		if yi == len(c.years)-1 {
			versions = c.version
		}
		for v := 1; v <= versions; v++ {
			a := &assess.Assessment{Org: c.nis, OrgLabel: label, Year: y, Version: v, Method: "zelfevaluatie", Generated: at.Add(time.Duration(v) * time.Hour)}
			for _, d := range s.model.Domains {
				m := float64(2+rng.IntN(7)) / 2 // 1 … 4 in halves
				a.Scores = append(a.Scores, assess.Score{Domain: d.Slug, Maturity: m, Need: min(5, m+float64(rng.IntN(3)))})
			}
			gs, err := assess.BuildAssessment(ctx, c.base, s.model, a)
			if err != nil {
				return err
			}
			for _, g := range gs {
				put(g.IRI, g.Quads, a.Generated)
			}
		}
		sr := &assess.SurveyResult{Org: c.nis, OrgLabel: label, Year: y, Version: 1, Threshold: assess.DefaultThreshold, Respondents: 40 + rng.IntN(80), Generated: at}
		for k := range s.model.Items {
			it := &s.model.Items[k]
			sr.Cells = append(sr.Cells, assess.Cell{Item: it, Group: assess.AllGroup, GroupIRI: s.model.AllGroupIRI(), Agreement: float64(100+rng.IntN(400)) / 100, Share: float64(rng.IntN(10000)) / 100, Count: sr.Respondents})
			for _, p := range groups {
				sr.Cells = append(sr.Cells, assess.Cell{Item: it, Group: p.Slug, GroupIRI: p.IRI, Agreement: float64(100+rng.IntN(400)) / 100, Share: float64(rng.IntN(10000)) / 100, Count: 5 + rng.IntN(20)})
			}
		}
		gs, err := assess.BuildSurvey(c.base, s.model, sr)
		if err != nil {
			return err
		}
		for _, g := range gs {
			put(g.IRI, g.Quads, at)
		}
		if s.evidence {
			// The city's own open-data catalog, measured (maturity
			// evidence --publish) once a year.
			res, err := evidence.Score(ctx, evidence.NewCatalog(ownCatalog(rng, c.base, y), c.base+"opendata/catalog"), evidence.Options{Now: at})
			if err != nil {
				return err
			}
			res.Started = at.AddDate(0, 3, 0)
			p := evidence.Publication{Base: c.base, Org: c.nis, Year: y}
			put(res.Graph(p), res.Quads(p), res.Started)
		}
	}
	v := view{Memory: dataset.NewMemory(all), mod: mod}
	cat, err := dcat.Build(ctx, v, dcat.Config{Base: c.base, Publisher: c.nis, ContactEmail: "opendata@gemeente-" + c.nis + ".example", WriteOptions: s.cfgWrite}, nil)
	if err != nil {
		return err
	}
	docs := map[string]*doc{}
	var buf bytes.Buffer
	if err := rdfio.WriteAll(&buf, rdfio.Turtle, cat.Quads(), s.cfgWrite); err != nil {
		return err
	}
	docs["/catalog"] = newDoc("text/turtle; charset=utf-8", buf.Bytes())
	nt, _ := dcat.FormatForExt(".nt")
	for _, d := range cat.Datasets {
		buf.Reset()
		if err := cat.Render(ctx, v, d, nt, &buf); err != nil {
			return err
		}
		docs["/download/"+d.Name+".nt"] = newDoc("application/n-triples; charset=utf-8", buf.Bytes())
	}
	c.mu.Lock()
	c.docs = docs
	c.mu.Unlock()
	return nil
}

// ownCatalog is a small municipality's open-data catalog in year y: 5 to
// 20 datasets, each with a CSV and a JSON distribution, some with a
// licence and keywords, as the evidence scorer reads them.
func ownCatalog(rng *rand.Rand, base string, y int) []rdf.Quad {
	const dcatNS, dct = "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/"
	var qs []rdf.Quad
	add := func(s, p string, o rdf.Term) { qs = append(qs, rdf.Quad{S: rdf.IRI(s), P: rdf.IRI(p), O: o}) }
	cat := base + "opendata/catalog"
	add(cat, rdf.RDFType, rdf.IRI(dcatNS+"Catalog"))
	for i := range 5 + rng.IntN(16) {
		d := fmt.Sprintf("%sopendata/dataset/%d", base, i)
		add(cat, dcatNS+"dataset", rdf.IRI(d))
		add(d, rdf.RDFType, rdf.IRI(dcatNS+"Dataset"))
		add(d, dct+"title", rdf.LangLiteral(fmt.Sprintf("Dataset %d (%d)", i, y), "nl"))
		add(d, dct+"description", rdf.LangLiteral("Gesimuleerde dataset.", "nl"))
		if rng.IntN(3) > 0 {
			add(d, dct+"license", rdf.IRI("http://creativecommons.org/publicdomain/zero/1.0/"))
			add(d, dcatNS+"keyword", rdf.LangLiteral("open data", "nl"))
		}
		for j, f := range []string{"CSV", "JSON"} {
			di := fmt.Sprintf("%s/distributie/%d", d, j)
			add(d, dcatNS+"distribution", rdf.IRI(di))
			add(di, rdf.RDFType, rdf.IRI(dcatNS+"Distribution"))
			add(di, dcatNS+"downloadURL", rdf.IRI(di+"."+strings.ToLower(f)))
			add(di, dct+"format", rdf.IRI("http://publications.europa.eu/resource/authority/file-type/"+f))
		}
	}
	return qs
}

// view is a dcat.View over the city's graphs in memory.
type view struct {
	*dataset.Memory
	mod map[rdf.Term]time.Time
}

func (v view) GraphModified(g rdf.Term) (time.Time, bool, error) {
	t, ok := v.mod[g]
	return t, ok, nil
}

func (s *sim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := r.Host
	s.mu.Lock()
	c := s.byHost[host]
	s.mu.Unlock()
	if c == nil {
		http.NotFound(w, r)
		return
	}
	if r.Method == http.MethodPost && r.URL.Path == "/change" {
		s.change(w, r)
		return
	}
	c.mu.RLock()
	d := c.docs[r.URL.Path]
	c.mu.RUnlock()
	if d == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("ETag", d.etag)
	h.Set("Content-Type", d.ctype)
	h.Set("Vary", "Accept-Encoding")
	if r.Header.Get("If-None-Match") == d.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		w.Write(d.gz)
		return
	}
	zr, _ := gzip.NewReader(bytes.NewReader(d.gz))
	var plain bytes.Buffer
	plain.ReadFrom(zr)
	w.Write(plain.Bytes())
}

// change publishes a new version of the latest assessment of the first n
// cities.
func (s *sim) change(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("n"))
	s.mu.Lock()
	var cities []*city
	for _, c := range s.byHost {
		cities = append(cities, c)
	}
	s.mu.Unlock()
	sort.Slice(cities, func(i, j int) bool { return cities[i].nis < cities[j].nis })
	start := time.Now()
	for _, c := range cities[:min(n, len(cities))] {
		c.version++
		if err := s.build(c); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
	}
	fmt.Fprintf(w, "%d cities changed in %s\n", min(n, len(cities)), time.Since(start).Round(time.Millisecond))
}

func main() {
	n := flag.Int("cities", 300, "municipalities")
	years := flag.Int("years", 10, "years of assessments and surveys per municipality, ending in -last")
	last := flag.Int("last", 2025, "the last year")
	port := flag.Int("port", 18080, "the port every city listens on, each on its own loopback address")
	sources := flag.String("sources", "", "write the hub's source list here")
	workers := flag.Int("workers", runtime.NumCPU(), "cities built at once")
	withEvidence := flag.Bool("evidence", true, "each city also publishes, per year, the evidence graph of its own open-data catalog (5 to 20 datasets, scored)")
	flag.Parse()
	log.SetFlags(0)

	qs, err := vocab.Quads("http://template.invalid/")
	if err != nil {
		log.Fatal(err)
	}
	var modelQs []rdf.Quad
	for _, q := range qs {
		if q.G.Value == vocab.ModelGraph("http://template.invalid/") {
			q.G = rdf.Term{}
			modelQs = append(modelQs, q)
		}
	}
	model, err := vocab.ReadModel(modelQs)
	if err != nil {
		log.Fatal(err)
	}
	s := &sim{model: model, modelQs: modelQs, rngSeed: 2026, evidence: *withEvidence, byHost: map[string]*city{}, generated: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		cfgWrite: rdfio.WriteOptions{Prefixes: vocab.Prefixes(), Context: vocab.Context()}}
	var ys []int
	for y := *last - *years + 1; y <= *last; y++ {
		ys = append(ys, y)
	}
	var cities []*city
	var list strings.Builder
	for i, nis := range nisCodes(*n) {
		host := fmt.Sprintf("127.0.%d.%d:%d", 1+i/250, 1+i%250, *port)
		c := &city{nis: nis, base: "http://" + host + "/", version: 1, years: ys}
		cities = append(cities, c)
		s.byHost[host] = c
		fmt.Fprintf(&list, "c%s %scatalog interval=6h\n", nis, c.base)
	}
	start := time.Now()
	work := make(chan *city)
	var wg sync.WaitGroup
	var bytesServed, docsN int
	var mu sync.Mutex
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				if err := s.build(c); err != nil {
					log.Fatalf("%s: %v", c.nis, err)
				}
				mu.Lock()
				for _, d := range c.docs {
					bytesServed += d.plain
					docsN++
				}
				mu.Unlock()
			}
		}()
	}
	for i, c := range cities {
		work <- c
		if (i+1)%50 == 0 {
			log.Printf("hubsim: %d cities built (%s)", i+1, time.Since(start).Round(time.Second))
		}
	}
	close(work)
	wg.Wait()
	log.Printf("hubsim: %d cities × %d years built in %s: %d documents, %d MB as served uncompressed",
		len(cities), len(ys), time.Since(start).Round(time.Second), docsN, bytesServed>>20)
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	for _, c := range cities {
		host := strings.TrimSuffix(strings.TrimPrefix(c.base, "http://"), "/")
		ln, err := net.Listen("tcp", host)
		if err != nil {
			log.Fatal(err)
		}
		go srv.Serve(ln)
	}
	if *sources != "" {
		if err := os.WriteFile(*sources, []byte(list.String()), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("hubsim: serving %d cities on 127.0.1.1:%d …; sources in %s", len(cities), *port, *sources)
	select {}
}
