package hub

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/vocab"
)

// Measure is the score a cross-city table shows.
type Measure string

// The measures of an assessment.
const (
	Maturity Measure = "maturiteit"
	Need     Measure = "nood"
	Gap      Measure = "kloof"
)

// Filter chooses what the cross-city table shows.
type Filter struct {
	Year     int    // 0: each organisation's latest assessment
	Province string // a Province slug; "" all
	Measure  Measure
}

// Comparison is every organisation's scores side by side per domain, with
// the median and the spread per domain.
type Comparison struct {
	Filter  Filter
	Domains []vocab.DomainDef // columns, in the model's order
	Rows    []*Row            // organisations, by name
	Spread  []Spread          // per domain, aligned with Domains
	Years   []int             // years with assessments (for the filter)
}

// Row is one organisation's assessment.
type Row struct {
	Org      string // its IRI at the source instance
	Name     vocab.Text
	NIS      string
	Province Province
	Year     int
	Cells    []*Cell // aligned with Domains; nil where the assessment has no score
}

// Cell is one figure and the observation it comes from.
type Cell struct {
	Value       float64 `json:"value"`
	Observation string  `json:"observation"` // the qb:Observation's IRI, at the source instance
}

// scoresQuery reads the current version of every assessment: per
// observation its domain and scores. DISTINCT: a hub that harvested the
// same data twice (two sources, or a source and its own copy) counts it
// once.
const scoresQuery = `PREFIX mat: <https://w3id.org/open-data-maturiteit/ns#>
PREFIX qb: <http://purl.org/linked-data/cube#>
SELECT DISTINCT ?org ?year ?obs ?domain ?m ?n WHERE {
  ?a a mat:Assessment ; mat:currentVersion ?v ; mat:organisation ?org ; mat:period ?year .
  ?obs qb:dataSet ?v ; mat:domain ?domain ; mat:maturityScore ?m ; mat:needScore ?n .
}`

// orgsQuery reads what identifies the assessed organisations: the NIS
// code (dct:identifier of the publisher, as the source's catalog states
// it, or the address register's municipality in skos:exactMatch) and
// their names.
const orgsQuery = `PREFIX mat: <https://w3id.org/open-data-maturiteit/ns#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT DISTINCT ?org ?p ?v WHERE {
  { SELECT DISTINCT ?org WHERE { ?a a mat:Assessment ; mat:currentVersion ?cv ; mat:organisation ?org } }
  VALUES ?p { dct:identifier skos:exactMatch skos:prefLabel foaf:name }
  ?org ?p ?v .
}`

const gemeentePrefix = "https://data.vlaanderen.be/id/gemeente/"

