package evidence

import (
	"strings"
	"testing"
)

func TestStarStep(t *testing.T) {
	dist := func(stars int, f FileType, ls LicenceStatus, lic ...string) *DatasetResult {
		return &DatasetResult{Stars: stars, StarsFrom: 0, Distributions: []*DistributionResult{{Format: f, Licence: ls, Licences: lic,
			Download: []URLCheck{{URL: "https://x/d.csv", Status: 404}}, Access: []URLCheck{{URL: "ftp://x", Status: StatusInvalidURL}}}}}
	}
	open := LicenceStatus{Known: true, Open: true}
	for _, tc := range []struct {
		name    string
		d       *DatasetResult
		checked bool
		nl, en  string
	}{
		{"no licence", dist(0, "CSV", LicenceStatus{}), true, "Er staat geen licentie bij", "There is no licence"},
		{"unknown licence", dist(0, "CSV", LicenceStatus{}, "https://stad/voorwaarden"), true, "https://stad/voorwaarden is geen gekende open licentie", "is not a known open licence"},
		{"non-commercial", dist(0, "CSV", LicenceStatus{Known: true}, "https://creativecommons.org/licenses/by-nc/4.0/"), true, "is niet open (bv. niet-commercieel", "is not open (e.g. non-commercial"},
		{"unreachable", dist(0, "CSV", open, "x"), true, "https://x/d.csv → HTTP 404; ftp://x → geen geldig webadres", "https://x/d.csv → HTTP 404; ftp://x → not a valid web address"},
		{"PDF", dist(1, "PDF", open, "x"), true, "PDF is niet machineleesbaar", "PDF is not machine-readable"},
		{"Excel", dist(2, "XLSX", open, "x"), true, "XLSX is een gesloten formaat", "XLSX is a proprietary format"},
		{"CSV, checked", dist(3, "CSV", open, "x"), true, "Publiceer de gegevens als linked data", "Publish the data as linked data"},
		{"CSV, not checked", dist(3, "CSV", open, "x"), false, "Zonder controle van de links (--check-urls)", "Without checking the links (--check-urls)"},
		{"RDF without links", dist(4, "RDF_TURTLE", open, "x"), true, "Verwijs in de gegevens naar gegevens van anderen", "Link the data to other people's data"},
		{"five stars", dist(5, "RDF_TURTLE", open, "x"), true, "", ""},
		{"no distribution", &DatasetResult{StarsFrom: -1}, true, "geen distributie", "no distribution"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for li, want := range []string{tc.nl, tc.en} {
				got := tc.d.StarStep(li, tc.checked)
				if want == "" && got != "" || !strings.Contains(got, want) {
					t.Errorf("%d: %q, want %q", li, got, want)
				}
			}
		})
	}
}

// TestWeaknesses: metrics are ordered by the points they cost, status
// metrics are left out without URL checks, and a dataset-level issue date
// makes up for the distribution that lacks it.
func TestWeaknesses(t *testing.T) {
	mk := func(kw, issuedDist, issuedDS bool, status int) *DatasetResult {
		d := &DatasetResult{Best: 0, Metrics: map[string]Measure{"keywordAvailability": {Bool: kw}, "dateIssuedAvailability": {Bool: issuedDS}}}
		d.Distributions = []*DistributionResult{{Metrics: map[string]Measure{"dateIssuedAvailability": {Bool: issuedDist}, "accessUrlStatusCode": {Int: status}}}}
		return d
	}
	r := &Result{Checked: false, Datasets: []*DatasetResult{mk(false, false, true, 404), mk(true, false, false, 200)}}
	ws := r.Weaknesses()
	byName := map[string]Weakness{}
	for _, w := range ws {
		byName[w.Metric.Name] = w
	}
	if w := byName["keywordAvailability"]; w.Failing != 1 || w.PointsLost != 15 {
		t.Errorf("keywords: %+v", w)
	}
	if w := byName["dateIssuedAvailability"]; w.Failing != 1 {
		t.Errorf("issued: %+v (the dataset-level date counts)", w)
	}
	if _, ok := byName["accessUrlStatusCode"]; ok {
		t.Error("status codes reported without URL checks")
	}
	for i := 1; i < len(ws); i++ {
		if ws[i].PointsLost > ws[i-1].PointsLost {
			t.Fatalf("not worst first: %v before %v", ws[i-1].Metric.Name, ws[i].Metric.Name)
		}
	}
	r.Checked = true
	found := false
	for _, w := range r.Weaknesses() {
		found = found || w.Metric.Name == "accessUrlStatusCode" && w.Failing == 1
	}
	if !found {
		t.Error("with URL checks the failing access URL is a weakness")
	}
}
