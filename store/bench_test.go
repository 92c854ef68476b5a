package store_test

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/store"
)

// The store is what the evaluator reads; store itself must not import sparql.
var _ dataset.Dataset = (*store.Snapshot)(nil)

// assessmentQuads generates n triples shaped like the project's data (cities,
// yearly assessments, per-domain observations and survey responses), the
// same mix as the peers' gen-data.py, in one named graph per city.
func assessmentQuads(n int) []rdf.Quad {
	const id, def = "http://example.org/id/", "http://example.org/def#"
	r := rand.New(rand.NewPCG(42, 42))
	domains := []string{"strategy", "governance", "skills", "culture", "eservices", "participation", "data", "infrastructure", "security", "innovation", "communication"}
	typ := rdf.IRI(rdf.RDFType)
	qs := make([]rdf.Quad, 0, n)
	for city := 0; len(qs) < n; city++ {
		g := rdf.IRI(fmt.Sprintf("%sgraph/%d", id, city))
		c := rdf.IRI(fmt.Sprintf("%scity/%d", id, 10000+city))
		add := func(s rdf.Term, p string, o rdf.Term) { qs = append(qs, rdf.Quad{S: s, P: rdf.IRI(p), O: o, G: g}) }
		add(c, rdf.RDFType, rdf.IRI(def+"City"))
		add(c, rdf.RDFSNS+"label", rdf.LangLiteral(fmt.Sprintf("Stad %d", city), "nl"))
		for year := 2020; year < 2025; year++ {
			a := rdf.IRI(fmt.Sprintf("%sassessment/%d/%d", id, 10000+city, year))
			add(a, rdf.RDFType, rdf.IRI(def+"Assessment"))
			add(a, def+"city", c)
			add(a, def+"year", rdf.TypedLiteral(fmt.Sprint(year), rdf.XSDInteger))
			for _, d := range domains {
				o := rdf.IRI(fmt.Sprintf("%s/%s", a.Value, d))
				add(o, typ.Value, rdf.IRI(def+"Observation"))
				add(o, def+"assessment", a)
				add(o, def+"domain", rdf.IRI(id+"domain/"+d))
				add(o, def+"score", rdf.TypedLiteral(fmt.Sprintf("%.2f", r.Float64()*5), rdf.XSDDecimal))
			}
			for resp := 0; resp < 20; resp++ {
				x := rdf.IRI(fmt.Sprintf("%sresponse/%d/%d/%03d", id, 10000+city, year, resp))
				add(x, rdf.RDFType, rdf.IRI(def+"Response"))
				add(x, def+"assessment", a)
				add(x, def+"profile", rdf.IRI(fmt.Sprintf("%sprofile/%d", id, r.IntN(6))))
				add(x, def+"answer", rdf.TypedLiteral(fmt.Sprint(r.IntN(5)+1), rdf.XSDInteger))
			}
		}
	}
	return qs[:n]
}

func BenchmarkImport(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			qs := assessmentQuads(n)
			var size int64
			for i := 0; b.Loop(); i++ {
				s, err := store.Open(filepath.Join(b.TempDir(), fmt.Sprintf("b%d.db", i)), nil)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Import(context.Background(), func(emit func(rdf.Quad) error) error {
					for _, q := range qs {
						if err := emit(q); err != nil {
							return err
						}
					}
					return nil
				}); err != nil {
					b.Fatal(err)
				}
				size = fileSize(b, s)
				s.Close()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
			b.ReportMetric(float64(size)/float64(n), "file-bytes/quad")
		})
	}
}

func fileSize(b testing.TB, s *store.Store) int64 {
	fi, err := os.Stat(s.Path())
	if err != nil {
		b.Fatal(err)
	}
	return fi.Size()
}

