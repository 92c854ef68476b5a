package evidence

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/stadleuven/maturity/internal/webfetch"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// Fictional status codes of data.europa.eu's URL checker.
const (
	StatusConnectionFailed = 1100 // no HTTP answer: refused, timeout, DNS, refused address
	StatusInvalidURL       = 1300 // not an http(s) URL
)

// URLCheck is the outcome of checking one URL.
type URLCheck struct {
	URL         string
	FinalURL    string // after redirects
	Method      string // HEAD, or GET when the server refused HEAD
	Status      int    // HTTP status, or StatusConnectionFailed / StatusInvalidURL
	ContentType string
	Err         string // why there was no HTTP status
}

// OK reports whether the URL answered 2xx, the MQA's success rule.
func (u URLCheck) OK() bool { return u.Status >= 200 && u.Status <= 299 }

// Source says how a distribution's format was determined.
type Source string

const (
	FromBytes       Source = "bytes"        // sniffed from the downloaded bytes
	FromContentType Source = "content-type" // the server's Content-Type
	FromExtension   Source = "extension"    // the URL's file extension
	FromMetadata    Source = "metadata"     // dct:format or dcat:mediaType
)

// Sample is what a bounded download of a distribution showed.
type Sample struct {
	URL         string
	FinalURL    string // after redirects
	Status      int
	ContentType string
	Bytes       int  // bytes read
	Truncated   bool // the file is longer than the cap
	Sniffed     FileType
	// RDF: the sample's triples, an HTTP(S) subject IRI (★★★★) and an
	// object IRI of another authority (★★★★★), when found.
	Triples  int
	Subject  string
	Link     string
	ParseErr string
}

func checkURL(ctx context.Context, c *webfetch.Client, u string) URLCheck {
	r := c.Check(ctx, u)
	return urlCheckOf(r)
}

func urlCheckOf(r webfetch.Response) URLCheck {
	uc := URLCheck{URL: r.URL, FinalURL: r.FinalURL, Method: r.Method, Status: r.Status, ContentType: r.ContentType}
	if r.Err != nil {
		uc.Err = r.Err.Error()
		uc.Status = StatusConnectionFailed
		if errors.Is(r.Err, webfetch.ErrBadURL) {
			uc.Status = StatusInvalidURL
		}
	}
	return uc
}

// sampler downloads samples and remembers fetched JSON-LD contexts.
type sampler struct {
	c        *webfetch.Client
	max      int64
	mu       sync.Mutex
	contexts map[string][]byte
}

// sampleAccept is neutral: the sample shows what the URL gives anyone.
const sampleAccept = "*/*"

// sample downloads a bounded sample of u. It returns the bytes to parse:
// the decompressed content of a gzip body, else the body itself.
func (s *sampler) sample(ctx context.Context, u string) (*Sample, []byte) {
	r := s.c.Get(ctx, u, sampleAccept, s.max)
	out := &Sample{URL: u, FinalURL: r.FinalURL, Status: r.Status, ContentType: r.ContentType, Bytes: len(r.Body), Truncated: r.Truncated}
	if r.Err != nil {
		out.Status = urlCheckOf(r).Status
		out.ParseErr = r.Err.Error()
		return out, nil
	}
	if !r.OK() {
		return out, nil
	}
	var body []byte
	out.Sniffed, body = sniffBody(r.Body)
	return out, body
}

// sparqlSample asks a SPARQL endpoint for some triples.
func (s *sampler) sparqlSample(ctx context.Context, endpoint string) *Sample {
	q := url.Values{"query": {"CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 500"}}
	sep := "?"
	if strings.Contains(endpoint, "?") {
		sep = "&"
	}
	r := s.c.Get(ctx, endpoint+sep+q.Encode(), "text/turtle, application/n-triples;q=0.9, application/rdf+xml;q=0.8", s.max)
	out := &Sample{URL: endpoint, FinalURL: r.FinalURL, Status: r.Status, ContentType: r.ContentType, Bytes: len(r.Body), Truncated: r.Truncated}
	if r.Err != nil {
		out.Status = urlCheckOf(r).Status
		out.ParseErr = r.Err.Error()
		return out
	}
	if !r.OK() {
		return out
	}
	sn, body := sniffBody(r.Body)
	out.Sniffed = sn
	if sn.RDF() {
		s.analyse(ctx, out, sn, body, r.FinalURL)
	}
	return out
}

