package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/store"
	"github.com/stadleuven/maturity/vocab"
)

// breakModel gives both data structure definitions of the store's model a
// required attribute that no import fills: every cube built from the model
// from then on breaks IC-13 (required attributes), however good the sheet.
func breakModel(t *testing.T, data string) {
	t.Helper()
	ctx := context.Background()
	st, err := openStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := ensureLoaded(ctx, st, data, defaultBase, firstLoad{examples: true}, nil); err != nil {
		t.Fatal(err)
	}
	snap, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	g := rdf.IRI(vocab.ModelGraph(defaultBase))
	qs, err := dataset.NewDecoder(snap).GraphQuads(ctx, g)
	snap.Close()
	if err != nil || len(qs) == 0 {
		t.Fatalf("model graph: %d quads, %v", len(qs), err)
	}
	for _, name := range []string{"evaluatie", "bevraging"} {
		dsd := vocab.DSD(name)
		comp := rdf.IRI(dsd + "#verplicht")
		qs = append(qs,
			rdf.Triple(rdf.IRI(dsd), rdf.IRI(vocab.QB+"component"), comp),
			rdf.Triple(comp, rdf.IRI(vocab.QB+"attribute"), rdf.IRI(vocab.Mat("verplicht"))),
			rdf.Triple(comp, rdf.IRI(vocab.QB+"componentRequired"), rdf.TypedLiteral("true", rdf.XSDBoolean)))
	}
	if err := st.ReplaceGraphs(ctx, []store.GraphContent{{Graph: g, Quads: qs}}); err != nil {
		t.Fatal(err)
	}
}

// Ensure `assess import` and `survey import` run the Data Cube integrity
// constraints before they write: with a model that makes every cube break
// IC-13, both refuse, name the constraint, and leave the store as it was.
func TestImportRefusesBrokenCube(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	breakModel(t, data)
	sheets := filepath.Join("..", "..", "examples", "data")
	runCases(t, []cliCase{
		{"assess import", []string{"assess", "import", filepath.Join(sheets, "zelfevaluatie-99991-2025.csv"), "--data", data, "--org", "24062", "--year", "2026"}, 1, "", "integriteitsregel IC-13"},
		{"survey import", []string{"survey", "import", filepath.Join(sheets, "bevraging-99991-2025.csv"), "--data", data, "--org", "24062", "--year", "2026"}, 1, "", "integrity constraint IC-13"},
		{"nothing written", []string{"plan", "--data", data, "--org", "24062", "--year", "2026"}, 1, "", "geen evaluatie"},
	})
	st, err := openStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	snap, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	for _, g := range []string{vocab.AssessmentGraph(defaultBase, "24062", 2026, 1), vocab.SurveyGraph(defaultBase, "24062", 2026, 1)} {
		if qs, err := dataset.NewDecoder(snap).GraphQuads(context.Background(), rdf.IRI(g)); err != nil || len(qs) != 0 {
			t.Errorf("%s: %d quads written, %v", g, len(qs), err)
		}
	}
}
