package ldserver

import (
	"context"
	"testing"

	"github.com/stadleuven/maturity/dcat"
)

// A catalog build outlives the request that started it: on a large hub it
// takes longer than a request may, and a build each request abandoned at
// its deadline would never be cached (bench/RESULTS-hub.md). A request
// whose context is already over still gets it built and kept.
func TestCatalogBuildOutlivesRequest(t *testing.T) {
	env := newTestEnv(t, nil, nil)
	c := &catalogState{s: env.ld, sizes: dcat.NewSizeCache(), cfg: dcat.Config{Base: env.base, Licence: env.ld.cfg.Licence}}
	v, err := env.src.View(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	over, cancel := context.WithCancel(context.Background())
	cancel()
	cat, err := c.catalog(over, v, c.cfg.Profile)
	if err != nil || cat == nil || len(cat.Datasets) == 0 {
		t.Fatalf("build under a request that is over: %v", err)
	}
	if c.cat != cat || c.gen != v.Generation() {
		t.Error("the catalog was not kept for the next request")
	}
}
