package assess

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// What Excel writes in Flanders is read: semicolons, Windows-1252, a
// UTF-8 byte order mark, UTF-16; each change but the byte order mark is
// said in a note.
func TestNormaliseCSV(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
		notes          int
	}{
		{"comma UTF-8", "a,b\n1,2\n", "a,b\n1,2\n", 0},
		{"UTF-8 BOM", "\xef\xbb\xbfa,b\n1,2\n", "a,b\n1,2\n", 0},
		{"CSV (puntkomma) in Windows-1252", "domein;toelichting\nkennis;\"caf\xe9; \x93goed\x94\"\n", "domein,toelichting\nkennis,café; “goed”\n", 2},
		{"semicolons, decimal commas", "domein;maturiteit\nkennis;3,5\n", "domein,maturiteit\nkennis,\"3,5\"\n", 1},
		{"tabs", "a\tb\n1\t2\n", "a,b\n1,2\n", 1},
		{"commas win a tie", "a,b;c\n", "a,b;c\n", 0},
		{"quoted separators do not count", "\"a;b;c\",d\n", "\"a;b;c\",d\n", 0},
		{"UTF-16 LE", "\xff\xfea\x00,\x00b\x00\n\x00", "a,b\n", 1},
		{"euro sign", "a\n\x80\n", "a\n€\n", 1},
	} {
		out, notes, err := NormaliseCSV([]byte(c.in))
		if err != nil || string(out) != c.want || len(notes) != c.notes {
			t.Errorf("%s: %q, %d notes (%v), %v; want %q, %d notes", c.name, out, len(notes), notes, err, c.want, c.notes)
		}
	}
}

// A sheet saved by Excel as "CSV (puntkomma)" in Windows-1252 imports with
// its accents and decimal commas intact.
func TestExcelSheet(t *testing.T) {
	model, _ := testModel(t)
	sheet := "domein;maturiteit;nood;toelichting\r\nsponsoring;2,5;4;Schepen \x93steunt\x94, caf\xe9\r\nkennis;1;3;\r\n"
	scores, err := ReadSelfAssessment(strings.NewReader(sheet), "excel.csv", model)
	if err != nil {
		t.Fatal(err)
	}
	if len(scores) != 2 || scores[0].Maturity != 2.5 || scores[0].Rationale != "Schepen “steunt”, café" {
		t.Errorf("scores %+v", scores)
	}
	gs, err := ImportAssessment(context.Background(), testBase, model, strings.NewReader(sheet), "excel.csv",
		Assessment{Org: "99991", Year: 2024, Version: 1, Method: "zelfevaluatie", Partial: true})
	if err != nil || len(gs) != 2 {
		t.Errorf("import: %v", err)
	}
}

