package evidence

import "github.com/stadleuven/maturity/rdf"

// MQA methodology 2 (data.europa.eu, 2026): binary metrics weighted by
// their importance in DCAT-AP 3 (mandatory 1, recommended 0.5, optional
// 0.25), 7.5 points per entity; the final score is the mean of the
// dataset's score and its distributions' average. The metric list and
// weights are those data.europa.eu's cache API returns (metricsVersion
// 2.0.0, seen in ondata/ckan-mcp-server's test fixture); data services
// are not scored here.

type v2Metric struct {
	name   string
	weight float64
}

// v2DatasetMetrics: property present on the dataset, unless noted.
var v2DatasetMetrics = []struct {
	v2Metric
	prop string
}{
	{v2Metric{"titleAvailability", 1}, nsDCT + "title"},
	{v2Metric{"descriptionAvailability", 1}, nsDCT + "description"},
	{v2Metric{"keywordAvailability", 0.5}, nsDCAT + "keyword"},
	{v2Metric{"categoryAvailability", 0.5}, nsDCAT + "theme"},
	{v2Metric{"spatialAvailability", 0.5}, nsDCT + "spatial"},
	{v2Metric{"temporalAvailability", 0.5}, nsDCT + "temporal"},
	{v2Metric{"contactPointAvailability", 0.5}, nsDCAT + "contactPoint"},
	{v2Metric{"publisherAvailability", 0.5}, nsDCT + "publisher"},
	{v2Metric{"dctIdentifierAvailability", 0.25}, nsDCT + "identifier"},
	{v2Metric{"dateModifiedAvailability", 0.25}, nsDCT + "modified"},
	{v2Metric{"dateIssuedAvailability", 0.25}, nsDCT + "issued"},
	{v2Metric{"provenanceAvailability", 0.25}, nsDCT + "provenance"},
	{v2Metric{"accessRightsAvailability", 0.25}, nsDCT + "accessRights"},
	{v2Metric{"accessRightsVocabularyAlignment", 0.25}, ""},
	{v2Metric{"applicableLegislationAvailability", 0.25}, nsDCATAP + "applicableLegislation"},
	{v2Metric{"admsIdentifierAvailability", 0.25}, nsADMS + "identifier"},
	{v2Metric{"relationAvailability", 0.25}, nsDCT + "relation"},
	{v2Metric{"landingPageAvailability", 0.25}, nsDCAT + "landingPage"},
}

// v2DistributionMetrics: property present on the distribution, or a
// measured value (mqa) of the v1 metric of that name.
var v2DistributionMetrics = []struct {
	v2Metric
	prop, mqa string
}{
	{v2Metric{"accessUrlAvailability", 1}, nsDCAT + "accessURL", ""},
	{v2Metric{"formatAvailability", 0.5}, nsDCT + "format", ""},
	{v2Metric{"formatFromVocabulary", 0.5}, "", ""},
	{v2Metric{"formatMediaTypeNonProprietary", 0.5}, "", "formatMediaTypeNonProprietary"},
	{v2Metric{"formatMediaTypeMachineInterpretable", 0.5}, "", "formatMediaTypeMachineInterpretable"},
	{v2Metric{"licenceAvailability", 0.5}, nsDCT + "license", ""},
	{v2Metric{"knownLicence", 0.5}, "", "knownLicence"},
	{v2Metric{"descriptionAvailability", 0.5}, nsDCT + "description", ""},
	{v2Metric{"accessUrlStatusCode", 0.25}, "", "accessUrlStatusCode"},
	{v2Metric{"downloadUrlAvailability", 0.25}, nsDCAT + "downloadURL", ""},
	{v2Metric{"downloadUrlStatusCode", 0.25}, "", "downloadUrlStatusCode"},
	{v2Metric{"mediaTypeAvailability", 0.25}, nsDCAT + "mediaType", ""},
	{v2Metric{"mediaTypeFromVocabulary", 0.25}, "", ""},
	{v2Metric{"byteSizeAvailability", 0.25}, nsDCAT + "byteSize", ""},
	{v2Metric{"dateIssuedAvailability", 0.25}, nsDCT + "issued", ""},
	{v2Metric{"dateModifiedAvailability", 0.25}, nsDCT + "modified", ""},
	{v2Metric{"titleAvailability", 0.25}, nsDCT + "title", ""},
	{v2Metric{"documentationAvailability", 0.25}, nsFOAF + "page", ""},
	{v2Metric{"statusAvailability", 0.25}, nsADMS + "status", ""},
	{v2Metric{"rightsAvailability", 0.25}, nsDCT + "rights", ""},
}

func v2Distribution(g graph, d *DistributionResult) float64 {
	sum := 0.0
	for _, m := range v2DistributionMetrics {
		var ok bool
		switch {
		case m.prop != "":
			ok = g.has(d.Node, m.prop)
		case m.mqa != "":
			v, measured := d.Metrics[m.mqa]
			ok = measured && points(metricByName(m.mqa), v) > 0
		case m.name == "formatFromVocabulary":
			ok = inTable(g, d.Node, nsDCT+"format")
		case m.name == "mediaTypeFromVocabulary":
			ok = ianaMediaType(g, d.Node)
		}
		if ok {
			sum += m.weight
		}
	}
	return sum
}

func v2Final(g graph, dr *DatasetResult) float64 {
	ds := 0.0
	for _, m := range v2DatasetMetrics {
		ok := m.prop != "" && g.has(dr.Node, m.prop)
		if m.name == "accessRightsVocabularyAlignment" {
			ok = accessRightsAligned(g, dr.Node)
		}
		if ok {
			ds += m.weight
		}
	}
	n, sum := 0, 0.0
	for _, d := range dr.Distributions {
		if !d.Service {
			n++
			sum += d.V2
		}
	}
	if n == 0 {
		return ds
	}
	return (ds + sum/float64(n)) / 2
}

func inTable(g graph, n rdf.Term, p string) bool {
	for _, o := range g.objs(n, p) {
		if o.IsIRI() && ForDeclared(o.Value, true) != "" && !isMediaTypeIRI(o.Value) {
			return true
		}
	}
	return false
}

func ianaMediaType(g graph, n rdf.Term) bool {
	for _, o := range g.objs(n, nsDCAT+"mediaType") {
		if o.IsIRI() && IANAAligned(o.Value) {
			return true
		}
	}
	return false
}

func isMediaTypeIRI(iri string) bool { return MediaTypeOfIRI(iri) != "" }
