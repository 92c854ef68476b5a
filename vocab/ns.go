package vocab

// Namespaces of the standard vocabularies the model reuses.
const (
	SKOS = "http://www.w3.org/2004/02/skos/core#"
	QB   = "http://purl.org/linked-data/cube#"
	PROV = "http://www.w3.org/ns/prov#"
	DCT  = "http://purl.org/dc/terms/"
	ORG  = "http://www.w3.org/ns/org#"
	FOAF = "http://xmlns.com/foaf/0.1/"
	OWL  = "http://www.w3.org/2002/07/owl#"
	DCAT = "http://www.w3.org/ns/dcat#"
	VANN = "http://purl.org/vocab/vann/"
	RDFS = "http://www.w3.org/2000/01/rdf-schema#"
)

// Prefix is the preferred prefix of our own namespace.
const Prefix = "mat"

// CC0 is the default licence of everything the tool publishes.
const CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"

// Charter is the Open Data Charter page; its principles are the anchors
// #1..#20 of this page.
const Charter = "https://smart.flanders.be/open-data-charter/"

// Licence is a licence a city may publish under.
type Licence struct {
	IRI   string
	Label Text
}

// Licences returns CC0 (the default) and the Flemish model licences
// (Vlaamse modellicenties), which a city may choose instead.
func Licences() []Licence {
	return []Licence{
		{CC0, Text{"nl": "Creative Commons Zero (publiek domein)", "en": "Creative Commons Zero (public domain)"}},
		{"https://data.vlaanderen.be/id/licentie/creative-commons-zero-verklaring/v1.0", Text{"nl": "Creative Commons Zero-verklaring (Vlaamse modellicentie)", "en": "Creative Commons Zero declaration (Flemish model licence)"}},
		{"https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0", Text{"nl": "Modellicentie gratis hergebruik", "en": "Model licence for free reuse"}},
		{"https://data.vlaanderen.be/id/licentie/modellicentie-hergebruik-tegen-vergoeding/v1.0", Text{"nl": "Modellicentie hergebruik tegen vergoeding", "en": "Model licence for reuse against payment"}},
	}
}
