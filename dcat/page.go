package dcat

import (
	"strconv"

	"github.com/stadleuven/maturity/rdf"
)

// PageCount returns the number of Hydra pages (at least 1).
func (c *Catalog) PageCount() int {
	n := (len(c.Datasets) + c.cfg.PageSize - 1) / c.cfg.PageSize
	return max(n, 1)
}

// PageDatasets returns the datasets on page n (1-based), in catalog order.
func (c *Catalog) PageDatasets(n int) ([]*Dataset, bool) {
	if n < 1 || n > c.PageCount() {
		return nil, false
	}
	lo := (n - 1) * c.cfg.PageSize
	hi := min(lo+c.cfg.PageSize, len(c.Datasets))
	return c.Datasets[lo:hi], true
}

// PageQuads returns page n of the catalog for harvesters that page
// (ckanext-dcat, piveau, udata): the catalog with the datasets of the page
// and their descriptions, the data service, and a Hydra
// PartialCollectionView with first, last, previous and next links.
// collection is the URL of the paged document (…/catalog) and pageURL
// gives the URL of page k. Each page is a valid catalog on its own. The
// order is stable: the model, the study, then assessments and surveys by
// organisation and year.
func (c *Catalog) PageQuads(n int, collection string, pageURL func(k int) string) ([]rdf.Quad, bool) {
	ds, ok := c.PageDatasets(n)
	if !ok {
		return nil, false
	}
	e := newEmitter()
	c.catalogNode(e, ds, false)
	for _, d := range ds {
		c.datasetNode(e, d)
	}
	c.serviceNode(e, ds)
	last := c.PageCount()
	view := pageURL(n)
	e.iri(collection, rdfType, nsHydra+"Collection")
	e.lit(collection, nsHydra+"totalItems", rdf.TypedLiteral(strconv.Itoa(len(c.Datasets)), rdf.XSDInteger))
	e.iri(collection, nsHydra+"view", view)
	e.iri(collection, nsFOAF+"primaryTopic", c.IRI)
	e.iri(view, rdfType, nsHydra+"PartialCollectionView")
	e.iri(view, nsHydra+"first", pageURL(1))
	e.iri(view, nsHydra+"last", pageURL(last))
	if n > 1 {
		e.iri(view, nsHydra+"previous", pageURL(n-1))
	}
	if n < last {
		e.iri(view, nsHydra+"next", pageURL(n+1))
	}
	return e.quads, true
}
