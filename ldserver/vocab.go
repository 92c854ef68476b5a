package ldserver

// IRIs of the standard vocabularies the server reads or writes. The
// project's own ontology is not named here: pages are built from types and
// labels found in the data, so another model renders without code changes.
const (
	nsRDFS   = "http://www.w3.org/2000/01/rdf-schema#"
	nsSKOS   = "http://www.w3.org/2004/02/skos/core#"
	nsDCT    = "http://purl.org/dc/terms/"
	nsFOAF   = "http://xmlns.com/foaf/0.1/"
	nsQB     = "http://purl.org/linked-data/cube#"
	nsVOID   = "http://rdfs.org/ns/void#"
	nsHydra  = "http://www.w3.org/ns/hydra/core#"
	nsOWL    = "http://www.w3.org/2002/07/owl#"
	nsSchema = "http://schema.org/"

	rdfsLabel         = nsRDFS + "label"
	rdfsComment       = nsRDFS + "comment"
	skosPrefLabel     = nsSKOS + "prefLabel"
	skosNotation      = nsSKOS + "notation"
	skosDefinition    = nsSKOS + "definition"
	skosInScheme      = nsSKOS + "inScheme"
	skosConcept       = nsSKOS + "Concept"
	skosConceptScheme = nsSKOS + "ConceptScheme"
	skosTopConceptOf  = nsSKOS + "topConceptOf"
	dctTitle          = nsDCT + "title"
	dctDescription    = nsDCT + "description"
	dctLicense        = nsDCT + "license"
	foafName          = nsFOAF + "name"
	foafPrimaryTopic  = nsFOAF + "primaryTopic"
	foafDocument      = nsFOAF + "Document"
	qbDataSet         = nsQB + "DataSet"
	qbDataSetP        = nsQB + "dataSet"
	qbObservation     = nsQB + "Observation"
	qbStructure       = nsQB + "structure"
	qbComponent       = nsQB + "component"
	qbDimension       = nsQB + "dimension"
	qbMeasure         = nsQB + "measure"
	qbAttribute       = nsQB + "attribute"
	qbOrder           = nsQB + "order"
	hydraPartial      = nsHydra + "PartialCollectionView"
	hydraNext         = nsHydra + "next"
	hydraPrevious     = nsHydra + "previous"
	hydraFirst        = nsHydra + "first"
	hydraView         = nsHydra + "view"

	nsPROV                    = "http://www.w3.org/ns/prov#"
	provQualifiedInvalidation = nsPROV + "qualifiedInvalidation"
	provAtTime                = nsPROV + "atTime"
)

// labelPreds are the properties whose values name a resource, best first.
var labelPreds = []string{skosPrefLabel, rdfsLabel, dctTitle, foafName}

// textPreds describe a resource in prose, best first.
var textPreds = []string{skosDefinition, dctDescription, rdfsComment}
