package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Vocabularies of the published evidence.
const (
	nsDQV  = "http://www.w3.org/ns/dqv#"
	nsPROV = "http://www.w3.org/ns/prov#"
	nsHTTP = "http://www.w3.org/2011/http#"
	nsVOID = "http://rdfs.org/ns/void#"
	nsXSD  = "http://www.w3.org/2001/XMLSchema#"
)

// Publication says whose evidence a result is and where it is published.
type Publication struct {
	Base string // the instance base IRI
	Org  string // NIS code of the organisation whose catalog was measured
	Year int    // the year the evidence is about (set beside the self-assessment of that year)
}

// Date is the day of the measurement, as the graph names it.
func (r *Result) Date() string { return r.Started.UTC().Format("2006-01-02") }

// Graph returns the named graph the evidence is published in.
func (r *Result) Graph(p Publication) string { return vocab.EvidenceGraph(p.Base, p.Org, r.Date()) }

// Quads returns the evidence as W3C DQV: one dqv:QualityMeasurement per
// metric and measured resource (the catalog, each dataset, its
// distributions' stars and status codes, and the MQA distribution metrics
// of the distribution that counts), each
// with dqv:isMeasurementOf a metric of the model, dqv:computedOn the
// resource, dqv:value of the metric's expected datatype and
// prov:wasGeneratedBy the measuring activity. A measurement carries its
// evidence: star measurements prov:wasDerivedFrom the licence and the
// sample (its format, how the format was found, a subject IRI and a link
// IRI); status measurements the HTTP request and response. All quads are
// in r.Graph(p).
func (r *Result) Quads(p Publication) []rdf.Quad {
	date := r.Date()
	e := &dqvEmitter{g: rdf.IRI(r.Graph(p)), seen: map[[3]rdf.Term]bool{}}
	report := vocab.Evidence(p.Base, p.Org, date)
	e.report = report
	act := report + "#activiteit"
	e.activity = rdf.IRI(act)
	org := vocab.Organisation(p.Base, p.Org)
	catalog := r.Catalog
	if catalog == "" {
		catalog = r.Source
	}
	if !IsURL(catalog) && !strings.Contains(catalog, ":") {
		catalog = report + "#catalogus"
	}

	R := rdf.IRI(report)
	e.add(R, rdf.RDFType, rdf.IRI(nsDQV+"QualityMetadata"))
	e.add(R, rdf.RDFType, rdf.IRI(nsPROV+"Entity"))
	e.add(R, nsDCT+"title", rdf.LangLiteral(fmt.Sprintf("Bewijs uit de open-data-catalogus van organisatie %s, %s", p.Org, date), "nl"))
	e.add(R, nsDCT+"title", rdf.LangLiteral(fmt.Sprintf("Evidence from the open data catalog of organisation %s, %s", p.Org, date), "en"))
	e.add(R, nsDCT+"subject", rdf.IRI(org))
	e.add(R, nsDCT+"date", rdf.TypedLiteral(date, rdf.XSDDate))
	e.add(R, nsDCT+"source", rdf.IRI(catalog))
	e.add(R, nsPROV+"wasGeneratedBy", e.activity)
	if p.Year > 0 {
		per := rdf.IRI(report + "#periode")
		e.add(R, nsDCT+"temporal", per)
		e.add(per, rdf.RDFType, rdf.IRI(nsDCT+"PeriodOfTime"))
		e.add(per, nsDCAT+"startDate", rdf.TypedLiteral(strconv.Itoa(p.Year)+"-01-01", rdf.XSDDate))
		e.add(per, nsDCAT+"endDate", rdf.TypedLiteral(strconv.Itoa(p.Year)+"-12-31", rdf.XSDDate))
	}
	A := e.activity
	e.add(A, rdf.RDFType, rdf.IRI(nsPROV+"Activity"))
	e.add(A, nsRDFS+"label", rdf.LangLiteral("Meting van de catalogus met maturity evidence", "nl"))
	e.add(A, nsRDFS+"label", rdf.LangLiteral("Measurement of the catalog with maturity evidence", "en"))
	e.add(A, nsPROV+"startedAtTime", dateTime(r.Started))
	e.add(A, nsPROV+"endedAtTime", dateTime(r.Finished))
	e.add(A, nsPROV+"used", rdf.IRI(catalog))
	if IsURL(r.Source) && r.Source != catalog {
		e.add(A, nsPROV+"used", rdf.IRI(r.Source))
	}
	e.add(A, nsPROV+"wasAssociatedWith", rdf.IRI(SoftwareAgent))
	e.add(A, nsRDFS+"comment", rdf.Literal(r.method()))

	cat := rdf.IRI(catalog)
	in := r.Indicators
	e.measure(cat, indDatasets, rdf.TypedLiteral(strconv.Itoa(in.Datasets), xsdInteger))
	for s := 1; s <= 5; s++ {
		e.measure(cat, indStars[s], decimal(in.AtLeast[s]))
	}
	e.measure(cat, indMeanMQA, decimal(in.MeanMQA))
	for _, b := range []Band{BandExcellent, BandGood, BandSufficient, BandBad} {
		e.measure(cat, indBand[b], decimal(in.Bands[b]))
	}
	e.measure(cat, indMeanV2, decimal(in.MeanV2))
	if r.Checked {
		e.measure(cat, indAccessOK, decimal(in.AccessOK))
		e.measure(cat, indDownloadOK, decimal(in.DownloadOK))
	}
	for _, x := range []struct {
		m *Metric
		v float64
	}{{indWithDownload, in.WithDownload}, {indDCATAP3, in.DCATAP3}, {indDCATAPVL, in.DCATAPVL},
		{indKeyword, in.Keyword}, {indTheme, in.Theme}, {indSpatial, in.Spatial}, {indTemporal, in.Temporal},
		{indOpenLicence, in.OpenLicence}, {indKnownLicence, in.KnownLicence}, {indAccessRights, in.AccessRightsNAL},
		{indContact, in.ContactPoint}, {indPublisher, in.Publisher}, {indFormatNAL, in.FormatNAL}, {indMediaTypeIANA, in.MediaTypeIANA}} {
		e.measure(cat, x.m, decimal(x.v))
	}
	if in.Assessable > 0 {
		e.measure(cat, indCurrent, decimal(in.Current))
	}
	for _, f := range in.Formats {
		if f.Format == "" {
			continue
		}
		// One measurement per format: the key includes the format.
		M := e.measurementIRI(rdf.IRI(cat.Value+" "+string(f.Format)), indFormat)
		e.measureAs(M, cat, indFormat, decimal(f.Share))
		e.add(M, nsDCT+"format", rdf.IRI(f.Format.IRI()))
	}

	for _, d := range r.Datasets {
		ds := e.node(d.Node)
		if d.Node.IsBlank() {
			e.add(cat, nsDCAT+"dataset", ds)
		}
		e.measure(ds, metricStars, integer(d.Stars), d.starEvidence(e)...)
		e.measure(ds, metricScoring, integer(d.MQA))
		for _, dim := range MQADimensions {
			e.measure(ds, dimensionScoring[dim.Name], integer(d.Dimensions[dim.Name]))
		}
		e.measure(ds, metricV2, decimal(d.V2))
		e.measure(ds, metricVL, boolean(len(d.DCATAPVL) == 0))
		if d.Currency.Assessable {
			e.measure(ds, metricCurrent, boolean(d.Currency.Current))
		}
		for _, mt := range mqaMetrics {
			if v, ok := d.Metrics[mt.Name]; ok {
				e.measure(ds, mt, boolean(v.Bool))
			}
		}
		for i, dist := range d.Distributions {
			dn := e.node(dist.Node)
			if dist.Node.IsBlank() {
				e.add(ds, nsDCAT+"distribution", dn)
			}
			e.measure(dn, metricStars, integer(dist.Stars), dist.starEvidence(e, dn)...)
			for _, mt := range mqaMetrics {
				v, ok := dist.Metrics[mt.Name]
				// Status codes are evidence on every distribution; the
				// other distribution metrics count only on the best one,
				// so only its values are published (a catalog of 3,000
				// distributions would otherwise carry 40,000 booleans).
				if !ok || mt.Datatype != xsdInteger && i != d.Best {
					continue
				}
				if mt.Datatype == xsdInteger {
					checks := dist.Access
					if mt.Name == "downloadUrlStatusCode" {
						checks = dist.Download
					}
					e.measure(dn, mt, integer(v.Int), e.requests(dn, mt, checks)...)
				} else {
					e.measure(dn, mt, boolean(v.Bool))
				}
			}
		}
	}
	return e.quads
}

