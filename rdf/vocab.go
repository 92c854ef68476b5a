package rdf

// Namespaces and IRIs of the core RDF and XML Schema vocabularies, which the
// term model itself needs. Domain vocabularies live in package vocab.
const (
	RDFNS  = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	RDFSNS = "http://www.w3.org/2000/01/rdf-schema#"
	XSDNS  = "http://www.w3.org/2001/XMLSchema#"

	RDFType       = RDFNS + "type"
	RDFFirst      = RDFNS + "first"
	RDFRest       = RDFNS + "rest"
	RDFNil        = RDFNS + "nil"
	RDFLangString = RDFNS + "langString"
	RDFXMLLiteral = RDFNS + "XMLLiteral"
	RDFJSON       = RDFNS + "JSON"

	XSDString   = XSDNS + "string"
	XSDBoolean  = XSDNS + "boolean"
	XSDInteger  = XSDNS + "integer"
	XSDDecimal  = XSDNS + "decimal"
	XSDDouble   = XSDNS + "double"
	XSDFloat    = XSDNS + "float"
	XSDDate     = XSDNS + "date"
	XSDDateTime = XSDNS + "dateTime"
	XSDGYear    = XSDNS + "gYear"
	XSDAnyURI   = XSDNS + "anyURI"
)
