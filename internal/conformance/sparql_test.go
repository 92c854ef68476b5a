package conformance

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/eval"
	"github.com/stadleuven/maturity/sparql/results"
	"github.com/stadleuven/maturity/store"
)

// sparqlSuite is one W3C SPARQL suite's evaluation tests. floor is how many
// passed over the store when this was written (the same number eval.Memory
// reaches in the sparql package's harness); fewer fails the test.
type sparqlSuite struct {
	name      string
	manifests []string // relative to conformance/
	floor     int
}

var sparqlSuites = []sparqlSuite{
	{name: "sparql11", manifests: []string{"sparql11/manifest-sparql11-query.ttl", "sparql11/csv-tsv-res/manifest.ttl", "sparql11/json-res/manifest.ttl"}, floor: 235},
	{name: "sparql10", manifests: []string{"sparql10/manifest-evaluation.ttl", "sparql10/extended-manifest-evaluation.ttl"}, floor: 283},
}

// sparqlSkips are the tests the sparql package's harness skips, for the
// same reasons.
var sparqlSkips = map[string]string{
	"sparql10/sort/dawg-sort-11": "RDF 1.0 only: orders plain literals before xsd:string literals, which RDF 1.1 makes the same terms",
}

// TestSPARQLViaStore runs the W3C SPARQL 1.0 and 1.1 query-evaluation
// suites over the real store: each test's data is imported with
// store.Import into a fresh store (qt:data into the default graph,
// qt:graphData and FROM / FROM NAMED files into named graphs named by their
// IRIs) and the query runs through sparql.Exec on a Snapshot with the W3C's
// own default graph. Every test also runs over eval.Memory holding the same
// quads, and over one store reused from test to test; all must agree test
// by test, in outcome and in answer, since any difference is the store's
// Dataset behaving unlike the reference.
func TestSPARQLViaStore(t *testing.T) {
	root := testtool.Shared(t, "conformance")
	for _, s := range sparqlSuites {
		t.Run(s.name, func(t *testing.T) {
			var tests []queryTest
			for _, m := range s.manifests {
				ts, err := readQueryManifest(s.name, filepath.Join(root, m))
				if err != nil {
					t.Fatal(err)
				}
				tests = append(tests, ts...)
			}
			worn := openStore(t)
			var mem, sto, wrn [4]int
			unionDiffers := 0
			for _, tc := range tests {
				if tc.kind != "QueryEvaluationTest" && tc.kind != "CSVResultFormatTest" {
					continue
				}
				t.Run(strings.TrimPrefix(tc.key(), s.name+"/"), func(t *testing.T) {
					if reason, ok := sparqlSkips[tc.key()]; ok {
						mem[skip]++
						sto[skip]++
						wrn[skip]++
						t.Skip(reason)
					}
					v := runEverywhere(t, tc, worn)
					mem[v.memory]++
					sto[v.store]++
					wrn[v.worn]++
					if v.unionDiffers {
						unionDiffers++
					}
				})
			}
			t.Logf("%s over eval.Memory: %d passed (%d by value), %d failed, %d skipped", s.name, mem[pass]+mem[passByValue], mem[passByValue], mem[fail], mem[skip])
			t.Logf("%s via store: %d passed (%d by value), %d failed, %d skipped", s.name, sto[pass]+sto[passByValue], sto[passByValue], sto[fail], sto[skip])
			t.Logf("%s via a reused store: %d passed, %d failed", s.name, wrn[pass]+wrn[passByValue], wrn[fail])
			// Without this count the union check could pass vacuously.
			t.Logf("%s: queries that answer otherwise over the union default graph: %d, alike over the store and eval.Memory", s.name, unionDiffers)
			if n := sto[pass] + sto[passByValue]; n < s.floor {
				t.Errorf("%s: %d evaluation tests passed over the store, below the floor of %d", s.name, n, s.floor)
			}
			if n := wrn[pass] + wrn[passByValue]; n < s.floor {
				t.Errorf("%s: %d evaluation tests passed over the reused store, below the floor of %d", s.name, n, s.floor)
			}
		})
	}
}

// verdict is how one test went over each dataset.
type verdict struct {
	memory, store outcome
	worn          outcome // over a store reused from test to test
	// unionDiffers: over the union default graph the query answers
	// differently than over the W3C's own default graph.
	unionDiffers bool
}

