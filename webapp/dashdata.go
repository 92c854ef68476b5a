package webapp

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/evidence"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/vocab"
)

// dashData is what the dashboard, the report and the CSV read for one
// organisation and year: the assessment, its plan, the organisation's
// other years, every organisation's assessment of that year and the
// evidence from the organisation's catalog.
type dashData struct {
	model    *vocab.Model
	org      string
	orgLabel vocab.Text
	year     int
	current  int                // the current version of this year's assessment
	shown    *assess.Assessment // the version shown: the current one unless asked otherwise
	plan     *assess.Plan
	// years holds the organisation's current assessment per year, oldest
	// first (the shown year among them).
	years []*assess.Assessment
	// peers holds every organisation's current assessment for the year,
	// this one's included; bench is their spread per domain.
	peers []*assess.Assessment
	bench []assess.DomainSpread
	// evidence is the measurement of the organisation's catalog set beside
	// this year's assessment, nil when there is none.
	evidence *evidence.Summary
}

// errNoAssessment is a dashboard for an organisation and year without a
// published assessment (or a version that does not exist): 404.
var errNoAssessment = errors.New("no such assessment")

// loadDash reads everything for org and year from one view; version 0
// means the current version.
func loadDash(ctx context.Context, ds sparql.Dataset, base, org string, year, version int, withPeers bool) (*dashData, error) {
	model, err := assess.LoadModel(ctx, ds, base)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	all, err := assess.ListPublished(ctx, ds, base)
	if err != nil {
		return nil, err
	}
	d := &dashData{model: model, org: org, year: year}
	loaded := map[assess.Published]*assess.Assessment{}
	load := func(p assess.Published) (*assess.Assessment, error) {
		if a, ok := loaded[p]; ok {
			return a, nil
		}
		a, err := assess.LoadAssessmentVersion(ctx, ds, base, p.Org, p.Year, p.Version)
		if err != nil {
			return nil, err
		}
		loaded[p] = a
		return a, nil
	}
	for _, p := range all {
		if p.Org == org && p.Year == year {
			d.current = p.Version
		}
	}
	if d.current == 0 || version > d.current {
		return nil, errNoAssessment
	}
	if version == 0 {
		version = d.current
	}
	if d.shown, err = load(assess.Published{Org: org, Year: year, Version: version}); err != nil {
		return nil, errors.Join(errNoAssessment, err)
	}
	d.orgLabel = d.shown.OrgLabel
	d.plan = assess.NewPlan(model, d.shown)
	if !withPeers {
		return d, nil
	}
	// An index that names a version whose graph is gone (withdrawn) counts
	// as no assessment.
	for _, p := range all {
		if p.Org != org && p.Year != year {
			continue
		}
		a, err := load(p)
		if errors.Is(err, assess.ErrNoVersion) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if p.Org == org {
			d.years = append(d.years, a)
		}
		if p.Year == year {
			d.peers = append(d.peers, a)
		}
	}
	d.bench = assess.Benchmark(model, d.peers)
	if d.evidence, err = findEvidence(ctx, ds, base, org, year); err != nil {
		return nil, fmt.Errorf("read evidence: %w", err)
	}
	return d, nil
}

// Terms the evidence reader matches on.
const (
	dqvQualityMetadata = "http://www.w3.org/ns/dqv#QualityMetadata"
	dqvComputedOn      = "http://www.w3.org/ns/dqv#computedOn"
	dcatStartDate      = "http://www.w3.org/ns/dcat#startDate"
)

// evidenceReport is one published measurement of an organisation's
// catalog: graph/bewijs/{nis}/{date}, its report id/bewijs/{nis}/{date}.
type evidenceReport struct {
	report, graph rdf.Term
	date          string
	year          int // the year it is set beside; 0 when not stated
}

// findEvidence returns the measurement of the organisation's catalog that
// belongs beside its assessment for year: the latest one published for
// that year, else the latest one of that year that names no year. A
// measurement of another year is never set beside it. It reads only the
// report and the catalog-level measurements, not the per-dataset ones.
func findEvidence(ctx context.Context, ds sparql.Dataset, base, org string, year int) (*evidence.Summary, error) {
	reps, err := evidenceReports(ctx, ds, base, org)
	if err != nil || len(reps) == 0 {
		return nil, err
	}
	var best *evidenceReport
	for i := range reps {
		r := &reps[i]
		fits := r.year == year || (r.year == 0 && strings.HasPrefix(r.date, strconv.Itoa(year)+"-"))
		if !fits {
			continue
		}
		if best == nil || (r.year != 0 && best.year == 0) || (r.year != 0) == (best.year != 0) && r.date > best.date {
			best = r
		}
	}
	if best == nil {
		return nil, nil
	}
	quads, err := evidenceQuads(ctx, ds, *best)
	if err != nil {
		return nil, err
	}
	return evidence.ReadSummary(quads)
}

