package assess

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// Whatever the sheet, ReadSelfAssessment either refuses it with a
// *CSVError that points inside the file, or returns scores that are all
// valid: known domains, once each, scores from 1 to 5.
func FuzzReadSelfAssessment(f *testing.F) {
	model, _ := testModel(f)
	f.Add(goodSheet)
	f.Add("domein,maturiteit,nood\nkennis,7,3\n")
	f.Add("domein;maturiteit;nood\n")
	f.Add("domain,maturity,need,evidence\nKennis,\"2,5\",3,https://x.org/a\n")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, sheet string) {
		scores, err := ReadSelfAssessment(strings.NewReader(sheet), "f.csv", model)
		if err != nil {
			var ce *CSVError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *CSVError", err)
			}
			if scores != nil || ce.Row < 0 || ce.Row > strings.Count(sheet, "\n")+2 { // +2: "no data" points at the row after the header
				t.Fatalf("error %v with %d scores", err, len(scores))
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range scores {
			if _, ok := model.Domain(s.Domain); !ok || seen[s.Domain] {
				t.Fatalf("domain %q unknown or repeated", s.Domain)
			}
			seen[s.Domain] = true
			if s.Maturity < 1 || s.Maturity > 5 || s.Need < 1 || s.Need > 5 {
				t.Fatalf("score out of range: %+v", s)
			}
		}
	})
}

// Whatever the export, ReadSurvey refuses it with a *CSVError or returns
// respondents with known profiles and answers from 1 to 5.
func FuzzReadSurvey(f *testing.F) {
	model, _ := testModel(f)
	f.Add(surveyCSV(model, same, "profiel", surveyGroups[:2]))
	f.Add("profiel\nbeleidsmedewerker\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, export string) {
		resp, err := ReadSurvey(context.Background(), testBase, model, strings.NewReader(export), "f.csv", nil, "")
		if err != nil {
			var ce *CSVError
			if !errors.As(err, &ce) || resp != nil {
				t.Fatalf("error %v (%T) with responses %v", err, err, resp)
			}
			return
		}
		for _, r := range resp.list {
			if _, ok := model.Profiles[r.profile]; !ok {
				t.Fatalf("unknown profile %s", r.profile)
			}
			for item, v := range r.answers {
				if v < 1 || v > 5 {
					t.Fatalf("answer %d to %s", v, item)
				}
			}
		}
	})
}