// method describes how the measurement was made.
func (r *Result) method() string {
	if r.Checked {
		return "URL's gecontroleerd (HEAD, GET met Range bij 403/405/501, 10 s), stalen gedownload; sterren volgens de gedetecteerde formaten. / URLs checked (HEAD, ranged GET on 403/405/501, 10 s), samples downloaded; stars from the detected formats."
	}
	return "Enkel metadata, geen URL's gecontroleerd: sterren volgens de opgegeven formaten, hoogstens ★★★. / Metadata only, no URLs checked: stars from the declared formats, at most ★★★."
}

// SoftwareAgent is the model resource of this tool as a prov:SoftwareAgent.
var SoftwareAgent = vocab.EvidenceModel("software", "maturity-evidence")

// FormatSourceIRI returns the model concept of a format source.
func FormatSourceIRI(s Source) string {
	return vocab.EvidenceModel("formaatbron", map[Source]string{
		FromBytes: "bytes", FromContentType: "content-type", FromExtension: "extensie", FromMetadata: "metadata",
	}[s])
}

// starEvidence links a dataset's stars to the distribution that earns them.
func (d *DatasetResult) starEvidence(e *dqvEmitter) []rdf.Term {
	if d.StarsFrom < 0 {
		return nil
	}
	return []rdf.Term{e.measurementIRI(e.node(d.Distributions[d.StarsFrom].Node), metricStars)}
}

