package evidence

import (
	"testing"
	"time"

	"github.com/stadleuven/maturity/rdf"
)

func TestCurrency(t *testing.T) {
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name                string
		freq, modified      string
		distModified        string
		assessable, current bool
	}{
		{"annual, modified 5 months ago", frequencyNAL + "ANNUAL", "2025-01-01", "", true, true},
		{"annual, modified 14 months ago", frequencyNAL + "ANNUAL", "2024-04-01T10:00:00Z", "", true, false},
		{"monthly, modified 40 days ago", frequencyNAL + "MONTHLY", "2025-04-22", "", true, false},
		{"daily, modified yesterday", frequencyNAL + "DAILY", "2025-05-31T08:00:00Z", "", true, true},
		{"Dublin Core quarterly", frequencyDC + "quarterly", "2025-03-15", "", true, true},
		{"never updated: always current", frequencyNAL + "NEVER", "2001-01-01", "", true, true},
		{"irregular: not assessable", frequencyNAL + "IRREG", "2001-01-01", "", false, false},
		{"no frequency", "", "2025-05-01", "", false, false},
		{"a rhythm but no date", frequencyNAL + "WEEKLY", "", "", true, false},
		{"the distribution's date", frequencyNAL + "WEEKLY", "", "2025-05-28", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds, dist := rdf.IRI("http://x/ds"), rdf.IRI("http://x/dist")
			var qs []rdf.Quad
			if tc.freq != "" {
				qs = append(qs, rdf.Triple(ds, rdf.IRI(nsDCT+"accrualPeriodicity"), rdf.IRI(tc.freq)))
			}
			if tc.modified != "" {
				qs = append(qs, rdf.Triple(ds, rdf.IRI(nsDCT+"modified"), rdf.TypedLiteral(tc.modified, rdf.XSDDate)))
			}
			if tc.distModified != "" {
				qs = append(qs, rdf.Triple(dist, rdf.IRI(nsDCT+"modified"), rdf.TypedLiteral(tc.distModified, rdf.XSDDate)))
			}
			c := currencyOf(newGraph(qs), &Dataset{Node: ds, Distributions: []rdf.Term{dist}}, now)
			if c.Assessable != tc.assessable || c.Current != tc.current {
				t.Errorf("%+v, want assessable %v current %v", c, tc.assessable, tc.current)
			}
		})
	}
}
