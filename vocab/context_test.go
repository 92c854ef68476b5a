package vocab

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// The context is valid JSON, binds our prefix to the shared namespace and
// gives each ontology property the right value type.
func TestContext(t *testing.T) {
	var doc struct {
		Context map[string]any `json:"@context"`
	}
	if err := json.Unmarshal(Context(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Context[Prefix] != NS {
		t.Errorf("mat = %v, want %s", doc.Context[Prefix], NS)
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

// Model helpers mint shared IRIs, the same whatever the base; instance
// helpers stay under the base, with or without trailing slash.
func TestIRIs(t *testing.T) {
	const w3id = "https://w3id.org/open-data-maturiteit/"
	tests := []struct{ got, want string }{
		{Domain("kennis"), w3id + "model/domein/kennis"},
		{Action("kennis", 2), w3id + "model/actie/kennis/2"},
		{Organisation("http://x", "99991"), "http://x/id/organisatie/99991"},
		{AssessmentVersion(testBase, "99991", 2024, 3), testBase + "id/evaluatie/99991/2024/v3"},
		{Observation(testBase, "99991", 2024, 1, "kennis"), testBase + "id/observatie/99991/2024/v1/kennis"},
		{Recommendation(testBase, "99991", 2024, 1, 4), testBase + "id/aanbeveling/99991/2024/v1/4"},
		{AssessmentGraph(testBase, "99991", 2024, 1), testBase + "graph/evaluatie/99991/2024/v1"},
		{NS, w3id + "ns#"},
		{Mat("maturityScore"), w3id + "ns#maturityScore"},
		{Level("nood", 5), w3id + "model/niveau/nood/5"},
		{SurveyItemIRI("kennis", "nood"), w3id + "model/vraag/kennis/nood"},
		{Theme("open-data", "kennis"), w3id + "model/thema/open-data/kennis"},
		{Star(3), w3id + "model/ster/3"},
		{AudienceGroup("management"), w3id + "model/doelpubliek/management"},
		{StudyDataset(), w3id + "model/dataset/studie-open-data-awareness"},
		{ContextIRI("http://x"), "http://x/ns/context.jsonld"},
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
	if err := rdfio.WriteAll(&b, rdfio.JSONLD, qs, rdfio.WriteOptions{Context: Context(), Prefixes: Prefixes()}); err != nil {
		t.Fatal(err)
	}
	var back []rdf.Quad
	err = rdfio.Parse(&b, rdfio.JSONLD, rdfio.ParseOptions{Base: testBase, Context: Context()}, func(q rdf.Quad) error {
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
		Domain("kennis"), Action("kennis", 4), Profile("data-expert"),
		Principle(20), Level("maturiteit", 1), Level("nood", 5),
		SurveyItemIRI("infrastructuur", "maturiteit"), Theme("open-data", "kennis"),
		Star(5), AudienceGroup("management"), ConceptScheme("maturiteitsmodel"),
		DSD("evaluatie"), DSD("bevraging"), DSD("studie"),
		Organisation(testBase, "24062"), Organisation(testBase, "71072"), Method("zelfevaluatie"),
		RespondentGroup("alle"), Study("open-data-awareness"), Ontology, StudyDataset(),
		Study("open-data-awareness", "alle", "kennis-aanwezig"), Study("indicator", "kennis-gevorderd"),
		ModelIRI("definitie", "open-data"), SurveyItemIRI("attitude-awareness", "tijd-middelen"),
	} {
		if !subjects[iri] {
			t.Errorf("%s is not described in the embedded Turtle", iri)
		}
	}
}