// starEvidence writes the sample entity and returns the licences and the
// sample a distribution's stars derive from.
func (d *DistributionResult) starEvidence(e *dqvEmitter, dn rdf.Term) []rdf.Term {
	var from []rdf.Term
	for _, l := range d.Licences {
		from = append(from, rdf.IRI(l))
	}
	if d.Format == "" && d.Sample == nil {
		return from
	}
	S := rdf.IRI(e.measurementIRI(dn, metricStars).Value + "#monster")
	from = append(from, S)
	e.add(S, rdf.RDFType, rdf.IRI(nsPROV+"Entity"))
	if d.Format != "" {
		e.add(S, nsDCT+"format", rdf.IRI(d.Format.IRI()))
		e.add(S, vocab.EvidenceTerm("formatSource"), rdf.IRI(FormatSourceIRI(d.FormatSource)))
	}
	if smp := d.Sample; smp != nil {
		if isHTTP(rdf.IRI(smp.URL)) {
			e.add(S, nsPROV+"wasDerivedFrom", rdf.IRI(smp.URL))
		}
		e.add(S, nsDCAT+"byteSize", rdf.TypedLiteral(strconv.Itoa(smp.Bytes), rdf.XSDInteger))
		if smp.ContentType != "" {
			e.add(S, vocab.EvidenceTerm("contentType"), rdf.Literal(smp.ContentType))
		}
		if smp.Subject != "" {
			e.add(S, nsVOID+"exampleResource", rdf.IRI(smp.Subject))
		}
		if smp.Link != "" {
			e.add(S, vocab.EvidenceTerm("sampleLink"), rdf.IRI(smp.Link))
		}
	}
	return from
}

// requests writes the HTTP requests behind a status measurement.
func (e *dqvEmitter) requests(dn rdf.Term, m *Metric, checks []URLCheck) []rdf.Term {
	var out []rdf.Term
	base := e.measurementIRI(dn, m).Value
	for i, uc := range checks {
		req := rdf.IRI(fmt.Sprintf("%s#verzoek%d", base, i+1))
		out = append(out, req)
		e.add(req, rdf.RDFType, rdf.IRI(nsHTTP+"Request"))
		e.add(req, nsHTTP+"methodName", rdf.Literal(uc.Method))
		e.add(req, nsHTTP+"absoluteURI", rdf.TypedLiteral(uc.URL, rdf.XSDAnyURI))
		if uc.Err != "" {
			e.add(req, nsRDFS+"comment", rdf.Literal(uc.Err))
			continue
		}
		resp := rdf.IRI(fmt.Sprintf("%s#antwoord%d", base, i+1))
		e.add(req, nsHTTP+"resp", resp)
		e.add(resp, rdf.RDFType, rdf.IRI(nsHTTP+"Response"))
		e.add(resp, nsHTTP+"statusCodeValue", rdf.TypedLiteral(strconv.Itoa(uc.Status), rdf.XSDInteger))
		if uc.FinalURL != "" && uc.FinalURL != uc.URL {
			e.add(resp, vocab.EvidenceTerm("finalURL"), rdf.TypedLiteral(uc.FinalURL, rdf.XSDAnyURI))
		}
	}
	return out
}

// dqvEmitter collects the quads of one graph, each triple once.
type dqvEmitter struct {
	g        rdf.Term
	report   string
	activity rdf.Term
	quads    []rdf.Quad
	seen     map[[3]rdf.Term]bool
}

func (e *dqvEmitter) add(s rdf.Term, p string, o rdf.Term) {
	k := [3]rdf.Term{s, rdf.IRI(p), o}
	if e.seen[k] {
		return
	}
	e.seen[k] = true
	e.quads = append(e.quads, rdf.Quad{S: s, P: k[1], O: o, G: e.g})
}

// node returns the IRI a measured resource gets: its own IRI, or for a
// blank node of the source document a Skolem IRI under the report.
func (e *dqvEmitter) node(t rdf.Term) rdf.Term {
	if t.IsIRI() {
		return t
	}
	return rdf.IRI(e.report + "/genid/" + key(t.Value))
}

