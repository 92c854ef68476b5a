package rdfio

import (
	"errors"
	"io"

	"github.com/stadleuven/maturity/rdf"
)

func parseRDFXML(r io.Reader, opts ParseOptions, emit func(rdf.Quad) error) error {
	return errors.New("todo")
}