// Compare computes the cross-city table over a view of the hub.
func Compare(ctx context.Context, ds dataset.Dataset, model *vocab.Model, f Filter) (*Comparison, error) {
	if f.Measure == "" {
		f.Measure = Maturity
	}
	c := &Comparison{Filter: f, Domains: model.Domains}
	col := map[string]int{}
	for i, d := range model.Domains {
		col[d.IRI] = i
	}
	orgs := map[string]*Row{}
	if err := query(ctx, ds, orgsQuery, func(r []rdf.Term) {
		o := orgs[r[0].Value]
		if o == nil {
			o = &Row{Org: r[0].Value, Name: vocab.Text{}}
			orgs[r[0].Value] = o
		}
		switch v := r[2]; r[1].Value {
		case "http://purl.org/dc/terms/identifier":
			if len(v.Value) == 5 && strings.Trim(v.Value, "0123456789") == "" {
				o.NIS = v.Value
			}
		case "http://www.w3.org/2004/02/skos/core#exactMatch":
			if nis, ok := strings.CutPrefix(v.Value, gemeentePrefix); ok && o.NIS == "" {
				o.NIS = nis
			}
		default:
			if v.IsLiteral() && (o.Name[v.Lang] == "" || v.Value < o.Name[v.Lang]) {
				o.Name[v.Lang] = v.Value
			}
		}
	}); err != nil {
		return nil, err
	}
	// Every organisation's assessments by year; then the year shown.
	type key struct {
		org  string
		year int
	}
	byYear := map[key][]*Cell{}
	years := map[int]bool{}
	if err := query(ctx, ds, scoresQuery, func(r []rdf.Term) {
		year, err := strconv.Atoi(strings.SplitN(r[1].Value, "-", 2)[0])
		i, ok := col[r[3].Value]
		if err != nil || !ok {
			return
		}
		m, err1 := strconv.ParseFloat(r[4].Value, 64)
		n, err2 := strconv.ParseFloat(r[5].Value, 64)
		if err1 != nil || err2 != nil {
			return
		}
		v := m
		switch f.Measure {
		case Need:
			v = n
		case Gap:
			v = n - m
		}
		k := key{r[0].Value, year}
		if byYear[k] == nil {
			byYear[k] = make([]*Cell, len(model.Domains))
		}
		// Two observations of one domain (the same data under two IRIs)
		// keep the smaller IRI: the table must not depend on scan order.
		if old := byYear[k][i]; old == nil || r[2].Value < old.Observation {
			byYear[k][i] = &Cell{Value: round2(v), Observation: r[2].Value}
		}
		years[year] = true
	}); err != nil {
		return nil, err
	}
	latest := map[string]int{}
	for k := range byYear {
		if (f.Year == 0 || k.year == f.Year) && k.year > latest[k.org] {
			latest[k.org] = k.year
		}
	}
	for org, year := range latest {
		row := orgs[org]
		if row == nil {
			row = &Row{Org: org, Name: vocab.Text{}}
		}
		row.Year, row.Cells, row.Province = year, byYear[key{org, year}], ProvinceOf(row.NIS)
		if f.Province != "" && row.Province.Slug != f.Province {
			continue
		}
		c.Rows = append(c.Rows, row)
	}
	sort.Slice(c.Rows, func(i, j int) bool {
		a, b := c.Rows[i], c.Rows[j]
		if an, bn := a.Name.In("nl"), b.Name.In("nl"); an != bn {
			return an < bn
		}
		return a.Org < b.Org
	})
	for i := range c.Domains {
		var xs []float64
		for _, r := range c.Rows {
			if r.Cells[i] != nil {
				xs = append(xs, r.Cells[i].Value)
			}
		}
		c.Spread = append(c.Spread, spreadOf(xs))
	}
	for y := range years {
		c.Years = append(c.Years, y)
	}
	sort.Ints(c.Years)
	return c, nil
}

func round2(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 2, 64), 64)
	return v
}

// query runs a SELECT over ds and calls row for each answer.
func query(ctx context.Context, ds dataset.Dataset, text string, row func([]rdf.Term)) error {
	q, err := sparql.Parse(text, sparql.ParseOptions{})
	if err != nil {
		return fmt.Errorf("hub: %w", err)
	}
	res, err := sparql.Exec(ctx, ds, q, sparql.ExecOptions{DefaultGraph: sparql.UnionDefaultGraph})
	if err != nil {
		return fmt.Errorf("hub: %w", err)
	}
	defer res.Close()
	for res.Next() {
		row(res.Row())
	}
	if err := res.Err(); err != nil {
		return fmt.Errorf("hub: %w", err)
	}
	return nil
}

// ReadModel reads the model from the view's model graph.
func ReadModel(ctx context.Context, ds dataset.Dataset, base string) (*vocab.Model, error) {
	qs, err := dataset.NewDecoder(ds).GraphQuads(ctx, rdf.IRI(vocab.ModelGraph(base)))
	if err != nil {
		return nil, fmt.Errorf("hub: read the model: %w", err)
	}
	m, err := vocab.ReadModel(qs)
	if err != nil {
		return nil, fmt.Errorf("hub: %w", err)
	}
	return m, nil
}
