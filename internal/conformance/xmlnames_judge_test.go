package conformance

import (
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// Ensure the independent judge of what RDF/XML cannot carry (used by the
// round-trip test to accept a refusal) refuses exactly those graphs.
func TestRDFXMLCannotHold(t *testing.T) {
	s, o := rdf.IRI("http://ex/s"), rdf.IRI("http://ex/o")
	tests := []struct {
		name string
		q    rdf.Quad
		why  bool
	}{
		{"ordinary predicate", rdf.Triple(s, rdf.IRI("http://ex/p"), o), false},
		{"predicate ending in a digit after a name", rdf.Triple(s, rdf.IRI("http://ex/p1"), o), false},
		{"predicate ending in a slash", rdf.Triple(s, rdf.IRI("http://ex/p/"), o), true},
		{"predicate ending in digits only", rdf.Triple(s, rdf.IRI("http://ex/123"), o), true},
		{"non-ASCII name", rdf.Triple(s, rdf.IRI("http://ex/één"), o), false},
		{"rdf:li", rdf.Triple(s, rdf.IRI(rdf.RDFNS+"li"), o), true},
		{"rdf:_1", rdf.Triple(s, rdf.IRI(rdf.RDFNS+"_1"), o), false},
		{"control character in a literal", rdf.Triple(s, rdf.IRI("http://ex/p"), rdf.Literal("a\x01b")), true},
		{"tab and newline in a literal", rdf.Triple(s, rdf.IRI("http://ex/p"), rdf.Literal("a\tb\nc")), false},
	}
	for _, tc := range tests {
		if got := rdfxmlCannotHold([]rdf.Quad{tc.q}); (got != "") != tc.why {
			t.Errorf("%s: rdfxmlCannotHold = %q, want a reason: %v", tc.name, got, tc.why)
		}
	}
}
