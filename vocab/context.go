package vocab

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// Prefixes returns the prefixes our data uses, for Turtle output and the
// JSON-LD context: mat for our ontology and the standard vocabularies. They
// are the same on every instance.
func Prefixes() []rdfio.Prefix {
	return []rdfio.Prefix{
		{Name: Prefix, IRI: NS},
		{Name: "rdf", IRI: rdf.RDFNS},
		{Name: "rdfs", IRI: RDFS},
		{Name: "xsd", IRI: rdf.XSDNS},
		{Name: "owl", IRI: OWL},
		{Name: "skos", IRI: SKOS},
		{Name: "qb", IRI: QB},
		{Name: "prov", IRI: PROV},
		{Name: "dct", IRI: DCT},
		{Name: "org", IRI: ORG},
		{Name: "foaf", IRI: FOAF},
		{Name: "dcat", IRI: DCAT},
		{Name: "vann", IRI: VANN},
	}
}

// standardTerms are the terms of other vocabularies our data uses most,
// so that JSON-LD documents read as plain JSON.
func standardTerms() map[string]any {
	return map[string]any{
		"label":             map[string]string{"@id": "rdfs:label", "@container": "@language"},
		"comment":           map[string]string{"@id": "rdfs:comment", "@container": "@language"},
		"prefLabel":         map[string]string{"@id": "skos:prefLabel", "@container": "@language"},
		"definition":        map[string]string{"@id": "skos:definition", "@container": "@language"},
		"notation":          map[string]string{"@id": "skos:notation"},
		"inScheme":          map[string]string{"@id": "skos:inScheme", "@type": "@id"},
		"broader":           map[string]string{"@id": "skos:broader", "@type": "@id"},
		"exactMatch":        map[string]string{"@id": "skos:exactMatch", "@type": "@id"},
		"dataSet":           map[string]string{"@id": "qb:dataSet", "@type": "@id"},
		"structure":         map[string]string{"@id": "qb:structure", "@type": "@id"},
		"title":             map[string]string{"@id": "dct:title", "@container": "@language"},
		"description":       map[string]string{"@id": "dct:description", "@container": "@language"},
		"license":           map[string]string{"@id": "dct:license", "@type": "@id"},
		"wasAttributedTo":   map[string]string{"@id": "prov:wasAttributedTo", "@type": "@id"},
		"generatedAtTime":   map[string]string{"@id": "prov:generatedAtTime", "@type": "xsd:dateTime"},
		"wasRevisionOf":     map[string]string{"@id": "prov:wasRevisionOf", "@type": "@id"},
		"isReplacedBy":      map[string]string{"@id": "dct:isReplacedBy", "@type": "@id"},
		"isVersionOf":       map[string]string{"@id": "dct:isVersionOf", "@type": "@id"},
		"hasVersion":        map[string]string{"@id": "dct:hasVersion", "@type": "@id"},
		"Observation":       "qb:Observation",
		"DataSet":           "qb:DataSet",
		"Concept":           "skos:Concept",
		"ConceptScheme":     "skos:ConceptScheme",
		"Organization":      "org:Organization",
		"identifier":        map[string]string{"@id": "dct:identifier"},
		"name":              map[string]string{"@id": "foaf:name", "@container": "@language"},
		"page":              map[string]string{"@id": "foaf:page", "@type": "@id"},
		"classification":    map[string]string{"@id": "org:classification", "@type": "@id"},
		"hasTopConcept":     map[string]string{"@id": "skos:hasTopConcept", "@type": "@id"},
		"topConceptOf":      map[string]string{"@id": "skos:topConceptOf", "@type": "@id"},
		"scopeNote":         map[string]string{"@id": "skos:scopeNote", "@container": "@language"},
		"note":              map[string]string{"@id": "skos:note", "@container": "@language"},
		"source":            map[string]string{"@id": "dct:source", "@type": "@id"},
		"isPartOf":          map[string]string{"@id": "dct:isPartOf", "@type": "@id"},
		"componentProperty": map[string]string{"@id": "qb:componentProperty", "@type": "@id"},
	}
}

// Context returns the JSON-LD @context document for our data: the prefixes
// and one term per class and property of our ontology, read from the
// embedded ontology itself so the two cannot drift apart. Object properties
// get "@type": "@id", datatype properties their XSD range. Where one of our
// terms clashes with a standard one above (mat:note versus skos:note), ours
// wins: our data is what the context is for. Every instance serves the same
// context (at its own ContextIRI).
func Context() []byte {
	ctx, err := buildContext()
	if err != nil {
		// The ontology is embedded and parsed by the tests: failing here is
		// a build defect, not a run-time condition.
		panic(err)
	}
	return ctx
}

func buildContext() ([]byte, error) {
	terms := map[string]any{}
	for _, p := range Prefixes() {
		terms[p.Name] = p.IRI
	}
	for k, v := range standardTerms() {
		terms[k] = v
	}
	f, err := Files().Open("model/ontology.ttl")
	if err != nil {
		return nil, fmt.Errorf("vocab: context: %w", err)
	}
	defer f.Close()
	ns := NS
	types := map[string][]string{}
	ranges := map[string]string{}
	err = rdfio.Parse(f, rdfio.Turtle, rdfio.ParseOptions{Base: SharedBase, File: "model/ontology.ttl"}, func(q rdf.Quad) error {
		if !strings.HasPrefix(q.S.Value, ns) {
			return nil
		}
		switch q.P.Value {
		case rdf.RDFType:
			types[q.S.Value] = append(types[q.S.Value], q.O.Value)
		case RDFS + "range":
			ranges[q.S.Value] = q.O.Value
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("vocab: context: %w", err)
	}
	for iri, ts := range types {
		local := strings.TrimPrefix(iri, ns)
		id := Prefix + ":" + local
		switch {
		case has(ts, OWL+"Class"):
			terms[local] = id
		case has(ts, OWL+"ObjectProperty"):
			terms[local] = map[string]string{"@id": id, "@type": "@id"}
		case has(ts, OWL+"DatatypeProperty"):
			def := map[string]string{"@id": id}
			if r := ranges[iri]; strings.HasPrefix(r, rdf.XSDNS) && r != rdf.XSDString {
				def["@type"] = "xsd:" + strings.TrimPrefix(r, rdf.XSDNS)
			}
			terms[local] = def
		}
	}
	return json.MarshalIndent(map[string]any{"@context": terms}, "", "  ")
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
