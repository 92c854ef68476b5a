package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stadleuven/maturity/rdf"
)

// TestAddRemoveModel applies random adds and removes to the store and to a
// map, and compares the two, the counts and Check after every step.
func TestAddRemoveModel(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	r := rand.New(rand.NewPCG(7, 8))
	model := map[rdf.Quad]bool{}
	for step := range 30 {
		qs := randomQuads(r, 1+r.IntN(600))
		if step%3 == 2 {
			// Remove a mix of present and absent quads.
			var del []rdf.Quad
			for q := range model {
				if r.IntN(2) == 0 {
					del = append(del, q)
				}
			}
			del = append(del, qs[:len(qs)/4]...)
			del = append(del, rdf.Triple(rdf.IRI("http://never.example/"), rdf.IRI("http://never.example/p"), rdf.Literal("x")))
			if err := s.Remove(ctx, del); err != nil {
				t.Fatal(err)
			}
			for _, q := range del {
				delete(model, q)
			}
		} else {
			if err := s.Add(ctx, qs); err != nil {
				t.Fatal(err)
			}
			for _, q := range qs {
				model[q] = true
			}
		}
		if err := s.Check(ctx); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
	}
	sameSet(t, s, model)
	v := snapshot(t, s)
	st, err := v.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Quads != int64(len(model)) {
		t.Errorf("Stats.Quads = %d, want %d", st.Quads, len(model))
	}
	infos, err := v.GraphInfos(ctx)
	if err != nil {
		t.Fatal(err)
	}
	perGraph := map[rdf.Term]int64{}
	for q := range model {
		perGraph[q.G]++
	}
	total := int64(0)
	for _, gi := range infos {
		total += gi.Quads
		if gi.Quads != perGraph[gi.Graph] {
			t.Errorf("graph %v: %d quads, want %d", gi.Graph, gi.Quads, perGraph[gi.Graph])
		}
		if gi.Modified.IsZero() {
			t.Errorf("graph %v: no modification time", gi.Graph)
		}
	}
	if total != int64(len(model)) || !infos[0].Graph.IsZero() {
		t.Errorf("graph infos %v do not cover the %d quads with the default graph first", infos, len(model))
	}
}

// TestTermsExact checks that terms come back byte for byte, including the
// lexical forms a normalising store would change.
func TestTermsExact(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	terms := []rdf.Term{
		rdf.IRI("http://example.org/ü/é?x=1#frag"),
		rdf.Blank("node1"),
		rdf.Literal(""),
		rdf.Literal("line\nbreak \"quoted\" \x00 nul"),
		rdf.LangLiteral("hallo", "nl-BE"),
		rdf.LangLiteral("Hallo", "NL"),
		rdf.TypedLiteral("01", rdf.XSDInteger),
		rdf.TypedLiteral("1", rdf.XSDInteger),
		rdf.TypedLiteral("1.0E0", rdf.XSDDouble),
		rdf.TypedLiteral("true", rdf.XSDBoolean),
		rdf.TypedLiteral("<a/>", rdf.RDFXMLLiteral),
		rdf.TypedLiteral("x", "http://example.org/custom#type"),
		rdf.TypedLiteral("http://example.org/", rdf.XSDAnyURI),
	}
	subject, pred := rdf.IRI("http://example.org/s"), rdf.IRI("http://example.org/p")
	var qs []rdf.Quad
	for _, o := range terms {
		qs = append(qs, rdf.Triple(subject, pred, o))
	}
	if err := s.Add(ctx, qs); err != nil {
		t.Fatal(err)
	}
	v := snapshot(t, s)
	seen := map[uint64]bool{}
	for _, term := range terms {
		id, ok, err := v.Lookup(term)
		if err != nil || !ok {
			t.Fatalf("Lookup(%v) = %d, %v, %v", term, id, ok, err)
		}
		if seen[id] {
			t.Errorf("%v shares id %d", term, id)
		}
		seen[id] = true
		back, err := v.Term(id)
		if err != nil || back != term {
			t.Errorf("Term(%d) = %#v, %v; want %#v", id, back, err, term)
		}
	}
	if id, ok, err := v.Lookup(rdf.Term{}); !ok || err != nil || id != defaultGraphID {
		t.Errorf("Lookup(default graph) = %d, %v, %v", id, ok, err)
	}
	if back, err := v.Term(defaultGraphID); err != nil || !back.IsZero() {
		t.Errorf("Term(default graph id) = %v, %v", back, err)
	}
	if _, ok, _ := v.Lookup(rdf.LangLiteral("hallo", "nl-be")); ok {
		t.Error("language tags must not be case-folded by the store")
	}
	if _, err := v.Term(1 << 30); !errors.Is(err, ErrUnknownID) {
		t.Errorf("Term(unknown) error = %v", err)
	}
}

