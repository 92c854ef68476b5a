package dcat

import "github.com/stadleuven/maturity/rdf"

// dcatAP3Rules are the cardinality and node-kind constraints of the
// DCAT-AP 3.0.1 SHACL shapes (dcat-ap-SHACL.ttl) on the resources a
// dataset's description is made of: what data.europa.eu's dcatApCompliance
// checks first. DCAT-AP is looser than DCAT-AP-VL: titles need no language tag,
// and identifier, publisher, contact point, access rights and the download
// URL are optional.
var dcatAP3Rules = func() []rule {
	type c struct {
		id, class, prop string
		min, max        int
		kind            valueKind
		what, hint      [2]string
	}
	text := [2]string{"tekst", "text"}
	oneText := [2]string{"Gebruik tekst, geen webadres.", "Use text, not a web address."}
	oneRes := [2]string{"Gebruik een webadres (URI), geen tekst.", "Use a web address (IRI), not text."}
	one := func(w [2]string) [2]string {
		return [2]string{"Vermeld hoogstens één " + w[0] + ".", "Give at most one " + w[1] + "."}
	}
	date := [2]string{"Gebruik één datum (xsd:date) of tijdstip (xsd:dateTime).", "Use one date (xsd:date) or date-time (xsd:dateTime)."}
	cs := []c{
		{"dataset.title", dcatDataset, nsDCT + "title", 1, 0, literal, [2]string{"titel", "title"}, [2]string{"Geef een korte titel.", "Give a short title."}},
		{"dataset.description", dcatDataset, nsDCT + "description", 1, 0, literal, [2]string{"beschrijving", "description"}, [2]string{"Beschrijf in een paar zinnen wat de gegevens zijn.", "Describe in a few sentences what the data are."}},
		{"dataset.issued", dcatDataset, nsDCT + "issued", 0, 1, dateValue, [2]string{"uitgiftedatum", "issue date"}, date},
		{"dataset.modified", dcatDataset, nsDCT + "modified", 0, 1, dateValue, [2]string{"wijzigingsdatum", "modification date"}, date},
		{"dataset.publisher", dcatDataset, nsDCT + "publisher", 0, 1, resource, [2]string{"uitgever", "publisher"}, one([2]string{"uitgever", "publisher"})},
		{"dataset.accessRights", dcatDataset, nsDCT + "accessRights", 0, 1, resource, [2]string{"toegankelijkheid", "access rights"}, one([2]string{"waarde uit de EU-lijst", "value from the EU list"})},
		{"dataset.accrualPeriodicity", dcatDataset, nsDCT + "accrualPeriodicity", 0, 1, resource, [2]string{"frequentie", "frequency"}, one([2]string{"frequentie uit de EU-lijst", "frequency from the EU list"})},
		{"dataset.version", dcatDataset, nsDCAT + "version", 0, 1, literal, [2]string{"versie", "version"}, one([2]string{"versie", "version"})},
		{"dataset.identifier", dcatDataset, nsDCT + "identifier", 0, 0, literal, [2]string{"identificator", "identifier"}, oneText},
		{"dataset.keyword", dcatDataset, nsDCAT + "keyword", 0, 0, literal, [2]string{"trefwoord", "keyword"}, oneText},
		{"dataset.theme", dcatDataset, nsDCAT + "theme", 0, 0, resource, [2]string{"thema", "theme"}, oneRes},
		{"dataset.contactPoint", dcatDataset, nsDCAT + "contactPoint", 0, 0, resource, [2]string{"contactpunt", "contact point"}, oneRes},
		{"dataset.spatial", dcatDataset, nsDCT + "spatial", 0, 0, resource, [2]string{"gebied", "spatial coverage"}, oneRes},
		{"dataset.temporal", dcatDataset, nsDCT + "temporal", 0, 0, resource, [2]string{"periode", "temporal coverage"}, oneRes},
		{"dataset.language", dcatDataset, nsDCT + "language", 0, 0, resource, [2]string{"taal", "language"}, oneRes},
		{"dataset.landingPage", dcatDataset, nsDCAT + "landingPage", 0, 0, resource, [2]string{"webpagina", "landing page"}, oneRes},
		{"dataset.conformsTo", dcatDataset, nsDCT + "conformsTo", 0, 0, resource, [2]string{"standaard", "standard"}, oneRes},
		{"dataset.relation", dcatDataset, nsDCT + "relation", 0, 0, resource, [2]string{"verwante resource", "related resource"}, oneRes},
		{"dataset.page", dcatDataset, nsFOAF + "page", 0, 0, resource, [2]string{"documentatie", "documentation"}, oneRes},
		{"dataset.provenance", dcatDataset, nsDCT + "provenance", 0, 0, resource, [2]string{"herkomst", "provenance"}, oneRes},
		{"dataset.distribution", dcatDataset, nsDCAT + "distribution", 0, 0, resource, [2]string{"distributie", "distribution"}, oneRes},
		{"distribution.accessURL", dcatDistribution, nsDCAT + "accessURL", 1, 0, resource, [2]string{"toegangs-URL", "access URL"}, [2]string{"Vermeld het webadres waar de gegevens te vinden zijn.", "Give the web address where the data can be found."}},
		{"distribution.downloadURL", dcatDistribution, nsDCAT + "downloadURL", 0, 0, resource, [2]string{"download-URL", "download URL"}, oneRes},
		{"distribution.byteSize", dcatDistribution, nsDCAT + "byteSize", 0, 1, intValue, [2]string{"bestandsgrootte", "file size"}, [2]string{"Geef de grootte in bytes als één geheel getal.", "Give the size in bytes as one whole number."}},
		{"distribution.issued", dcatDistribution, nsDCT + "issued", 0, 1, dateValue, [2]string{"uitgiftedatum", "issue date"}, date},
		{"distribution.modified", dcatDistribution, nsDCT + "modified", 0, 1, dateValue, [2]string{"wijzigingsdatum", "modification date"}, date},
		{"distribution.format", dcatDistribution, nsDCT + "format", 0, 1, resource, [2]string{"formaat", "format"}, [2]string{"Vermeld hoogstens één formaat, als adres uit de EU-lijst (…/file-type/CSV), geen tekst.", "Give at most one format, as an IRI from the EU list (…/file-type/CSV), not text."}},
		{"distribution.mediaType", dcatDistribution, nsDCAT + "mediaType", 0, 1, resource, [2]string{"mediatype", "media type"}, [2]string{"Vermeld hoogstens één IANA-mediatype, als adres.", "Give at most one IANA media type, as an IRI."}},
		{"distribution.license", dcatDistribution, nsDCT + "license", 0, 1, resource, [2]string{"licentie", "licence"}, [2]string{"Vermeld hoogstens één licentie, als adres.", "Give at most one licence, as an IRI."}},
		{"distribution.status", dcatDistribution, "http://www.w3.org/ns/adms#status", 0, 1, resource, [2]string{"status", "status"}, one([2]string{"status", "status"})},
		{"distribution.availability", dcatDistribution, nsDCATAP + "availability", 0, 1, resource, [2]string{"beschikbaarheid", "availability"}, one([2]string{"beschikbaarheid", "availability"})},
		{"distribution.compressFormat", dcatDistribution, nsDCAT + "compressFormat", 0, 1, resource, [2]string{"compressieformaat", "compression format"}, one([2]string{"compressieformaat", "compression format"})},
		{"distribution.packageFormat", dcatDistribution, nsDCAT + "packageFormat", 0, 1, resource, [2]string{"verpakkingsformaat", "packaging format"}, one([2]string{"verpakkingsformaat", "packaging format"})},
		{"distribution.rights", dcatDistribution, nsDCT + "rights", 0, 0, resource, [2]string{"rechtenverklaring", "rights statement"}, oneRes},
		{"distribution.title", dcatDistribution, nsDCT + "title", 0, 0, literal, text, oneText},
		{"distribution.description", dcatDistribution, nsDCT + "description", 0, 0, literal, [2]string{"beschrijving", "description"}, oneText},
		{"distribution.page", dcatDistribution, nsFOAF + "page", 0, 0, resource, [2]string{"documentatie", "documentation"}, oneRes},
		{"distribution.conformsTo", dcatDistribution, nsDCT + "conformsTo", 0, 0, resource, [2]string{"standaard", "standard"}, oneRes},
		{"distribution.accessService", dcatDistribution, nsDCAT + "accessService", 0, 0, resource, [2]string{"dataservice", "data service"}, oneRes},
		{"service.title", dcatDataService, nsDCT + "title", 1, 0, literal, [2]string{"titel", "title"}, [2]string{"Geef een korte titel.", "Give a short title."}},
		{"service.endpointURL", dcatDataService, nsDCAT + "endpointURL", 1, 0, resource, [2]string{"endpoint-URL", "endpoint URL"}, [2]string{"Vermeld het webadres van de dienst.", "Give the web address of the service."}},
		{"service.publisher", dcatDataService, nsDCT + "publisher", 0, 1, resource, [2]string{"uitgever", "publisher"}, one([2]string{"uitgever", "publisher"})},
		{"service.accessRights", dcatDataService, nsDCT + "accessRights", 0, 1, resource, [2]string{"toegankelijkheid", "access rights"}, one([2]string{"waarde", "value"})},
		{"service.license", dcatDataService, nsDCT + "license", 0, 1, resource, [2]string{"licentie", "licence"}, one([2]string{"licentie", "licence"})},
		{"service.keyword", dcatDataService, nsDCAT + "keyword", 0, 0, literal, [2]string{"trefwoord", "keyword"}, oneText},
		{"service.servesDataset", dcatDataService, nsDCAT + "servesDataset", 0, 0, resource, [2]string{"dataset", "dataset"}, oneRes},
		{"agent.name", nsFOAF + "Agent", nsFOAF + "name", 1, 0, literal, [2]string{"naam", "name"}, [2]string{"Geef de organisatie een naam (foaf:name).", "Give the organisation a name (foaf:name)."}},
		{"agent.type", nsFOAF + "Agent", nsDCT + "type", 0, 1, resource, [2]string{"soort", "type"}, one([2]string{"soort", "type"})},
	}
	out := make([]rule, len(cs))
	for i, x := range cs {
		out[i] = rule{"dcatap." + x.id, x.class, x.prop, x.min, x.max, x.kind, Error, x.what, x.hint}
	}
	return out
}()

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
