package rdfio_test

import (
	"os"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

func ExampleWriteAll() {
	const ex = "https://data.example/"
	city := rdf.IRI(ex + "city/leuven")
	score := rdf.Blank("s1")
	quads := []rdf.Quad{
		rdf.Triple(city, rdf.IRI(rdf.RDFType), rdf.IRI(ex+"City")),
		rdf.Triple(city, rdf.IRI(ex+"name"), rdf.LangLiteral("Leuven", "nl")),
		rdf.Triple(city, rdf.IRI(ex+"score"), score),
		rdf.Triple(score, rdf.IRI(ex+"domain"), rdf.IRI(ex+"domain/sponsoring")),
		rdf.Triple(score, rdf.IRI(ex+"value"), rdf.TypedLiteral("3.5", rdf.XSDDecimal)),
	}
	opts := rdfio.WriteOptions{Prefixes: []rdfio.Prefix{{Name: "ex", IRI: ex}}}
	if err := rdfio.WriteAll(os.Stdout, rdfio.Turtle, quads, opts); err != nil {
		panic(err)
	}
	// Output:
	// @prefix ex: <https://data.example/> .
	//
	// ex:city\/leuven a ex:City ;
	//     ex:name "Leuven"@nl ;
	//     ex:score [
	//         ex:domain ex:domain\/sponsoring ;
	//         ex:value 3.5
	//     ] .
}

func ExampleNewWriter() {
	w, err := rdfio.NewWriter(os.Stdout, rdfio.NQuads, rdfio.WriteOptions{})
	if err != nil {
		panic(err)
	}
	g := rdf.IRI("https://data.example/graph/2026")
	_ = w.Write(rdf.Quad{S: rdf.IRI("https://data.example/a"), P: rdf.IRI("https://data.example/p"), O: rdf.Literal("x"), G: g})
	if err := w.Close(); err != nil {
		panic(err)
	}
	// Output:
	// <https://data.example/a> <https://data.example/p> "x" <https://data.example/graph/2026> .
}
