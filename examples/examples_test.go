package examples

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/vocab"
)

const testBase = "http://example.org/stad/"

// everything returns the model and all example quads, as a fresh server
// holds them.
func everything(t *testing.T) []rdf.Quad {
	t.Helper()
	qs, err := vocab.Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	if err := Load(context.Background(), testBase, func(q rdf.Quad) error { qs = append(qs, q); return nil }); err != nil {
		t.Fatal(err)
	}
	return qs
}

// Every example cube meets the Data Cube integrity constraints, checked
// both by the Go checker and by the normative queries on our SPARQL engine.
func TestExamplesIntegrity(t *testing.T) {
	all := everything(t)
	if vs := assess.CheckIntegrity(all); len(vs) != 0 {
		t.Errorf("Go checker: %v", vs)
	}
	dir := testtool.Testdata(t, "datacube-ic", "queries")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	violated, err := assess.RunICQueries(ctx, dataset.NewMemory(assess.NormaliseCube(all)), os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(violated) != 0 {
		t.Errorf("IC queries report violations: %v", violated)
	}
	datasets := 0
	for _, q := range all {
		if q.P.Value == rdf.RDFType && q.O.Value == vocab.QB+"DataSet" {
			datasets++
		}
	}
	testtool.Figure(t, "example cubes: %d data sets (%d quads with the model) meet IC-1..IC-21, Go checker and SPARQL queries", datasets, len(all))
	if datasets != 7 { // study, 5 assessment versions, 1 survey
		t.Errorf("%d data sets, want 7", datasets)
	}
}

// Every example query runs and answers; the city query sees the revised
// version only.
func TestQueries(t *testing.T) {
	ds := dataset.NewMemory(everything(t))
	qs, err := Queries()
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 5 {
		t.Fatalf("%d queries", len(qs))
	}
	rows := map[string][][]rdf.Term{}
	for _, q := range qs {
		if q.Comment == "" {
			t.Errorf("%s has no comment line", q.Name)
		}
		if strings.Contains(q.Text, "<id/") || strings.Contains(q.Text, "BASE") {
			t.Errorf("%s uses an instance-relative IRI", q.Name)
		}
		parsed, err := sparql.Parse(q.Text, sparql.ParseOptions{})
		if err != nil {
			t.Errorf("%s: %v", q.Name, err)
			continue
		}
		r, err := sparql.Exec(context.Background(), ds, parsed, sparql.ExecOptions{})
		if err != nil {
			t.Errorf("%s: %v", q.Name, err)
			continue
		}
		for r.Next() {
			rows[q.Name] = append(rows[q.Name], append([]rdf.Term(nil), r.Row()...))
		}
		if err := r.Err(); err != nil {
			t.Errorf("%s: %v", q.Name, err)
		}
		r.Close()
		if len(rows[q.Name]) == 0 {
			t.Errorf("%s: no answers", q.Name)
		}
		t.Logf("%s: %d rows", q.Name, len(rows[q.Name]))
	}
	city := rows["scores-van-een-stad"]
	if len(city) != 11 {
		t.Fatalf("scores-van-een-stad: %d rows, want 11", len(city))
	}
	if city[0][0].Value != "Sponsoring" || city[9][0].Value != "Aankoopbeleid" || city[9][1].Value != "2.0" {
		t.Errorf("scores-van-een-stad: first %v, aankoopbeleid %v (want the revised maturity 2.0)", city[0], city[9])
	}
	if n := len(rows["evolutie-over-jaren"]); n != 22 {
		t.Errorf("evolutie-over-jaren: %d rows, want 11 domains × 2 years", n)
	}
	if n := len(rows["studie-bevindingen"]); n != 33 {
		t.Errorf("studie-bevindingen: %d rows, want 33", n)
	}
	// The survey query shows suppressed groups as suppressed: a reason and
	// no figures.
	suppressed := 0
	for _, r := range rows["bevraging-per-profiel"] {
		if r[3].Value != "gepubliceerd" {
			suppressed++
			if !strings.HasPrefix(r[3].Value, "Niet gepubliceerd") || !r[4].IsZero() {
				t.Errorf("bevraging-per-profiel: suppressed row %v", r)
			}
		} else if r[4].IsZero() {
			t.Errorf("bevraging-per-profiel: published row without a count %v", r)
		}
	}
	if suppressed == 0 {
		t.Error("bevraging-per-profiel shows no suppressed group")
	}
}

// No survey answer sits under the maturity-scale measures: survey cubes
// publish agreement only, and every observation of a survey data set has it.
func TestSurveyOnItsOwnScale(t *testing.T) {
	all := everything(t)
	surveys := map[string]bool{}
	for _, q := range all {
		if q.P.Value == rdf.RDFType && q.O.Value == vocab.Mat("SurveyResult") {
			surveys[q.S.Value] = true
		}
	}
	inSurvey := map[string]bool{}
	for _, q := range all {
		if q.P.Value == vocab.QB+"dataSet" && surveys[q.O.Value] {
			inSurvey[q.S.Value] = true
		}
	}
	agreement := map[string]bool{}
	for _, q := range all {
		if !inSurvey[q.S.Value] {
			continue
		}
		switch q.P.Value {
		case vocab.Mat("maturityScore"), vocab.Mat("needScore"), vocab.Mat("gap"):
			t.Errorf("survey observation %s has %s", q.S.Value, q.P.Value)
		case vocab.Mat("agreement"):
			agreement[q.S.Value] = true
		}
	}
	if len(inSurvey) == 0 || len(agreement) != len(inSurvey) {
		t.Errorf("%d survey observations, %d with agreement", len(inSurvey), len(agreement))
	}
	t.Logf("%d survey observations, all under mat:agreement", len(inSurvey))
}

// The plan of a demo assessment, read back from the data, is printable in
// both languages and starts with the largest gap.
func TestDemoPlan(t *testing.T) {
	ctx := context.Background()
	ds := dataset.NewMemory(everything(t))
	model, err := assess.LoadModel(ctx, ds, testBase)
	if err != nil {
		t.Fatal(err)
	}
	a, err := assess.LoadAssessment(ctx, ds, testBase, "99991", 2025)
	if err != nil {
		t.Fatal(err)
	}
	if a.Version != 2 || a.OrgLabel["nl"] != "Demostad Noord (fictief)" {
		t.Errorf("loaded %s version %d", a.OrgLabel, a.Version)
	}
	for _, lang := range []string{"nl", "en"} {
		var b bytes.Buffer
		if err := assess.NewPlan(model, a).WriteText(&b, lang); err != nil {
			t.Fatal(err)
		}
		if testing.Verbose() {
			t.Logf("\n%s", b.String())
		}
		first := map[string]string{"nl": "1. (Open) Data governance — kloof 3.0", "en": "1. (Open) data governance — gap 3.0"}[lang]
		if !strings.Contains(b.String(), first) {
			t.Errorf("%s plan does not start with %q", lang, first)
		}
	}
}

// The demo CSV files are what a city would import: they pass validation
// on their own.
func TestDemoFilesValid(t *testing.T) {
	names, err := filepath.Glob("data/zelfevaluatie-*.csv")
	if err != nil || len(names) != 5 {
		t.Fatalf("demo sheets: %v %v", names, err)
	}
}

// Every term of our namespace that the model or the examples use is
// declared in the ontology, with labels (checked in package vocab).
func TestOntologyCoversData(t *testing.T) {
	all := everything(t)
	ns := vocab.NS
	declared := map[string]bool{}
	for _, q := range all {
		if strings.HasPrefix(q.S.Value, ns) && q.P.Value == vocab.RDFS+"isDefinedBy" {
			declared[q.S.Value] = true
		}
	}
	used := map[string]bool{}
	for _, q := range all {
		if strings.HasPrefix(q.P.Value, ns) {
			used[q.P.Value] = true
		}
		if q.P.Value == rdf.RDFType && strings.HasPrefix(q.O.Value, ns) {
			used[q.O.Value] = true
		}
	}
	for term := range used {
		if !declared[term] {
			t.Errorf("%s is used but not declared", strings.TrimPrefix(term, ns))
		}
	}
	for term := range declared {
		if !used[term] {
			t.Logf("declared but unused here: %s", strings.TrimPrefix(term, ns))
		}
	}
}
