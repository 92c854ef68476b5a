package dcat

import "github.com/stadleuven/maturity/rdf"

// dcatAP3Rules are the cardinality and value constraints of the DCAT-AP
// 3.0.1 SHACL shapes (dcat-ap-SHACL.ttl) on the resources a dataset's
// description is made of: what data.europa.eu's dcatApCompliance checks
// first. DCAT-AP is looser than DCAT-AP-VL: titles need no language tag,
// and identifier, publisher, contact point, access rights and the download
// URL are optional.
var dcatAP3Rules = []rule{
	{"dcatap.dataset.title", dcatDataset, nsDCT + "title", 1, 0, literal, Error, [2]string{"titel", "title"}, [2]string{"Geef een korte titel.", "Give a short title."}},
	{"dcatap.dataset.description", dcatDataset, nsDCT + "description", 1, 0, literal, Error, [2]string{"beschrijving", "description"}, [2]string{"Beschrijf in een paar zinnen wat de gegevens zijn.", "Describe in a few sentences what the data are."}},
	{"dcatap.dataset.issued", dcatDataset, nsDCT + "issued", 0, 1, dateValue, Error, [2]string{"uitgiftedatum", "issue date"}, [2]string{"Gebruik één datum (xsd:date) of tijdstip (xsd:dateTime).", "Use one date (xsd:date) or date-time (xsd:dateTime)."}},
	{"dcatap.dataset.modified", dcatDataset, nsDCT + "modified", 0, 1, dateValue, Error, [2]string{"wijzigingsdatum", "modification date"}, [2]string{"Gebruik één datum (xsd:date) of tijdstip (xsd:dateTime).", "Use one date (xsd:date) or date-time (xsd:dateTime)."}},
	{"dcatap.dataset.publisher", dcatDataset, nsDCT + "publisher", 0, 1, resource, Error, [2]string{"uitgever", "publisher"}, [2]string{"Vermeld hoogstens één uitgever.", "Name at most one publisher."}},
	{"dcatap.dataset.accessRights", dcatDataset, nsDCT + "accessRights", 0, 1, resource, Error, [2]string{"toegankelijkheid", "access rights"}, [2]string{"Vermeld hoogstens één waarde uit de EU-lijst.", "Give at most one value from the EU list."}},
	{"dcatap.dataset.accrualPeriodicity", dcatDataset, nsDCT + "accrualPeriodicity", 0, 1, resource, Error, [2]string{"frequentie", "frequency"}, [2]string{"Vermeld hoogstens één frequentie uit de EU-lijst.", "Give at most one frequency from the EU list."}},
	{"dcatap.dataset.keyword", dcatDataset, nsDCAT + "keyword", 0, 0, literal, Error, [2]string{"trefwoord", "keyword"}, [2]string{"Een trefwoord is tekst.", "A keyword is text."}},
	{"dcatap.dataset.theme", dcatDataset, nsDCAT + "theme", 0, 0, resource, Error, [2]string{"thema", "theme"}, [2]string{"Een thema is een concept uit een lijst, geen tekst.", "A theme is a concept from a list, not text."}},
	{"dcatap.dataset.contactPoint", dcatDataset, nsDCAT + "contactPoint", 0, 0, resource, Error, [2]string{"contactpunt", "contact point"}, [2]string{"Een contactpunt is een vCard, geen tekst.", "A contact point is a vCard, not text."}},
	{"dcatap.distribution.accessURL", dcatDistribution, nsDCAT + "accessURL", 1, 0, resource, Error, [2]string{"toegangs-URL", "access URL"}, [2]string{"Vermeld het webadres waar de gegevens te vinden zijn.", "Give the web address where the data can be found."}},
	{"dcatap.distribution.downloadURL", dcatDistribution, nsDCAT + "downloadURL", 0, 0, resource, Error, [2]string{"download-URL", "download URL"}, [2]string{"Een downloadlink is een webadres, geen tekst.", "A download URL is a web address, not text."}},
	{"dcatap.distribution.byteSize", dcatDistribution, nsDCAT + "byteSize", 0, 1, intValue, Error, [2]string{"bestandsgrootte", "file size"}, [2]string{"Geef de grootte in bytes als één geheel getal.", "Give the size in bytes as one whole number."}},
	{"dcatap.distribution.issued", dcatDistribution, nsDCT + "issued", 0, 1, dateValue, Error, [2]string{"uitgiftedatum", "issue date"}, [2]string{"Gebruik één datum of tijdstip.", "Use one date or date-time."}},
	{"dcatap.distribution.modified", dcatDistribution, nsDCT + "modified", 0, 1, dateValue, Error, [2]string{"wijzigingsdatum", "modification date"}, [2]string{"Gebruik één datum of tijdstip.", "Use one date or date-time."}},
	{"dcatap.distribution.format", dcatDistribution, nsDCT + "format", 0, 1, resource, Error, [2]string{"formaat", "format"}, [2]string{"Vermeld hoogstens één formaat, als adres uit de EU-lijst.", "Give at most one format, as an IRI from the EU list."}},
	{"dcatap.distribution.mediaType", dcatDistribution, nsDCAT + "mediaType", 0, 1, resource, Error, [2]string{"mediatype", "media type"}, [2]string{"Vermeld hoogstens één IANA-mediatype, als adres.", "Give at most one IANA media type, as an IRI."}},
	{"dcatap.distribution.license", dcatDistribution, nsDCT + "license", 0, 1, resource, Error, [2]string{"licentie", "licence"}, [2]string{"Vermeld hoogstens één licentie, als adres.", "Give at most one licence, as an IRI."}},
	{"dcatap.service.title", dcatDataService, nsDCT + "title", 1, 0, literal, Error, [2]string{"titel", "title"}, [2]string{"Geef een korte titel.", "Give a short title."}},
	{"dcatap.service.endpointURL", dcatDataService, nsDCAT + "endpointURL", 1, 0, resource, Error, [2]string{"endpoint-URL", "endpoint URL"}, [2]string{"Vermeld het webadres van de dienst.", "Give the web address of the service."}},
	{"dcatap.agent.name", nsFOAF + "Agent", nsFOAF + "name", 1, 0, literal, Error, [2]string{"naam", "name"}, [2]string{"Geef de organisatie een naam (foaf:name).", "Give the organisation a name (foaf:name)."}},
}

// ValidateDCATAP3 checks a DCAT document against the mandatory and
// cardinality constraints of DCAT-AP 3.0.1 on datasets, distributions,
// data services and agents, and that what a dataset or catalog points to
// is described. It does not check controlled vocabularies or the ranges
// of optional properties; TestOfficialShapes runs the complete shapes on
// our own catalog. A document without a catalog is fine here: the
// evidence scorer validates one dataset's description at a time.
func ValidateDCATAP3(quads []rdf.Quad, lang string) []Message {
	v := newValidation(quads, lang)
	v.run(dcatAP3Rules)
	return v.sorted()
}

func init() {
	classNames[nsFOAF+"Agent"] = [2]string{"De organisatie", "The organisation"}
}