// BenchmarkLookup measures pattern lookups on a 100k-quad store: a bound
// subject (a linked-data page) and a bound predicate and object (a class
// extent or a reverse link).
func BenchmarkLookup(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(filepath.Join(b.TempDir(), "l.db"), &store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	qs := assessmentQuads(100_000)
	if err := s.Add(ctx, qs); err != nil {
		b.Fatal(err)
	}
	benchLookups(b, s, qs)
}

// benchLookups runs the bound-subject and bound-predicate-object lookups
// over subjects and objects taken from qs.
func benchLookups(b *testing.B, s *store.Store, qs []rdf.Quad) {
	ctx := context.Background()
	v, err := s.Snapshot()
	if err != nil {
		b.Fatal(err)
	}
	defer v.Close()
	patterns := func(pick func(q rdf.Quad) [4]rdf.Term) [][4]uint64 {
		var pats [][4]uint64
		for i := 0; i < len(qs); i += len(qs)/1000 + 1 {
			var pat [4]uint64
			for j, t := range pick(qs[i]) {
				if t.IsZero() {
					continue
				}
				id, ok, err := v.Lookup(t)
				if err != nil || !ok {
					b.Fatalf("lookup %v: %v %v", t, ok, err)
				}
				pat[j] = id
			}
			pats = append(pats, pat)
		}
		return pats
	}
	for _, tc := range []struct {
		name string
		pats [][4]uint64
	}{
		{"subject", patterns(func(q rdf.Quad) [4]rdf.Term { return [4]rdf.Term{q.S} })},
		{"predicate-object", patterns(func(q rdf.Quad) [4]rdf.Term { return [4]rdf.Term{1: q.P, 2: q.O} })},
	} {
		b.Run(tc.name, func(b *testing.B) {
			matched := 0
			for i := 0; b.Loop(); i++ {
				if err := v.Match(ctx, tc.pats[i%len(tc.pats)], func([4]uint64) bool { matched++; return true }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
			b.ReportMetric(float64(matched)/float64(b.N), "quads/lookup")
		})
	}
}

// BenchmarkImport1M loads an N-Triples file (the peers' gen-data.py output)
// with rdfio's parser, as the maturity CLI does, and reports the rate, the
// file size per triple and the peak RSS of the process. It runs only when
// MATURITY_BENCH_1M names the file; MATURITY_BENCH_MEM sets the memory
// budget (ImportMemory, bytes; default 512 MiB). Peak RSS only grows, so
// measure one file and budget per command, with -benchtime 1x:
//
//	MATURITY_BENCH_1M=/tmp/store/1m.nt go test -bench Import1M -run '^$' -benchtime 1x ./store
//	MATURITY_BENCH_1M=/tmp/store/10m.nt go test -bench Import1M -run '^$' -benchtime 1x -timeout 30m ./store
//
// (gen-data.py 300 5 gives 1,002,202 triples; gen-data.py 1500 10 gives
// 10,044,981. bench/import-bench.sh runs the same import through the CLI
// beside Oxigraph and Virtuoso.)
func BenchmarkImport1M(b *testing.B) {
	path := bench1M(b)
	var s *store.Store
	var n int64
	for i := 0; b.Loop(); i++ {
		if s != nil {
			s.Close()
		}
		s, n = importFile(b, path, filepath.Join(b.TempDir(), fmt.Sprintf("m%d.db", i)))
	}
	defer s.Close()
	elapsed := b.Elapsed() / time.Duration(b.N)
	size := fileSize(b, s)
	b.ReportMetric(float64(n)/elapsed.Seconds(), "triples/s")
	b.ReportMetric(float64(size)/float64(n), "file-bytes/triple")
	b.ReportMetric(peakRSS(), "peak-RSS-MiB")
	start := time.Now()
	if err := s.Check(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(time.Since(start).Seconds(), "check-s")
	start = time.Now()
	if _, err := s.Backup(context.Background(), io.Discard); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds()), "backup-ms")
}

// peakRSS returns the process's peak resident set size in MiB.
func peakRSS() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}

// BenchmarkLookup1M measures lookups on a store loaded from the same file.
func BenchmarkLookup1M(b *testing.B) {
	path := bench1M(b)
	s, _ := importFile(b, path, filepath.Join(b.TempDir(), "l.db"))
	defer s.Close()
	var sample []rdf.Quad
	v, err := s.Snapshot()
	if err != nil {
		b.Fatal(err)
	}
	err = v.Quads(context.Background(), rdf.Term{}, rdf.Term{}, rdf.Term{}, store.AnyGraph, func(q rdf.Quad) bool {
		sample = append(sample, q)
		return true
	})
	v.Close()
	if err != nil {
		b.Fatal(err)
	}
	benchLookups(b, s, sample)
}

func bench1M(b *testing.B) string {
	path := os.Getenv("MATURITY_BENCH_1M")
	if path == "" {
		b.Skip("set MATURITY_BENCH_1M to an N-Triples file")
	}
	return path
}

// importFile imports an N-Triples file into a new store at dbPath.
func importFile(b *testing.B, path, dbPath string) (*store.Store, int64) {
	opts := &store.Options{}
	if m, err := strconv.ParseInt(os.Getenv("MATURITY_BENCH_MEM"), 10, 64); err == nil {
		opts.ImportMemory = m
	}
	if testing.Verbose() {
		opts.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	s, err := store.Open(dbPath, opts)
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	n, err := s.Import(context.Background(), func(emit func(rdf.Quad) error) error {
		return rdfio.Parse(f, rdfio.NTriples, rdfio.ParseOptions{File: path}, emit)
	})
	if err != nil {
		b.Fatal(err)
	}
	return s, n
}

// BenchmarkCompact1M is issue 15's compaction check: it imports
// MATURITY_BENCH_1M, deletes half of its triples (every resource whose
// subject IRI hashes even, whole), compacts, and compares the file with a
// fresh import of what is left:
//
//	MATURITY_BENCH_1M=/tmp/store/1m.nt go test -bench Compact1M -run '^$' -benchtime 1x -v ./store
func BenchmarkCompact1M(b *testing.B) {
	path := bench1M(b)
	ctx := context.Background()
	for b.Loop() {
		dir := b.TempDir()
		s, n := importFile(b, path, filepath.Join(dir, "full.db"))
		imported := fileSize(b, s)
		v, err := s.Snapshot()
		if err != nil {
			b.Fatal(err)
		}
		var drop, keep []rdf.Quad
		err = v.Quads(ctx, rdf.Term{}, rdf.Term{}, rdf.Term{}, store.AnyGraph, func(q rdf.Quad) bool {
			h := fnv.New32a()
			h.Write([]byte(q.S.Value))
			if h.Sum32()%2 == 0 {
				drop = append(drop, q)
			} else {
				keep = append(keep, q)
			}
			return true
		})
		v.Close()
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(drop); i += 100_000 {
			if err := s.Remove(ctx, drop[i:min(i+100_000, len(drop))]); err != nil {
				b.Fatal(err)
			}
		}
		deleted := fileSize(b, s)
		st, err := s.Compact(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Check(ctx); err != nil {
			b.Fatal(err)
		}
		s.Close()
		fresh, err := store.Open(filepath.Join(dir, "fresh.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := fresh.Import(ctx, func(emit func(rdf.Quad) error) error {
			for _, q := range keep {
				if err := emit(q); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		freshBytes := fileSize(b, fresh)
		fresh.Close()
		b.Logf("%d triples imported: %d bytes; %d deleted: %d bytes; compacted in %v: %d bytes (%d tombstones); fresh import of the %d left: %d bytes",
			n, imported, len(drop), deleted, st.Duration.Round(time.Millisecond), st.BytesAfter, st.Tombstones, len(keep), freshBytes)
		b.ReportMetric(float64(st.BytesAfter)/float64(freshBytes), "compacted/fresh")
		b.ReportMetric(float64(deleted)/float64(freshBytes), "deleted/fresh")
	}
}
