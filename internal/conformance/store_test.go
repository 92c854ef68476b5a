package conformance

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/store"
)

// openStore opens a fresh store in a temporary directory, closed when the
// test ends. NoSync because the file is thrown away: an fsync per commit
// would dominate the run time. A small map, because hundreds of these
// exist over a run and the default 1 GiB reservation buys nothing here.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "store.db"), &store.Options{NoSync: true, MmapSize: 8 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return st
}

// blankPrefixes numbers imports, so that every import gets its own blank
// nodes, as `maturity import` gives each file.
var blankPrefixes atomic.Int64

func freshBlankPrefix() string {
	return fmt.Sprintf("c%d_", blankPrefixes.Add(1))
}

// importReader imports one document through store.Import, the way
// `maturity import` does: the parser streams into the store's transaction.
func importReader(ctx context.Context, st *store.Store, r io.Reader, f rdfio.Format, opts rdfio.ParseOptions) (int64, error) {
	if opts.BlankPrefix == "" {
		opts.BlankPrefix = freshBlankPrefix()
	}
	return st.Import(ctx, func(emit func(rdf.Quad) error) error {
		return rdfio.Parse(r, f, opts, emit)
	})
}

// importFile imports the file at path.
func importFile(ctx context.Context, st *store.Store, path string, f rdfio.Format, opts rdfio.ParseOptions) (int64, error) {
	in, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	if opts.File == "" {
		opts.File = filepath.Base(path)
	}
	return importReader(ctx, st, in, f, opts)
}

// storedQuads reads every quad of every graph back from a new snapshot.
func storedQuads(ctx context.Context, st *store.Store) ([]rdf.Quad, error) {
	snap, err := st.Snapshot()
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	var qs []rdf.Quad
	err = snap.Quads(ctx, rdf.Term{}, rdf.Term{}, rdf.Term{}, store.AnyGraph, func(q rdf.Quad) bool {
		qs = append(qs, q)
		return true
	})
	return qs, err
}

// export writes the whole store in format f exactly as `maturity export`
// does (cmd/maturity runExport): a Writer fed from Snapshot.Quads over all
// graphs, with the instance's prefixes and JSON-LD context.
func export(ctx context.Context, st *store.Store, f rdfio.Format, opts rdfio.WriteOptions) ([]byte, error) {
	snap, err := st.Snapshot()
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	var buf bytes.Buffer
	w, err := rdfio.NewWriter(&buf, f, opts)
	if err != nil {
		return nil, err
	}
	var werr error
	err = snap.Quads(ctx, rdf.Term{}, rdf.Term{}, rdf.Term{}, store.AnyGraph, func(q rdf.Quad) bool {
		werr = w.Write(q)
		return werr == nil
	})
	if err == nil {
		err = werr
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return buf.Bytes(), err
}

// clearStore empties a store graph by graph, so that one store serves many
// tests: opening a bbolt file costs a few synced writes, which over
// thousands of round trips would dominate the run. It checks that the store
// then really is empty, which also tests ClearGraph on every shape of data
// the suites hold.
func clearStore(ctx context.Context, st *store.Store) error {
	snap, err := st.Snapshot()
	if err != nil {
		return err
	}
	infos, err := snap.GraphInfos(ctx)
	snap.Close()
	if err != nil {
		return err
	}
	for _, gi := range infos {
		if gi.Quads > 0 {
			if err := st.ClearGraph(ctx, gi.Graph); err != nil {
				return err
			}
		}
	}
	left, err := storedQuads(ctx, st)
	if err != nil {
		return err
	}
	if len(left) > 0 {
		return fmt.Errorf("%d quads left after clearing every graph, e.g. %s", len(left), left[0])
	}
	return nil
}
