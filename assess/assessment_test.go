package assess

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

func demoAssessment(version int) Assessment {
	return Assessment{Org: "99991", OrgLabel: vocab.Text{"nl": "Demostad Noord (fictief)", "en": "Demo City North (fictional)"}, Year: 2024, Version: version,
		Method: "zelfevaluatie", Partial: true, Generated: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), Author: "Team data"}
}

// An imported sheet becomes a Data Cube that meets IC-1..IC-21 together
// with the model, with one observation per row, provenance and a plan.
func TestBuildAssessment(t *testing.T) {
	model, modelQuads := testModel(t)
	ctx := context.Background()
	gs, err := ImportAssessment(ctx, testBase, model, strings.NewReader(goodSheet), "zelf.csv", demoAssessment(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 2 || gs[0].IRI != vocab.AssessmentGraph(testBase, "99991", 2024, 1) || gs[1].IRI != vocab.AssessmentIndexGraph(testBase, "99991", 2024) {
		t.Fatalf("graphs %v", gs)
	}
	for _, g := range gs {
		for _, q := range g.Quads {
			if q.G.Value != g.IRI {
				t.Fatalf("quad %v outside its graph %s", q, g.IRI)
			}
		}
	}
	all := append(append([]rdf.Quad{}, modelQuads...), allQuads(gs)...)
	if vs := CheckIntegrity(all); len(vs) != 0 {
		t.Errorf("integrity violations: %v", vs)
	}
	ds := dataset.NewMemory(all)
	back, err := LoadAssessment(ctx, ds, testBase, "99991", 2024)
	if err != nil {
		t.Fatal(err)
	}
	if back.Version != 1 || back.Method != "zelfevaluatie" || len(back.Scores) != 3 {
		t.Fatalf("read back %+v", back)
	}
	byDomain := map[string]Score{}
	for _, s := range back.Scores {
		byDomain[s.Domain] = s
	}
	if s := byDomain["sponsoring"]; s.Maturity != 2 || s.Need != 4 || s.Rationale != "Schepen steunt, geen budget" || len(s.Evidence) != 1 {
		t.Errorf("sponsoring read back as %+v", s)
	}
	has := func(s, p, o string) bool {
		for _, q := range all {
			if q.S.Value == s && q.P.Value == p && q.O.Value == o {
				return true
			}
		}
		return false
	}
	v1 := vocab.AssessmentVersion(testBase, "99991", 2024, 1)
	for _, c := range [][3]string{
		{v1, vocab.PROV + "wasAttributedTo", vocab.Organisation(testBase, "99991")},
		{v1, vocab.PROV + "generatedAtTime", "2024-05-01T10:00:00Z"},
		{v1, vocab.QB + "structure", vocab.DSD("evaluatie")},
		{v1, vocab.DCT + "license", vocab.CC0},
		{vocab.Assessment(testBase, "99991", 2024), vocab.Mat("currentVersion"), v1},
		{vocab.Recommendation(testBase, "99991", 2024, 1, 1), vocab.Mat("domain"), vocab.Domain("kennis")},
		{vocab.Recommendation(testBase, "99991", 2024, 1, 1), vocab.Mat("assessment"), v1},
		{vocab.Observation(testBase, "99991", 2024, 1, "kennis"), vocab.Mat("gap"), "3.0"},
	} {
		if !has(c[0], c[1], c[2]) {
			t.Errorf("missing %v", c)
		}
	}
}

// A second import is a new version: the old one stays, the new one is a
// revision of it, and the index graph points to the new one.
func TestAssessmentVersions(t *testing.T) {
	model, modelQuads := testModel(t)
	ctx := context.Background()
	store := append([]rdf.Quad{}, modelQuads...)
	next, err := NextAssessmentVersion(ctx, dataset.NewMemory(store), testBase, "99991", 2024)
	if err != nil || next != 1 {
		t.Fatalf("first version = %d, %v", next, err)
	}
	g1, err := ImportAssessment(ctx, testBase, model, strings.NewReader(goodSheet), "zelf.csv", demoAssessment(1))
	if err != nil {
		t.Fatal(err)
	}
	store = append(store, allQuads(g1)...)
	next, err = NextAssessmentVersion(ctx, dataset.NewMemory(store), testBase, "99991", 2024)
	if err != nil || next != 2 {
		t.Fatalf("next version = %d, %v", next, err)
	}
	sheet2 := strings.Replace(goodSheet, "sponsoring,2,4", "sponsoring,3,4", 1)
	g2, err := ImportAssessment(ctx, testBase, model, strings.NewReader(sheet2), "zelf.csv", demoAssessment(2))
	if err != nil {
		t.Fatal(err)
	}
	// The caller replaces each graph: the index graph of v1 goes.
	var kept []rdf.Quad
	for _, q := range store {
		if q.G.Value != g2[1].IRI {
			kept = append(kept, q)
		}
	}
	store = append(kept, allQuads(g2)...)
	if vs := CheckIntegrity(store); len(vs) != 0 {
		t.Errorf("integrity violations: %v", vs)
	}
	ds := dataset.NewMemory(store)
	a, err := LoadAssessment(ctx, ds, testBase, "99991", 2024)
	if err != nil {
		t.Fatal(err)
	}
	if a.Version != 2 {
		t.Errorf("current version %d, want 2", a.Version)
	}
	v1, v2 := vocab.AssessmentVersion(testBase, "99991", 2024, 1), vocab.AssessmentVersion(testBase, "99991", 2024, 2)
	want := map[[3]string]bool{
		{v2, vocab.PROV + "wasRevisionOf", v1}: false,
		{v1, vocab.DCT + "isReplacedBy", v2}:   false,
		{vocab.Observation(testBase, "99991", 2024, 1, "sponsoring"), vocab.Mat("maturityScore"), "2.0"}: false,
		{vocab.Observation(testBase, "99991", 2024, 2, "sponsoring"), vocab.Mat("maturityScore"), "3.0"}: false,
	}
	for _, q := range store {
		k := [3]string{q.S.Value, q.P.Value, q.O.Value}
		if _, ok := want[k]; ok {
			want[k] = true
		}
	}
	for k, found := range want {
		if !found {
			t.Errorf("missing %v", k)
		}
	}
}

// A city may publish under a Flemish model licence instead of CC0.
func TestAssessmentLicence(t *testing.T) {
	model, _ := testModel(t)
	a := demoAssessment(1)
	a.Licence = vocab.Licences()[2].IRI
	gs, err := ImportAssessment(context.Background(), testBase, model, strings.NewReader(goodSheet), "zelf.csv", a)
	if err != nil {
		t.Fatal(err)
	}
	v1 := vocab.AssessmentVersion(testBase, "99991", 2024, 1)
	var got []string
	for _, q := range gs[0].Quads {
		if q.S.Value == v1 && q.P.Value == vocab.DCT+"license" {
			got = append(got, q.O.Value)
		}
	}
	if len(got) != 1 || got[0] != a.Licence {
		t.Errorf("licences %v, want %s", got, a.Licence)
	}
}

// Bad keys are refused before anything is mapped.
func TestAssessmentValidate(t *testing.T) {
	model, _ := testModel(t)
	scores := []Score{{Domain: "kennis", Maturity: 2, Need: 3}}
	for _, a := range []Assessment{
		{Org: "Leuven", Year: 2024, Version: 1, Method: "zelfevaluatie", Partial: true, Scores: scores},
		{Org: "99991", Year: 24, Version: 1, Method: "zelfevaluatie", Partial: true, Scores: scores},
		{Org: "99991", Year: 2024, Version: 0, Method: "zelfevaluatie", Partial: true, Scores: scores},
		{Org: "99991", Year: 2024, Version: 1, Method: "gok", Scores: scores},
		{Org: "99991", Year: 2024, Version: 1, Method: "zelfevaluatie", Partial: true},
	} {
		if gs, err := BuildAssessment(context.Background(), testBase, model, &a); err == nil || gs != nil {
			t.Errorf("%+v: no error", a)
		}
	}
}