// measurementIRI names the measurement of m on target: stable for the
// same report, metric and target.
func (e *dqvEmitter) measurementIRI(target rdf.Term, m *Metric) rdf.Term {
	return rdf.IRI(e.report + "/" + key(m.Name+" "+target.Value))
}

func key(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// measure writes one measurement.
func (e *dqvEmitter) measure(target rdf.Term, m *Metric, value rdf.Term, derivedFrom ...rdf.Term) {
	e.measureAs(e.measurementIRI(target, m), target, m, value, derivedFrom...)
}

func (e *dqvEmitter) measureAs(M, target rdf.Term, m *Metric, value rdf.Term, derivedFrom ...rdf.Term) {
	e.add(M, rdf.RDFType, rdf.IRI(nsDQV+"QualityMeasurement"))
	e.add(M, nsDQV+"isMeasurementOf", rdf.IRI(m.IRI()))
	e.add(M, nsDQV+"computedOn", target)
	e.add(M, nsDQV+"value", value)
	e.add(M, nsPROV+"wasGeneratedBy", e.activity)
	for _, f := range derivedFrom {
		e.add(M, nsPROV+"wasDerivedFrom", f)
	}
}

func integer(n int) rdf.Term { return rdf.TypedLiteral(strconv.Itoa(n), xsdInteger) }

func boolean(b bool) rdf.Term { return rdf.TypedLiteral(strconv.FormatBool(b), xsdBoolean) }

func decimal(f float64) rdf.Term {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return rdf.TypedLiteral(s, xsdDecimal)
}

func dateTime(t time.Time) rdf.Term {
	return rdf.TypedLiteral(t.UTC().Truncate(time.Second).Format(time.RFC3339), rdf.XSDDateTime)
}

// CheckDQV checks published evidence the way the Data Cube integrity
// constraints check a cube: every dqv:QualityMeasurement has exactly one
// dqv:isMeasurementOf a dqv:Metric (described in model) with a
// dqv:inDimension that is a dqv:Dimension and one dqv:expectedDataType,
// exactly one dqv:value of that datatype with a valid lexical form, and
// exactly one dqv:computedOn. It returns the violations, nil when there
// are none.
func CheckDQV(evidence, model []rdf.Quad) []string {
	g := newGraph(append(append([]rdf.Quad(nil), model...), evidence...))
	var out []string
	fail := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	ms := g.instances(nsDQV + "QualityMeasurement")
	if len(ms) == 0 {
		fail("no dqv:QualityMeasurement at all")
	}
	for _, m := range ms {
		metrics := g.objs(m, nsDQV+"isMeasurementOf")
		if len(metrics) != 1 {
			fail("%s: %d dqv:isMeasurementOf, want 1", m, len(metrics))
			continue
		}
		mt := metrics[0]
		if !g.isA(mt, nsDQV+"Metric") {
			fail("%s: %s is not a dqv:Metric", m, mt)
		}
		dims := g.objs(mt, nsDQV+"inDimension")
		if len(dims) == 0 {
			fail("%s: metric %s has no dqv:inDimension", m, mt)
		}
		for _, d := range dims {
			if !g.isA(d, nsDQV+"Dimension") {
				fail("%s: %s is not a dqv:Dimension", mt, d)
			}
		}
		dts := g.objs(mt, nsDQV+"expectedDataType")
		if len(dts) != 1 {
			fail("%s: metric %s has %d dqv:expectedDataType, want 1", m, mt, len(dts))
			continue
		}
		vals := g.objs(m, nsDQV+"value")
		if len(vals) != 1 {
			fail("%s: %d dqv:value, want 1", m, len(vals))
		}
		for _, v := range vals {
			if !v.IsLiteral() || v.Datatype != dts[0].Value {
				fail("%s: dqv:value %s is not of %s", m, v, dts[0].Value)
			} else if !validLexical(v) {
				fail("%s: dqv:value %s is not a valid %s", m, v, v.Datatype)
			}
		}
		if on := g.objs(m, nsDQV+"computedOn"); len(on) != 1 || on[0].IsLiteral() {
			fail("%s: %d dqv:computedOn, want 1 resource", m, len(on))
		}
	}
	sort.Strings(out)
	return out
}

func validLexical(v rdf.Term) bool {
	switch v.Datatype {
	case xsdBoolean:
		return v.Value == "true" || v.Value == "false"
	case xsdInteger:
		_, err := strconv.ParseInt(v.Value, 10, 64)
		return err == nil
	case xsdDecimal:
		_, err := strconv.ParseFloat(v.Value, 64)
		return err == nil && !strings.ContainsAny(v.Value, "eEinfINF")
	}
	return true
}
