package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/assess"
)

// A public instance starts with the model only, and must name the
// organisation that publishes its catalog; a trial on this machine gets
// the demo cities and the demo city as publisher. Never Leuven by default.
func TestServeDefaults(t *testing.T) {
	for _, c := range []struct {
		base     string
		examples bool
	}{
		{"http://localhost:8080/", true},
		{"http://127.0.0.1:9999/", true},
		{"https://data.leuven.be/maturiteit/", false},
	} {
		if got := examplesByDefault(c.base); got != c.examples {
			t.Errorf("examplesByDefault(%s) = %v", c.base, got)
		}
	}
	ctx := context.Background()
	for _, c := range []struct {
		name, base, publisher, want, err string
		examples                         bool
	}{
		{"public, none given", "https://data.gent.be/", "", "", "--publisher", false},
		{"public, Gent", "https://data.gent.be/", "44021", "44021", "", false},
		{"public, unknown", "https://data.gent.be/", "12345", "", "onbekend", false},
		{"trial", "http://localhost:8080/", "", demoPublisher, "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			st, err := openStore(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if err := ensureLoaded(ctx, st, dir, c.base, firstLoad{examples: examplesByDefault(c.base)}, nil); err != nil {
				t.Fatal(err)
			}
			got, err := catalogPublisher(ctx, st, c.base, c.publisher)
			if got != c.want || (err == nil) != (c.err == "") || (err != nil && !strings.Contains(err.Error(), c.err)) {
				t.Errorf("publisher %q, %v; want %q, %q", got, err, c.want, c.err)
			}
			snap, _ := st.Snapshot()
			defer snap.Close()
			lbl, err := assess.OrgLabel(ctx, snap, c.base, demoPublisher)
			if err != nil || (len(lbl) > 0) != c.examples {
				t.Errorf("demo city present: %v (%v), want %v", len(lbl) > 0, err, c.examples)
			}
		})
	}
}
