package evidence

import (
	"context"
	"fmt"

	"github.com/stadleuven/maturity/catalogread"
	"github.com/stadleuven/maturity/internal/webfetch"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

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
func IsURL(src string) bool { return catalogread.IsURL(src) }

// Load reads a DCAT catalog from a file or URL in any RDF format this
// project reads. A URL's document that names a next page (hydra:next or
// hydra:nextPage, in either Hydra namespace) is followed page by page;
// every page's triples are merged, with blank nodes kept apart per page.
func Load(ctx context.Context, src string, opts LoadOptions) (*Catalog, error) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 1 << 30
	}
	if !IsURL(src) {
		quads, err := catalogread.ReadFile(src, opts.Format, formatOf)
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
	quads, pages, err := catalogread.Walk(ctx, src, func(ctx context.Context, url string, n int) ([]rdf.Quad, error) {
		return fetchPage(ctx, opts, url, catalogread.BlankPrefix(n))
	}, catalogread.WalkOptions{MaxPages: opts.MaxPages})
	if err != nil {
		return nil, err
	}
	c := NewCatalog(quads, src)
	c.Pages = len(pages)
	return c, nil
}

func fetchPage(ctx context.Context, opts LoadOptions, url, blank string) ([]rdf.Quad, error) {
	r := opts.Client.Get(ctx, url, catalogread.Accept, opts.MaxBytes)
	if r.Err != nil {
		return nil, fmt.Errorf("%s: ophalen mislukt (fetch failed): %w", url, r.Err)
	}
	if !r.OK() {
		return nil, fmt.Errorf("%s antwoordt HTTP %d (answers HTTP %d)", url, r.Status, r.Status)
	}
	if r.Truncated {
		return nil, fmt.Errorf("%s: document groter dan %d bytes (larger than the limit)", url, opts.MaxBytes)
	}
	return catalogread.Decode(r.Body, r.ContentType, r.FinalURL, url, blank, formatOf)
}

// formatOf tells an RDF format from the bytes (Sniff, which also looks
// inside gzip), then the name's extension.
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
