package assess

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/testtool"
)

// exampleSheets returns the example sheets whose names match pattern
// (examples/data), to seed the fuzzers with what cities really send.
func exampleSheets(tb testing.TB, pattern string) []string {
	names, err := filepath.Glob(filepath.Join(testtool.RepoRoot(tb), "examples", "data", pattern))
	if err != nil || len(names) == 0 {
		tb.Fatalf("no example sheets %s: %v", pattern, err)
	}
	var out []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// Whatever the sheet, ReadSelfAssessment either refuses it with a
// *CSVError that points inside the file, or returns scores that are all
// valid: known domains, once each, scores from 1 to 5.
func FuzzReadSelfAssessment(f *testing.F) {
	model, _ := testModel(f)
	f.Add(goodSheet)
	for _, s := range exampleSheets(f, "zelfevaluatie-*.csv") {
		f.Add(s)
	}
	f.Add("domein,maturiteit,nood\nkennis,7,3\n")
	f.Add("domein;maturiteit;nood\n")
	f.Add("domain,maturity,need,evidence\nKennis,\"2,5\",3,https://x.org/a\n")
	f.Add("\xef\xbb\xbfdomein,maturiteit,nood\r\nkennis,2,3\r\n")
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
// respondents with known profiles and answers from 1 to 5; and what
// AggregateSurvey makes of them never publishes a figure of fewer than
// the threshold's respondents, nor a group the total would give away.
func FuzzReadSurvey(f *testing.F) {
	model, _ := testModel(f)
	f.Add(surveyCSV(model, same, "profiel", surveyGroups[:2]))
	for _, s := range exampleSheets(f, "bevraging-*.csv") {
		f.Add(s)
	}
	f.Add("profiel\nbeleidsmedewerker\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, export string) {
		// The fuzzing engine reports a crash with its input, not a hang.
		tm := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("ReadSurvey hangs on %q", export)) })
		defer tm.Stop()
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
		res := AggregateSurvey(model, resp, 3)
		checkSuppression(t, res)
	})
}

// checkSuppression checks a survey result's privacy: every published cell
// rests on at least the threshold's respondents, and when the total of an
// item is published, the groups hidden beside it together do too.
func checkSuppression(t *testing.T, res *SurveyResult) {
	t.Helper()
	type key struct{ item, group string }
	pub := map[key]Cell{}
	for _, c := range res.Cells {
		if c.Count < res.Threshold || c.Agreement < 1 || c.Agreement > 5 || c.Share < 0 || c.Share > 100 {
			t.Fatalf("published %+v with threshold %d", c, res.Threshold)
		}
		pub[key{c.Item.IRI, c.Group}] = c
	}
	hidden := map[string]int{}
	for _, c := range res.Cells {
		if c.Group == AllGroup {
			hidden[c.Item.IRI] += c.Count
		} else {
			hidden[c.Item.IRI] -= c.Count
		}
	}
	for item, n := range hidden {
		if _, ok := pub[key{item, AllGroup}]; ok && n != 0 && n < res.Threshold {
			t.Fatalf("item %s: the hidden groups together are %d respondents, below %d", item, n, res.Threshold)
		}
	}
}
