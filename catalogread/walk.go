package catalogread

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/stadleuven/maturity/rdf"
)

// Accept asks a server for the formats harvesters read, JSON-LD last: a
// remote @context would have to be fetched.
const Accept = "text/turtle, application/rdf+xml;q=0.9, application/n-triples;q=0.8, application/n-quads;q=0.8, application/ld+json;q=0.5"

// HydraNext are the properties that point to a collection's next page:
// Hydra's current term and the older nextPage (ckanext-dcat, piveau), in
// both namespaces Hydra has had.
var HydraNext = []string{
	"http://www.w3.org/ns/hydra/core#next",
	"http://www.w3.org/ns/hydra/core#nextPage",
	"http://purl.org/hydra/core#next",
	"http://purl.org/hydra/core#nextPage",
}

// PageFunc fetches page n (counting from 1) at url and returns its quads.
// Blank nodes must be kept apart per page: BlankPrefix(n) gives a prefix
// for Parse and Decode.
type PageFunc func(ctx context.Context, url string, n int) ([]rdf.Quad, error)

// WalkOptions bound a Walk.
type WalkOptions struct {
	// MaxPages bounds the pages followed (default 10000).
	MaxPages int
	// Follow, when set, is asked about every next-page link before it is
	// fetched; an error ends the walk with that error. The harvester keeps
	// a source's pages on the source's own origin this way.
	Follow func(url string) error
}

// Walk reads a catalog from start, following next-page links until a page
// names none that was not read yet. It returns every page's quads, merged,
// and the URLs of the pages in the order read.
func Walk(ctx context.Context, start string, fetch PageFunc, opts WalkOptions) ([]rdf.Quad, []string, error) {
	if opts.MaxPages <= 0 {
		opts.MaxPages = 10000
	}
	var quads []rdf.Quad
	var pages []string
	visited := map[string]bool{}
	for next := start; next != ""; {
		if len(pages) >= opts.MaxPages {
			return nil, nil, fmt.Errorf("%s: meer dan %d pagina's; gestopt (more than %d pages)", start, opts.MaxPages, opts.MaxPages)
		}
		if len(pages) > 0 && opts.Follow != nil {
			if err := opts.Follow(next); err != nil {
				return nil, nil, err
			}
		}
		visited[next] = true
		pages = append(pages, next)
		page, err := fetch(ctx, next, len(pages))
		if err != nil {
			return nil, nil, err
		}
		quads = append(quads, page...)
		next = NextPage(page, visited)
	}
	return quads, pages, nil
}

// BlankPrefix is the blank-node prefix of page n, so that _:b1 on two
// pages stays two nodes.
func BlankPrefix(n int) string { return "p" + strconv.Itoa(n) + "_" }

// NextPage returns the first not yet visited next-page link of a page
// (the smallest, when a page names several), or "".
func NextPage(quads []rdf.Quad, visited map[string]bool) string {
	var cands []string
	for _, q := range quads {
		for _, p := range HydraNext {
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