// TestRejectsBadQuads checks that invalid quads fail the whole batch.
func TestRejectsBadQuads(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	good := rdf.Triple(rdf.IRI("http://e/s"), rdf.IRI("http://e/p"), rdf.Literal("o"))
	for _, bad := range []rdf.Quad{
		{P: rdf.IRI("http://e/p"), O: rdf.Literal("o")},
		{S: rdf.IRI("http://e/s"), P: rdf.IRI("http://e/p"), O: rdf.Literal("o"), G: rdf.Literal("g")},
	} {
		if err := s.Add(ctx, []rdf.Quad{good, bad}); !errors.Is(err, ErrBadTerm) {
			t.Errorf("Add(%v) error = %v, want ErrBadTerm", bad, err)
		}
	}
	if n := len(allQuads(t, s)); n != 0 {
		t.Errorf("%d quads stored by failed adds", n)
	}
}

// TestReplaceGraphAtomic replaces a graph over and over while readers check
// that every snapshot sees one complete version of it, never a mix.
func TestReplaceGraphAtomic(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	g := rdf.IRI("http://example.org/city")
	other := rdf.Triple(rdf.IRI("http://e/keep"), rdf.IRI("http://e/p"), rdf.Literal("stays"))
	if err := s.Add(ctx, []rdf.Quad{other}); err != nil {
		t.Fatal(err)
	}
	version := func(n int) []rdf.Quad {
		var qs []rdf.Quad
		for i := range 200 {
			qs = append(qs, rdf.Quad{
				S: rdf.IRI("http://e/item/" + string(rune('a'+i%26)) + string(rune('a'+i/26))),
				P: rdf.IRI("http://e/version"),
				O: rdf.TypedLiteral(string(rune('0'+n%10)), rdf.XSDInteger),
				G: rdf.IRI("http://ignored.example/"), // ReplaceGraph puts them in g
			})
		}
		return qs
	}
	if err := s.ReplaceGraph(ctx, g, version(0)); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				v, err := s.Snapshot()
				if err != nil {
					t.Error(err)
					return
				}
				versions := map[string]int{}
				err = v.Quads(ctx, rdf.Term{}, rdf.Term{}, rdf.Term{}, Graph(g), func(q rdf.Quad) bool {
					versions[q.O.Value]++
					return true
				})
				v.Close()
				if err != nil {
					t.Error(err)
					return
				}
				if len(versions) != 1 {
					t.Errorf("snapshot saw a mix of versions: %v", versions)
					return
				}
				for _, n := range versions {
					if n != 200 {
						t.Errorf("snapshot saw %d quads of a version, want 200", n)
						return
					}
				}
			}
		})
	}
	for n := 1; n <= 30; n++ {
		if err := s.ReplaceGraph(ctx, g, version(n)); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	got := allQuads(t, s)
	if len(got) != 201 || !got[other] {
		t.Errorf("store holds %d quads after replacing, want 201 including %v", len(got), other)
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	// Clearing keeps the graph's time but drops it from the list.
	v := snapshot(t, s)
	before, ok, err := v.GraphModified(g)
	v.Close()
	if !ok || err != nil {
		t.Fatalf("GraphModified = %v, %v, %v", before, ok, err)
	}
	time.Sleep(2 * time.Millisecond)
	if err := s.ClearGraph(ctx, g); err != nil {
		t.Fatal(err)
	}
	v = snapshot(t, s)
	after, ok, _ := v.GraphModified(g)
	if !ok || !after.After(before) {
		t.Errorf("clearing did not advance the graph's time: %v then %v", before, after)
	}
	n := 0
	v.Graphs(ctx, func(uint64) bool { n++; return true })
	if n != 0 {
		t.Errorf("%d named graphs listed after clearing the only one", n)
	}
}

// TestGeneration checks that the generation moves with changes only.
func TestGeneration(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	gen := func() uint64 {
		v := snapshot(t, s)
		defer v.Close()
		return v.Generation()
	}
	q := rdf.Triple(rdf.IRI("http://e/s"), rdf.IRI("http://e/p"), rdf.Literal("o"))
	g0 := gen()
	s.Add(ctx, []rdf.Quad{q})
	g1 := gen()
	s.Add(ctx, []rdf.Quad{q}) // no change
	g2 := gen()
	s.Remove(ctx, []rdf.Quad{q})
	g3 := gen()
	if !(g0 < g1 && g1 == g2 && g2 < g3) {
		t.Errorf("generations %d %d %d %d; want increase, equal, increase", g0, g1, g2, g3)
	}
}

// TestSnapshotIsolation checks that a snapshot does not see later writes.
func TestSnapshotIsolation(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	v := snapshot(t, s)
	done := make(chan error)
	go func() { done <- s.Add(ctx, randomQuads(rand.New(rand.NewPCG(1, 1)), 100)) }()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	n := 0
	v.Match(ctx, [4]uint64{}, func([4]uint64) bool { n++; return true })
	if n != 0 {
		t.Errorf("old snapshot sees %d quads", n)
	}
}

// TestReadOnlyAndClosed checks the errors of writes to a read-only store
// and of reads from a closed snapshot.
func TestReadOnlyAndClosed(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	q := rdf.Triple(rdf.IRI("http://e/s"), rdf.IRI("http://e/p"), rdf.Literal("o"))
	if err := s.Add(ctx, []rdf.Quad{q}); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	ro, err := Open(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Add(ctx, []rdf.Quad{q}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Add on read-only store: %v", err)
	}
	if _, err := ro.Import(ctx, emitAll([]rdf.Quad{q}, 0, nil)); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Import on read-only store: %v", err)
	}
	v, err := ro.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := v.Lookup(q.S); !ok || err != nil {
		t.Errorf("read-only Lookup: %v %v", ok, err)
	}
	v.Close()
	if err := v.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, _, err := v.Lookup(q.S); !errors.Is(err, ErrClosed) {
		t.Errorf("Lookup on closed snapshot: %v", err)
	}
	if err := v.Match(ctx, [4]uint64{}, func([4]uint64) bool { return true }); !errors.Is(err, ErrClosed) {
		t.Errorf("Match on closed snapshot: %v", err)
	}
}

// TestReplaceAndClearEachGraph replaces and clears the default graph and a
// named graph and checks that only that graph changes.
func TestReplaceAndClearEachGraph(t *testing.T) {
	ctx := context.Background()
	for _, g := range []rdf.Term{{}, rdf.IRI("http://example.org/g/1"), rdf.Blank("graaf")} {
		t.Run(g.String(), func(t *testing.T) {
			s := openTemp(t)
			qs := randomQuads(rand.New(rand.NewPCG(21, 22)), 1000)
			if err := s.Add(ctx, qs); err != nil {
				t.Fatal(err)
			}
			model := map[rdf.Quad]bool{}
			for _, q := range qs {
				if q.G != g {
					model[q] = true
				}
			}
			repl := randomQuads(rand.New(rand.NewPCG(23, 24)), 300)
			if err := s.ReplaceGraph(ctx, g, repl); err != nil {
				t.Fatal(err)
			}
			withRepl := map[rdf.Quad]bool{}
			for q := range model {
				withRepl[q] = true
			}
			for _, q := range repl {
				q.G = g
				withRepl[q] = true
			}
			sameSet(t, s, withRepl)
			if err := s.ClearGraph(ctx, g); err != nil {
				t.Fatal(err)
			}
			sameSet(t, s, model)
			if err := s.Check(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestReplaceGraphs checks that several graphs change together, and not at
// all when one content is invalid.
func TestReplaceGraphs(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a, b := rdf.IRI("http://example.org/a"), rdf.IRI("http://example.org/b")
	q := func(o string) rdf.Quad {
		return rdf.Triple(rdf.IRI("http://e/s"), rdf.IRI("http://e/p"), rdf.Literal(o))
	}
	if err := s.ReplaceGraphs(ctx, []GraphContent{{a, []rdf.Quad{q("a1")}}, {b, []rdf.Quad{q("b1"), q("b2")}}}); err != nil {
		t.Fatal(err)
	}
	in := func(g rdf.Term, o string) rdf.Quad { x := q(o); x.G = g; return x }
	sameSet(t, s, map[rdf.Quad]bool{in(a, "a1"): true, in(b, "b1"): true, in(b, "b2"): true})
	bad := rdf.Quad{S: rdf.IRI("http://e/s")}
	err := s.ReplaceGraphs(ctx, []GraphContent{{a, []rdf.Quad{q("a2")}}, {b, []rdf.Quad{bad}}})
	if !errors.Is(err, ErrBadTerm) {
		t.Fatalf("ReplaceGraphs with a bad quad: %v", err)
	}
	sameSet(t, s, map[rdf.Quad]bool{in(a, "a1"): true, in(b, "b1"): true, in(b, "b2"): true})
	if err := s.ReplaceGraphs(ctx, []GraphContent{{a, nil}, {b, []rdf.Quad{q("b3")}}}); err != nil {
		t.Fatal(err)
	}
	sameSet(t, s, map[rdf.Quad]bool{in(b, "b3"): true})
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestReplaceLargeGraph replaces a graph big enough that clearing it empties
// whole bbolt leaves before the new quads go in, in the same transaction
// (cursor Prev misreads such leaves; see mergeBlocks).
func TestReplaceLargeGraph(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	g := rdf.IRI("http://example.org/big")
	other := randomQuads(rand.New(rand.NewPCG(41, 42)), 2000)
	if err := s.Add(ctx, other); err != nil {
		t.Fatal(err)
	}
	for round := range 3 {
		var qs []rdf.Quad
		for i := range 40_000 {
			qs = append(qs, crashQuad(i+round*15_000))
		}
		if err := s.ReplaceGraph(ctx, g, qs); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		want := map[rdf.Quad]bool{}
		for _, q := range other {
			want[q] = true
		}
		for _, q := range qs {
			q.G = g
			want[q] = true
		}
		sameSet(t, s, want)
		if err := s.Check(ctx); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
}

// TestReplaceOnlyGraph replaces the content of the store's only graph: the
// transaction deletes every key of each index and then inserts past them,
// where bbolt's Cursor.Last never returned (see mergeBlocks).
func TestReplaceOnlyGraph(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	g := rdf.IRI("http://example.org/graph/only")
	for v := range 3 {
		var qs []rdf.Quad
		for i := range 3000 {
			qs = append(qs, rdf.Triple(rdf.IRI(fmt.Sprintf("http://example.org/s/%d/%d", v, i)), rdf.IRI("http://example.org/p"), rdf.Literal(fmt.Sprint(i))))
		}
		done := make(chan error, 1)
		go func() { done <- s.ReplaceGraph(ctx, g, qs) }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("ReplaceGraph of the only graph (version %d) did not return", v)
		}
		if err := s.Check(ctx); err != nil {
			t.Fatal(err)
		}
	}
}
