package w3c

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/sparql"
)

// lossy is a Dataset that hides every quad whose object id is a multiple
// of three: a stand-in for a store that loses quads.
type lossy struct{ dataset.Dataset }

func (l lossy) Match(ctx context.Context, pattern [4]uint64, yield func([4]uint64) bool) error {
	return l.Dataset.Match(ctx, pattern, func(q [4]uint64) bool {
		return q[2]%3 == 0 || yield(q)
	})
}

// Ensure the comparison of two datasets' answers notices a dataset that
// loses quads: over real W3C tests, a lossy dataset must answer otherwise.
func TestComparisonNoticesLostQuads(t *testing.T) {
	ctx := context.Background()
	root := testtool.Testdata(t)
	tests, err := ReadQueryManifest("sparql11", filepath.Join(root, "sparql11", "aggregates", "manifest.ttl"))
	if err != nil {
		t.Fatal(err)
	}
	ran, differ, judgedFail := 0, 0, 0
	for _, tc := range tests {
		if tc.Type != "QueryEvaluationTest" {
			continue
		}
		_, q, exp, err := Prepare(tc)
		if err != nil {
			t.Fatal(err)
		}
		files, err := DataFiles(tc, q.Algebra())
		if err != nil {
			t.Fatal(err)
		}
		quads, err := LoadQuads(files)
		if err != nil {
			t.Fatal(err)
		}
		good, err := Execute(ctx, dataset.NewMemory(quads), q, sparql.OwnDefaultGraph)
		if err != nil {
			continue
		}
		bad, err := Execute(ctx, lossy{dataset.NewMemory(quads)}, q, sparql.OwnDefaultGraph)
		ran++
		if err != nil || !SameAnswer(good, bad, q) {
			differ++
		}
		if o, _ := Judge(exp, bad, err, q); o == Fail {
			judgedFail++
		}
	}
	t.Logf("lossy dataset: %d of %d aggregate tests answer differently, %d judged failed", differ, ran, judgedFail)
	if ran < 20 || differ < ran/2 || judgedFail < ran/2 {
		t.Errorf("only %d (compared) and %d (judged) of %d tests noticed a third of the quads missing", differ, judgedFail, ran)
	}
}
