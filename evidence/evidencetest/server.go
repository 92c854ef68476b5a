package evidencetest

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// PageSize is the number of datasets on one catalog page.
const PageSize = 100

// Server serves a generated catalog and its distributions on loopback.
type Server struct {
	URL      string // base, "http://127.0.0.1:port/"
	Catalog  string // the catalog's first page
	IRI      string // the catalog's IRI
	Datasets []*DatasetSpec

	ln    net.Listener
	hs    *http.Server
	pages [][]byte
	ctype []string

	mu    sync.Mutex
	hits  map[string]int
	files map[string]*file
}

// file is what one path answers.
type file struct {
	behaviour string
	body      Body
	ctype     string
	redirect  string
}

// Truth returns the truth per dataset IRI.
func (s *Server) Truth() map[string]Truth {
	out := map[string]Truth{}
	for _, ds := range s.Datasets {
		out[ds.IRI] = ds.Truth()
	}
	return out
}

// Start generates n datasets from seed and serves them on 127.0.0.1.
func Start(n int, seed uint64) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{ln: ln, hits: map[string]int{}, files: map[string]*file{}}
	s.URL = "http://" + ln.Addr().String() + "/"
	s.Catalog = s.URL + "catalog"
	s.IRI = s.URL + "id/catalogus"
	s.Datasets = Generate(n, seed, s.URL)
	if err := s.build(); err != nil {
		ln.Close()
		return nil, err
	}
	s.hs = &http.Server{Handler: s}
	go s.hs.Serve(ln)
	return s, nil
}

// Close stops the server.
func (s *Server) Close() { s.hs.Close() }

// The catalog's pages rotate through these formats, and the pages point to
// the next one with the two Hydra terms in the two Hydra namespaces.
var pageFormats = []rdfio.Format{rdfio.Turtle, rdfio.RDFXML, rdfio.NTriples, rdfio.JSONLD}

var nextTerms = []string{
	"http://www.w3.org/ns/hydra/core#next",
	"http://purl.org/hydra/core#nextPage",
	"http://www.w3.org/ns/hydra/core#nextPage",
	"http://purl.org/hydra/core#next",
}

const (
	nsDCAT = "http://www.w3.org/ns/dcat#"
	nsDCT  = "http://purl.org/dc/terms/"
	nsFOAF = "http://xmlns.com/foaf/0.1/"
	nsV    = "http://www.w3.org/2006/vcard/ns#"
	xsd    = "http://www.w3.org/2001/XMLSchema#"
)

func (s *Server) urlOf(i, j int, kind, behaviour, ext string) string {
	switch behaviour {
	case Refused:
		return fmt.Sprintf("http://127.0.0.1:1/d/%d/%d/%s%s", i, j, kind, ext)
	case Invalid:
		return fmt.Sprintf("ftp://bestanden.stad.example/d/%d/%d/%s%s", i, j, kind, ext)
	}
	return fmt.Sprintf("%sd/%d/%d/%s%s", s.URL, i, j, kind, ext)
}

