package assess

import (
	"context"
	"errors"
	"strings"
	"testing"
)

const goodSheet = `domein,maturiteit,nood,toelichting,bewijs
sponsoring,2,4,"Schepen steunt, geen budget",https://example.org/nota.pdf
Kennis,1.5,"4,5",,
infrastructuur,3,3,,
`

// Every kind of bad sheet is refused with an error that names the file,
// the row and the column, and nothing is returned to write.
func TestBadSelfAssessment(t *testing.T) {
	model, _ := testModel(t)
	tests := []struct {
		name     string
		csv      string
		row, col int
		column   string
	}{
		{"unknown domain", "domein,maturiteit,nood\nsponsoring,2,3\nparkeren,2,3\n", 3, 1, "domein"},
		{"score 7", "domein,maturiteit,nood\nsponsoring,7,3\n", 2, 2, "maturiteit"},
		{"score 0 need", "domein,maturiteit,nood\nsponsoring,2,0\n", 2, 3, "nood"},
		{"not a number", "domein,maturiteit,nood\nsponsoring,hoog,3\n", 2, 2, "maturiteit"},
		{"empty score", "domein,maturiteit,nood\nsponsoring,,3\n", 2, 2, "maturiteit"},
		{"three decimals", "domein,maturiteit,nood\nsponsoring,2.125,3\n", 2, 2, "maturiteit"},
		{"missing column", "domein,maturiteit\nsponsoring,2\n", 1, 0, "nood"},
		{"empty file", "", 0, 0, ""},
		{"only spaces", " \n\n", 0, 0, ""},
		{"header only", "domein,maturiteit,nood\n", 2, 0, ""},
		{"ragged row", "domein,maturiteit,nood\nsponsoring,2,3,4\n", 2, 4, ""},
		{"duplicate domain", "domein,maturiteit,nood\nkennis,2,3\nKennis,3,3\n", 3, 1, "domein"},
		{"bad evidence", "domein,maturiteit,nood,bewijs\nkennis,2,3,intranet/nota\n", 2, 4, "bewijs"},
		{"duplicate header", "domein,nood,nood\nkennis,2,3\n", 1, 3, "nood"},
		{"unterminated quote", "domein,maturiteit,nood\n\"kennis,2,3\n", 2, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := ImportAssessment(context.Background(), testBase, model, strings.NewReader(tc.csv), "zelf.csv",
				Assessment{Org: "99991", Year: 2024, Version: 1, Method: "zelfevaluatie", Partial: true})
			if gs != nil {
				t.Errorf("got %d graphs with an error", len(gs))
			}
			var ce *CSVError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v (%T), want *CSVError", err, err)
			}
			if ce.File != "zelf.csv" || ce.Row != tc.row || (tc.col != 0 && ce.Col != tc.col) || ce.Column != tc.column {
				t.Errorf("error at file %q row %d col %d column %q, want row %d col %d column %q: %v",
					ce.File, ce.Row, ce.Col, ce.Column, tc.row, tc.col, tc.column, err)
			}
			if !strings.HasPrefix(err.Error(), "zelf.csv") || ce.English() == "" || ce.MsgEN == ce.Msg {
				t.Errorf("messages: %q / %q", err.Error(), ce.English())
			}
			if tc.row > 0 && !strings.Contains(err.Error(), "rij ") {
				t.Errorf("message does not name the row: %v", err)
			}
			if (tc.col > 0 || tc.column != "") && !strings.Contains(err.Error(), "kolom") {
				t.Errorf("message does not name the column: %v", err)
			}
		})
	}
}

// A good sheet: labels or slugs, decimal comma, rationale and evidence.
func TestReadSelfAssessment(t *testing.T) {
	model, _ := testModel(t)
	scores, err := ReadSelfAssessment(strings.NewReader(goodSheet), "zelf.csv", model)
	if err != nil {
		t.Fatal(err)
	}
	if len(scores) != 3 {
		t.Fatalf("%d scores", len(scores))
	}
	want := []Score{
		{Domain: "sponsoring", Maturity: 2, Need: 4, Rationale: "Schepen steunt, geen budget", Evidence: []string{"https://example.org/nota.pdf"}},
		{Domain: "kennis", Maturity: 1.5, Need: 4.5},
		{Domain: "infrastructuur", Maturity: 3, Need: 3},
	}
	for i, w := range want {
		g := scores[i]
		if g.Domain != w.Domain || g.Maturity != w.Maturity || g.Need != w.Need || g.Rationale != w.Rationale || strings.Join(g.Evidence, " ") != strings.Join(w.Evidence, " ") {
			t.Errorf("score %d = %+v, want %+v", i, g, w)
		}
	}
	if g := scores[1].Gap(); g != 3 {
		t.Errorf("gap = %v", g)
	}
	if d := decimal(Score{Maturity: 3.2, Need: 4.1}.Gap()); d != "0.9" {
		t.Errorf("gap 4.1-3.2 = %s, want 0.9", d)
	}
}
