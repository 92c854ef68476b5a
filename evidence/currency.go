package evidence

import (
	"strings"
	"time"

	"github.com/stadleuven/maturity/rdf"
)

// Currency says whether a dataset was modified within its accrual
// periodicity: an annual dataset last modified 14 months ago is late.
type Currency struct {
	Periodicity string    // the dct:accrualPeriodicity IRI, "" when absent
	Modified    time.Time // the dataset's dct:modified, else its latest distribution's
	Assessable  bool      // the frequency names a rhythm (or "never")
	Current     bool
	Due         time.Time // when the next update was due (zero for "never")
}

// period is a frequency as a calendar step: years, months, days.
type period struct{ y, m, d int }

// frequencies maps the EU Frequency table's codes and the Dublin Core
// collection frequencies to their rhythm. Sub-daily rhythms count as
// daily: dct:modified is rarely more precise than a day. "never" is
// always current; irregular, unknown, other and as-needed cannot be
// assessed.
var frequencies = map[string]period{
	"TRIDECENNIAL": {30, 0, 0}, "BIDECENNIAL": {20, 0, 0}, "DECENNIAL": {10, 0, 0},
	"QUINQUENNIAL": {5, 0, 0}, "QUADRENNIAL": {4, 0, 0}, "TRIENNIAL": {3, 0, 0}, "BIENNIAL": {2, 0, 0},
	"ANNUAL": {1, 0, 0}, "ANNUAL_2": {0, 6, 0}, "ANNUAL_3": {0, 4, 0}, "QUARTERLY": {0, 3, 0},
	"BIMONTHLY": {0, 2, 0}, "MONTHLY": {0, 1, 0}, "MONTHLY_2": {0, 0, 16}, "MONTHLY_3": {0, 0, 11},
	"BIWEEKLY": {0, 0, 14}, "WEEKLY": {0, 0, 7}, "WEEKLY_2": {0, 0, 4}, "WEEKLY_3": {0, 0, 3},
	"DAILY": {0, 0, 1}, "DAILY_2": {0, 0, 1}, "HOURLY": {0, 0, 1}, "CONT": {0, 0, 1}, "UPDATE_CONT": {0, 0, 1},
	"1MIN": {0, 0, 1}, "5MIN": {0, 0, 1}, "10MIN": {0, 0, 1}, "15MIN": {0, 0, 1}, "30MIN": {0, 0, 1}, "12HRS": {0, 0, 1},
	// Dublin Core Collection Description Frequency Vocabulary
	"triennial": {3, 0, 0}, "biennial": {2, 0, 0}, "annual": {1, 0, 0}, "semiannual": {0, 6, 0},
	"threeTimesAYear": {0, 4, 0}, "quarterly": {0, 3, 0}, "bimonthly": {0, 2, 0}, "monthly": {0, 1, 0},
	"semimonthly": {0, 0, 16}, "threeTimesAMonth": {0, 0, 11}, "biweekly": {0, 0, 14}, "weekly": {0, 0, 7},
	"semiweekly": {0, 0, 4}, "threeTimesAWeek": {0, 0, 3}, "daily": {0, 0, 1}, "continuous": {0, 0, 1},
}

const (
	frequencyNAL = "http://publications.europa.eu/resource/authority/frequency/"
	frequencyDC  = "http://purl.org/cld/freq/"
)

func currencyOf(g graph, d *Dataset, now time.Time) Currency {
	var c Currency
	if ps := g.iris(d.Node, nsDCT+"accrualPeriodicity"); len(ps) > 0 {
		c.Periodicity = ps[0]
	}
	c.Modified = latestDate(g.objs(d.Node, nsDCT+"modified"))
	if c.Modified.IsZero() {
		for _, dist := range d.Distributions {
			if t := latestDate(g.objs(dist, nsDCT+"modified")); t.After(c.Modified) {
				c.Modified = t
			}
		}
	}
	code, ok := strings.CutPrefix(c.Periodicity, frequencyNAL)
	if !ok {
		code, _ = strings.CutPrefix(c.Periodicity, frequencyDC)
	}
	if code == "NEVER" {
		c.Assessable, c.Current = true, true
		return c
	}
	p, ok := frequencies[code]
	if !ok || code == "" {
		return c
	}
	c.Assessable = true
	if c.Modified.IsZero() {
		return c // a rhythm is promised but no modification date shows it is kept
	}
	c.Due = c.Modified.AddDate(p.y, p.m, p.d)
	c.Current = !now.After(c.Due)
	return c
}

// latestDate parses xsd:date and xsd:dateTime (and plain literals of the
// same forms) and returns the latest.
func latestDate(ts []rdf.Term) time.Time {
	var latest time.Time
	for _, t := range ts {
		if !t.IsLiteral() {
			continue
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02", "2006-01-02Z07:00"} {
			if v, err := time.Parse(layout, strings.TrimSpace(t.Value)); err == nil {
				if v.After(latest) {
					latest = v
				}
				break
			}
		}
	}
	return latest
}
