package mappings

import (
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

const (
	rmlNS    = "http://w3id.org/rml/"
	rrNS     = "http://www.w3.org/ns/r2rml#"
	oldRMLNS = "http://semweb.mmlab.be/ns/rml#"
	qlNS     = "http://semweb.mmlab.be/ns/ql#"
)

// Every legacy term is rewritten to its RML-core equivalent before the
// mapping is read, so the engine knows one vocabulary only.
var legacyRenames = map[string]string{
	rrNS + "column":     rmlNS + "reference",
	qlNS + "CSV":        rmlNS + "CSV",
	rrNS + "SubjectMap": rmlNS + "SubjectMap",
}

func normalizeTerm(t rdf.Term) rdf.Term {
	if !t.IsIRI() {
		if t.IsLiteral() && (strings.HasPrefix(t.Datatype, rrNS) || strings.HasPrefix(t.Datatype, oldRMLNS)) {
			t.Datatype = normalizeTerm(rdf.IRI(t.Datatype)).Value
		}
		return t
	}
	if n, ok := legacyRenames[t.Value]; ok {
		return rdf.IRI(n)
	}
	for _, ns := range []string{rrNS, oldRMLNS} {
		if local, ok := strings.CutPrefix(t.Value, ns); ok {
			return rdf.IRI(rmlNS + local)
		}
	}
	return t
}

// RML-core terms used by the engine.
var (
	rmlTriplesMap         = rdf.IRI(rmlNS + "TriplesMap")
	rmlLogicalSource      = rdf.IRI(rmlNS + "logicalSource")
	rmlSource             = rdf.IRI(rmlNS + "source")
	rmlPath               = rdf.IRI(rmlNS + "path")
	rmlNull               = rdf.IRI(rmlNS + "null")
	rmlReferenceFormul    = rdf.IRI(rmlNS + "referenceFormulation")
	rmlCSV                = rdf.IRI(rmlNS + "CSV")
	rmlSubjectMap         = rdf.IRI(rmlNS + "subjectMap")
	rmlSubject            = rdf.IRI(rmlNS + "subject")
	rmlPredicateObjectMap = rdf.IRI(rmlNS + "predicateObjectMap")
	rmlPredicateMap       = rdf.IRI(rmlNS + "predicateMap")
	rmlPredicate          = rdf.IRI(rmlNS + "predicate")
	rmlObjectMap          = rdf.IRI(rmlNS + "objectMap")
	rmlObject             = rdf.IRI(rmlNS + "object")
	rmlGraphMap           = rdf.IRI(rmlNS + "graphMap")
	rmlGraph              = rdf.IRI(rmlNS + "graph")
	rmlClass              = rdf.IRI(rmlNS + "class")
	rmlTemplate           = rdf.IRI(rmlNS + "template")
	rmlReference          = rdf.IRI(rmlNS + "reference")
	rmlConstant           = rdf.IRI(rmlNS + "constant")
	rmlTermType           = rdf.IRI(rmlNS + "termType")
	rmlIRI                = rdf.IRI(rmlNS + "IRI")
	rmlURI                = rdf.IRI(rmlNS + "URI")
	rmlUnsafeIRI          = rdf.IRI(rmlNS + "UnsafeIRI")
	rmlBlankNode          = rdf.IRI(rmlNS + "BlankNode")
	rmlLiteral            = rdf.IRI(rmlNS + "Literal")
	rmlDatatype           = rdf.IRI(rmlNS + "datatype")
	rmlDatatypeMap        = rdf.IRI(rmlNS + "datatypeMap")
	rmlLanguage           = rdf.IRI(rmlNS + "language")
	rmlLanguageMap        = rdf.IRI(rmlNS + "languageMap")
	rmlParentTriplesMap   = rdf.IRI(rmlNS + "parentTriplesMap")
	rmlJoinCondition      = rdf.IRI(rmlNS + "joinCondition")
	rmlChild              = rdf.IRI(rmlNS + "child")
	rmlParent             = rdf.IRI(rmlNS + "parent")
	rmlDefaultGraph       = rdf.IRI(rmlNS + "defaultGraph")
	rmlBaseIRI            = rdf.IRI(rmlNS + "baseIRI")
	rdfType               = rdf.IRI(rdf.RDFType)
	rmlTableName          = rdf.IRI(rmlNS + "tableName")
	rmlSQLQuery           = rdf.IRI(rmlNS + "sqlQuery")
	rmlQuery              = rdf.IRI(rmlNS + "query")
	rmlLogicalTable       = rdf.IRI(rmlNS + "logicalTable")
)
