package assess

import (
	"context"
	"reflect"
	"testing"

	"github.com/stadleuven/maturity/dataset"
)

// The model read back through the dataset.Dataset interface (as from
// the store) is the model read from the quads.
func TestLoadModelFromDataset(t *testing.T) {
	direct, qs := testModel(t)
	ctx := context.Background()
	ds := dataset.NewMemory(qs)
	viaDS, err := LoadModel(ctx, ds, testBase)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(direct, viaDS) {
		t.Error("model read through dataset.Dataset differs from the model read from quads")
	}
	if len(viaDS.Domains) != 11 || len(viaDS.Profiles) != 5 || len(viaDS.Principles) != 20 || len(viaDS.Items) != 23 {
		t.Errorf("%d domains, %d profiles, %d principles, %d items", len(viaDS.Domains), len(viaDS.Profiles), len(viaDS.Principles), len(viaDS.Items))
	}
	label, err := OrgLabel(ctx, ds, testBase, "24062")
	if err != nil || label["nl"] != "Stad Leuven" || label["en"] != "City of Leuven" {
		t.Errorf("label of 24062: %v, %v", label, err)
	}
	if _, err := LoadModel(ctx, dataset.NewMemory(nil), testBase); err == nil {
		t.Error("an empty store gave a model")
	}
	if v, err := NextSurveyVersion(ctx, ds, testBase, "24062", 2024); v != 1 || err != nil {
		t.Errorf("next survey version %d, %v", v, err)
	}
	if _, err := LoadAssessment(ctx, ds, testBase, "24062", 2024); err == nil {
		t.Error("an assessment that does not exist was loaded")
	}
}
