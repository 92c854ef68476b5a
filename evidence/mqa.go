package evidence

import (
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// distribution scores one distribution (or SPARQL service) of dr: its
// stars and its MQA metrics.
func (s *scorer) distribution(dr *DatasetResult, d *DistributionResult) {
	g := s.c.g
	if d.Service {
		if smp := d.Sample; smp != nil && smp.Status >= 200 && smp.Status <= 299 {
			d.Format, d.FormatSource = smp.Sniffed, FromBytes
			if d.Format == "" {
				d.Format, d.FormatSource = ForMediaType(smp.ContentType), FromContentType
			}
		}
	} else if d.Sample == nil {
		d.Format, d.FormatSource = s.formatOf(d)
	}
	switch {
	case !s.opts.CheckURLs:
		// Without checks a URL in the metadata is all there is to go on.
		d.Reachable = g.has(d.Node, nsDCAT+"accessURL") || g.has(d.Node, nsDCAT+"downloadURL") || d.Service
	case d.Service:
		d.Reachable = d.Sample != nil && d.Sample.Status >= 200 && d.Sample.Status <= 299
	default:
		for _, uc := range append(append([]URLCheck(nil), d.Access...), d.Download...) {
			d.Reachable = d.Reachable || uc.OK()
		}
	}
	d.Stars = stars(d, s.opts.CheckURLs)
	if d.Service {
		return
	}
	m := d.Metrics
	n := d.Node
	if s.opts.CheckURLs && len(d.Access) > 0 {
		m["accessUrlStatusCode"] = Measure{Int: bestStatus(d.Access)}
	}
	m["downloadUrlAvailability"] = Measure{Bool: g.has(n, nsDCAT+"downloadURL")}
	if s.opts.CheckURLs && len(d.Download) > 0 {
		m["downloadUrlStatusCode"] = Measure{Int: bestStatus(d.Download)}
	}
	m["formatAvailability"] = Measure{Bool: g.has(n, nsDCT+"format")}
	m["mediaTypeAvailability"] = Measure{Bool: g.has(n, nsDCAT+"mediaType")}
	d.FormatFromTable, d.MediaTypeIANA = inTable(g, n, nsDCT+"format"), ianaMediaType(g, n)
	m["formatMediaTypeVocabularyAlignment"] = Measure{Bool: formatAligned(g, n)}
	var np, mr bool
	for _, p := range []string{nsDCT + "format", nsDCAT + "mediaType"} {
		for _, o := range g.objs(n, p) {
			t := declaredValue(g, o)
			np, mr = np || t.NonProprietary(), mr || t.MachineReadable()
		}
	}
	m["formatMediaTypeNonProprietary"] = Measure{Bool: np}
	m["formatMediaTypeMachineInterpretable"] = Measure{Bool: mr}
	own := g.iris(n, nsDCT+"license")
	m["licenceAvailability"] = Measure{Bool: g.has(n, nsDCT+"license")}
	m["knownLicence"] = Measure{Bool: licenceOf(own).Known}
	m["rightsAvailability"] = Measure{Bool: g.has(n, nsDCT+"rights")}
	m["byteSizeAvailability"] = Measure{Bool: g.has(n, nsDCAT+"byteSize")}
	m["dateIssuedAvailability"] = Measure{Bool: g.has(n, nsDCT+"issued")}
	m["dateModifiedAvailability"] = Measure{Bool: g.has(n, nsDCT+"modified")}
	for name, v := range m {
		d.Points += points(metricByName(name), v)
	}
	d.V2 = v2Distribution(g, d)
}

// stars applies the five-star rules to one distribution; each star needs
// every lower one. Without URL checks there is no sample, so no ★★★★.
func stars(d *DistributionResult, checked bool) int {
	if !d.Licence.Open || !d.Reachable {
		return 0
	}
	if !d.Format.MachineReadable() {
		return 1
	}
	if !d.Format.NonProprietary() {
		return 2
	}
	if !checked || !d.Format.RDF() || d.Sample == nil || d.Sample.Subject == "" {
		return 3
	}
	if d.Sample.Link == "" {
		return 4
	}
	return 5
}

// bestStatus is the status that counts among several URLs: the first 2xx,
// else the first.
func bestStatus(ucs []URLCheck) int {
	for _, uc := range ucs {
		if uc.OK() {
			return uc.Status
		}
	}
	return ucs[0].Status
}

// formatAligned: the format is an EU File-Type IRI, or the media type an
// IANA media-type IRI (either suffices, as in data.norge.no's
// reimplementation of the MQA).
func formatAligned(g graph, n rdf.Term) bool {
	for _, o := range g.objs(n, nsDCT+"format") {
		if o.IsIRI() && strings.HasPrefix(o.Value, FileTypeNS) && ForDeclared(o.Value, true) != "" {
			return true
		}
	}
	for _, o := range g.objs(n, nsDCAT+"mediaType") {
		if o.IsIRI() && (IANAAligned(o.Value) || strings.HasPrefix(o.Value, FileTypeNS) && ForDeclared(o.Value, true) != "") {
			return true
		}
	}
	return false
}

// points gives a metric's MQA v1 points for a measured value: booleans
// when true, status codes when 2xx.
func points(m *Metric, v Measure) int {
	if m == nil {
		return 0
	}
	if m.Datatype == xsdInteger {
		if v.Int >= 200 && v.Int <= 299 {
			return m.Points
		}
		return 0
	}
	if v.Bool {
		return m.Points
	}
	return 0
}

// finish computes a dataset's stars, MQA v1 and v2 scores from its
// distributions and its own metadata, by piveau's rules: the single best
// distribution counts (the first of equals); dct:issued and dct:modified
// count once, from the dataset when that distribution lacks them.
func (s *scorer) finish(dr *DatasetResult) {
	g := s.c.g
	n := dr.Node
	for i, d := range dr.Distributions {
		if dr.StarsFrom < 0 || d.Stars > dr.Stars {
			dr.Stars, dr.StarsFrom = d.Stars, i
		}
	}
	m := dr.Metrics
	m["keywordAvailability"] = Measure{Bool: g.has(n, nsDCAT+"keyword")}
	m["categoryAvailability"] = Measure{Bool: g.has(n, nsDCAT+"theme")}
	m["spatialAvailability"] = Measure{Bool: g.has(n, nsDCT+"spatial")}
	m["temporalAvailability"] = Measure{Bool: g.has(n, nsDCT+"temporal")}
	m["dcatApCompliance"] = Measure{Bool: len(dr.DCATAP3) == 0}
	m["accessRightsAvailability"] = Measure{Bool: g.has(n, nsDCT+"accessRights")}
	m["accessRightsVocabularyAlignment"] = Measure{Bool: accessRightsAligned(g, n)}
	m["contactPointAvailability"] = Measure{Bool: g.has(n, nsDCAT+"contactPoint")}
	m["publisherAvailability"] = Measure{Bool: g.has(n, nsDCT+"publisher")}
	m["dateIssuedAvailability"] = Measure{Bool: g.has(n, nsDCT+"issued")}
	m["dateModifiedAvailability"] = Measure{Bool: g.has(n, nsDCT+"modified")}

	for i, d := range dr.Distributions {
		if !d.Service && (dr.Best < 0 || d.Points > dr.Distributions[dr.Best].Points) {
			dr.Best = i
		}
	}
	var best map[string]Measure
	if dr.Best >= 0 {
		best = dr.Distributions[dr.Best].Metrics
	}
	for _, mt := range mqaMetrics {
		var p int
		switch {
		case mt.Level == OnDataset:
			p = points(mt, m[mt.Name])
		case mt.Name == "dateIssuedAvailability" || mt.Name == "dateModifiedAvailability":
			p = points(mt, best[mt.Name])
			if p == 0 {
				p = points(mt, m[mt.Name])
			}
		default:
			p = points(mt, best[mt.Name])
		}
		dr.Dimensions[mt.Dimension] += p
		dr.MQA += p
	}
	dr.Band = BandOf(dr.MQA)
	dr.V2 = v2Final(g, dr)
	dr.V2Band = V2BandOf(dr.V2)
}

func accessRightsAligned(g graph, n rdf.Term) bool {
	for _, o := range g.iris(n, nsDCT+"accessRights") {
		if code, ok := strings.CutPrefix(o, accessRightNAL); ok && code != "" && strings.ToUpper(code) == code {
			return true
		}
	}
	return false
}
