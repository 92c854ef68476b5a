package dataset

import (
	"context"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// countingDataset counts the calls a Decoder makes, to show it memoises.
type countingDataset struct {
	Dataset
	lookups, terms int
}

func (c *countingDataset) Lookup(t rdf.Term) (uint64, bool, error) {
	c.lookups++
	return c.Dataset.Lookup(t)
}

func (c *countingDataset) Term(id uint64) (rdf.Term, error) {
	c.terms++
	return c.Dataset.Term(id)
}

// Ensure that a Decoder answers like its Dataset, asks it once per term,
// and starts afresh when its limit is reached.
func TestDecoder(t *testing.T) {
	ex := func(s string) rdf.Term { return rdf.IRI("http://example.org/" + s) }
	g := ex("g")
	quads := []rdf.Quad{
		{S: ex("a"), P: ex("p"), O: rdf.Literal("1"), G: g},
		{S: ex("b"), P: ex("p"), O: rdf.Literal("2"), G: g},
		{S: ex("c"), P: ex("p"), O: rdf.Literal("3")},
	}
	ds := &countingDataset{Dataset: NewMemory(quads)}
	d := NewDecoder(ds)

	if id, err := d.ID(ex("unknown")); err != nil || id != 0 {
		t.Fatalf("ID(unknown) = %d, %v; want 0", id, err)
	}
	id, err := d.ID(ex("p"))
	if err != nil || id == 0 {
		t.Fatalf("ID(p) = %d, %v", id, err)
	}
	for range 3 {
		if got, err := d.Term(id); err != nil || got != ex("p") {
			t.Fatalf("Term(%d) = %v, %v", id, got, err)
		}
	}
	if ds.lookups != 2 || ds.terms != 0 {
		t.Errorf("dataset asked %d lookups and %d terms, want 2 and 0 (Term of a looked-up id is memoised)", ds.lookups, ds.terms)
	}

	got, err := d.GraphQuads(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	if !rdf.Isomorphic(got, quads[:2]) {
		t.Errorf("GraphQuads = %v, want %v", got, quads[:2])
	}
	if qs, err := d.GraphQuads(context.Background(), ex("nograph")); err != nil || qs != nil {
		t.Errorf("GraphQuads(missing) = %v, %v; want nil", qs, err)
	}

	d.SetLimit(2)
	for _, q := range quads {
		if _, err := d.Term(mustID(t, d, q.S)); err != nil {
			t.Fatal(err)
		}
	}
	if len(d.terms) > 2 {
		t.Errorf("memo holds %d terms, limit 2", len(d.terms))
	}
}

func mustID(t *testing.T, d *Decoder, term rdf.Term) uint64 {
	t.Helper()
	id, err := d.ID(term)
	if err != nil || id == 0 {
		t.Fatalf("ID(%v) = %d, %v", term, id, err)
	}
	return id
}
