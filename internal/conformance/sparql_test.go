package conformance

import (
	"context"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/internal/w3c"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/store"
)

// TestSPARQLViaStore runs the W3C SPARQL 1.0 and 1.1 query-evaluation
// suites over the real store: each test's data is imported with
// store.Import into a fresh store (qt:data into the default graph,
// qt:graphData and FROM / FROM NAMED files into named graphs named by their
// IRIs) and the query runs through sparql.Exec on a Snapshot with the W3C's
// own default graph. Every test also runs over dataset.Memory holding the same
// quads, and over one store reused from test to test; all must agree test
// by test, in outcome and in answer, since any difference is the store's
// Dataset behaving unlike the reference.
func TestSPARQLViaStore(t *testing.T) {
	root := testtool.Testdata(t)
	for _, s := range w3c.QuerySuites() {
		t.Run(s.Name, func(t *testing.T) {
			tests, err := s.Read(root)
			if err != nil {
				t.Fatal(err)
			}
			worn := openStore(t)
			var mem, sto, wrn w3c.EvalCounts
			unionDiffers := 0
			for _, tc := range tests {
				if !tc.IsEvaluation() {
					continue
				}
				t.Run(strings.TrimPrefix(tc.Key(), s.Name+"/"), func(t *testing.T) {
					v := runEverywhere(t, tc, worn)
					if reason, ok := w3c.SkipReason(tc.Key()); ok {
						// Not judged against its expected result, but
						// the store must still answer as dataset.Memory.
						t.Logf("not judged: %s", reason)
						v.memory, v.store, v.worn = w3c.Skip, w3c.Skip, w3c.Skip
					}
					mem.Add(tc.Key(), v.memory)
					sto.Add(tc.Key(), v.store)
					wrn.Add(tc.Key(), v.worn)
					if v.unionDiffers {
						unionDiffers++
					}
				})
			}
			t.Logf("%s over dataset.Memory: %s", s.Name, &mem)
			testtool.Figure(t, "%s query evaluation, through store.Import and a store snapshot: %s", s.Title, &sto)
			t.Logf("%s via a store reused from test to test: %s", s.Name, &wrn)
			// Without this count the union check could pass vacuously.
			t.Logf("%s: queries that answer otherwise over the union default graph: %d, alike over the store and dataset.Memory", s.Name, unionDiffers)
			// The same floors as the in-memory run of the sparql package.
			sto.Check(t, s, "via store")
			wrn.Check(t, s, "via a reused store")
		})
	}
}

// verdict is how one test went over each dataset.
type verdict struct {
	memory, store w3c.Outcome
	worn          w3c.Outcome // over a store reused from test to test
	// unionDiffers: over the union default graph the query answers
	// differently than over the W3C's own default graph.
	unionDiffers bool
}

