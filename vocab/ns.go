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
