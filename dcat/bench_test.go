package dcat

import (
	"context"
	"testing"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// TestBuildCost measures building the catalog of 500 assessments: cold
// (every distribution rendered to measure its size), warm (sizes cached)
// and after one assessment changed (one dataset rendered again).
func TestBuildCost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 500 assessments")
	}
	d := with500(t)
	v := d.view()
	sizes := NewSizeCache()
	cfg := Config{Base: testBase}
	ctx := context.Background()
	start := time.Now()
	c, err := Build(ctx, v, cfg, sizes)
	if err != nil {
		t.Fatal(err)
	}
	cold := time.Since(start)
	start = time.Now()
	if _, err := Build(ctx, v, cfg, sizes); err != nil {
		t.Fatal(err)
	}
	warm := time.Since(start)
	d.mod[rdf.IRI(vocab.AssessmentIndexGraph(testBase, "24062", 2000))] = t0.Add(time.Hour)
	v = d.view()
	start = time.Now()
	c2, err := Build(ctx, v, cfg, sizes)
	if err != nil {
		t.Fatal(err)
	}
	one := time.Since(start)
	start = time.Now()
	n := len(c2.Quads())
	whole := time.Since(start)
	t.Logf("%d datasets, %d quads: cold build %v, warm %v, after one change %v, whole-catalog quads %v", len(c.Datasets), n, cold.Round(time.Millisecond), warm.Round(time.Millisecond), one.Round(time.Millisecond), whole.Round(time.Millisecond))
	if warm > cold/2 {
		t.Errorf("a warm build (%v) should be far cheaper than a cold one (%v): the size cache does not work", warm, cold)
	}
}
