package evidence

import (
	"sort"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// Vocabulary the scorer reads.
const (
	nsDCAT   = "http://www.w3.org/ns/dcat#"
	nsDCT    = "http://purl.org/dc/terms/"
	nsFOAF   = "http://xmlns.com/foaf/0.1/"
	nsADMS   = "http://www.w3.org/ns/adms#"
	nsDCATAP = "http://data.europa.eu/r5r/"
	nsOWL    = "http://www.w3.org/2002/07/owl#"
	nsSKOS   = "http://www.w3.org/2004/02/skos/core#"
	nsRDFS   = "http://www.w3.org/2000/01/rdf-schema#"

	dcatCatalog      = nsDCAT + "Catalog"
	dcatDataset      = nsDCAT + "Dataset"
	dcatDistribution = nsDCAT + "Distribution"
	dcatDataService  = nsDCAT + "DataService"

	accessRightNAL = "http://publications.europa.eu/resource/authority/access-right/"
)

// hydraNext are the properties that point to a collection's next page:
// Hydra's current term and the older nextPage (ckanext-dcat, piveau), in
// both namespaces Hydra has had.
var hydraNext = []string{
	"http://www.w3.org/ns/hydra/core#next",
	"http://www.w3.org/ns/hydra/core#nextPage",
	"http://purl.org/hydra/core#next",
	"http://purl.org/hydra/core#nextPage",
}

// graph indexes triples by subject and predicate; graph names are ignored.
type graph map[rdf.Term]map[string][]rdf.Term

func newGraph(quads []rdf.Quad) graph {
	g := graph{}
	seen := map[[3]rdf.Term]bool{}
	for _, q := range quads {
		k := [3]rdf.Term{q.S, q.P, q.O}
		if seen[k] {
			continue
		}
		seen[k] = true
		if g[q.S] == nil {
			g[q.S] = map[string][]rdf.Term{}
		}
		g[q.S][q.P.Value] = append(g[q.S][q.P.Value], q.O)
	}
	return g
}

func (g graph) objs(s rdf.Term, p string) []rdf.Term { return g[s][p] }

func (g graph) has(s rdf.Term, p string) bool { return len(g[s][p]) > 0 }

func (g graph) isA(s rdf.Term, class string) bool {
	for _, t := range g[s][rdf.RDFType] {
		if t.Value == class {
			return true
		}
	}
	return false
}

// iris returns the IRI objects of (s, p), sorted.
func (g graph) iris(s rdf.Term, p string) []string {
	var out []string
	for _, o := range g.objs(s, p) {
		if o.IsIRI() {
			out = append(out, o.Value)
		}
	}
	sort.Strings(out)
	return out
}

// instances returns the subjects typed class, in a stable order.
func (g graph) instances(class string) []rdf.Term {
	var out []rdf.Term
	for s := range g {
		if g.isA(s, class) {
			out = append(out, s)
		}
	}
	sortTerms(out)
	return out
}

func sortTerms(ts []rdf.Term) {
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].Kind != ts[j].Kind {
			return ts[i].Kind < ts[j].Kind
		}
		return ts[i].Value < ts[j].Value
	})
}

// Catalog is a DCAT catalog as read from one document or a series of
// Hydra pages.
type Catalog struct {
	Source   string // the file or URL it was read from
	IRI      string // the dcat:Catalog with the most datasets ("" if none)
	Pages    int    // documents read
	Triples  int    // distinct triples
	Datasets []*Dataset

	quads []rdf.Quad
	g     graph
}

// Dataset is one dcat:Dataset with what serves it.
type Dataset struct {
	Node          rdf.Term
	Distributions []rdf.Term // its dcat:distribution, stable order
	Services      []rdf.Term // data services that serve it (dcat:servesDataset or a distribution's dcat:accessService)
}

// ID returns the dataset's IRI, or _:label for a blank node.
func (d *Dataset) ID() string { return termID(d.Node) }

func termID(t rdf.Term) string {
	if t.IsBlank() {
		return "_:" + t.Value
	}
	return t.Value
}

