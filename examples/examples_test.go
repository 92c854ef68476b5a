package examples

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/eval"
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

var pct = regexp.MustCompile(`(\d+(?:,\d+)?)%`)

// The findings cube holds exactly the study's numbers: every percentage on
// the seed's findings slides, in the right respondent group, and no other.
func TestStudyMatchesSeed(t *testing.T) {
	b, err := os.ReadFile(testtool.Shared(t, "seed", "000_d2726d76d2d03417.txt"))
	if err != nil {
		t.Fatal(err)
	}
	seed := string(b)
	seed = seed[:strings.Index(seed, "Conclusies?")]
	groups := map[string]string{"Algemeen": "alle", "Administratief": "administratief", "Beleid": "beleid", "Technisch": "technisch", "Aankoop": "aankoop"}
	want := map[string][]string{} // group → percentages as in the seed
	for _, slide := range strings.Split(seed, "\nBevindingen\n")[1:] {
		lines := strings.Fields(strings.TrimSpace(slide))
		title := lines[len(lines)-1]
		g, ok := groups[title]
		if !ok {
			t.Fatalf("findings slide with unknown title %q", title)
		}
		for _, m := range pct.FindAllStringSubmatch(slide, -1) {
			want[g] = append(want[g], strings.Replace(m[1], ",", ".", 1))
		}
	}
	gs, err := Graphs(context.Background(), testBase)
	if err != nil {
		t.Fatal(err)
	}
	var study []rdf.Quad
	for _, g := range gs {
		if g.IRI == vocab.StudyGraph(testBase) {
			study = g.Quads
		}
	}
	type obs struct{ group, pct, src string }
	byObs := map[string]*obs{}
	get := func(s string) *obs {
		if byObs[s] == nil {
			byObs[s] = &obs{}
		}
		return byObs[s]
	}
	for _, q := range study {
		switch q.P.Value {
		case vocab.Mat("respondentGroup"):
			get(q.S.Value).group = q.O.Value[strings.LastIndex(q.O.Value, "/")+1:]
		case vocab.Mat("percentage"):
			get(q.S.Value).pct = q.O.Value
		case vocab.Mat("sourceText"):
			get(q.S.Value).src = q.O.Value
		}
	}
	got := map[string][]string{}
	flat := strings.Join(strings.Fields(seed), " ")
	for iri, o := range byObs {
		got[o.group] = append(got[o.group], o.pct)
		if !strings.Contains(flat, o.src) {
			t.Errorf("%s: source text %q is not in the seed", iri, o.src)
		}
		if !strings.Contains(o.src, strings.Replace(o.pct, ".", ",", 1)+"%") {
			t.Errorf("%s: percentage %s is not the one in its source text %q", iri, o.pct, o.src)
		}
	}
	total := 0
	for g := range groups {
		w, gg := want[groups[g]], got[groups[g]]
		sort.Strings(w)
		sort.Strings(gg)
		if strings.Join(w, " ") != strings.Join(gg, " ") {
			t.Errorf("%s: cube %v, seed %v", g, gg, w)
		}
		total += len(w)
	}
	t.Logf("study cube: %d percentages in 5 groups match the seed", total)
	if total < 30 {
		t.Errorf("only %d percentages found in the seed", total)
	}
}

// Every example cube meets the Data Cube integrity constraints, checked
// both by the Go checker and by the normative queries on our SPARQL engine.
func TestExamplesIntegrity(t *testing.T) {
	all := everything(t)
	if vs := assess.CheckIntegrity(all); len(vs) != 0 {
		t.Errorf("Go checker: %v", vs)
	}
	dir := testtool.Shared(t, "conformance", "datacube-ic", "queries")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	violated, err := assess.RunICQueries(ctx, eval.NewMemory(assess.NormaliseCube(all)), os.DirFS(dir))
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
	t.Logf("%d quads, %d data sets checked against IC-1..IC-21", len(all), datasets)
	if datasets != 7 { // study, 5 assessment versions, 1 survey
		t.Errorf("%d data sets, want 7", datasets)
	}
}

// Every example query runs and answers; the city query sees the revised
// version only.
func TestQueries(t *testing.T) {
	ds := eval.NewMemory(everything(t))
	qs, err := Queries(testBase)
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
}

// The plan of a demo assessment, read back from the data, is printable in
// both languages and starts with the largest gap.
func TestDemoPlan(t *testing.T) {
	ctx := context.Background()
	ds := eval.NewMemory(everything(t))
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
