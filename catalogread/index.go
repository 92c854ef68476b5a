package catalogread

import (
	"sort"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// Vocabulary the index reads.
const (
	NSDCAT = "http://www.w3.org/ns/dcat#"
	NSDCT  = "http://purl.org/dc/terms/"
	NSFOAF = "http://xmlns.com/foaf/0.1/"

	dcatCatalog     = NSDCAT + "Catalog"
	dcatDataset     = NSDCAT + "Dataset"
	dcatDataService = NSDCAT + "DataService"
)

// Catalog is a DCAT catalog as read: its datasets with what serves them,
// and the triples, indexed by subject and predicate (graph names ignored,
// duplicates dropped).
type Catalog struct {
	IRI      string // the dcat:Catalog with the most datasets ("" if none)
	Triples  int    // distinct triples
	Datasets []*Dataset

	g map[rdf.Term]map[string][]rdf.Term
}

// Dataset is one dcat:Dataset with what serves it.
type Dataset struct {
	Node          rdf.Term
	Distributions []rdf.Term // its dcat:distribution, stable order
	Services      []rdf.Term // data services that serve it (dcat:servesDataset or a distribution's dcat:accessService)
}

// ID returns the dataset's IRI, or _:label for a blank node.
func (d *Dataset) ID() string { return TermID(d.Node) }

// TermID returns an IRI as is and a blank node as _:label.
func TermID(t rdf.Term) string {
	if t.IsBlank() {
		return "_:" + t.Value
	}
	return t.Value
}

// Index indexes the quads of a DCAT document. Every dcat:Dataset is a
// dataset, whether a catalog lists it or not, and so is every resource a
// catalog lists with dcat:dataset. Datasets come sorted by ID.
func Index(quads []rdf.Quad) *Catalog {
	c := &Catalog{g: map[rdf.Term]map[string][]rdf.Term{}}
	seen := map[[3]rdf.Term]bool{}
	for _, q := range quads {
		k := [3]rdf.Term{q.S, q.P, q.O}
		if seen[k] {
			continue
		}
		seen[k] = true
		c.Triples++
		if c.g[q.S] == nil {
			c.g[q.S] = map[string][]rdf.Term{}
		}
		c.g[q.S][q.P.Value] = append(c.g[q.S][q.P.Value], q.O)
	}
	best := -1
	for _, cat := range c.Instances(dcatCatalog) {
		if n := len(c.Objects(cat, NSDCAT+"dataset")); n > best && cat.IsIRI() {
			best, c.IRI = n, cat.Value
		}
	}
	nodes := map[rdf.Term]bool{}
	for _, d := range c.Instances(dcatDataset) {
		nodes[d] = true
	}
	for _, cat := range c.Instances(dcatCatalog) {
		for _, d := range c.Objects(cat, NSDCAT+"dataset") {
			if !d.IsLiteral() {
				nodes[d] = true
			}
		}
	}
	served := map[rdf.Term][]rdf.Term{}
	for _, s := range c.Instances(dcatDataService) {
		for _, d := range c.Objects(s, NSDCAT+"servesDataset") {
			served[d] = append(served[d], s)
		}
	}
	for n := range nodes {
		d := &Dataset{Node: n}
		for _, dist := range c.Objects(n, NSDCAT+"distribution") {
			if dist.IsLiteral() {
				continue
			}
			d.Distributions = append(d.Distributions, dist)
			for _, s := range c.Objects(dist, NSDCAT+"accessService") {
				if !s.IsLiteral() {
					served[n] = append(served[n], s)
				}
			}
		}
		SortTerms(d.Distributions)
		d.Services = dedupe(served[n])
		c.Datasets = append(c.Datasets, d)
	}
	sort.Slice(c.Datasets, func(i, j int) bool { return c.Datasets[i].ID() < c.Datasets[j].ID() })
	return c
}

// Objects returns the objects of (s, p), in document order.
func (c *Catalog) Objects(s rdf.Term, p string) []rdf.Term { return c.g[s][p] }

// IsA reports whether s has rdf:type class.
func (c *Catalog) IsA(s rdf.Term, class string) bool {
	for _, t := range c.g[s][rdf.RDFType] {
		if t.Value == class {
			return true
		}
	}
	return false
}

// Instances returns the subjects typed class, in a stable order.
func (c *Catalog) Instances(class string) []rdf.Term {
	var out []rdf.Term
	for s := range c.g {
		if c.IsA(s, class) {
			out = append(out, s)
		}
	}
	SortTerms(out)
	return out
}

// Describe returns the description of a resource: every triple about it
// and the resources it points to, depth steps deep, without crossing into
// the resources of stop (the catalogs and the other datasets), in a stable
// order.
func (c *Catalog) Describe(node rdf.Term, depth int, stop map[rdf.Term]bool) []rdf.Quad {
	var out []rdf.Quad
	seen := map[rdf.Term]bool{node: true}
	frontier := []rdf.Term{node}
	for ; depth > 0 && len(frontier) > 0; depth-- {
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

// Text picks a language's text among the literal objects of (s, p):
// PickText.
func (c *Catalog) Text(s rdf.Term, p, lang string) string { return PickText(c.Objects(s, p), lang) }

// PickText picks a language's text among literals: the language asked
// for, else Dutch, else one without a language tag.
func PickText(ts []rdf.Term, lang string) string {
	best, score := "", -1
	for _, t := range ts {
		if !t.IsLiteral() {
			continue
		}
		n := 0
		switch {
		case strings.EqualFold(t.Lang, lang):
			n = 3
		case strings.EqualFold(t.Lang, "nl"):
			n = 2
		case t.Lang == "":
			n = 1
		}
		if n > score {
			best, score = t.Value, n
		}
	}
	return best
}

// SortTerms sorts terms by kind, then value.
func SortTerms(ts []rdf.Term) {
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].Kind != ts[j].Kind {
			return ts[i].Kind < ts[j].Kind
		}
		return ts[i].Value < ts[j].Value
	})
}

func dedupe(ts []rdf.Term) []rdf.Term {
	SortTerms(ts)
	out := ts[:0]
	for i, t := range ts {
		if i == 0 || t != ts[i-1] {
			out = append(out, t)
		}
	}
	return out
}

// Graph returns the index itself, subject → predicate → objects, for
// readers that walk the catalog their own way. It must not be modified.
func (c *Catalog) Graph() map[rdf.Term]map[string][]rdf.Term { return c.g }