var remoteContext = regexp.MustCompile(`"@context"\s*:\s*"(https?://[^"]+)"`)

// analyse parses an RDF sample and looks for an HTTP(S) subject and a link
// to another authority. A truncated sample is parsed up to where it was
// cut off.
func (s *sampler) analyse(ctx context.Context, out *Sample, t FileType, body []byte, base string) {
	var f rdfio.Format
	switch t {
	case "RDF_TURTLE", "N3":
		f = rdfio.Turtle
	case "RDF_XML":
		f = rdfio.RDFXML
	case "RDF_N_TRIPLES":
		f = rdfio.NTriples
	case "RDF_N_QUADS":
		f = rdfio.NQuads
	case "JSON_LD":
		f = rdfio.JSONLD
	default:
		out.ParseErr = "no parser for " + string(t)
		return
	}
	opts := rdfio.ParseOptions{Base: base, File: out.URL, BlankPrefix: "s_"}
	if f == rdfio.JSONLD {
		if m := remoteContext.FindSubmatch(body[:min(len(body), 4096)]); m != nil {
			opts.Context = s.jsonldContext(ctx, string(m[1]))
		}
	}
	err := rdfio.Parse(bytes.NewReader(body), f, opts, func(q rdf.Quad) error {
		out.Triples++
		if out.Subject == "" && isHTTP(q.S) {
			out.Subject = q.S.Value
		}
		if out.Link == "" && isLink(q) {
			out.Link = q.O.Value
		}
		return nil
	})
	if err != nil && !out.Truncated {
		out.ParseErr = err.Error()
	}
}

// jsonldContext fetches a remote JSON-LD context once per run, through
// the same safe client.
func (s *sampler) jsonldContext(ctx context.Context, u string) []byte {
	s.mu.Lock()
	b, ok := s.contexts[u]
	s.mu.Unlock()
	if ok {
		return b
	}
	r := s.c.Get(ctx, u, "application/ld+json, application/json;q=0.9", 1<<20)
	if r.OK() && !r.Truncated {
		b = r.Body
	}
	s.mu.Lock()
	s.contexts[u] = b
	s.mu.Unlock()
	return b
}

func isHTTP(t rdf.Term) bool {
	return t.IsIRI() && (strings.HasPrefix(t.Value, "http://") || strings.HasPrefix(t.Value, "https://"))
}

// notLinks are predicates whose objects describe the data's schema or
// terms of use rather than link it to other data: a class, a licence.
var notLinks = map[string]bool{
	rdf.RDFType:                                  true,
	nsRDFS + "subClassOf":                        true,
	nsRDFS + "subPropertyOf":                     true,
	nsRDFS + "domain":                            true,
	nsRDFS + "range":                             true,
	nsRDFS + "isDefinedBy":                       true,
	nsOWL + "equivalentClass":                    true,
	nsOWL + "equivalentProperty":                 true,
	nsOWL + "imports":                            true,
	nsDCT + "license":                            true,
	nsDCT + "rights":                             true,
	nsDCT + "conformsTo":                         true,
	"http://creativecommons.org/ns#license":      true,
	"http://www.w3.org/1999/xhtml/vocab#license": true,
}

// isLink reports whether a triple links its HTTP(S) subject to an HTTP(S)
// IRI of another authority (★★★★★).
func isLink(q rdf.Quad) bool {
	if !isHTTP(q.S) || !isHTTP(q.O) || notLinks[q.P.Value] {
		return false
	}
	return authority(q.S.Value) != authority(q.O.Value)
}

// authority returns the registrable part of an IRI's host: the last two
// labels ("stad.gent", "vlaanderen.be"), three under a generic second
// level of a country domain ("gov.uk"), the whole host for an IP address
// or a single label. data.stad.gent and stad.gent are one authority.
func authority(iri string) string {
	u, err := url.Parse(iri)
	if err != nil {
		return iri
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if strings.Contains(host, ":") || isIPv4(host) {
		return host
	}
	labels := strings.Split(host, ".")
	n := len(labels)
	if n <= 2 {
		return host
	}
	keep := 2
	if len(labels[n-1]) == 2 && genericSLD[labels[n-2]] {
		keep = 3
	}
	return strings.Join(labels[n-keep:], ".")
}

var genericSLD = map[string]bool{"co": true, "com": true, "org": true, "net": true, "gov": true, "ac": true, "edu": true}

func isIPv4(h string) bool {
	return h != "" && strings.Trim(h, "0123456789.") == ""
}
