package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// emitAll returns an Import source emitting qs, failing with fail after
// failAt quads when fail is not nil.
func emitAll(qs []rdf.Quad, failAt int, fail error) func(func(rdf.Quad) error) error {
	return func(emit func(rdf.Quad) error) error {
		for i, q := range qs {
			if fail != nil && i == failAt {
				return fail
			}
			if err := emit(q); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestImport(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	base := randomQuads(r, 500)
	big := randomQuads(r, 3*importChunk+17) // several chunks and a partial one
	errSyntax := errors.New("syntax error at line 7")
	tests := []struct {
		name    string
		src     func(func(rdf.Quad) error) error
		cancel  bool
		wantErr error
		wantAll bool // the import lands, else the store keeps only base
	}{
		{"lands", emitAll(big, 0, nil), false, nil, true},
		{"source error first chunk", emitAll(big, 10, errSyntax), false, errSyntax, false},
		{"source error late", emitAll(big, len(big)-1, errSyntax), false, errSyntax, false},
		{"invalid quad", emitAll(append(big[:100:100], rdf.Quad{S: rdf.IRI("http://e/s")}), 0, nil), false, ErrBadTerm, false},
		{"cancelled", emitAll(big, 0, nil), true, context.Canceled, false},
		{"empty", emitAll(nil, 0, nil), false, nil, true},
	}
	// Each case runs as a one-transaction import and as a bulk import (a
	// budget of 1 MiB spills runs of 4096 quads).
	for _, budget := range []int64{0, 1 << 20} {
		for _, tc := range tests {
			t.Run(fmt.Sprintf("%s/budget=%d", tc.name, budget), func(t *testing.T) {
				runImportCase(t, budget, tc.src, tc.cancel, tc.wantErr, tc.wantAll, tc.name == "empty", base, big)
			})
		}
	}
}

// runImportCase imports src into a store holding base, with the given
// budget, and checks the outcome: all of big or none of it, and no files left
// beside the store.
func runImportCase(t *testing.T, budget int64, src func(func(rdf.Quad) error) error, cancelMid bool, wantErr error, wantAll, empty bool, base, big []rdf.Quad) {
	ctx := context.Background()
	s := openTempWith(t, &Options{NoSync: true, ImportMemory: budget})
	if err := s.Add(ctx, base); err != nil {
		t.Fatal(err)
	}
	ictx, cancel := context.WithCancel(ctx)
	defer cancel()
	if cancelMid {
		inner := src
		src = func(emit func(rdf.Quad) error) error {
			return inner(func(q rdf.Quad) error {
				if q == big[importChunk+5] {
					cancel()
				}
				return emit(q)
			})
		}
	}
	_, err := s.Import(ictx, src)
	if !errors.Is(err, wantErr) || (err == nil) != (wantErr == nil) {
		t.Fatalf("Import error = %v, want %v", err, wantErr)
	}
	want := map[rdf.Quad]bool{}
	for _, q := range base {
		want[q] = true
	}
	if wantAll && !empty {
		for _, q := range big {
			want[q] = true
		}
	}
	sameSet(t, s, want)
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	noLeftovers(t, s)
}
