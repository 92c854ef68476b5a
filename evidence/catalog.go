package evidence

import (
	"sort"

	"github.com/stadleuven/maturity/catalogread"
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

// graph indexes triples by subject and predicate; graph names are ignored.
type graph map[rdf.Term]map[string][]rdf.Term

func newGraph(quads []rdf.Quad) graph { return graph(catalogread.Index(quads).Graph()) }

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

func sortTerms(ts []rdf.Term) { catalogread.SortTerms(ts) }

// Catalog is a DCAT catalog as read from one document or a series of
// Hydra pages (package catalogread reads and indexes it).
type Catalog struct {
	Source   string // the file or URL it was read from
	IRI      string // the dcat:Catalog with the most datasets ("" if none)
	Pages    int    // documents read
	Triples  int    // distinct triples
	Datasets []*Dataset

	quads []rdf.Quad
	ix    *catalogread.Catalog
	g     graph
}

// Dataset is one dcat:Dataset with what serves it.
type Dataset = catalogread.Dataset

func termID(t rdf.Term) string { return catalogread.TermID(t) }

// NewCatalog indexes the quads of a DCAT document. Every dcat:Dataset is
// a dataset, whether the catalog lists it or not, and so is every resource
// a catalog lists with dcat:dataset.
func NewCatalog(quads []rdf.Quad, source string) *Catalog {
	ix := catalogread.Index(quads)
	return &Catalog{Source: source, IRI: ix.IRI, Triples: ix.Triples, Datasets: ix.Datasets, quads: quads, ix: ix, g: graph(ix.Graph())}
}

// Quads returns the triples read.
func (c *Catalog) Quads() []rdf.Quad { return c.quads }

// subgraph returns the description of one dataset, enough to validate it
// alone: every triple about the dataset, its distributions and the
// resources they point to, three steps deep, without crossing into the
// resources of stop (the catalogs and the datasets).
func (c *Catalog) subgraph(d *Dataset, stop map[rdf.Term]bool) []rdf.Quad {
	return c.ix.Describe(d.Node, 3, stop)
}

// literalText picks a language's text among literals, Dutch first.
func literalText(ts []rdf.Term, lang string) string { return catalogread.PickText(ts, lang) }