// build writes the catalog pages and registers every URL's answer.
func (s *Server) build() error {
	npages := max(1, (len(s.Datasets)+PageSize-1)/PageSize)
	for pg := 0; pg < npages; pg++ {
		var q []rdf.Quad
		t := func(sub, p string, o rdf.Term) { q = append(q, rdf.Triple(rdf.IRI(sub), rdf.IRI(p), o)) }
		iri := func(sub, p, o string) { t(sub, p, rdf.IRI(o)) }
		bn := func(sub, p, label string) { q = append(q, rdf.Triple(rdf.IRI(sub), rdf.IRI(p), rdf.Blank(label))) }
		lit := func(sub, p, v string) { t(sub, p, rdf.LangLiteral(v, "nl")) }
		typed := func(sub, p, v, dt string) { t(sub, p, rdf.TypedLiteral(v, xsd+dt)) }
		iri(s.IRI, rdf.RDFType, nsDCAT+"Catalog")
		lit(s.IRI, nsDCT+"title", "Gegenereerde catalogus")
		lit(s.IRI, nsDCT+"description", "Een catalogus met gekende waarheid.")
		pageURL := func(k int) string { return s.Catalog + "?page=" + strconv.Itoa(k) }
		if pg+1 < npages {
			iri(pageURL(pg+1), nextTerms[pg%len(nextTerms)], pageURL(pg+2))
			iri(pageURL(pg+1), rdf.RDFType, "http://www.w3.org/ns/hydra/core#PartialCollectionView")
		}
		for i := pg * PageSize; i < min(len(s.Datasets), (pg+1)*PageSize); i++ {
			ds := s.Datasets[i]
			d := ds.IRI
			iri(s.IRI, nsDCAT+"dataset", d)
			iri(d, rdf.RDFType, nsDCAT+"Dataset")
			lit(d, nsDCT+"title", ds.Title)
			if ds.Description {
				lit(d, nsDCT+"description", "Beschrijving van "+ds.Title)
			}
			if ds.Keyword {
				lit(d, nsDCAT+"keyword", "test")
			}
			if ds.Theme {
				iri(d, nsDCAT+"theme", "http://publications.europa.eu/resource/authority/data-theme/GOVE")
			}
			if ds.Spatial {
				iri(d, nsDCT+"spatial", "https://data.vlaanderen.be/id/gemeente/24062")
			}
			if ds.Temporal {
				iri(d, nsDCT+"temporal", d+"#periode")
				iri(d+"#periode", rdf.RDFType, nsDCT+"PeriodOfTime")
			}
			if ds.AccessRights {
				ar := "https://www.stad.example/toegang/publiek"
				if ds.AccessRightsEU {
					ar = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
				}
				iri(d, nsDCT+"accessRights", ar)
			}
			if ds.ContactPoint {
				label := fmt.Sprintf("cp%d", i)
				bn(d, nsDCAT+"contactPoint", label)
				q = append(q, rdf.Triple(rdf.Blank(label), rdf.IRI(rdf.RDFType), rdf.IRI(nsV+"Kind")),
					rdf.Triple(rdf.Blank(label), rdf.IRI(nsV+"hasEmail"), rdf.IRI("mailto:opendata@stad.example")))
			}
			if ds.Publisher {
				pub := s.URL + "id/organisatie/24062"
				iri(d, nsDCT+"publisher", pub)
				iri(pub, rdf.RDFType, nsFOAF+"Agent")
				lit(pub, nsFOAF+"name", "Stad")
			}
			if ds.Issued {
				typed(d, nsDCT+"issued", "2024-01-15T10:00:00Z", "dateTime")
			}
			if ds.Modified {
				typed(d, nsDCT+"modified", "2025-03-01T10:00:00Z", "dateTime")
			}
			if ds.Licence != "" {
				iri(d, nsDCT+"license", ds.Licence)
			}
			for j, dist := range ds.Distributions {
				s.distribution(&q, i, j, ds, dist)
			}
			if ds.Service {
				svc := fmt.Sprintf("%sid/dienst/%05d", s.URL, i)
				ep := fmt.Sprintf("%ssparql/%d", s.URL, i)
				iri(svc, rdf.RDFType, nsDCAT+"DataService")
				lit(svc, nsDCT+"title", "SPARQL-endpoint")
				iri(svc, nsDCAT+"endpointURL", ep)
				iri(svc, nsDCT+"conformsTo", "https://www.w3.org/TR/sparql11-protocol/")
				iri(svc, nsDCAT+"servesDataset", d)
				if ds.ServiceLicence != "" {
					iri(svc, nsDCT+"license", ds.ServiceLicence)
				}
				s.files[fmt.Sprintf("/sparql/%d", i)] = &file{behaviour: OK, ctype: "text/turtle", body: Bodies(d+"/ding/", link(ds.ServiceLink, i))["RDF_TURTLE"]}
			}
		}
		f := pageFormats[pg%len(pageFormats)]
		var buf bytes.Buffer
		if err := rdfio.WriteAll(&buf, f, q, rdfio.WriteOptions{}); err != nil {
			return fmt.Errorf("evidencetest: write page %d: %w", pg+1, err)
		}
		s.pages = append(s.pages, buf.Bytes())
		s.ctype = append(s.ctype, f.MediaType())
	}
	return nil
}

func link(on bool, i int) string {
	if !on {
		return ""
	}
	return "http://www.wikidata.org/entity/Q" + strconv.Itoa(100+i)
}

