package assess

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Published names the current version of one organisation's assessment
// for one year.
type Published struct {
	Org     string // NIS code
	Year    int
	Version int
}

// ListPublished returns every assessment of ds that has a current version
// (the index graphs' mat:currentVersion), by organisation and year. An
// assessment whose index no longer names a current version (withdrawn) is
// not listed.
func ListPublished(ctx context.Context, ds dataset.Dataset, base string) ([]Published, error) {
	p, ok, err := ds.Lookup(rdf.IRI(vocab.Mat("currentVersion")))
	if err != nil || !ok {
		return nil, err
	}
	prefix := strings.TrimSuffix(vocab.Assessment(base, "_", 0), "_/0") // …/id/evaluatie/
	var out []Published
	var terr error
	seen := map[Published]bool{}
	err = ds.Match(ctx, [4]uint64{0, p, 0, 0}, func(q [4]uint64) bool {
		s, err := ds.Term(q[0])
		if err != nil {
			terr = err
			return false
		}
		rest, ok := strings.CutPrefix(s.Value, prefix)
		if !ok {
			return true
		}
		nis, y, ok := strings.Cut(rest, "/")
		year, err := strconv.Atoi(y)
		if !ok || err != nil || !nisPattern.MatchString(nis) {
			return true
		}
		o, err := ds.Term(q[2])
		if err != nil {
			terr = err
			return false
		}
		v, err := strconv.Atoi(o.Value[strings.LastIndex(o.Value, "/v")+2:])
		if err != nil || o.Value != vocab.AssessmentVersion(base, nis, year, v) {
			return true
		}
		k := Published{Org: nis, Year: year, Version: v}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
		return true
	})
	if err == nil {
		err = terr
	}
	if err != nil {
		return nil, fmt.Errorf("assess: list assessments: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Org != out[j].Org {
			return out[i].Org < out[j].Org
		}
		return out[i].Year < out[j].Year
	})
	return out, nil
}

// ErrNoVersion is the error of LoadAssessmentVersion for a version whose
// graph holds no observations: it never existed, or it was withdrawn.
var ErrNoVersion = errors.New("no such version")

// LoadAssessmentVersion reads one version of an organisation's assessment
// back from ds, current or not: versions are immutable, so a report of
// version 1 stays the same after version 2 is published.
func LoadAssessmentVersion(ctx context.Context, ds dataset.Dataset, base, nis string, year, version int) (*Assessment, error) {
	qs, err := graphQuads(ctx, ds, vocab.AssessmentGraph(base, nis, year, version))
	if err != nil {
		return nil, err
	}
	a := &Assessment{Org: nis, Year: year, Version: version}
	a.Scores, a.Method = readScores(base, vocab.AssessmentVersion(base, nis, year, version), qs)
	if len(a.Scores) == 0 {
		return nil, fmt.Errorf("geen versie %d van de evaluatie van organisatie %s voor %d (no version %d of the assessment of organisation %s for %d): %w", version, nis, year, version, nis, year, ErrNoVersion)
	}
	if a.OrgLabel, err = OrgLabel(ctx, ds, base, nis); err != nil {
		return nil, err
	}
	self := vocab.AssessmentVersion(base, nis, year, version)
	for _, q := range qs {
		if q.S.Value != self || !q.O.IsLiteral() {
			continue
		}
		switch q.P.Value {
		case vocab.DCT + "creator":
			a.Author = q.O.Value
		case vocab.PROV + "generatedAtTime":
			a.Generated, _ = time.Parse(time.RFC3339, q.O.Value)
		}
	}
	return a, nil
}

// Spread is how a population's values lie: its size, extremes, quartiles
// and median. The quartiles interpolate linearly between the sorted
// values (Hyndman and Fan's type 7, the default of R, NumPy and
// spreadsheets), so the spread of 1, 2, 3, 4 is Q1 1.75, median 2.5, Q3 3.25.
type Spread struct {
	N                        int
	Min, Q1, Median, Q3, Max float64
}

// SpreadOf computes the spread of values; NaNs are left out. An empty
// population has N 0 and NaN everywhere else.
func SpreadOf(values []float64) Spread {
	var xs []float64
	for _, v := range values {
		if !math.IsNaN(v) {
			xs = append(xs, v)
		}
	}
	if len(xs) == 0 {
		nan := math.NaN()
		return Spread{Min: nan, Q1: nan, Median: nan, Q3: nan, Max: nan}
	}
	sort.Float64s(xs)
	return Spread{N: len(xs), Min: xs[0], Q1: quantile(xs, 0.25), Median: quantile(xs, 0.5), Q3: quantile(xs, 0.75), Max: xs[len(xs)-1]}
}

// quantile is the p-quantile of sorted xs (type 7).
func quantile(xs []float64, p float64) float64 {
	h := float64(len(xs)-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[i] + (h-lo)*(xs[i+1]-xs[i])
}

// Standing says where a value lies in a spread: -2 below the first
// quartile, -1 below the median, 0 at it, 1 above it, 2 above the third
// quartile. A spread of fewer than three values has no quartiles worth
// the name: there the value is only below, at or above the median.
func (s Spread) Standing(v float64) int {
	const eps = 1e-9
	switch {
	case s.N == 0 || math.IsNaN(v) || math.Abs(v-s.Median) < eps:
		return 0
	case s.N >= 3 && v < s.Q1-eps:
		return -2
	case s.N >= 3 && v > s.Q3+eps:
		return 2
	case v < s.Median:
		return -1
	}
	return 1
}

// DomainSpread is the spread of one domain's maturity and need over
// several assessments.
type DomainSpread struct {
	Domain         string // slug
	Maturity, Need Spread
}

// Benchmark computes per domain the spread of maturity and need over
// assessments (typically every organisation's current version for one
// year), in the model's order of domains. A domain no assessment scores
// has N 0.
func Benchmark(model *vocab.Model, assessments []*Assessment) []DomainSpread {
	out := make([]DomainSpread, 0, len(model.Domains))
	for _, d := range model.Domains {
		var mat, need []float64
		for _, a := range assessments {
			for _, s := range a.Scores {
				if s.Domain == d.Slug {
					mat, need = append(mat, s.Maturity), append(need, s.Need)
				}
			}
		}
		out = append(out, DomainSpread{Domain: d.Slug, Maturity: SpreadOf(mat), Need: SpreadOf(need)})
	}
	return out
}
