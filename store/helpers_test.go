package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// openTemp opens a fresh store in the test's temporary directory.
func openTemp(t testing.TB) *Store {
	t.Helper()
	return openTempWith(t, &Options{NoSync: true})
}

// openTempWith is openTemp with options.
func openTempWith(t testing.TB, o *Options) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "test.db"), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// noLeftovers fails when anything but the store file is in its directory.
func noLeftovers(t testing.TB, s *Store) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(s.Path()))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(s.Path()) {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// snapshot opens a snapshot closed at the end of the test.
func snapshot(t testing.TB, s *Store) *Snapshot {
	t.Helper()
	v, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}

// randomQuads returns n quads over a small vocabulary of every term kind,
// spread over the default graph and a few named graphs, so that patterns of
// every shape have several matches.
func randomQuads(r *rand.Rand, n int) []rdf.Quad {
	subj := func() rdf.Term {
		if r.IntN(8) == 0 {
			return rdf.Blank(fmt.Sprintf("b%d", r.IntN(10)))
		}
		return rdf.IRI(fmt.Sprintf("http://example.org/s/%d", r.IntN(40)))
	}
	obj := func() rdf.Term {
		switch r.IntN(6) {
		case 0:
			return rdf.Literal(fmt.Sprintf("lit %d", r.IntN(20)))
		case 1:
			return rdf.LangLiteral(fmt.Sprintf("tekst %d", r.IntN(10)), []string{"nl", "en", "nl-BE"}[r.IntN(3)])
		case 2:
			return rdf.TypedLiteral(fmt.Sprint(r.IntN(30)), rdf.XSDInteger)
		case 3:
			return rdf.TypedLiteral("x"+fmt.Sprint(r.IntN(5)), "http://example.org/dt")
		default:
			return subj()
		}
	}
	graph := func() rdf.Term {
		if r.IntN(3) == 0 {
			return rdf.Term{}
		}
		return rdf.IRI(fmt.Sprintf("http://example.org/g/%d", r.IntN(5)))
	}
	qs := make([]rdf.Quad, n)
	for i := range qs {
		qs[i] = rdf.Quad{S: subj(), P: rdf.IRI(fmt.Sprintf("http://example.org/p/%d", r.IntN(8))), O: obj(), G: graph()}
	}
	return qs
}

// allQuads reads every quad of the store through a snapshot.
func allQuads(t testing.TB, s *Store) map[rdf.Quad]bool {
	t.Helper()
	v := snapshot(t, s)
	got := map[rdf.Quad]bool{}
	err := v.Quads(context.Background(), rdf.Term{}, rdf.Term{}, rdf.Term{}, AnyGraph, func(q rdf.Quad) bool {
		if got[q] {
			t.Errorf("quad %v yielded twice", q)
		}
		got[q] = true
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	return got
}

// sameSet fails the test when the store does not hold exactly want.
func sameSet(t testing.TB, s *Store, want map[rdf.Quad]bool) {
	t.Helper()
	got := allQuads(t, s)
	for q := range want {
		if !got[q] {
			t.Errorf("missing %v", q)
		}
	}
	for q := range got {
		if !want[q] {
			t.Errorf("unexpected %v", q)
		}
	}
}
