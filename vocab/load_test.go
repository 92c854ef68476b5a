package vocab

import (
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

const testBase = "http://example.org/stad/"

// Every embedded file parses, and every triple lands in graph/model,
// graph/organisaties or graph/studie.
func TestLoad(t *testing.T) {
	qs, err := Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	graphs := map[string]int{}
	for _, q := range qs {
		graphs[q.G.Value]++
	}
	for _, g := range []string{ModelGraph(testBase), OrganisationsGraph(testBase), StudyGraph(testBase)} {
		if graphs[g] == 0 {
			t.Errorf("graph %s is empty", g)
		}
	}
	if len(graphs) != 3 {
		t.Errorf("graphs = %v, want only model, organisaties and studie", graphs)
	}
	t.Logf("%d quads: %v", len(qs), graphs)
	_ = rdf.Quad{}
}
