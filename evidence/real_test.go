package evidence

import (
	"context"
	"testing"
	"time"
)

// TestRealCatalog scores the City of Brussels' datasets from the federal
// portal's DCAT-AP export (testdata/brussel, metadata only: no network in
// tests) and pins the catalog indicators the report quotes.
func TestRealCatalog(t *testing.T) {
	c, err := Load(context.Background(), "testdata/brussel/catalogus.nt.gz", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Score(context.Background(), c, Options{Now: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	in := r.Indicators
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"datasets", float64(in.Datasets), 214},
		{"distributions", float64(in.Distributions), 2830},
		{"≥★", in.AtLeast[1], 27.1},
		{"≥★★★", in.AtLeast[3], 27.1},
		{"≥★★★★ (no samples without --check-urls)", in.AtLeast[4], 0},
		{"mean MQA", in.MeanMQA, 259.6},
		{"MQA Good", in.Bands[BandGood], 100},
		{"mean MQA v2", in.MeanV2, 4.88},
		{"with download URL", in.WithDownload, 100},
		{"DCAT-AP 3.0.1", in.DCATAP3, 100},
		{"DCAT-AP-VL", in.DCATAPVL, 0},
		{"keywords", in.Keyword, 43},
		{"theme", in.Theme, 74.3},
		{"spatial", in.Spatial, 100},
		{"temporal", in.Temporal, 81.8},
		{"open licence", in.OpenLicence, 27.1},
		{"known licence", in.KnownLicence, 28.5},
		{"access rights from the EU list", in.AccessRightsNAL, 100},
		{"contact point", in.ContactPoint, 100},
		{"publisher", in.Publisher, 100},
		{"format from the EU list", in.FormatNAL, 100},
		{"IANA media type", in.MediaTypeIANA, 100},
		{"datasets with a set periodicity", float64(in.Assessable), 0},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	t.Logf("%s: %d datasets, %d distributions, %d triples", c.IRI, in.Datasets, in.Distributions, c.Triples)
}
