package rdfio

import (
	"io"
	"strconv"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// wtResource50 is a 50-triple resource like those the linked-data server
// serves: one subject, typed, labelled, with scores, links and a few
// nested blank nodes.
func wtResource50() []rdf.Quad {
	s := rdf.IRI(wtEx + "assessment/leuven-2026")
	qs := []rdf.Quad{
		rdf.Triple(s, rdf.IRI(rdf.RDFType), rdf.IRI(wtEx+"Thing")),
		rdf.Triple(s, rdf.IRI("http://purl.org/dc/terms/title"), rdf.Literal("Zelfevaluatie Leuven 2026")),
		rdf.Triple(s, rdf.IRI(wtEx+"label"), rdf.LangLiteral("Zelfevaluatie", "nl")),
		rdf.Triple(s, rdf.IRI(wtEx+"label"), rdf.LangLiteral("Self-assessment", "en")),
	}
	for i := 0; len(qs) < 38; i++ {
		n := strconv.Itoa(i)
		qs = append(qs,
			rdf.Triple(s, rdf.IRI(wtEx+"score"), rdf.TypedLiteral(n+".5", rdf.XSDDecimal)),
			rdf.Triple(s, rdf.IRI(wtEx+"related"), rdf.IRI(wtEx+"domain/"+n)),
			rdf.Triple(s, rdf.IRI(wtEx+"tag"), rdf.Literal("tag "+n)),
		)
	}
	for i := range 4 {
		b := rdf.Blank("gap" + strconv.Itoa(i))
		qs = append(qs,
			rdf.Triple(s, rdf.IRI(wtEx+"gap"), b),
			rdf.Triple(b, rdf.IRI(wtEx+"count"), rdf.TypedLiteral(strconv.Itoa(i), rdf.XSDInteger)),
			rdf.Triple(b, rdf.IRI(wtEx+"label"), rdf.LangLiteral("kloof "+strconv.Itoa(i), "nl")),
		)
	}
	return qs[:50]
}

func benchWrite(b *testing.B, f Format, opts WriteOptions) {
	qs := wtResource50()
	if len(qs) != 50 {
		b.Fatalf("%d triples", len(qs))
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteAll(io.Discard, f, qs, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteTurtle50(b *testing.B) {
	benchWrite(b, Turtle, WriteOptions{Prefixes: wtPrefixes})
}

func BenchmarkWriteNTriples50(b *testing.B) { benchWrite(b, NTriples, WriteOptions{}) }

func BenchmarkWriteRDFXML50(b *testing.B) {
	benchWrite(b, RDFXML, WriteOptions{Prefixes: wtPrefixes})
}

func BenchmarkWriteJSONLD50(b *testing.B) {
	benchWrite(b, JSONLD, WriteOptions{Context: []byte(wtContext), ContextURL: "https://data.example/ctx"})
}

// BenchmarkWriteJSONLD50JSONGold is the general path, for comparison.
func BenchmarkWriteJSONLD50JSONGold(b *testing.B) {
	qs := wtResource50()
	opts := WriteOptions{Context: []byte(wtContext), ContextURL: "https://data.example/ctx"}
	b.ReportAllocs()
	for b.Loop() {
		jw, err := newJSONLDWriter(io.Discard, opts)
		if err != nil {
			b.Fatal(err)
		}
		jw.flat = nil
		for _, q := range qs {
			if err := jw.Write(q); err != nil {
				b.Fatal(err)
			}
		}
		if err := jw.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
