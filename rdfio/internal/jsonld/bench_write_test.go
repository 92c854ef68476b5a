package jsonld

import (
	"io"
	"testing"

	"github.com/stadleuven/maturity/rdfio/internal/codec"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
)

// BenchmarkWriteJSONLD50JSONGold is the general path, for comparison with
// rdfio's BenchmarkWriteJSONLD50, the direct path on the same graph
// (go test -bench WriteJSONLD50 ./rdfio/...).
func BenchmarkWriteJSONLD50JSONGold(b *testing.B) {
	qs := rdftest.Resource50()
	opts := codec.WriteOptions{Context: []byte(rdftest.Context), ContextURL: "https://data.example/ctx"}
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
