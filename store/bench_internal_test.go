package store

import (
	"context"
	"math"
	"os"
	"syscall"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// BenchmarkBuildOneTx answers a design question of doc.go ("Imports"): can
// the new file of a bulk import be written in a single bbolt transaction
// within the memory budget? It imports MATURITY_BENCH_1M like
// BenchmarkImport1M, but with the whole build in one transaction, and
// reports the peak RSS:
//
//	MATURITY_BENCH_1M=/tmp/store/10m.nt go test -bench BuildOneTx -run '^$' -benchtime 1x -timeout 30m ./store
func BenchmarkBuildOneTx(b *testing.B) {
	path := os.Getenv("MATURITY_BENCH_1M")
	if path == "" {
		b.Skip("set MATURITY_BENCH_1M to an N-Triples file")
	}
	for b.Loop() {
		s, err := Open(b.TempDir()+"/one.db", nil)
		if err != nil {
			b.Fatal(err)
		}
		s.buildTxBytes = math.MaxInt64
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		n, err := s.Import(context.Background(), func(emit func(rdf.Quad) error) error {
			return rdfio.Parse(f, rdfio.NTriples, rdfio.ParseOptions{File: path}, emit)
		})
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n), "triples")
		s.Close()
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MiB")
	}
}
