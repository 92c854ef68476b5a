package assess

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
)

// icQueries runs the normative queries over quads, normalised first.
func icQueries(t *testing.T, dir string, quads []rdf.Quad) (map[string]bool, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	names, err := RunICQueries(ctx, dataset.NewMemory(NormaliseCube(quads)), os.DirFS(filepath.Join(dir, "queries")))
	out := map[string]bool{}
	for _, n := range names {
		out[n] = true
	}
	return out, err
}

// The normative SPARQL queries, run by our own engine, agree with the
// W3C suite's expected results.
func TestICQueriesConformance(t *testing.T) {
	dir, cases := readICSuite(t)
	pass := 0
	for _, c := range cases {
		violated, err := icQueries(t, dir, loadFixtures(t, dir, c.files))
		if err != nil {
			t.Errorf("%s on %v: %v", c.query, c.files, err)
			continue
		}
		if violated[c.query] != c.violated {
			t.Errorf("%s on %v: violated = %v, want %v", c.query, c.files, violated[c.query], c.violated)
			continue
		}
		pass++
	}
	testtool.Figure(t, "Data Cube IC-1..21 cases (W3C editor's suite), normative ASK queries through sparql.Exec: %d/%d pass", pass, len(cases))
	if pass < len(cases) {
		t.Errorf("pass count %d below %d", pass, len(cases))
	}
}

// Our published cubes (an assessment and a survey, with the model) meet
// every integrity constraint when checked by the normative queries.
func TestICQueriesOnOurCubes(t *testing.T) {
	dir := testtool.Testdata(t, "datacube-ic")
	_, modelQuads := testModel(t)
	gs, sg := ourCubes(t)
	all := append(append(append([]rdf.Quad{}, modelQuads...), allQuads(gs)...), allQuads(sg)...)
	violated, err := icQueries(t, dir, all)
	if err != nil {
		t.Fatal(err)
	}
	for name := range violated {
		t.Errorf("%s reports a violation", name)
	}
}
