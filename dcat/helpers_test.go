package dcat

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/examples"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

const testBase = "http://localhost:8080/"

// memView is a View over dataset.Memory with a modification time per graph,
// as the store keeps them.
type memView struct {
	*dataset.Memory
	mod map[rdf.Term]time.Time
}

func (v memView) GraphModified(g rdf.Term) (time.Time, bool, error) {
	t, ok := v.mod[g]
	return t, ok, nil
}

// graphSet is a mutable set of graphs with modification times.
type graphSet struct {
	graphs map[string][]rdf.Quad
	mod    map[rdf.Term]time.Time
}

func newDataset() *graphSet {
	return &graphSet{graphs: map[string][]rdf.Quad{}, mod: map[rdf.Term]time.Time{}}
}

// put replaces graph g, stamping it with at.
func (d *graphSet) put(g string, quads []rdf.Quad, at time.Time) {
	d.graphs[g] = quads
	d.mod[rdf.IRI(g)] = at
}

func (d *graphSet) view() memView {
	var all []rdf.Quad
	for _, qs := range d.graphs {
		all = append(all, qs...)
	}
	mod := make(map[rdf.Term]time.Time, len(d.mod))
	for k, v := range d.mod {
		mod[k] = v
	}
	return memView{Memory: dataset.NewMemory(all), mod: mod}
}

var t0 = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// exampleData is what a fresh instance holds: the model, the
// organisations and the examples, each graph stamped with t0.
func exampleData(t testing.TB) *graphSet {
	t.Helper()
	d := newDataset()
	byGraph := map[string][]rdf.Quad{}
	emit := func(q rdf.Quad) error { byGraph[q.G.Value] = append(byGraph[q.G.Value], q); return nil }
	if err := vocab.Load(testBase, emit); err != nil {
		t.Fatal(err)
	}
	if err := examples.Load(context.Background(), testBase, emit); err != nil {
		t.Fatal(err)
	}
	for g, qs := range byGraph {
		d.put(g, qs, t0)
	}
	return d
}

// centreCities are the organisations of graph/organisaties that have a
// municipality, for generated assessments.
var centreCities = []string{"41002", "11002", "31005", "71016", "44021", "71022", "34022", "24062", "12025", "35013", "36015", "46021", "13040"}

// with500 returns the example data plus 500 generated assessments. They
// are generated once per test binary (several tests need them); each
// caller gets its own copy of the graph map and modification times.
func with500(t testing.TB) *graphSet {
	t.Helper()
	gen500.once.Do(func() {
		d := exampleData(t)
		gen500.err = addAssessments(d, 500)
		gen500.d = d
	})
	if gen500.err != nil || gen500.d == nil {
		t.Fatalf("generating 500 assessments failed: %v", gen500.err)
	}
	d := newDataset()
	for g, qs := range gen500.d.graphs {
		d.graphs[g] = qs
	}
	for g, m := range gen500.d.mod {
		d.mod[g] = m
	}
	return d
}

var gen500 struct {
	once sync.Once
	d    *graphSet
	err  error
}

// addAssessments imports n generated assessments (deterministic scores)
// through assess.BuildAssessment, the path a city's import takes.
func addAssessments(d *graphSet, n int) error {
	m, err := vocab.ReadModel(d.graphs[vocab.ModelGraph(testBase)])
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	// The centre cities for every year from 2000 to the last one allowed
	// (assess.LastYear), then generated municipalities (NIS 9xxxx, added
	// to graph/organisaties) for the rest.
	years := assess.LastYear() - 2000 + 1
	orgGraph := vocab.OrganisationsGraph(testBase)
	for i := range n {
		nis := centreCities[i%len(centreCities)]
		year := 2000 + i/len(centreCities)
		if k := i - len(centreCities)*years; k >= 0 {
			nis, year = fmt.Sprintf("9%04d", k/years), 2000+k%years
			if k%years == 0 {
				qs, err := assess.Organisation(context.Background(), testBase, nis, "Testgemeente "+nis)
				if err != nil {
					return err
				}
				d.put(orgGraph, append(d.graphs[orgGraph], qs...), t0)
			}
		}
		a := &assess.Assessment{Org: nis, Year: year, Version: 1, Method: "zelfevaluatie",
			Generated: t0.Add(time.Duration(i) * time.Minute)}
		for _, dom := range m.Domains {
			a.Scores = append(a.Scores, assess.Score{Domain: dom.Slug, Maturity: float64(1 + rng.IntN(5)), Need: float64(1 + rng.IntN(5))})
		}
		gs, err := assess.BuildAssessment(context.Background(), testBase, m, a)
		if err != nil {
			return fmt.Errorf("assessment %d: %w", i, err)
		}
		for _, g := range gs {
			d.put(g.IRI, g.Quads, a.Generated)
		}
	}
	return nil
}