// The rules the form and the command line share: every domain or an
// explicit partial assessment, and a year from 2000 to next year.
func TestAssessmentRules(t *testing.T) {
	model, _ := testModel(t)
	all := func() []Score {
		var out []Score
		for _, d := range model.Domains {
			out = append(out, Score{Domain: d.Slug, Maturity: 2, Need: 3})
		}
		return out
	}
	for _, c := range []struct {
		name string
		a    Assessment
		ok   bool
	}{
		{"all domains", Assessment{Scores: all()}, true},
		{"3 of 11", Assessment{Scores: all()[:3]}, false},
		{"3 of 11, partial", Assessment{Scores: all()[:3], Partial: true}, true},
		{"twice the same domain", Assessment{Scores: append(all(), all()[0])}, false},
		{"year 2099", Assessment{Scores: all(), Year: 2099}, false},
		{"next year", Assessment{Scores: all(), Year: LastYear()}, true},
		{"year 1999", Assessment{Scores: all(), Year: 1999}, false},
	} {
		a := c.a
		a.Org, a.Version, a.Method = "99991", 1, "zelfevaluatie"
		if a.Year == 0 {
			a.Year = 2025
		}
		err := a.Validate(model)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	a := Assessment{Org: "99991", Year: 2025, Version: 1, Method: "zelfevaluatie", Scores: all()[:3]}
	var ie *IncompleteError
	if err := a.Validate(model); !errors.As(err, &ie) || ie.Scored != 3 || ie.Domains != 11 || len(ie.Missing) != 8 || !strings.Contains(ie.English(), "3 of the 11 domains") {
		t.Errorf("incomplete: %v", err)
	}
	a.Partial = true
	gs, err := BuildAssessment(context.Background(), testBase, model, &a)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, q := range gs[0].Quads {
		found = found || (q.P.Value == vocab.Mat("partial") && q.O.Value == "true")
	}
	if !found {
		t.Error("a partial assessment does not say so in its data")
	}
}

// Withdrawing empties every version and the index, leaves a tombstone on
// every IRI they described, and no version is published again.
func TestWithdraw(t *testing.T) {
	model, _ := testModel(t)
	ctx := context.Background()
	var all []Score
	for _, d := range model.Domains {
		all = append(all, Score{Domain: d.Slug, Maturity: 2, Need: 4, Rationale: "r"})
	}
	var quads []rdf.Quad
	for v := 1; v <= 2; v++ {
		a := &Assessment{Org: "99991", Year: 2025, Version: v, Method: "zelfevaluatie", Scores: all}
		gs, err := BuildAssessment(ctx, testBase, model, a)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gs {
			for _, q := range g.Quads {
				if g.IRI == vocab.AssessmentIndexGraph(testBase, "99991", 2025) && v == 1 {
					continue // the index of v2 replaces it
				}
				quads = append(quads, q)
			}
		}
	}
	mq, _ := vocab.Quads(testBase)
	ds := dataset.NewMemory(append(quads, mq...))
	if _, err := Withdraw(ctx, ds, testBase, "99991", 2025, "  ", "nl", time.Now()); err == nil {
		t.Error("a withdrawal without a reason was accepted")
	}
	if _, err := Withdraw(ctx, ds, testBase, "99991", 2024, "fout", "nl", time.Now()); err == nil {
		t.Error("withdrawing an assessment that does not exist was accepted")
	}
	at := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	gs, err := Withdraw(ctx, ds, testBase, "99991", 2025, "Per vergissing gepubliceerd", "nl", at)
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 4 || gs[0].IRI != vocab.WithdrawalGraph(testBase, "99991", 2025) {
		t.Fatalf("%d graphs", len(gs))
	}
	for _, g := range gs[1:] {
		if len(g.Quads) != 0 {
			t.Errorf("%s is not emptied", g.IRI)
		}
	}
	tomb := map[string]bool{}
	for _, q := range gs[0].Quads {
		if q.P.Value == vocab.PROV+"invalidatedAtTime" {
			tomb[q.S.Value] = true
		}
	}
	for _, iri := range []string{vocab.Assessment(testBase, "99991", 2025), vocab.AssessmentVersion(testBase, "99991", 2025, 1),
		vocab.AssessmentVersion(testBase, "99991", 2025, 2), vocab.Observation(testBase, "99991", 2025, 2, "kennis"),
		vocab.Dataset(testBase, "evaluatie", "99991", "2025")} {
		if !tomb[iri] {
			t.Errorf("no tombstone on %s", iri)
		}
	}
	// Applied, the year cannot be published again.
	var after []rdf.Quad
	drop := map[string]bool{}
	for _, g := range gs[1:] {
		drop[g.IRI] = true
	}
	for _, q := range append(quads, mq...) {
		if !drop[q.G.Value] {
			after = append(after, q)
		}
	}
	after = append(after, gs[0].Quads...)
	ds2 := dataset.NewMemory(after)
	if w, err := WithdrawnAt(ctx, ds2, testBase, "99991", 2025); err != nil || !w.Equal(at) {
		t.Errorf("WithdrawnAt = %v, %v", w, err)
	}
	a := &Assessment{Org: "99991", Year: 2025, Version: 1, Method: "zelfevaluatie", Scores: all}
	again, _ := BuildAssessment(ctx, testBase, model, a)
	if err := CheckPublish(ctx, ds2, testBase, again); err == nil || !strings.Contains(err.Error(), "ingetrokken") {
		t.Errorf("publishing a withdrawn year again: %v", err)
	}
}
