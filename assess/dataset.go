package assess

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// graphQuads returns every quad of one named graph of ds (nil if the graph
// does not exist).
func graphQuads(ctx context.Context, ds dataset.Dataset, graph string) ([]rdf.Quad, error) {
	qs, err := dataset.NewDecoder(ds).GraphQuads(ctx, rdf.IRI(graph))
	if err != nil {
		return nil, fmt.Errorf("assess: %w", err)
	}
	return qs, nil
}

// LoadModel reads the maturity model from graph/model of ds, with the
// study's findings from graph/studie when the store has them.
func LoadModel(ctx context.Context, ds dataset.Dataset, base string) (*vocab.Model, error) {
	qs, err := graphQuads(ctx, ds, vocab.ModelGraph(base))
	if err != nil {
		return nil, err
	}
	study, err := graphQuads(ctx, ds, vocab.StudyGraph(base))
	if err != nil {
		return nil, err
	}
	return vocab.ReadModel(append(qs, study...))
}

// currentVersion returns the version number the index graph marks as
// current, or 0 when there is none yet.
func currentVersion(ctx context.Context, ds dataset.Dataset, base, index, subject string) (int, error) {
	qs, err := graphQuads(ctx, ds, index)
	if err != nil {
		return 0, err
	}
	for _, q := range qs {
		if q.S.Value == subject && q.P.Value == vocab.Mat("currentVersion") {
			v := q.O.Value[strings.LastIndex(q.O.Value, "/v")+2:]
			n, err := strconv.Atoi(v)
			if err != nil {
				return 0, fmt.Errorf("assess: %s names current version %s, which has no version number", index, q.O.Value)
			}
			return n, nil
		}
	}
	return 0, nil
}

// NextAssessmentVersion returns the version number a new import of the
// organisation's assessment for year gets: 1, or the current one plus one.
func NextAssessmentVersion(ctx context.Context, ds dataset.Dataset, base, nis string, year int) (int, error) {
	n, err := currentVersion(ctx, ds, base, vocab.AssessmentIndexGraph(base, nis, year), vocab.Assessment(base, nis, year))
	return n + 1, err
}

// NextSurveyVersion is NextAssessmentVersion for survey results.
func NextSurveyVersion(ctx context.Context, ds dataset.Dataset, base, nis string, year int) (int, error) {
	n, err := currentVersion(ctx, ds, base, vocab.SurveyIndexGraph(base, nis, year), vocab.Survey(base, nis, year))
	return n + 1, err
}

// OrgLabel returns the organisation's labels from graph/organisaties (or
// any graph that describes it), empty when it is unknown.
func OrgLabel(ctx context.Context, ds dataset.Dataset, base, nis string) (vocab.Text, error) {
	out := vocab.Text{}
	s, ok, err := ds.Lookup(rdf.IRI(vocab.Organisation(base, nis)))
	if err != nil || !ok {
		return out, err
	}
	p, ok, err := ds.Lookup(rdf.IRI(vocab.SKOS + "prefLabel"))
	if err != nil || !ok {
		return out, err
	}
	var objs []uint64
	err = ds.Match(ctx, [4]uint64{s, p, 0, 0}, func(q [4]uint64) bool { objs = append(objs, q[2]); return true })
	for _, o := range objs {
		t, err := ds.Term(o)
		if err != nil {
			return out, err
		}
		out[t.Lang] = t.Value
	}
	return out, err
}

// LoadAssessment reads the current version of an organisation's
// assessment for year back from ds, for printing its plan.
func LoadAssessment(ctx context.Context, ds dataset.Dataset, base, nis string, year int) (*Assessment, error) {
	v, err := currentVersion(ctx, ds, base, vocab.AssessmentIndexGraph(base, nis, year), vocab.Assessment(base, nis, year))
	if err != nil {
		return nil, err
	}
	if v == 0 {
		return nil, errorf(fmt.Sprintf("geen evaluatie van organisatie %s voor %d", nis, year), fmt.Sprintf("no assessment of organisation %s for %d", nis, year))
	}
	qs, err := graphQuads(ctx, ds, vocab.AssessmentGraph(base, nis, year, v))
	if err != nil {
		return nil, err
	}
	a := &Assessment{Org: nis, Year: year, Version: v}
	if a.OrgLabel, err = OrgLabel(ctx, ds, base, nis); err != nil {
		return nil, err
	}
	a.Scores, a.Method = readScores(base, vocab.AssessmentVersion(base, nis, year, v), qs)
	for _, q := range qs {
		if q.P.Value == vocab.Mat("partial") && q.O.Value == "true" {
			a.Partial = true
		}
	}
	if len(a.Scores) == 0 {
		return nil, fmt.Errorf("assess: version %d of %s/%d has no observations", v, nis, year)
	}
	return a, nil
}

// readScores rebuilds the scores from the observations of data set ds.
func readScores(base, ds string, qs []rdf.Quad) ([]Score, string) {
	byObs := map[string]*Score{}
	inDS := map[string]bool{}
	method := ""
	m := func(l string) string { return vocab.Mat(l) }
	for _, q := range qs {
		if q.P.Value == vocab.QB+"dataSet" && q.O.Value == ds {
			inDS[q.S.Value] = true
		}
	}
	for _, q := range qs {
		if !inDS[q.S.Value] {
			continue
		}
		s := byObs[q.S.Value]
		if s == nil {
			s = &Score{}
			byObs[q.S.Value] = s
		}
		num := func() float64 { f, _ := strconv.ParseFloat(q.O.Value, 64); return f }
		switch q.P.Value {
		case m("domain"):
			s.Domain = q.O.Value[strings.LastIndex(q.O.Value, "/")+1:]
		case m("maturityScore"):
			s.Maturity = num()
		case m("needScore"):
			s.Need = num()
		case m("rationale"):
			s.Rationale = q.O.Value
		case m("evidence"):
			s.Evidence = append(s.Evidence, q.O.Value)
		case m("method"):
			method = q.O.Value[strings.LastIndex(q.O.Value, "/")+1:]
		}
	}
	var out []Score
	for _, s := range byObs {
		sort.Strings(s.Evidence)
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Domain < out[j].Domain })
	return out, method
}
