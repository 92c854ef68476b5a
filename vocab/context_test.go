package vocab

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// The context is valid JSON, binds our prefix to the instance namespace and
// gives each ontology property the right value type.
func TestContext(t *testing.T) {
	var doc struct {
		Context map[string]any `json:"@context"`
	}
	if err := json.Unmarshal(Context(testBase), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Context[Prefix] != NS(testBase) {
		t.Errorf("mat = %v, want %s", doc.Context[Prefix], NS(testBase))
	}
	tests := []struct{ term, id, typ string }{
		{"maturityScore", "mat:maturityScore", "xsd:decimal"},
		{"period", "mat:period", "xsd:gYear"},
		{"domain", "mat:domain", "@id"},
		{"rationale", "mat:rationale", ""},
		{"rank", "mat:rank", "xsd:integer"},
	}
	for _, tc := range tests {
		def, ok := doc.Context[tc.term].(map[string]any)
		if !ok {
			t.Errorf("%s: no term definition", tc.term)
			continue
		}
		if def["@id"] != tc.id {
			t.Errorf("%s: @id %v, want %s", tc.term, def["@id"], tc.id)
		}
		if typ, _ := def["@type"].(string); typ != tc.typ {
			t.Errorf("%s: @type %q, want %q", tc.term, typ, tc.typ)
		}
	}
	if doc.Context["Domain"] != "mat:Domain" {
		t.Errorf("Domain = %v", doc.Context["Domain"])
	}
}

// Every IRI helper stays under the base, with or without trailing slash.
func TestIRIs(t *testing.T) {
	tests := []struct{ got, want string }{
		{Domain("http://x", "kennis"), "http://x/id/domein/kennis"},
		{Action(testBase, "kennis", 2), testBase + "id/actie/kennis/2"},
		{AssessmentVersion(testBase, "24062", 2024, 3), testBase + "id/evaluatie/24062/2024/v3"},
		{Observation(testBase, "24062", 2024, 1, "kennis"), testBase + "id/observatie/24062/2024/v1/kennis"},
		{Recommendation(testBase, "24062", 2024, 1, 4), testBase + "id/aanbeveling/24062/2024/v1/4"},
		{AssessmentGraph(testBase, "24062", 2024, 1), testBase + "graph/evaluatie/24062/2024/v1"},
		{NS(testBase), testBase + "ns/maturiteit#"},
		{Level(testBase, "nood", 5), testBase + "id/niveau/nood/5"},
		{SurveyItemIRI(testBase, "kennis", "nood"), testBase + "id/vraag/kennis/nood"},
		{Theme(testBase, "open-data", "kennis"), testBase + "id/thema/open-data/kennis"},
		{Star(testBase, 3), testBase + "id/ster/3"},
		{AudienceGroup(testBase, "management"), testBase + "id/doelpubliek/management"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %s, want %s", tc.got, tc.want)
		}
	}
}

// Our data survives JSON-LD compaction with our context: writing the whole
// model as JSON-LD with Context and reading it back gives the same graph.
func TestContextRoundTrip(t *testing.T) {
	qs, err := Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rdfio.WriteAll(&b, rdfio.JSONLD, qs, rdfio.WriteOptions{Context: Context(testBase), Prefixes: Prefixes(testBase)}); err != nil {
		t.Fatal(err)
	}
	var back []rdf.Quad
	err = rdfio.Parse(&b, rdfio.JSONLD, rdfio.ParseOptions{Base: testBase, Context: Context(testBase)}, func(q rdf.Quad) error {
		back = append(back, q)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !rdf.Isomorphic(qs, back) {
		t.Errorf("JSON-LD round trip changed the model: %d quads in, %d out", len(qs), len(back))
		in := map[rdf.Quad]bool{}
		for _, q := range back {
			in[q] = true
		}
		n := 0
		for _, q := range qs {
			if !in[q] && n < 5 {
				t.Logf("lost: %v", q)
				n++
			}
		}
	}
}

// The IRI helpers name resources the embedded Turtle actually describes.
func TestIRIHelpersMatchTurtle(t *testing.T) {
	qs, err := Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	subjects := map[string]bool{}
	for _, q := range qs {
		subjects[q.S.Value] = true
	}
	for _, iri := range []string{
		Domain(testBase, "kennis"), Action(testBase, "kennis", 4), Profile(testBase, "data-expert"),
		Principle(testBase, 20), Level(testBase, "maturiteit", 1), Level(testBase, "nood", 5),
		SurveyItemIRI(testBase, "infrastructuur", "maturiteit"), Theme(testBase, "open-data", "kennis"),
		Star(testBase, 5), AudienceGroup(testBase, "management"), ConceptScheme(testBase, "maturiteitsmodel"),
		DSD(testBase, "evaluatie"), DSD(testBase, "bevraging"), DSD(testBase, "studie"),
		Organisation(testBase, "24062"), Organisation(testBase, "71072"), Method(testBase, "zelfevaluatie"),
		RespondentGroup(testBase, "alle"), Study(testBase, "open-data-awareness"), Ontology(testBase),
	} {
		if !subjects[iri] {
			t.Errorf("%s is not described in the embedded Turtle", iri)
		}
	}
}
