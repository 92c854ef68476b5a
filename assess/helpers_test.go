package assess

import (
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