// runEverywhere runs one test over dataset.Memory, over a fresh store and over
// the reused store worn, in the W3C's default-graph mode and the union
// mode, and fails the subtest when any two disagree. Failures against the
// expected result are logged, not errors: the floors judge those.
func runEverywhere(t *testing.T, tc w3c.QueryTest, worn *store.Store) verdict {
	ctx := context.Background()
	text, q, exp, err := w3c.Prepare(tc)
	if err != nil {
		t.Logf("cannot run: %v", err)
		return verdict{memory: w3c.Fail, store: w3c.Fail}
	}
	files, err := w3c.DataFiles(tc, q.Algebra())
	if err != nil {
		t.Logf("data files: %v", err)
		return verdict{memory: w3c.Fail, store: w3c.Fail}
	}
	memQuads, err := w3c.LoadQuads(files)
	if err != nil {
		t.Logf("load data: %v", err)
		return verdict{memory: w3c.Fail, store: w3c.Fail}
	}
	memAns, memErr := w3c.Execute(ctx, dataset.NewMemory(memQuads), q, sparql.OwnDefaultGraph)

	st := openStore(t)
	n, err := importFiles(ctx, st, files)
	if err != nil {
		t.Errorf("import into the store failed where the parser alone did not: %v", err)
		return verdict{memory: w3c.Fail, store: w3c.Fail}
	}
	if n != int64(len(memQuads)) {
		t.Errorf("store import emitted %d quads, the parser %d", n, len(memQuads))
	}
	snap, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	stoAns, stoErr := w3c.Execute(ctx, snap, q, sparql.OwnDefaultGraph)

	v := verdict{}
	var memDetail, storeDetail string
	v.memory, memDetail = w3c.JudgeTest(tc, exp, memAns, memErr, q)
	v.store, storeDetail = w3c.JudgeTest(tc, exp, stoAns, stoErr, q)
	if v.memory != v.store {
		t.Errorf("dataset.Memory: %v, store: %v\nstore: %s\nmemory: %s\nquery:\n%s", v.memory, v.store, storeDetail, memDetail, text)
	} else if memErr == nil && stoErr == nil && !w3c.SameAnswer(memAns, stoAns, q) {
		t.Errorf("dataset.Memory and the store answer differently (both %v)\nquery:\n%s\nstore: %s\nmemory: %s", v.memory, text, w3c.Describe(stoAns), w3c.Describe(memAns))
	}
	if v.store == w3c.Fail {
		t.Logf("fails on both: %s", w3c.FirstLine(storeDetail))
	}

	// The W3C tests fix the default graph as its own graph. The server
	// queries the union of all graphs instead, which reaches the store's
	// Graphs and graph-0 patterns; there is no expected result for that
	// mode, but the two datasets must still agree.
	memU, memUErr := w3c.Execute(ctx, dataset.NewMemory(memQuads), q, sparql.UnionDefaultGraph)
	stoU, stoUErr := w3c.Execute(ctx, snap, q, sparql.UnionDefaultGraph)
	switch {
	case (memUErr == nil) != (stoUErr == nil):
		t.Errorf("union default graph: dataset.Memory error %v, store error %v\nquery:\n%s", memUErr, stoUErr, text)
	case memUErr == nil && !w3c.SameAnswer(memU, stoU, q):
		t.Errorf("union default graph: dataset.Memory and the store answer differently\nquery:\n%s\nstore: %s\nmemory: %s", text, w3c.Describe(stoU), w3c.Describe(memU))
	}
	v.unionDiffers = stoErr == nil && stoUErr == nil && !w3c.SameAnswer(stoAns, stoU, q)

	// A store that served every earlier test, emptied since, still holds
	// their terms in its dictionary (ids stay valid after removal, see
	// dataset.Dataset): constants of this query may look up and match
	// nothing. It must answer as the fresh store did.
	if err := clearStore(ctx, worn); err != nil {
		t.Fatalf("empty the reused store: %v", err)
	}
	if _, err := importFiles(ctx, worn, files); err != nil {
		t.Fatalf("import into the reused store: %v", err)
	}
	wsnap, err := worn.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer wsnap.Close()
	wAns, wErr := w3c.Execute(ctx, wsnap, q, sparql.OwnDefaultGraph)
	v.worn, _ = w3c.JudgeTest(tc, exp, wAns, wErr, q)
	switch {
	case (wErr == nil) != (stoErr == nil):
		t.Errorf("reused store: error %v, fresh store: error %v\nquery:\n%s", wErr, stoErr, text)
	case wErr == nil && !w3c.SameAnswer(wAns, stoAns, q):
		t.Errorf("the reused store answers otherwise than a fresh one\nquery:\n%s\nreused: %s\nfresh: %s", text, w3c.Describe(wAns), w3c.Describe(stoAns))
	}
	return v
}

// importFiles imports documents in one store.Import, as `maturity import`
// does with several files: each streamed by the parser into the store's
// transaction, with blank nodes of its own.
func importFiles(ctx context.Context, st *store.Store, files []w3c.DataFile) (int64, error) {
	return st.Import(ctx, func(emit func(rdf.Quad) error) error {
		for _, f := range files {
			if err := w3c.ParseData(f.Path, f.Graph, freshBlankPrefix(), emit); err != nil {
				return err
			}
		}
		return nil
	})
}
