package evidence

import (
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	// A catalog of PDFs: 80 % of the datasets have a PDF as best format.
	pdfs := Indicators{Datasets: 10, Checked: true, DownloadOK: 90, DCATAP3: 60, MeanMQA: 200, OpenLicence: 90,
		Keyword: 50, Theme: 50, Spatial: 50, Temporal: 50, ContactPoint: 90, Publisher: 100,
		Formats: []FormatShare{{"PDF", 8, 80}, {"CSV", 2, 20}}}
	pdfs.AtLeast[3] = 20
	// A linked-data catalog: everything five stars and excellent.
	good := Indicators{Datasets: 10, Checked: true, DownloadOK: 100, DCATAP3: 100, MeanMQA: 390, OpenLicence: 100,
		Keyword: 100, Theme: 100, Spatial: 100, Temporal: 100, ContactPoint: 100, Publisher: 100, Assessable: 10, Current: 100,
		Formats: []FormatShare{{"RDF_TURTLE", 10, 100}}}
	good.AtLeast[3] = 100
	for _, tc := range []struct {
		name string
		in   Indicators
		self map[string]float64
		want []string // per finding: domain, then fragments of the Dutch and English text
	}{
		{"Infrastructuur 4 with 80 % PDFs", pdfs, map[string]float64{DomainInfrastructure: 4},
			[]string{DomainInfrastructure, "Infrastructuur kreeg score 4 in de zelfevaluatie, terwijl 80 % van de datasets alleen als PDF beschikbaar is.", "Infrastructure was rated 4 in the self-assessment, while 80 % of the datasets are only available as PDF."}},
		{"self-assessment in line with the evidence", pdfs, map[string]float64{DomainInfrastructure: 2.5, DomainSupport: 4.5, DomainGovernance: 3}, nil},
		{"underrated governance", good, map[string]float64{DomainGovernance: 2},
			[]string{DomainGovernance, "(Open) Data governance kreeg maar score 2 in de zelfevaluatie, terwijl de catalogus meer laat zien", "(Open) data governance was rated only 2"}},
		{"support overrated: no contact points", Indicators{Datasets: 5, ContactPoint: 0, Publisher: 20}, map[string]float64{DomainSupport: 4.5},
			[]string{DomainSupport, "maar 0 % van de datasets een contactpunt vermeldt", "only 0 % of the datasets name a contact point"}},
		{"governance overrated: low MQA", Indicators{Datasets: 5, MeanMQA: 90, OpenLicence: 100, Keyword: 100, Theme: 100, Spatial: 100, Temporal: 100}, map[string]float64{DomainGovernance: 5},
			[]string{DomainGovernance, "de gemiddelde MQA-score maar 90 van 405 is (Onvoldoende)", "the mean MQA score is only 90 out of 405 (Bad)"}},
		{"domains the evidence does not cover", pdfs, map[string]float64{"sponsoring": 5, "kennis": 1}, nil},
		{"an empty catalog says nothing", Indicators{}, map[string]float64{DomainInfrastructure: 5}, nil},
		{"half scores, Dutch decimal comma", pdfs, map[string]float64{DomainInfrastructure: 4.5},
			[]string{DomainInfrastructure, "kreeg score 4,5 in de zelfevaluatie", "was rated 4.5 in the self-assessment"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := Compare(tc.in, tc.self)
			if len(fs)*3 != len(tc.want) {
				t.Fatalf("%d findings %v, want %d", len(fs), fs, len(tc.want)/3)
			}
			for i, f := range fs {
				w := tc.want[3*i:]
				if f.Domain != w[0] || !strings.Contains(f.Text[0], w[1]) || !strings.Contains(f.Text[1], w[2]) {
					t.Errorf("finding %d: %s\n nl: %s\n en: %s\nwant %s / %q / %q", i, f.Domain, f.Text[0], f.Text[1], w[0], w[1], w[2])
				}
				if f.Over != (f.Self > f.Evidence) {
					t.Errorf("finding %d: Over %v with self %.1f and evidence %.1f", i, f.Over, f.Self, f.Evidence)
				}
			}
		})
	}
}

func TestEvidenceLevels(t *testing.T) {
	in := Indicators{Datasets: 4, DCATAP3: 100, ContactPoint: 50, Publisher: 100, MeanMQA: 405}
	in.AtLeast[3] = 0
	lv := EvidenceLevels(in)
	if got := lv[DomainInfrastructure]; got.Level != 3 || got.Basis[0].Name != "aandeelMinstens3Sterren" || got.Basis[0].Level != 1 {
		t.Errorf("infrastructure: %+v", got)
	}
	if got := lv[DomainSupport]; got.Level != 4 {
		t.Errorf("support: %+v", got)
	}
	if len(lv[DomainInfrastructure].Basis) != 2 {
		t.Errorf("without URL checks the download links must not count: %+v", lv[DomainInfrastructure].Basis)
	}
}
