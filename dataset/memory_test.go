package dataset_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
)

func TestMemory(t *testing.T) {
	ctx := context.Background()
	m := dataset.NewMemory(data(":a :p :b", ":a :p :b", ":a :q 1", ":b :p :c :g1", ":a :p :b :g2"))
	if m.Len() != 4 {
		t.Errorf("Len = %d, want 4 (duplicates kept once)", m.Len())
	}
	if again := dataset.NewMemory(m.Quads()); !rdf.Isomorphic(again.Quads(), m.Quads()) || again.Len() != 4 {
		t.Errorf("Quads does not round-trip: %v", again.Quads())
	}
	id := func(s string) uint64 {
		t.Helper()
		i, ok, err := m.Lookup(term(s))
		if err != nil || !ok {
			t.Fatalf("Lookup(%s) = %d, %v, %v", s, i, ok, err)
		}
		return i
	}
	dflt, ok, err := m.Lookup(rdf.Term{})
	if err != nil || !ok || dflt == 0 {
		t.Fatalf("default graph id = %d, %v, %v", dflt, ok, err)
	}
	if _, ok, _ := m.Lookup(term(":nope")); ok {
		t.Error("Lookup of an absent term succeeded")
	}
	got, err := m.Term(id(":b"))
	if err != nil || got != term(":b") {
		t.Errorf("Term(id(:b)) = %v, %v", got, err)
	}
	if _, err := m.Term(999); !errors.Is(err, dataset.ErrUnknownID) {
		t.Errorf("Term(999) error = %v, want ErrUnknownID", err)
	}

	count := func(p [4]uint64) int {
		n := 0
		if err := m.Match(ctx, p, func([4]uint64) bool { n++; return true }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, tc := range []struct {
		name string
		p    [4]uint64
		want int
	}{
		{"all graphs", [4]uint64{0, 0, 0, 0}, 4},
		{"default graph", [4]uint64{0, 0, 0, dflt}, 2},
		{"subject", [4]uint64{id(":a"), 0, 0, 0}, 3},
		{"subject and predicate", [4]uint64{id(":a"), id(":p"), 0, 0}, 2},
		{"object in a graph", [4]uint64{0, 0, id(":b"), id(":g2")}, 1},
		{"no match", [4]uint64{id(":c"), 0, 0, 0}, 0},
	} {
		if n := count(tc.p); n != tc.want {
			t.Errorf("%s: %d matches, want %d", tc.name, n, tc.want)
		}
		est, err := m.Estimate(tc.p)
		if err != nil || est < uint64(tc.want) {
			t.Errorf("%s: Estimate = %d, %v, want at least %d", tc.name, est, err, tc.want)
		}
	}
	var graphs []uint64
	if err := m.Graphs(ctx, func(g uint64) bool { graphs = append(graphs, g); return true }); err != nil {
		t.Fatal(err)
	}
	if want := []uint64{id(":g1"), id(":g2")}; !slices.Equal(graphs, want) {
		t.Errorf("Graphs = %v, want %v", graphs, want)
	}
	// Match stops when yield says so.
	n := 0
	_ = m.Match(ctx, [4]uint64{}, func([4]uint64) bool { n++; return false })
	if n != 1 {
		t.Errorf("Match went on after yield returned false: %d calls", n)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := m.Match(cancelled, [4]uint64{}, func([4]uint64) bool { return true }); !errors.Is(err, context.Canceled) {
		t.Errorf("Match with a cancelled context = %v", err)
	}
}
