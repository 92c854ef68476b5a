package rdfio

import (
	"io"
	"testing"

	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
)

func benchWrite(b *testing.B, f Format, opts WriteOptions) {
	qs := rdftest.Resource50()
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
	benchWrite(b, Turtle, WriteOptions{Prefixes: rdftest.Prefixes})
}

func BenchmarkWriteNTriples50(b *testing.B) { benchWrite(b, NTriples, WriteOptions{}) }

func BenchmarkWriteRDFXML50(b *testing.B) {
	benchWrite(b, RDFXML, WriteOptions{Prefixes: rdftest.Prefixes})
}

func BenchmarkWriteJSONLD50(b *testing.B) {
	benchWrite(b, JSONLD, WriteOptions{Context: []byte(rdftest.Context), ContextURL: "https://data.example/ctx"})
}
