package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

func TestZZDebugSizes(t *testing.T) {
	path := os.Getenv("ZZ_FILE")
	if path == "" {
		t.Skip()
	}
	s, err := Open(filepath.Join(t.TempDir(), "x.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f, _ := os.Open(path)
	start := time.Now()
	n, err := s.Import(context.Background(), func(emit func(rdf.Quad) error) error {
		return rdfio.Parse(f, rdfio.NTriples, rdfio.ParseOptions{}, emit)
	})
	t.Logf("import %d in %v err %v size %d", n, time.Since(start), err, fileSize(s.path))
	s.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			st := b.Stats()
			fmt.Printf("%-10s keys=%d leafpages=%d leafalloc=%d leafinuse=%d branch=%d overflow=%d\n", name, st.KeyN, st.LeafPageN, st.LeafAlloc, st.LeafInuse, st.BranchAlloc, st.LeafOverflowN)
			return nil
		})
	})
	fmt.Println(s.db.Stats().FreePageN, s.db.Stats().PendingPageN)
}

func TestZZParseOnly(t *testing.T) {
	path := os.Getenv("ZZ_FILE")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	start := time.Now()
	n := 0
	err := rdfio.Parse(f, rdfio.NTriples, rdfio.ParseOptions{}, func(rdf.Quad) error { n++; return nil })
	t.Logf("parse %d in %v err %v", n, time.Since(start), err)
}

func TestZZCrashLike(t *testing.T) {
	if os.Getenv("ZZ_CRASH") == "" {
		t.Skip()
	}
	s, _ := Open(filepath.Join(t.TempDir(), "x.db"), nil)
	defer s.Close()
	start := time.Now()
	_, err := s.Import(context.Background(), func(emit func(rdf.Quad) error) error {
		for i := range crashQuads {
			if err := emit(crashQuad(i)); err != nil {
				return err
			}
		}
		return nil
	})
	t.Logf("import %v %v", time.Since(start), err)
}