func (s *Server) distribution(q *[]rdf.Quad, i, j int, ds *DatasetSpec, d *DistSpec) {
	t := func(sub, p string, o rdf.Term) { *q = append(*q, rdf.Triple(rdf.IRI(sub), rdf.IRI(p), o)) }
	iri := func(sub, p, o string) { t(sub, p, rdf.IRI(o)) }
	n := d.IRI
	iri(ds.IRI, nsDCAT+"distribution", n)
	iri(n, rdf.RDFType, nsDCAT+"Distribution")
	t(n, nsDCT+"title", rdf.LangLiteral(fmt.Sprintf("Distributie %d", j), "nl"))
	for _, u := range []struct{ kind, behaviour string }{{"access", d.Access}, {"download", d.Download}} {
		if u.behaviour == "" {
			continue
		}
		url := s.urlOf(i, j, u.kind, u.behaviour, d.Ext)
		iri(n, nsDCAT+u.kind+"URL", url)
		body, ct := d.Body, d.ContentType
		if u.kind == "access" && d.LandingAccess {
			body, ct = landingPage, "text/html"
		}
		path := strings.TrimPrefix(url, strings.TrimSuffix(s.URL, "/"))
		f := &file{behaviour: u.behaviour, body: body, ctype: ct}
		if u.behaviour == Redirect {
			f.redirect = "/r" + path
			s.files[f.redirect] = &file{behaviour: OK, body: body, ctype: ct}
		}
		s.files[path] = f
	}
	if d.Format {
		if d.FormatAsIRI {
			iri(n, nsDCT+"format", "http://publications.europa.eu/resource/authority/file-type/"+d.Declared)
		} else {
			t(n, nsDCT+"format", rdf.Literal(d.Declared))
		}
	}
	if d.MediaType {
		iri(n, nsDCAT+"mediaType", "http://www.iana.org/assignments/media-types/"+mediaTypes[d.Declared])
	}
	if d.Licence != "" {
		iri(n, nsDCT+"license", d.Licence)
	}
	if d.Rights {
		iri(n, nsDCT+"rights", s.URL+"voorwaarden")
	}
	if d.ByteSize {
		t(n, nsDCAT+"byteSize", rdf.TypedLiteral(strconv.Itoa(len(d.Body.Bytes)), xsd+"nonNegativeInteger"))
	}
	if d.Issued {
		t(n, nsDCT+"issued", rdf.TypedLiteral("2024-01-15", xsd+"date"))
	}
	if d.Modified {
		t(n, nsDCT+"modified", rdf.TypedLiteral("2025-02-01", xsd+"date"))
	}
}

// ServeHTTP answers the catalog pages, the distributions and the SPARQL
// services.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/catalog" {
		pg := 1
		if v := r.URL.Query().Get("page"); v != "" {
			pg, _ = strconv.Atoi(v)
		}
		if pg < 1 || pg > len(s.pages) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", s.ctype[pg-1])
		w.Write(s.pages[pg-1])
		return
	}
	f := s.files[r.URL.Path]
	if f == nil {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	s.hits[r.URL.Path]++
	hits := s.hits[r.URL.Path]
	s.mu.Unlock()
	status := http.StatusOK
	switch f.behaviour {
	case Head405, Head403, Head501:
		if r.Method == http.MethodHead {
			w.WriteHeader(map[string]int{Head405: 405, Head403: 403, Head501: 501}[f.behaviour])
			return
		}
	case Redirect:
		http.Redirect(w, r, f.redirect, http.StatusMovedPermanently)
		return
	case Throttle:
		if hits == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
	case NotFound:
		status = 404
	case Broken:
		status = 500
	case Gone:
		status = 410
	case Denied:
		status = 403
	}
	if status != http.StatusOK {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		fmt.Fprintf(w, "<html><body>%d</body></html>", status)
		return
	}
	body := f.body.Bytes
	w.Header().Set("Content-Type", f.ctype)
	if r.Header.Get("Range") != "" && r.Method == http.MethodGet {
		n := min(len(body), 1024)
		w.Header().Set("Content-Range", fmt.Sprintf("bytes 0-%d/%d", n-1, len(body)))
		w.WriteHeader(http.StatusPartialContent)
		w.Write(body[:n])
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}
