package assess

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// requiredAttribute is a model edit that makes every cube built from the
// model break IC-13: its DSD gains a required attribute no builder fills.
func requiredAttribute(dsd string) []rdf.Quad {
	g := rdf.IRI(vocab.ModelGraph(testBase))
	comp := rdf.IRI(dsd + "#verplicht")
	return []rdf.Quad{
		{S: rdf.IRI(dsd), P: rdf.IRI(vocab.QB + "component"), O: comp, G: g},
		{S: comp, P: rdf.IRI(vocab.QB + "attribute"), O: rdf.IRI(vocab.Mat("verplicht")), G: g},
		{S: comp, P: rdf.IRI(vocab.QB + "componentRequired"), O: rdf.TypedLiteral("true", rdf.XSDBoolean), G: g},
	}
}

// Ensure a publish is checked against the Data Cube integrity constraints
// together with the model in the store: good cubes pass, and a cube broken
// on purpose, or built from a broken model, is refused with the constraint
// named.
func TestCheckPublish(t *testing.T) {
	ctx := context.Background()
	_, modelQuads := testModel(t)
	assessment, survey := ourCubes(t)
	obs := rdf.IRI(vocab.Observation(testBase, "99991", 2024, 1, "kennis"))
	// dropDimension removes the domain of one observation: IC-11 (all
	// dimensions required) breaks.
	dropDimension := func(gs []Graph) []Graph {
		out := slices.Clone(gs)
		out[0].Quads = slices.DeleteFunc(slices.Clone(gs[0].Quads), func(q rdf.Quad) bool {
			return q.S == obs && q.P.Value == vocab.Mat("domain")
		})
		return out
	}
	tests := []struct {
		name   string
		model  []rdf.Quad
		graphs []Graph
		want   string // the constraints named, "" for none
	}{
		{"assessment", modelQuads, assessment, ""},
		{"survey", modelQuads, survey, ""},
		{"assessment with an observation lacking its domain", modelQuads, dropDimension(assessment), "IC-11"},
		{"assessment under a model whose DSD requires an extra attribute", append(slices.Clone(modelQuads), requiredAttribute(vocab.DSD("evaluatie"))...), assessment, "IC-13"},
		{"survey under a model whose DSD requires an extra attribute", append(slices.Clone(modelQuads), requiredAttribute(vocab.DSD("bevraging"))...), survey, "IC-13"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckPublish(ctx, dataset.NewMemory(tc.model), testBase, tc.graphs)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ie *IntegrityError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v, want an *IntegrityError", err)
			}
			if ie.Constraints() != tc.want || !strings.Contains(err.Error(), "integriteitsregel "+tc.want) || !strings.Contains(err.Error(), "integrity constraint "+tc.want) {
				t.Errorf("constraints %q, want %q; error: %v", ie.Constraints(), tc.want, err)
			}
		})
	}
}
