package evidence

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Summary is a published measurement read back: what the dashboard sets
// beside the self-assessment.
type Summary struct {
	Report     string // id/bewijs/{nis}/{date}
	Org        string // the organisation's IRI
	Date       string // YYYY-MM-DD
	Year       int    // the year it is set beside (0 when not stated)
	Catalog    string // the catalog measured
	Checked    bool   // URLs were checked
	Indicators Indicators
}

// ReadSummary reads the catalog-level measurements of one evidence graph
// (the quads of graph/bewijs/{nis}/{date}) back into Indicators, so that
// Compare and the dashboard work from the store. Per-dataset results and
// the failing URLs' details are not restored.
func ReadSummary(quads []rdf.Quad) (*Summary, error) {
	g := newGraph(quads)
	var s Summary
	reports := g.instances(nsDQV + "QualityMetadata")
	if len(reports) != 1 {
		return nil, fmt.Errorf("evidence: %d reports (dqv:QualityMetadata) in the graph, want 1", len(reports))
	}
	R := reports[0]
	s.Report = R.Value
	if v := g.iris(R, nsDCT+"subject"); len(v) > 0 {
		s.Org = v[0]
	}
	if v := g.objs(R, nsDCT+"date"); len(v) > 0 {
		s.Date = v[0].Value
	}
	if v := g.iris(R, nsDCT+"source"); len(v) > 0 {
		s.Catalog = v[0]
	}
	for _, per := range g.objs(R, nsDCT+"temporal") {
		for _, st := range g.objs(per, nsDCAT+"startDate") {
			s.Year, _ = strconv.Atoi(strings.SplitN(st.Value, "-", 2)[0])
		}
	}
	byName := map[string]*float64{}
	in := &s.Indicators
	in.Bands = map[Band]float64{}
	bands := map[string]Band{}
	for b, m := range indBand {
		bands[m.Name] = b
	}
	for i := 1; i <= 5; i++ {
		byName[indStars[i].Name] = &in.AtLeast[i]
	}
	for m, p := range map[*Metric]*float64{
		indMeanMQA: &in.MeanMQA, indMeanV2: &in.MeanV2, indAccessOK: &in.AccessOK, indWithDownload: &in.WithDownload,
		indDownloadOK: &in.DownloadOK, indDCATAP3: &in.DCATAP3, indDCATAPVL: &in.DCATAPVL, indKeyword: &in.Keyword,
		indTheme: &in.Theme, indSpatial: &in.Spatial, indTemporal: &in.Temporal, indOpenLicence: &in.OpenLicence,
		indKnownLicence: &in.KnownLicence, indAccessRights: &in.AccessRightsNAL, indContact: &in.ContactPoint,
		indPublisher: &in.Publisher, indFormatNAL: &in.FormatNAL, indMediaTypeIANA: &in.MediaTypeIANA, indCurrent: &in.Current,
	} {
		byName[m.Name] = p
	}
	prefix := vocab.EvidenceMetric("")
	for _, m := range g.instances(nsDQV + "QualityMeasurement") {
		on := g.iris(m, nsDQV+"computedOn")
		of := g.iris(m, nsDQV+"isMeasurementOf")
		val := g.objs(m, nsDQV+"value")
		if len(on) != 1 || on[0] != s.Catalog || len(of) != 1 || len(val) != 1 {
			continue
		}
		name, ok := strings.CutPrefix(of[0], prefix)
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(val[0].Value, 64)
		if err != nil {
			return nil, fmt.Errorf("evidence: %s: value %q is not a number", m.Value, val[0].Value)
		}
		switch {
		case name == indDatasets.Name:
			in.Datasets = int(v)
		case name == indFormat.Name:
			for _, f := range g.iris(m, nsDCT+"format") {
				in.Formats = append(in.Formats, FormatShare{Format: FileType(strings.TrimPrefix(f, FileTypeNS)), Share: v})
			}
		case name == indAccessOK.Name:
			in.Checked, s.Checked = true, true
			in.AccessOK = v
		case name == indCurrent.Name:
			in.Current, in.Assessable = v, 1 // measured; the count itself is not published
		case bands[name] != "":
			in.Bands[bands[name]] = v
		case byName[name] != nil:
			*byName[name] = v
		}
	}
	in.AtLeast[0] = 100
	sort.Slice(in.Formats, func(i, j int) bool { return in.Formats[i].Share > in.Formats[j].Share })
	for i := range in.Formats {
		in.Formats[i].Datasets = int(in.Formats[i].Share*float64(in.Datasets)/100 + 0.5)
	}
	return &s, nil
}
