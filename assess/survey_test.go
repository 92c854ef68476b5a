package assess

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/mappings/rml"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// surveyCSV writes one row per respondent; every respondent of a profile
// gives the same answer (mat) to every item that informs maturity and
// another (nd) to every other item.
func surveyCSV(model *vocab.Model, column func(string) string, profileCol string, groups []struct {
	profile    string
	n, mat, nd int
}) string {
	var b strings.Builder
	b.WriteString(profileCol)
	for _, it := range model.Items {
		b.WriteString("," + column(it.Column))
	}
	b.WriteString("\n")
	for _, g := range groups {
		for i := 0; i < g.n; i++ {
			b.WriteString(g.profile)
			for _, it := range model.Items {
				if it.Informs == vocab.Mat("maturityScore") {
					fmt.Fprintf(&b, ",%d", g.mat)
				} else {
					fmt.Fprintf(&b, ",%d", g.nd)
				}
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

var surveyGroups = []struct {
	profile    string
	n, mat, nd int
}{
	{"beleidsmedewerker", 6, 2, 4},
	{"data-expert", 5, 3, 5},
	{"stadsmedewerker", 2, 1, 3},
	{"data-manager", 1, 4, 4},
}

func same(s string) string { return s }

// Aggregation per survey item and group, with small groups suppressed and
// the next smallest suppressed too so that they cannot be computed back.
func TestSurveyAggregate(t *testing.T) {
	model, modelQuads := testModel(t)
	ctx := context.Background()
	csv := surveyCSV(model, same, "profiel", surveyGroups)
	resp, err := ReadSurvey(ctx, testBase, model, strings.NewReader(csv), "bevraging.csv", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if resp.Len() != 14 {
		t.Fatalf("%d respondents", resp.Len())
	}
	res := AggregateSurvey(model, resp, 0)
	if res.Threshold != DefaultThreshold {
		t.Errorf("threshold %d, want the default %d", res.Threshold, DefaultThreshold)
	}
	res.Org, res.Year, res.Version = "99991", 2024, 1
	cells := map[string]Cell{}
	for _, c := range res.Cells {
		cells[c.Item.Slug+"/"+c.Group] = c
	}
	supp := map[string]SuppressedCell{}
	for _, c := range res.Suppressed {
		supp[c.Item.Slug+"/"+c.Group] = c
	}
	for _, it := range model.Items {
		all := cells[it.Slug+"/alle"]
		var n, sum, agree int
		for _, g := range surveyGroups {
			a := g.nd
			if it.Informs == vocab.Mat("maturityScore") {
				a = g.mat
			}
			n, sum = n+g.n, sum+g.n*a
			if a >= 4 {
				agree += g.n
			}
		}
		if all.Count != n || all.Agreement != round2(float64(sum)/float64(n)) || all.Share != round2(100*float64(agree)/float64(n)) {
			t.Errorf("%s all: %+v", it.Slug, all)
		}
		if all.GroupIRI != vocab.RespondentGroup("alle") {
			t.Errorf("%s all: group %s", it.Slug, all.GroupIRI)
		}
		want := 4.0
		if it.Informs == vocab.Mat("maturityScore") {
			want = 2
		}
		if c := cells[it.Slug+"/beleidsmedewerker"]; c.Count != 6 || c.Agreement != want || c.GroupIRI != vocab.Profile("beleidsmedewerker") {
			t.Errorf("%s beleid: %+v", it.Slug, c)
		}
		for _, g := range []string{"stadsmedewerker", "data-manager"} {
			if s, ok := supp[it.Slug+"/"+g]; !ok || s.Secondary {
				t.Errorf("%s/%s not suppressed as too small: %+v", it.Slug, g, s)
			}
		}
		if s, ok := supp[it.Slug+"/data-expert"]; !ok || !s.Secondary {
			t.Errorf("%s/data-expert (5) should be suppressed secondarily: %+v", it.Slug, s)
		}
		if _, ok := cells[it.Slug+"/aankoopdienst"]; ok {
			t.Errorf("%s: a cell for a profile without respondents", it.Slug)
		}
	}
	gs, err := BuildSurvey(testBase, model, res)
	if err != nil {
		t.Fatal(err)
	}
	all := append(append([]rdf.Quad{}, modelQuads...), allQuads(gs)...)
	if vs := CheckIntegrity(all); len(vs) != 0 {
		t.Errorf("integrity violations: %v", vs)
	}
	for _, q := range allQuads(gs) {
		for _, term := range []rdf.Term{q.S, q.O} {
			if strings.HasPrefix(term.Value, respondentPrefix) {
				t.Fatalf("a respondent is published: %v", q)
			}
		}
		// Survey answers are agreement, never scores on the maturity scale.
		if q.P.Value == vocab.Mat("maturityScore") || q.P.Value == vocab.Mat("needScore") || q.P.Value == vocab.Mat("gap") {
			t.Fatalf("a survey figure under a maturity-scale measure: %v", q)
		}
	}
	// With a threshold of 1 everything is published.
	if res := AggregateSurvey(model, resp, 1); len(res.Suppressed) != 0 || len(res.Cells) != 5*len(model.Items) {
		t.Errorf("threshold 1: %d cells, %d suppressed", len(res.Cells), len(res.Suppressed))
	}
	// Fewer respondents than the threshold: not even the total is published.
	small, err := ReadSurvey(ctx, testBase, model, strings.NewReader(surveyCSV(model, same, "profiel", surveyGroups[2:])), "b.csv", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if res := AggregateSurvey(model, small, 5); len(res.Cells) != 0 {
		t.Errorf("3 respondents: %d cells published", len(res.Cells))
	}
}

// A city with another survey tool adapts only the mapping: other column
// names and other profile codes give the same result.
func TestSurveyCustomMapping(t *testing.T) {
	model, _ := testModel(t)
	ctx := context.Background()
	f, err := rml.Files().Open(rml.Survey)
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := io.ReadAll(f)
	f.Close()
	custom := string(doc)
	rename := func(c string) string { return "V_" + strings.ToUpper(c) }
	for _, it := range model.Items {
		custom = strings.Replace(custom, `"`+it.Column+`"`, `"`+rename(it.Column)+`"`, 1)
	}
	custom = strings.Replace(custom, `/profiel/{profiel}"`, `/profiel/{Functie}"`, 1)
	csv := surveyCSV(model, rename, "Functie", surveyGroups)
	resp, err := ReadSurvey(ctx, testBase, model, strings.NewReader(csv), "export.csv", strings.NewReader(custom), "mijn-mapping.ttl")
	if err != nil {
		t.Fatal(err)
	}
	std, err := ReadSurvey(ctx, testBase, model, strings.NewReader(surveyCSV(model, same, "profiel", surveyGroups)), "b.csv", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	a, b := AggregateSurvey(model, resp, 5), AggregateSurvey(model, std, 5)
	if fmt.Sprint(a.Cells) != fmt.Sprint(b.Cells) || len(a.Cells) == 0 {
		t.Errorf("custom mapping gives\n%v\nstandard\n%v", a.Cells, b.Cells)
	}
	// The standard CSV does not fit the custom mapping: the missing column
	// is named.
	_, err = ReadSurvey(ctx, testBase, model, strings.NewReader(surveyCSV(model, same, "profiel", surveyGroups)), "b.csv", strings.NewReader(custom), "mijn-mapping.ttl")
	var ce *CSVError
	if !errors.As(err, &ce) || ce.Column == "" {
		t.Errorf("error %v, want a missing column", err)
	}
}

// Bad survey exports are refused with row and column.
func TestBadSurvey(t *testing.T) {
	model, _ := testModel(t)
	good := surveyCSV(model, same, "profiel", surveyGroups[:1])
	lines := strings.Split(good, "\n")
	header := lines[0]
	row := lines[1]
	cols := strings.Split(header, ",")
	tests := []struct {
		name   string
		csv    string
		row    int
		column string
	}{
		{"unknown profile", header + "\n" + row + "\nburgemeester" + row[len("beleidsmedewerker"):] + "\n", 3, "profiel"},
		{"answer 6", header + "\n" + row[:len(row)-1] + "6\n", 2, cols[len(cols)-1]},
		{"answer 2.5", header + "\n" + strings.Replace(row, ",2,", ",2.5,", 1) + "\n", 2, cols[1]},
		{"missing item column", strings.Join(cols[:len(cols)-1], ",") + "\n" + row[:strings.LastIndex(row, ",")] + "\n", 1, cols[len(cols)-1]},
		{"missing profile column", strings.Join(cols[1:], ",") + "\n" + row[strings.Index(row, ",")+1:] + "\n", 1, "profiel"},
		{"empty", "", 0, ""},
		{"latin-1", header + "\n" + row + "\n" + "beleidsmedewerker\xe9" + row[len("beleidsmedewerker"):] + "\n", 3, "profiel"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := ReadSurvey(context.Background(), testBase, model, strings.NewReader(tc.csv), "b.csv", nil, "")
			if resp != nil {
				t.Error("responses returned with an error")
			}
			var ce *CSVError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v, want *CSVError", err)
			}
			if ce.Row != tc.row || ce.Column != tc.column || ce.File != "b.csv" {
				t.Errorf("error at row %d column %q, want row %d column %q: %v", ce.Row, ce.Column, tc.row, tc.column, err)
			}
		})
	}
}

// ImportSurvey is the whole chain; a bad key or file gives no graphs.
func TestImportSurvey(t *testing.T) {
	model, _ := testModel(t)
	ctx := context.Background()
	csv := surveyCSV(model, same, "profiel", surveyGroups)
	gs, err := ImportSurvey(ctx, testBase, model, strings.NewReader(csv), "b.csv", SurveyImport{Org: "99991", Year: 2024, Version: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 2 || gs[0].IRI != vocab.SurveyGraph(testBase, "99991", 2024, 3) {
		t.Fatalf("graphs %v", gs)
	}
	revision := false
	for _, q := range gs[0].Quads {
		if q.P.Value == vocab.PROV+"wasRevisionOf" && q.O.Value == vocab.SurveyVersion(testBase, "99991", 2024, 2) {
			revision = true
		}
	}
	if !revision {
		t.Error("version 3 is not a revision of version 2")
	}
	if gs, err := ImportSurvey(ctx, testBase, model, strings.NewReader(csv), "b.csv", SurveyImport{Org: "leuven", Year: 2024, Version: 1}); err == nil || gs != nil {
		t.Error("bad organisation accepted")
	}
	if gs, err := ImportSurvey(ctx, testBase, model, strings.NewReader("profiel\n"), "b.csv", SurveyImport{Org: "99991", Year: 2024, Version: 1}); err == nil || gs != nil {
		t.Error("bad file accepted")
	}
}
