package assess

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

func TestSpreadOf(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		in   []float64
		want Spread
	}{
		{"one value", []float64{3}, Spread{N: 1, Min: 3, Q1: 3, Median: 3, Q3: 3, Max: 3}},
		{"two values", []float64{4, 2}, Spread{N: 2, Min: 2, Q1: 2.5, Median: 3, Q3: 3.5, Max: 4}},
		{"four values (type 7)", []float64{1, 2, 3, 4}, Spread{N: 4, Min: 1, Q1: 1.75, Median: 2.5, Q3: 3.25, Max: 4}},
		{"odd count, unsorted", []float64{5, 1, 3, 2, 4}, Spread{N: 5, Min: 1, Q1: 2, Median: 3, Q3: 4, Max: 5}},
		{"ties", []float64{2, 2, 2, 5}, Spread{N: 4, Min: 2, Q1: 2, Median: 2, Q3: 2.75, Max: 5}},
		{"NaN left out", []float64{nan, 1, 3}, Spread{N: 2, Min: 1, Q1: 1.5, Median: 2, Q3: 2.5, Max: 3}},
		{"halves", []float64{1.5, 2.5, 3.5}, Spread{N: 3, Min: 1.5, Q1: 2, Median: 2.5, Q3: 3, Max: 3.5}},
	} {
		got := SpreadOf(tc.in)
		if got != tc.want {
			t.Errorf("%s: SpreadOf(%v) = %+v, want %+v", tc.name, tc.in, got, tc.want)
		}
	}
	if e := SpreadOf(nil); e.N != 0 || !math.IsNaN(e.Median) {
		t.Errorf("empty: %+v, want N 0 and NaN", e)
	}
}

func TestStanding(t *testing.T) {
	s := SpreadOf([]float64{1, 2, 3, 4, 5}) // Q1 2, median 3, Q3 4
	small := SpreadOf([]float64{2, 4})      // median 3: no quartiles used
	for _, tc := range []struct {
		s    Spread
		v    float64
		want int
	}{
		{s, 1, -2}, {s, 2, -1}, {s, 2.5, -1}, {s, 3, 0}, {s, 3.5, 1}, {s, 4, 1}, {s, 4.5, 2},
		{small, 2, -1}, {small, 3, 0}, {small, 4, 1},
		{Spread{}, 3, 0}, {s, math.NaN(), 0},
	} {
		if got := tc.s.Standing(tc.v); got != tc.want {
			t.Errorf("%+v.Standing(%g) = %d, want %d", tc.s, tc.v, got, tc.want)
		}
	}
}

// publishAll builds assessments as imports would write them, a later
// version replacing its index graph, and returns the dataset.
func publishAll(t *testing.T, model *vocab.Model, as []*Assessment) *dataset.Memory {
	t.Helper()
	graphs := map[string][]rdf.Quad{}
	var order []string
	for _, a := range as {
		gs, err := BuildAssessment(context.Background(), testBase, model, a)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gs {
			if _, ok := graphs[g.IRI]; !ok {
				order = append(order, g.IRI)
			}
			graphs[g.IRI] = g.Quads
		}
	}
	var quads []rdf.Quad
	for _, g := range order {
		quads = append(quads, graphs[g]...)
	}
	return dataset.NewMemory(quads)
}

func scored(org string, year, version int, mat, need float64) *Assessment {
	a := &Assessment{Org: org, Year: year, Version: version, Method: "zelfevaluatie", Author: "Team " + org, Partial: true,
		Generated: time.Date(year, 3, 1, 0, 0, 0, 0, time.UTC)}
	for _, d := range []string{"sponsoring", "kennis", "infrastructuur"} {
		a.Scores = append(a.Scores, Score{Domain: d, Maturity: mat, Need: need})
	}
	return a
}

func TestListPublishedAndBenchmark(t *testing.T) {
	model, _ := testModel(t)
	ds := publishAll(t, model, []*Assessment{
		scored("99991", 2024, 1, 1, 3),
		scored("99991", 2025, 1, 2, 4),
		scored("99991", 2025, 2, 3, 4), // revises 2025: version 2 is current
		scored("99992", 2025, 1, 4, 5),
		scored("99993", 2025, 1, 2, 2),
	})
	ctx := context.Background()
	got, err := ListPublished(ctx, ds, testBase)
	if err != nil {
		t.Fatal(err)
	}
	want := []Published{{"99991", 2024, 1}, {"99991", 2025, 2}, {"99992", 2025, 1}, {"99993", 2025, 1}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("ListPublished = %v, want %v", got, want)
	}
	var y2025 []*Assessment
	for _, p := range got {
		if p.Year != 2025 {
			continue
		}
		a, err := LoadAssessmentVersion(ctx, ds, testBase, p.Org, p.Year, p.Version)
		if err != nil {
			t.Fatal(err)
		}
		y2025 = append(y2025, a)
	}
	if y2025[0].Author != "Team 99991" || y2025[0].Scores[0].Maturity != 3 || !y2025[0].Generated.Equal(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("99991/2025 v2 read back as %+v", y2025[0])
	}
	// The older version stays readable as it was.
	v1, err := LoadAssessmentVersion(ctx, ds, testBase, "99991", 2025, 1)
	if err != nil || v1.Scores[0].Maturity != 2 {
		t.Errorf("99991/2025 v1: %+v, %v", v1, err)
	}
	if _, err := LoadAssessmentVersion(ctx, ds, testBase, "99991", 2025, 3); !errors.Is(err, ErrNoVersion) {
		t.Errorf("a version that does not exist: %v, want ErrNoVersion", err)
	}
	b := Benchmark(model, y2025)
	if len(b) != len(model.Domains) {
		t.Fatalf("%d domains, want %d", len(b), len(model.Domains))
	}
	for _, d := range b {
		switch d.Domain {
		case "sponsoring", "kennis", "infrastructuur":
			// maturity 3, 4, 2; need 4, 5, 2
			if d.Maturity != (Spread{N: 3, Min: 2, Q1: 2.5, Median: 3, Q3: 3.5, Max: 4}) || d.Need.Median != 4 || d.Need.Min != 2 {
				t.Errorf("%s: %+v", d.Domain, d)
			}
		default:
			if d.Maturity.N != 0 {
				t.Errorf("%s scored by nobody has N %d", d.Domain, d.Maturity.N)
			}
		}
	}
}
