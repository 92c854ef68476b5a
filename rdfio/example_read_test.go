package rdfio_test

import (
	"fmt"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

func ExampleParse() {
	doc := `@prefix dct: <http://purl.org/dc/terms/> .
<leuven> dct:title "Leuven"@nl ; dct:subject [ dct:title "open data" ] .`
	opts := rdfio.ParseOptions{Base: "https://data.leuven.be/id/", File: "stad.ttl", BlankPrefix: "f1."}
	err := rdfio.Parse(strings.NewReader(doc), rdfio.Turtle, opts, func(q rdf.Quad) error {
		fmt.Println(q)
		return nil
	})
	fmt.Println(err)
	// Output:
	// <https://data.leuven.be/id/leuven> <http://purl.org/dc/terms/title> "Leuven"@nl .
	// _:f1._g1 <http://purl.org/dc/terms/title> "open data" .
	// <https://data.leuven.be/id/leuven> <http://purl.org/dc/terms/subject> _:f1._g1 .
	// <nil>
}

func ExampleSyntaxError() {
	err := rdfio.Parse(strings.NewReader("<http://ex.org/s> <http://ex.org/p> \"x\"@en--US ."), rdfio.NTriples,
		rdfio.ParseOptions{File: "data.nt"}, func(rdf.Quad) error { return nil })
	fmt.Println(err)
	// Output:
	// data.nt:1:40: invalid language tag
}