// runEverywhere runs one test over eval.Memory, over a fresh store and over
// the reused store worn, in the W3C's default-graph mode and the union
// mode, and fails the subtest when any two disagree. Failures against the
// expected result are logged, not errors: the floors judge those.
func runEverywhere(t *testing.T, tc queryTest, worn *store.Store) verdict {
	text, q, exp, err := prepare(tc)
	if err != nil {
		t.Logf("cannot run: %v", err)
		return verdict{memory: fail, store: fail}
	}
	memQuads, err := loadMemory(tc, q.Algebra())
	if err != nil {
		t.Logf("load data: %v", err)
		return verdict{memory: fail, store: fail}
	}
	memAns, memErr := execute(eval.NewMemory(memQuads), q, sparql.OwnDefaultGraph)

	st := openStore(t)
	n, err := loadStore(context.Background(), st, tc, q.Algebra())
	if err != nil {
		t.Errorf("import into the store failed where the parser alone did not: %v", err)
		return verdict{memory: fail, store: fail}
	}
	if n != int64(len(memQuads)) {
		t.Errorf("store import emitted %d quads, the parser %d", n, len(memQuads))
	}
	snap, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	stoAns, stoErr := execute(snap, q, sparql.OwnDefaultGraph)

	v := verdict{}
	var memDetail, storeDetail string
	v.memory, memDetail = outcomeOf(exp, memAns, memErr, q)
	v.store, storeDetail = outcomeOf(exp, stoAns, stoErr, q)
	if v.memory != v.store {
		t.Errorf("eval.Memory: %v, store: %v\nstore: %s\nmemory: %s\nquery:\n%s", v.memory, v.store, storeDetail, memDetail, text)
	} else if memErr == nil && stoErr == nil && !sameAnswer(memAns, stoAns, q) {
		t.Errorf("eval.Memory and the store answer differently (both %v)\nquery:\n%s\nstore: %s\nmemory: %s", v.memory, text, describe(stoAns), describe(memAns))
	}
	if v.store == fail {
		t.Logf("fails on both: %s", firstLine(storeDetail))
	}

	// The W3C tests fix the default graph as its own graph. The server
	// queries the union of all graphs instead, which reaches the store's
	// Graphs and graph-0 patterns; there is no expected result for that
	// mode, but the two datasets must still agree.
	memU, memUErr := execute(eval.NewMemory(memQuads), q, sparql.UnionDefaultGraph)
	stoU, stoUErr := execute(snap, q, sparql.UnionDefaultGraph)
	switch {
	case (memUErr == nil) != (stoUErr == nil):
		t.Errorf("union default graph: eval.Memory error %v, store error %v\nquery:\n%s", memUErr, stoUErr, text)
	case memUErr == nil && !sameAnswer(memU, stoU, q):
		t.Errorf("union default graph: eval.Memory and the store answer differently\nquery:\n%s\nstore: %s\nmemory: %s", text, describe(stoU), describe(memU))
	}
	v.unionDiffers = stoErr == nil && stoUErr == nil && !sameAnswer(stoAns, stoU, q)

	// A store that served every earlier test, emptied since, still holds
	// their terms in its dictionary (ids stay valid after removal, see
	// eval.Dataset): constants of this query may look up and match
	// nothing. It must answer as the fresh store did.
	if err := clearStore(context.Background(), worn); err != nil {
		t.Fatalf("empty the reused store: %v", err)
	}
	if _, err := loadStore(context.Background(), worn, tc, q.Algebra()); err != nil {
		t.Fatalf("import into the reused store: %v", err)
	}
	wsnap, err := worn.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer wsnap.Close()
	wAns, wErr := execute(wsnap, q, sparql.OwnDefaultGraph)
	v.worn, _ = outcomeOf(exp, wAns, wErr, q)
	switch {
	case (wErr == nil) != (stoErr == nil):
		t.Errorf("reused store: error %v, fresh store: error %v\nquery:\n%s", wErr, stoErr, text)
	case wErr == nil && !sameAnswer(wAns, stoAns, q):
		t.Errorf("the reused store answers otherwise than a fresh one\nquery:\n%s\nreused: %s\nfresh: %s", text, describe(wAns), describe(stoAns))
	}
	return v
}

// prepare reads and parses the query and the expected result.
func prepare(tc queryTest) (string, *sparql.Query, *expected, error) {
	path, ok := localPath(tc.query)
	if !ok {
		return "", nil, nil, fmt.Errorf("query %s is not a file", tc.query)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", nil, nil, err
	}
	text := string(b)
	q, err := sparql.Parse(text, sparql.ParseOptions{Base: tc.query})
	if err != nil {
		return text, nil, nil, fmt.Errorf("parse: %w", err)
	}
	exp, err := readExpected(tc.result)
	if err != nil {
		return text, nil, nil, fmt.Errorf("read expected result: %w", err)
	}
	return text, q, exp, nil
}

