package examples

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

//go:embed ttl data queries
var files embed.FS

// Files returns the embedded example files: ttl/ (Turtle per graph),
// data/ (CSV files in the import formats) and queries/ (SPARQL).
func Files() fs.FS { return files }

// demo is one fictional import: a CSV file in data/ and its key.
type demo struct {
	file          string
	org           string
	year, version int
	survey        bool
	at            time.Time
}

func demos() []demo {
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, time.UTC) }
	return []demo{
		{file: "zelfevaluatie-99991-2024.csv", org: "99991", year: 2024, version: 1, at: at(2024, 3, 14)},
		{file: "zelfevaluatie-99991-2025.csv", org: "99991", year: 2025, version: 1, at: at(2025, 3, 12)},
		{file: "zelfevaluatie-99991-2025-v2.csv", org: "99991", year: 2025, version: 2, at: at(2025, 4, 2)},
		{file: "zelfevaluatie-99992-2024.csv", org: "99992", year: 2024, version: 1, at: at(2024, 5, 6)},
		{file: "zelfevaluatie-99992-2025.csv", org: "99992", year: 2025, version: 1, at: at(2025, 5, 20)},
		{file: "bevraging-99991-2025.csv", org: "99991", year: 2025, version: 1, survey: true, at: at(2025, 2, 28)},
	}
}

// Graphs returns the example graphs: graph/voorbeelden (the fictional
// cities) and the graphs of the demo assessments and survey. (The study's
// findings are real data and part of the model: vocab/ttl/studie.) A graph that occurs twice (the index graph of a
// revised assessment) is given once, in its final state.
func Graphs(ctx context.Context, base string) ([]assess.Graph, error) {
	modelQuads, err := vocab.Quads(base)
	if err != nil {
		return nil, err
	}
	model, err := vocab.ReadModel(modelQuads)
	if err != nil {
		return nil, err
	}
	ttl, err := fs.Sub(files, "ttl")
	if err != nil {
		return nil, fmt.Errorf("examples: %w", err)
	}
	byGraph := map[string][]rdf.Quad{}
	var order []string
	put := func(g assess.Graph) {
		if _, ok := byGraph[g.IRI]; !ok {
			order = append(order, g.IRI)
		}
		byGraph[g.IRI] = g.Quads
	}
	var static []rdf.Quad
	if err := vocab.LoadFS(base, ttl, func(q rdf.Quad) error { static = append(static, q); return nil }); err != nil {
		return nil, fmt.Errorf("examples: %w", err)
	}
	grouped := map[string][]rdf.Quad{}
	for _, q := range static {
		grouped[q.G.Value] = append(grouped[q.G.Value], q)
	}
	names := make([]string, 0, len(grouped))
	for g := range grouped {
		names = append(names, g)
	}
	sort.Strings(names)
	for _, g := range names {
		put(assess.Graph{IRI: g, Quads: grouped[g]})
	}
	labels := orgLabels(base, static)
	for _, d := range demos() {
		gs, err := importDemo(ctx, base, model, d, labels[d.org])
		if err != nil {
			return nil, fmt.Errorf("examples: %s: %w", d.file, err)
		}
		for _, g := range gs {
			put(g)
		}
	}
	out := make([]assess.Graph, 0, len(order))
	for _, g := range order {
		out = append(out, assess.Graph{IRI: g, Quads: byGraph[g]})
	}
	return out, nil
}

func orgLabels(base string, qs []rdf.Quad) map[string]vocab.Text {
	out := map[string]vocab.Text{}
	prefix := vocab.Organisation(base, "")
	for _, q := range qs {
		if q.P.Value == vocab.SKOS+"prefLabel" && strings.HasPrefix(q.S.Value, prefix) {
			nis := strings.TrimPrefix(q.S.Value, prefix)
			if out[nis] == nil {
				out[nis] = vocab.Text{}
			}
			out[nis][q.O.Lang] = q.O.Value
		}
	}
	return out
}

// fictional marks a demo data set as invented, in its own graph.
func fictional(g *assess.Graph, subject string) {
	for lang, text := range map[string]string{
		"nl": "Fictieve demonstratiegegevens: deze stad en al haar cijfers zijn verzonnen.",
		"en": "Fictional demonstration data: this city and all its figures are invented.",
	} {
		g.Quads = append(g.Quads, rdf.Quad{S: rdf.IRI(subject), P: rdf.IRI(vocab.RDFS + "comment"),
			O: rdf.LangLiteral(text, lang), G: rdf.IRI(g.IRI)})
	}
}

func importDemo(ctx context.Context, base string, model *vocab.Model, d demo, label vocab.Text) ([]assess.Graph, error) {
	f, err := files.Open(path.Join("data", d.file))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if d.survey {
		resp, err := assess.ReadSurvey(ctx, base, model, f, d.file, nil, "")
		if err != nil {
			return nil, err
		}
		res := assess.AggregateSurvey(model, resp, assess.DefaultThreshold)
		res.Org, res.OrgLabel, res.Year, res.Version, res.Generated = d.org, label, d.year, d.version, d.at
		gs, err := assess.BuildSurvey(base, model, res)
		if err != nil {
			return nil, err
		}
		fictional(&gs[0], vocab.SurveyVersion(base, d.org, d.year, d.version))
		return gs, nil
	}
	gs, err := assess.ImportAssessment(ctx, base, model, f, d.file, assess.Assessment{
		Org: d.org, OrgLabel: label, Year: d.year, Version: d.version, Method: "zelfevaluatie",
		Author: "Demoteam (fictief)", Generated: d.at,
	})
	if err != nil {
		return nil, err
	}
	fictional(&gs[0], vocab.AssessmentVersion(base, d.org, d.year, d.version))
	return gs, nil
}

// Load emits every example quad, graph by graph, for a first start.
func Load(ctx context.Context, base string, emit func(rdf.Quad) error) error {
	gs, err := Graphs(ctx, base)
	if err != nil {
		return err
	}
	for _, g := range gs {
		for _, q := range g.Quads {
			if err := emit(q); err != nil {
				return err
			}
		}
	}
	return nil
}

// Query is one example SPARQL query.
type Query struct {
	Name    string // file name without .rq
	Comment string // what it asks, from its first comment line
	Text    string // the query
}

// Queries returns the example queries. They use absolute IRIs only (the
// shared ontology and model, organisations by dct:identifier), so they
// return the same rows on any instance, whatever its base.
func Queries() ([]Query, error) {
	names, err := fs.Glob(files, "queries/*.rq")
	if err != nil {
		return nil, fmt.Errorf("examples: %w", err)
	}
	var out []Query
	for _, n := range names {
		b, err := fs.ReadFile(files, n)
		if err != nil {
			return nil, fmt.Errorf("examples: %w", err)
		}
		text := string(b)
		comment := ""
		if first, _, _ := strings.Cut(text, "\n"); strings.HasPrefix(first, "#") {
			comment = strings.TrimSpace(strings.TrimPrefix(first, "#"))
		}
		out = append(out, Query{Name: strings.TrimSuffix(path.Base(n), ".rq"), Comment: comment, Text: text})
	}
	return out, nil
}
