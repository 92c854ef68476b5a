package ttl

import (
	"slices"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
)

// wtReadTurtle parses Turtle against an unrelated document base, so that
// a relative IRI in the output resolves only through its own @base.
func wtReadTurtle(data []byte) ([]rdf.Quad, error) {
	return rdftest.ParseString(ParseTurtle, string(data), codec.ParseOptions{Base: "http://base.example/doc"})
}

// wtTriples is qs without graph names, which Turtle does not carry.
func wtTriples(qs []rdf.Quad) []rdf.Quad {
	out := slices.Clone(qs)
	for i := range out {
		out[i].G = rdf.Term{}
	}
	return out
}