// NewCatalog indexes the quads of a DCAT document. Every dcat:Dataset is
// a dataset, whether the catalog lists it or not, and so is every resource
// a catalog lists with dcat:dataset.
func NewCatalog(quads []rdf.Quad, source string) *Catalog {
	c := &Catalog{Source: source, quads: quads, g: newGraph(quads)}
	for _, m := range c.g {
		for _, os := range m {
			c.Triples += len(os)
		}
	}
	best := -1
	for _, cat := range c.g.instances(dcatCatalog) {
		if n := len(c.g.objs(cat, nsDCAT+"dataset")); n > best && cat.IsIRI() {
			best, c.IRI = n, cat.Value
		}
	}
	nodes := map[rdf.Term]bool{}
	for _, d := range c.g.instances(dcatDataset) {
		nodes[d] = true
	}
	for _, cat := range c.g.instances(dcatCatalog) {
		for _, d := range c.g.objs(cat, nsDCAT+"dataset") {
			if !d.IsLiteral() {
				nodes[d] = true
			}
		}
	}
	served := map[rdf.Term][]rdf.Term{}
	for _, s := range c.g.instances(dcatDataService) {
		for _, d := range c.g.objs(s, nsDCAT+"servesDataset") {
			served[d] = append(served[d], s)
		}
	}
	for n := range nodes {
		d := &Dataset{Node: n}
		for _, dist := range c.g.objs(n, nsDCAT+"distribution") {
			if dist.IsLiteral() {
				continue
			}
			d.Distributions = append(d.Distributions, dist)
			for _, s := range c.g.objs(dist, nsDCAT+"accessService") {
				if !s.IsLiteral() {
					served[n] = append(served[n], s)
				}
			}
		}
		sortTerms(d.Distributions)
		d.Services = dedupe(served[n])
		c.Datasets = append(c.Datasets, d)
	}
	sort.Slice(c.Datasets, func(i, j int) bool { return c.Datasets[i].ID() < c.Datasets[j].ID() })
	return c
}

func dedupe(ts []rdf.Term) []rdf.Term {
	sortTerms(ts)
	out := ts[:0]
	for i, t := range ts {
		if i == 0 || t != ts[i-1] {
			out = append(out, t)
		}
	}
	return out
}

// Quads returns the triples read.
func (c *Catalog) Quads() []rdf.Quad { return c.quads }

// subgraph returns the description of one dataset, enough to validate it
// alone: every triple about the dataset, its distributions and the
// resources they point to, three steps deep, without crossing into the
// resources of stop (the catalogs and the datasets).
func (c *Catalog) subgraph(d *Dataset, stop map[rdf.Term]bool) []rdf.Quad {
	var out []rdf.Quad
	seen := map[rdf.Term]bool{d.Node: true}
	frontier := []rdf.Term{d.Node}
	for depth := 0; depth < 3 && len(frontier) > 0; depth++ {
		var next []rdf.Term
		for _, s := range frontier {
			preds := make([]string, 0, len(c.g[s]))
			for p := range c.g[s] {
				preds = append(preds, p)
			}
			sort.Strings(preds)
			for _, p := range preds {
				for _, o := range c.g[s][p] {
					out = append(out, rdf.Quad{S: s, P: rdf.IRI(p), O: o})
					if !o.IsLiteral() && !seen[o] && !stop[o] {
						seen[o] = true
						next = append(next, o)
					}
				}
			}
		}
		frontier = next
	}
	return out
}

// literalText picks a language's text among literals, Dutch first.
func literalText(ts []rdf.Term, lang string) string {
	best, score := "", -1
	for _, t := range ts {
		if !t.IsLiteral() {
			continue
		}
		s := 0
		switch {
		case strings.EqualFold(t.Lang, lang):
			s = 3
		case strings.EqualFold(t.Lang, "nl"):
			s = 2
		case t.Lang == "":
			s = 1
		}
		if s > score {
			best, score = t.Value, s
		}
	}
	return best
}