// evidenceReports lists the organisation's published measurements.
func evidenceReports(ctx context.Context, ds sparql.Dataset, base, org string) ([]evidenceReport, error) {
	dec := sparql.NewDecoder(ds)
	ids, err := termIDs(dec, rdf.RDFType, dqvQualityMetadata, vocab.DCT+"temporal", dcatStartDate)
	if err != nil || ids[0] == 0 || ids[1] == 0 {
		return nil, err
	}
	prefix := vocab.Evidence(base, org, "")
	var out []evidenceReport
	var terr error
	err = ds.Match(ctx, [4]uint64{0, ids[0], ids[1], 0}, func(q [4]uint64) bool {
		s, err := dec.Term(q[0])
		if err != nil {
			terr = err
			return false
		}
		date, ok := strings.CutPrefix(s.Value, prefix)
		if !ok || strings.Contains(date, "/") {
			return true
		}
		g, err := dec.Term(q[3])
		if err != nil {
			terr = err
			return false
		}
		out = append(out, evidenceReport{report: s, graph: g, date: date})
		return true
	})
	if err == nil {
		err = terr
	}
	if err != nil {
		return nil, err
	}
	for i := range out {
		r := &out[i]
		rid, _ := dec.ID(r.report)
		gid, _ := dec.ID(r.graph)
		for _, per := range objects(ctx, ds, rid, ids[2], gid, &err) {
			for _, st := range objects(ctx, ds, per, ids[3], gid, &err) {
				t, terr := dec.Term(st)
				if terr != nil {
					return nil, terr
				}
				r.year, _ = strconv.Atoi(strings.SplitN(t.Value, "-", 2)[0])
			}
		}
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].date < out[j].date })
	return out, nil
}

// evidenceQuads reads what evidence.ReadSummary needs of one measurement:
// the report, its period, and every measurement computed on the catalog
// the report names as its source.
func evidenceQuads(ctx context.Context, ds sparql.Dataset, r evidenceReport) ([]rdf.Quad, error) {
	dec := sparql.NewDecoder(ds)
	ids, err := termIDs(dec, vocab.DCT+"source", vocab.DCT+"temporal", dqvComputedOn)
	if err != nil {
		return nil, err
	}
	rid, err := dec.ID(r.report)
	if err != nil {
		return nil, err
	}
	gid, err := dec.ID(r.graph)
	if err != nil {
		return nil, err
	}
	var quads []rdf.Quad
	subject := func(s uint64) error {
		var derr error
		err := ds.Match(ctx, [4]uint64{s, 0, 0, gid}, func(q [4]uint64) bool {
			t, err := dec.Quad(q)
			if err != nil {
				derr = err
				return false
			}
			quads = append(quads, t)
			return true
		})
		if err == nil {
			err = derr
		}
		return err
	}
	if err := subject(rid); err != nil {
		return nil, err
	}
	for _, per := range objects(ctx, ds, rid, ids[1], gid, &err) {
		if err := subject(per); err != nil {
			return nil, err
		}
	}
	for _, cat := range objects(ctx, ds, rid, ids[0], gid, &err) {
		var ms []uint64
		if err := ds.Match(ctx, [4]uint64{0, ids[2], cat, gid}, func(q [4]uint64) bool { ms = append(ms, q[0]); return true }); err != nil {
			return nil, err
		}
		for _, m := range ms {
			if err := subject(m); err != nil {
				return nil, err
			}
		}
	}
	return quads, err
}

// termIDs looks up IRIs; an IRI the dataset does not hold gets 0.
func termIDs(dec *sparql.Decoder, iris ...string) ([]uint64, error) {
	out := make([]uint64, len(iris))
	for i, iri := range iris {
		id, err := dec.ID(rdf.IRI(iri))
		if err != nil {
			return nil, err
		}
		out[i] = id
	}
	return out, nil
}

// objects returns the objects of (s, p) in graph g; a failure is kept in
// *errp (and nothing returned) so that loops over the result stay short.
func objects(ctx context.Context, ds sparql.Dataset, s, p, g uint64, errp *error) []uint64 {
	if *errp != nil || s == 0 || p == 0 {
		return nil
	}
	var out []uint64
	*errp = ds.Match(ctx, [4]uint64{s, p, 0, g}, func(q [4]uint64) bool { out = append(out, q[2]); return true })
	return out
}
