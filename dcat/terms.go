package dcat

import "github.com/stadleuven/maturity/vocab"

// Namespaces the catalog writes.
const (
	nsDCAT   = vocab.DCAT
	nsDCT    = vocab.DCT
	nsFOAF   = vocab.FOAF
	nsSKOS   = vocab.SKOS
	nsRDFS   = vocab.RDFS
	nsOWL    = vocab.OWL
	nsVCard  = "http://www.w3.org/2006/vcard/ns#"
	nsHydra  = "http://www.w3.org/ns/hydra/core#"
	nsMDCAT  = "https://data.vlaanderen.be/ns/metadata-dcat#"
	nsDCATAP = "http://data.europa.eu/r5r/"
	nsXSD    = "http://www.w3.org/2001/XMLSchema#"
	nsEU     = "http://publications.europa.eu/resource/authority/"
	nsIANA   = "http://www.iana.org/assignments/media-types/"
)

// Frequently used IRIs.
const (
	dcatCatalog      = nsDCAT + "Catalog"
	dcatDataset      = nsDCAT + "Dataset"
	dcatDistribution = nsDCAT + "Distribution"
	dcatDataService  = nsDCAT + "DataService"
	mdcatStatuut     = nsMDCAT + "statuut"
	rdfsResource     = nsRDFS + "Resource"
	foafDocument     = nsFOAF + "Document"
	xsdDate          = nsXSD + "date"
	xsdDateTime      = nsXSD + "dateTime"
	xsdDecimal       = nsXSD + "decimal"
	xsdNonNegInt     = nsXSD + "nonNegativeInteger"

	// FlemishCC0 is the licence DCAT-AP-VL requires on the catalog itself.
	FlemishCC0 = "https://data.vlaanderen.be/id/licentie/creative-commons-zero-verklaring/v1.0"
	// gemeentePrefix is the address register's municipality namespace.
	gemeentePrefix = "https://data.vlaanderen.be/id/gemeente/"
)

// concept is a value from a controlled vocabulary, written into the catalog
// with its type, label and scheme so the document validates on its own:
// SHACL checks classes and schemes in the data graph, and a harvester that
// does not dereference the EU tables still has a label to show.
type concept struct {
	iri, scheme string
	label       vocab.Text
	types       []string
}

func euConcept(table, code string, label vocab.Text, types ...string) concept {
	return concept{iri: nsEU + table + "/" + code, scheme: nsEU + table, label: label, types: types}
}

// The controlled values the catalog uses.
var (
	themeGOVE = euConcept("data-theme", "GOVE",
		vocab.Text{"nl": "Overheid en publieke sector", "en": "Government and public sector"})
	accessPublic = euConcept("access-right", "PUBLIC",
		vocab.Text{"nl": "Publiek", "en": "Public"}, nsDCT+"RightsStatement")
	freqIrregular = euConcept("frequency", "IRREG",
		vocab.Text{"nl": "Onregelmatig", "en": "Irregular"}, nsDCT+"Frequency")
	freqNever = euConcept("frequency", "NEVER",
		vocab.Text{"nl": "Nooit", "en": "Never"}, nsDCT+"Frequency")
	langNL = euConcept("language", "NLD",
		vocab.Text{"nl": "Nederlands", "en": "Dutch"}, nsDCT+"LinguisticSystem")
	langEN = euConcept("language", "ENG",
		vocab.Text{"nl": "Engels", "en": "English"}, nsDCT+"LinguisticSystem")
	countryBE = euConcept("country", "BEL",
		vocab.Text{"nl": "België", "en": "Belgium"}, nsDCT+"Location")
	availabilityStable = euConcept("planned-availability", "STABLE",
		vocab.Text{"nl": "Stabiel", "en": "Stable"})
	statuutOpenData = concept{
		iri:    "https://metadata.vlaanderen.be/id/GDI-Vlaanderen-Trefwoorden/VLOPENDATA",
		scheme: "https://metadata.vlaanderen.be/id/GDI-Vlaanderen-Trefwoorden",
		label:  vocab.Text{"nl": "Vlaamse Open data", "en": "Flemish open data"},
	}
)

// publisherLocalAuthority is the ADMS publisher type of every publisher:
// the tool is made for local governments.
var publisherLocalAuthority = concept{
	iri:    "http://purl.org/adms/publishertype/LocalAuthority",
	scheme: "http://purl.org/adms/publishertype/1.0",
	label:  vocab.Text{"nl": "Lokaal bestuur", "en": "Local authority"},
}

// licenceTypes gives the ADMS licence type of the licences a city may
// choose (vocab.Licences).
var licenceTypes = func() map[string]concept {
	typ := func(code string, label vocab.Text) concept {
		return concept{iri: "http://purl.org/adms/licencetype/" + code, scheme: "http://purl.org/adms/licencetype/1.0", label: label}
	}
	pd := typ("PublicDomain", vocab.Text{"nl": "Publiek domein", "en": "Public domain"})
	return map[string]concept{
		vocab.CC0:  pd,
		FlemishCC0: pd,
		"https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0":           typ("Attribution", vocab.Text{"nl": "Naamsvermelding", "en": "Attribution"}),
		"https://data.vlaanderen.be/id/licentie/modellicentie-hergebruik-tegen-vergoeding/v1.0": typ("RoyaltiesRequired", vocab.Text{"nl": "Vergoeding vereist", "en": "Royalties required"}),
	}
}()

// schemeTitles names the concept schemes the catalog mentions; DCAT-AP
// requires a title on every skos:ConceptScheme it meets.
var schemeTitles = map[string]vocab.Text{
	nsEU + "data-theme":                      {"nl": "Thema's van gegevens (EU)", "en": "Data themes (EU)"},
	"http://purl.org/adms/publishertype/1.0": {"nl": "Soorten uitgevers (ADMS)", "en": "Publisher types (ADMS)"},
	"http://purl.org/adms/changetype/1.0":    {"nl": "Soorten wijzigingen (ADMS)", "en": "Change types (ADMS)"},
}