// dataFile is one document of a test's dataset and the graph it fills.
type dataFile struct {
	path  string
	graph rdf.Term
}

// dataFiles lists the test's documents: qt:data into the default graph,
// qt:graphData and the query's FROM / FROM NAMED files (when they exist)
// into named graphs named by their IRIs.
func dataFiles(tc queryTest, q *algebra.Query) ([]dataFile, error) {
	var files []dataFile
	add := func(iri string, g rdf.Term) error {
		path, ok := localPath(iri)
		if !ok {
			return fmt.Errorf("data %s is not a file", iri)
		}
		files = append(files, dataFile{path, g})
		return nil
	}
	for _, d := range tc.data {
		if err := add(d, rdf.Term{}); err != nil {
			return nil, err
		}
	}
	named := map[rdf.Term]bool{}
	for _, d := range tc.graphData {
		if err := add(d.file, d.name); err != nil {
			return nil, err
		}
		named[d.name] = true
	}
	for _, g := range append(slices.Clone(q.From), q.FromNamed...) {
		if named[g] {
			continue
		}
		named[g] = true
		if path, ok := localPath(g.Value); ok {
			if _, err := os.Stat(path); err == nil {
				files = append(files, dataFile{path, g})
			}
		}
	}
	return files, nil
}

// loadMemory parses the test's documents into memory, each with its own
// blank nodes, as the sparql package's harness does.
func loadMemory(tc queryTest, q *algebra.Query) ([]rdf.Quad, error) {
	files, err := dataFiles(tc, q)
	if err != nil {
		return nil, err
	}
	var quads []rdf.Quad
	for i, f := range files {
		qs, err := readDataFile(f.path, f.graph, fmt.Sprintf("d%d_", i))
		if err != nil {
			return nil, err
		}
		quads = append(quads, qs...)
	}
	return quads, nil
}

// loadStore imports the test's documents in one store.Import, each file
// streamed by the parser with its own blank nodes, as `maturity import`
// does with several files.
func loadStore(ctx context.Context, st *store.Store, tc queryTest, q *algebra.Query) (int64, error) {
	files, err := dataFiles(tc, q)
	if err != nil {
		return 0, err
	}
	return importFiles(ctx, st, files)
}

// importFiles imports documents in one store.Import, each streamed by the
// parser with its own blank nodes.
func importFiles(ctx context.Context, st *store.Store, files []dataFile) (int64, error) {
	return st.Import(ctx, func(emit func(rdf.Quad) error) error {
		for _, f := range files {
			format := rdfio.FormatForExt(f.path)
			if format == rdfio.FormatUnknown {
				return fmt.Errorf("%s: unknown RDF format", f.path)
			}
			in, err := os.Open(f.path)
			if err != nil {
				return err
			}
			err = rdfio.Parse(in, format, rdfio.ParseOptions{
				Base: fileIRI(f.path), File: f.path, Graph: f.graph, BlankPrefix: freshBlankPrefix(),
			}, emit)
			in.Close()
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// execute runs q over ds and collects the whole answer. A panic in the
// engine is an error of this test, not a crash of the suite.
func execute(ds eval.Dataset, q *sparql.Query, mode sparql.DefaultGraphMode) (ans answer, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := sparql.Exec(ctx, ds, q, sparql.ExecOptions{DefaultGraph: mode})
	if err != nil {
		return answer{}, err
	}
	defer res.Close()
	switch q.Form() {
	case algebra.Ask:
		b := res.Boolean()
		ans.table = &results.Table{Vars: res.Vars(), Boolean: &b}
	case algebra.Select:
		ans.table = &results.Table{Vars: res.Vars()}
		for res.Next() {
			ans.table.Rows = append(ans.table.Rows, slices.Clone(res.Row()))
		}
	default:
		for res.Next() {
			ans.graph = append(ans.graph, res.Quad())
		}
	}
	return ans, res.Err()
}

func outcomeOf(exp *expected, ans answer, err error, q *sparql.Query) (outcome, string) {
	if err != nil {
		return fail, "exec: " + err.Error()
	}
	return judge(exp, ans, q)
}

// describe prints an answer for a failure report.
func describe(a answer) string {
	switch {
	case a.table == nil:
		return fmt.Sprintf("%d triples\n%s", len(a.graph), nquads(a.graph))
	case a.table.Boolean != nil:
		return boolString(a.table.Boolean)
	}
	return diffRows(&results.Table{}, a.table)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
