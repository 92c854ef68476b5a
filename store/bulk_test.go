package store

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/stadleuven/maturity/rdf"
)

// storeDump is everything a store holds, block layout aside: what a
// one-transaction import and a bulk import of the same input must agree on.
type storeDump struct {
	terms   []string // id key + stored term, in id order
	hashes  []string // hash key + id list
	indexes [len(indexes)][]tuple
	graphs  []string // id key + count (times differ)
	meta    []string // next id, quad count
}

func dumpStore(t testing.TB, s *Store) storeDump {
	t.Helper()
	var d storeDump
	err := s.view(func(tx *bolt.Tx) error {
		tx.Bucket(bucketI2T).ForEach(func(k, v []byte) error {
			d.terms = append(d.terms, fmt.Sprintf("%x=%x", k, v))
			return nil
		})
		tx.Bucket(bucketT2I).ForEach(func(k, v []byte) error {
			d.hashes = append(d.hashes, fmt.Sprintf("%x=%v", k, idList(v)))
			return nil
		})
		for i := range indexes {
			if err := scan(context.Background(), tx.Bucket(indexes[i].bucket), &tuple{}, 0, func(t *tuple) bool {
				d.indexes[i] = append(d.indexes[i], *t)
				return true
			}); err != nil {
				return err
			}
		}
		tx.Bucket(bucketGraphs).ForEach(func(k, v []byte) error {
			n, _ := decodeGraphInfo(v)
			d.graphs = append(d.graphs, fmt.Sprintf("%x=%d", k, n))
			return nil
		})
		m := tx.Bucket(bucketMeta)
		d.meta = []string{fmt.Sprint(metaUint(m, metaNextID)), fmt.Sprint(metaUint(m, metaQuads))}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (d *storeDump) diff(o *storeDump) string {
	for _, c := range []struct {
		name string
		a, b []string
	}{{"terms", d.terms, o.terms}, {"hashes", d.hashes, o.hashes}, {"graphs", d.graphs, o.graphs}, {"meta", d.meta, o.meta}} {
		if !slices.Equal(c.a, c.b) {
			return fmt.Sprintf("%s differ: %d vs %d entries", c.name, len(c.a), len(c.b))
		}
	}
	for i := range indexes {
		if !slices.Equal(d.indexes[i], o.indexes[i]) {
			return fmt.Sprintf("index %s differs: %d vs %d quads", indexes[i].name, len(d.indexes[i]), len(o.indexes[i]))
		}
	}
	return ""
}

// logBuffer returns a logger writing debug records into a buffer.
func logBuffer() (*slog.Logger, *bytes.Buffer) {
	var buf bytes.Buffer
	return slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})), &buf
}

// TestBulkImportSameAsOneTx imports the same batches into two stores, one
// with a budget large enough for one transaction and one so small that every
// import is a bulk import, and checks that they hold exactly the same
// dictionary (same ids), quads, counts and next id, and both pass Check.
func TestBulkImportSameAsOneTx(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(21, 22))
	first := append(randomQuads(r, 9000), shapedQuads(30000)...)
	second := append(randomQuads(r, 9000), shapedQuads(45000)[20000:]...) // overlaps first
	logger, logs := logBuffer()
	one := openTemp(t)
	bulk := openTempWith(t, &Options{NoSync: true, ImportMemory: 1 << 20, Logger: logger})
	for i, batch := range [][]rdf.Quad{first, second, first[:10]} {
		for _, s := range []*Store{one, bulk} {
			if _, err := s.Import(ctx, emitAll(batch, 0, nil)); err != nil {
				t.Fatalf("batch %d: %v", i, err)
			}
			if err := s.Check(ctx); err != nil {
				t.Fatalf("batch %d: %v", i, err)
			}
		}
		a, b := dumpStore(t, one), dumpStore(t, bulk)
		if d := a.diff(&b); d != "" {
			t.Fatalf("batch %d: one-transaction and bulk imports differ: %s", i, d)
		}
		noLeftovers(t, bulk)
	}
	// The last batch is small enough for one transaction even here, and
	// the term table spilled its terms to disk (the equality above covers
	// terms found again in a spilled generation).
	if n := strings.Count(logs.String(), "store bulk import"); n != 2 {
		t.Errorf("%d bulk imports logged, want 2:\n%s", n, logs)
	}
	if strings.Contains(logs.String(), `"term spills"=0`) || !strings.Contains(logs.String(), `"term spills"=`) {
		t.Errorf("the term table did not spill:\n%s", logs)
	}
}

