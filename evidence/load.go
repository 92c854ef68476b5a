package evidence

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/internal/webfetch"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// catalogAccept asks a server for the formats harvesters read, JSON-LD
// last: a remote @context would have to be fetched.
const catalogAccept = "text/turtle, application/rdf+xml;q=0.9, application/n-triples;q=0.8, application/n-quads;q=0.8, application/ld+json;q=0.5"

// LoadOptions configures Load.
type LoadOptions struct {
	// Client fetches URLs (required for a URL source).
	Client *webfetch.Client
	// Format forces the format of a file ("" : from the extension, the
	// Content-Type or the bytes).
	Format rdfio.Format
	// MaxPages bounds the Hydra pages followed (default 10000).
	MaxPages int
	// MaxBytes bounds one page (default 1 GiB).
	MaxBytes int64
}

// IsURL reports whether src is an http(s) URL rather than a file name.
func IsURL(src string) bool {
	return strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")
}

// Load reads a DCAT catalog from a file or URL in any RDF format this
// project reads. A URL's document that names a next page (hydra:next or
// hydra:nextPage, in either Hydra namespace) is followed page by page;
// every page's triples are merged, with blank nodes kept apart per page.
func Load(ctx context.Context, src string, opts LoadOptions) (*Catalog, error) {
	if opts.MaxPages <= 0 {
		opts.MaxPages = 10000
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 1 << 30
	}
	if !IsURL(src) {
		quads, err := loadFile(src, opts.Format)
		if err != nil {
			return nil, err
		}
		c := NewCatalog(quads, src)
		c.Pages = 1
		return c, nil
	}
	if opts.Client == nil {
		return nil, fmt.Errorf("evidence: no HTTP client to fetch %s", src)
	}
	var quads []rdf.Quad
	visited := map[string]bool{}
	next := src
	pages := 0
	for next != "" {
		if pages >= opts.MaxPages {
			return nil, fmt.Errorf("%s: meer dan %d pagina's; gestopt (more than %d pages)", src, opts.MaxPages, opts.MaxPages)
		}
		visited[next] = true
		pages++
		page, err := fetchPage(ctx, opts, next, "p"+strconv.Itoa(pages)+"_")
		if err != nil {
			return nil, err
		}
		quads = append(quads, page...)
		next = nextPage(page, visited)
	}
	c := NewCatalog(quads, src)
	c.Pages = pages
	return c, nil
}

// nextPage returns the first not yet visited next-page link of a page.
func nextPage(quads []rdf.Quad, visited map[string]bool) string {
	var cands []string
	for _, q := range quads {
		for _, p := range hydraNext {
			if q.P.Value == p && q.O.IsIRI() && !visited[q.O.Value] {
				cands = append(cands, q.O.Value)
			}
		}
	}
	if len(cands) == 0 {
		return ""
	}
	sort.Strings(cands)
	return cands[0]
}

func fetchPage(ctx context.Context, opts LoadOptions, url, blank string) ([]rdf.Quad, error) {
	r := opts.Client.Get(ctx, url, catalogAccept, opts.MaxBytes)
	if r.Err != nil {
		return nil, fmt.Errorf("%s: ophalen mislukt (fetch failed): %w", url, r.Err)
	}
	if !r.OK() {
		return nil, fmt.Errorf("%s antwoordt HTTP %d (answers HTTP %d)", url, r.Status, r.Status)
	}
	if r.Truncated {
		return nil, fmt.Errorf("%s: document groter dan %d bytes (larger than the limit)", url, opts.MaxBytes)
	}
	f := rdfio.FormatForMediaType(r.ContentType)
	if f == rdfio.FormatUnknown || r.ContentType == "text/plain" || r.ContentType == "application/xml" || r.ContentType == "application/json" {
		if g := formatOf(r.Body, r.FinalURL); g != rdfio.FormatUnknown {
			f = g
		}
	}
	if f == rdfio.FormatUnknown {
		return nil, fmt.Errorf("%s: Content-Type %q is geen RDF-formaat (is no RDF format)", url, r.ContentType)
	}
	return parse(r.Body, f, r.FinalURL, url, blank)
}

// formatOf tells an RDF format from the bytes, then the name's extension.
func formatOf(b []byte, name string) rdfio.Format {
	t, _ := sniffBody(b)
	switch t {
	case "RDF_TURTLE":
		return rdfio.Turtle
	case "RDF_XML":
		return rdfio.RDFXML
	case "RDF_N_TRIPLES":
		return rdfio.NTriples
	case "RDF_N_QUADS":
		return rdfio.NQuads
	case "JSON_LD":
		return rdfio.JSONLD
	}
	return rdfio.FormatForExt(name)
}

func loadFile(name string, f rdfio.Format) ([]rdf.Quad, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		name = strings.TrimSuffix(name, ".gz")
	}
	if f == rdfio.FormatUnknown {
		if f = rdfio.FormatForExt(name); f == rdfio.FormatUnknown || f == rdfio.JSONLD && !bytes.Contains(b[:min(len(b), 8192)], []byte("@")) {
			f = formatOf(b, "")
		}
	}
	if f == rdfio.FormatUnknown {
		return nil, fmt.Errorf("%s: formaat onbekend; geef --format (unknown format; give --format)", name)
	}
	return parse(b, f, fileBase(name), name, "f_")
}

func fileBase(name string) string {
	abs, err := filepath.Abs(name)
	if err != nil {
		abs = name
	}
	return "file://" + filepath.ToSlash(abs)
}

// parse reads a whole document; a syntax error names the document, line
// and column and nothing of the document is kept.
func parse(b []byte, f rdfio.Format, base, name, blank string) ([]rdf.Quad, error) {
	var quads []rdf.Quad
	err := rdfio.Parse(bytes.NewReader(b), f, rdfio.ParseOptions{Base: base, File: name, BlankPrefix: blank},
		func(q rdf.Quad) error { quads = append(quads, q); return nil })
	if err != nil {
		return nil, err
	}
	return quads, nil
}
