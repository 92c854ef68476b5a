package assess

import (
	"context"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

const testBase = "http://example.org/stad/"

// testModel loads the embedded model, as a fresh server would.
func testModel(t testing.TB) (*vocab.Model, []rdf.Quad) {
	t.Helper()
	qs, err := vocab.Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	m, err := vocab.ReadModel(qs)
	if err != nil {
		t.Fatal(err)
	}
	return m, qs
}

func allQuads(gs []Graph) []rdf.Quad {
	var out []rdf.Quad
	for _, g := range gs {
		out = append(out, g.Quads...)
	}
	return out
}

// ourCubes builds the graphs of an assessment (goodSheet) and of a survey
// of Leuven for 2024, as an import would publish them.
func ourCubes(t *testing.T) (assessment, survey []Graph) {
	t.Helper()
	model, _ := testModel(t)
	ctx := context.Background()
	assessment, err := ImportAssessment(ctx, testBase, model, strings.NewReader(goodSheet), "zelf.csv", demoAssessment(1))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := ReadSurvey(ctx, testBase, model, strings.NewReader(surveyCSV(model, same, "profiel", surveyGroups)), "b.csv", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	res := AggregateSurvey(model, resp, 5)
	res.Org, res.Year, res.Version = "99991", 2024, 1
	survey, err = BuildSurvey(testBase, model, res)
	if err != nil {
		t.Fatal(err)
	}
	return assessment, survey
}