// shapedQuads returns n quads shaped like assessment data, over several
// graphs, with many distinct terms.
func shapedQuads(n int) []rdf.Quad {
	qs := make([]rdf.Quad, 0, n)
	for i := 0; len(qs) < n; i++ {
		g := rdf.IRI(fmt.Sprintf("http://example.org/graph/%d", i/500))
		s := rdf.IRI(fmt.Sprintf("http://example.org/obs/%d", i))
		qs = append(qs,
			rdf.Quad{S: s, P: rdf.IRI(rdf.RDFType), O: rdf.IRI("http://example.org/def#Observation"), G: g},
			rdf.Quad{S: s, P: rdf.IRI("http://example.org/def#score"), O: rdf.TypedLiteral(fmt.Sprint(i%97), rdf.XSDInteger), G: g},
			rdf.Quad{S: s, P: rdf.IRI("http://example.org/def#note"), O: rdf.LangLiteral(fmt.Sprintf("nota %d", i), "nl"), G: g},
		)
	}
	return qs[:n]
}

// TestBulkImportSnapshots checks that a snapshot taken before a bulk import
// goes on reading the old file after the new one is in place, that new
// snapshots and writes use the new file, and that the old file is closed
// once its last snapshot ends.
func TestBulkImportSnapshots(t *testing.T) {
	ctx := context.Background()
	s := openTempWith(t, &Options{NoSync: true, ImportMemory: 1 << 20})
	base := shapedQuads(3000)
	if err := s.Add(ctx, base); err != nil {
		t.Fatal(err)
	}
	before, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	oldDB := s.cur.db
	more := shapedQuads(40000)
	if _, err := s.Import(ctx, emitAll(more, 0, nil)); err != nil {
		t.Fatal(err)
	}
	if s.cur.db == oldDB {
		t.Fatal("the bulk import did not replace the file")
	}
	st, err := before.Stats()
	if err != nil || st.Quads != int64(len(base)) {
		t.Fatalf("old snapshot: %+v, %v; want %d quads", st, err, len(base))
	}
	n := 0
	if err := before.Match(ctx, [4]uint64{}, func([4]uint64) bool { n++; return true }); err != nil || n != len(base) {
		t.Fatalf("old snapshot matched %d quads (%v), want %d", n, err, len(base))
	}
	if err := s.Add(ctx, []rdf.Quad{rdf.Triple(rdf.IRI("http://e/x"), rdf.IRI("http://e/p"), rdf.Literal("na"))}); err != nil {
		t.Fatal(err)
	}
	want := map[rdf.Quad]bool{rdf.Triple(rdf.IRI("http://e/x"), rdf.IRI("http://e/p"), rdf.Literal("na")): true}
	for _, q := range more {
		want[q] = true
	}
	sameSet(t, s, want)
	if err := before.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := oldDB.Begin(false); err == nil {
		t.Error("the old file is still open after its last snapshot closed")
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestOpenRemovesLeftovers checks that a writer's Open removes the build
// and restore files a killed process left, and leaves other files alone.
func TestOpenRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.db")
	for _, name := range []string{"m.db.build-123", "m.db.restore-9", "m.db.run-4417", "m.db.notes", "other.db.build-1"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(path, &Options{ReadOnly: false, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"m.db", "m.db.notes", "other.db.build-1"}; !slices.Equal(names, want) {
		t.Errorf("files after Open: %v, want %v", names, want)
	}
}

// TestBulkImportPreferred checks the choice between the two ways of
// importing under the default budget: an import larger than the store is a
// bulk import (decided after the source ended), a small one into a larger
// store is one transaction.
func TestBulkImportPreferred(t *testing.T) {
	ctx := context.Background()
	logger, logs := logBuffer()
	s := openTempWith(t, &Options{NoSync: true, Logger: logger})
	big := shapedQuads(60000)
	if _, err := s.Import(ctx, emitAll(big, 0, nil)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "store bulk import") {
		t.Errorf("60000 quads into an empty store: not a bulk import:\n%s", logs)
	}
	logs.Reset()
	small := shapedQuads(60100)[60000:]
	if _, err := s.Import(ctx, emitAll(small, 0, nil)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), "store bulk import") {
		t.Errorf("100 quads into a store of 60000: a bulk import:\n%s", logs)
	}
	want := map[rdf.Quad]bool{}
	for _, q := range shapedQuads(60100) {
		want[q] = true
	}
	sameSet(t, s, want)
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
}
