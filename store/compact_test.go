package store

import (
	"context"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/stadleuven/maturity/rdf"
)

// TestCompact deletes half of a store's resources, compacts it and checks
// that it holds the same quads, passes Check, keeps ids, generation and
// graph times, answers Lookup for deleted IRIs (so the server can say 410)
// but not for deleted literals, and is within 10 % of the size of a fresh
// import of what is left.
func TestCompact(t *testing.T) {
	ctx := context.Background()
	all := shapedQuads(90000)
	var keep, drop []rdf.Quad
	for i, q := range all {
		if (i/3)%2 == 0 { // shapedQuads gives each subject three quads
			keep = append(keep, q)
		} else {
			drop = append(drop, q)
		}
	}
	s := openTemp(t)
	if _, err := s.Import(ctx, emitAll(all, 0, nil)); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(ctx, drop); err != nil {
		t.Fatal(err)
	}
	gone := drop[0].S
	goneLit := drop[2].O
	v := snapshot(t, s)
	goneID, ok, _ := v.Lookup(gone)
	gen := v.Generation()
	mod, _, _ := v.GraphModified(keep[0].G)
	v.Close()
	if !ok {
		t.Fatal("deleted IRI unknown before compaction")
	}

	st, err := s.Compact(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", st)
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	want := map[rdf.Quad]bool{}
	for _, q := range keep {
		want[q] = true
	}
	sameSet(t, s, want)
	noLeftovers(t, s)

	v = snapshot(t, s)
	if id, ok, err := v.Lookup(gone); err != nil || !ok || id != goneID {
		t.Errorf("Lookup(deleted IRI) = %d, %v, %v; want its old id %d (a tombstone)", id, ok, err, goneID)
	}
	n := 0
	v.Match(ctx, [4]uint64{goneID}, func([4]uint64) bool { n++; return true })
	if n != 0 {
		t.Errorf("deleted IRI matches %d quads", n)
	}
	if _, ok, _ := v.Lookup(goneLit); ok {
		t.Errorf("deleted literal %v still in the dictionary", goneLit)
	}
	if _, err := v.Term(goneID); err == nil {
		t.Errorf("Term(%d) of a dropped IRI succeeded", goneID)
	}
	if v.Generation() != gen {
		t.Errorf("generation %d after compaction, was %d", v.Generation(), gen)
	}
	if m, _, _ := v.GraphModified(keep[0].G); !m.Equal(mod) {
		t.Errorf("graph modified %v after compaction, was %v", m, mod)
	}
	v.Close()

	// A fresh import as the CLI makes it of 45,000 quads into an empty
	// store: a bulk import, which writes full pages.
	fresh := openTempWith(t, &Options{NoSync: true, ImportMemory: 1 << 20})
	if _, err := fresh.Import(ctx, emitAll(keep, 0, nil)); err != nil {
		t.Fatal(err)
	}
	freshBytes := fresh.fileBytes()
	t.Logf("before %d bytes, after compaction %d, fresh import of the rest %d (%.3f)", st.BytesBefore, st.BytesAfter, freshBytes, float64(st.BytesAfter)/float64(freshBytes))
	if float64(st.BytesAfter) > 1.1*float64(freshBytes) {
		t.Errorf("compacted store has %d bytes, more than 110%% of a fresh import's %d", st.BytesAfter, freshBytes)
	}

	// A deleted IRI added again gets a new id, and its tombstone stays
	// harmless, through another compaction too.
	if err := s.Add(ctx, drop[:1]); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		v = snapshot(t, s)
		id, ok, _ := v.Lookup(gone)
		v.Close()
		if !ok || id == goneID {
			t.Errorf("re-added IRI: id %d (%v), want a new one", id, ok)
		}
		if err := s.Check(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Compact(ctx); err != nil {
			t.Fatal(err)
		}
	}
	want[drop[0]] = true
	sameSet(t, s, want)
}

// TestCompactReplacements replaces a graph's content many times, as a
// harvester does (new blank nodes every time), and checks that compaction
// brings the file back near the size of one import.
func TestCompactReplacements(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	g := rdf.IRI("http://example.org/graph/harvest")
	version := func(v int) []rdf.Quad {
		var qs []rdf.Quad
		for i := range 4000 {
			b := rdf.Blank("h" + itoa(v) + "_" + itoa(i))
			qs = append(qs,
				rdf.Quad{S: rdf.IRI("http://example.org/dataset/" + itoa(i)), P: rdf.IRI("http://www.w3.org/ns/dcat#distribution"), O: b},
				rdf.Quad{S: b, P: rdf.IRI("http://www.w3.org/ns/dcat#byteSize"), O: rdf.TypedLiteral(itoa(i*v+7), rdf.XSDInteger)},
			)
		}
		return qs
	}
	for v := range 12 {
		if err := s.ReplaceGraph(ctx, g, version(v)); err != nil {
			t.Fatal(err)
		}
	}
	before := s.fileBytes()
	st, err := s.Compact(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fresh := openTemp(t)
	if err := fresh.ReplaceGraph(ctx, g, version(11)); err != nil {
		t.Fatal(err)
	}
	if _, err := fresh.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("12 replacements: %d bytes, compacted %d (terms %d -> %d), one version compacted %d", before, st.BytesAfter, st.TermsBefore, st.TermsAfter, fresh.fileBytes())
	if float64(st.BytesAfter) > 1.1*float64(fresh.fileBytes()) {
		t.Errorf("compacted: %d bytes, one version: %d", st.BytesAfter, fresh.fileBytes())
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	want := map[rdf.Quad]bool{}
	for _, q := range version(11) {
		q.G = g
		want[q] = true
	}
	sameSet(t, s, want)
}

func itoa(i int) string {
	return string(rune('0'+i/1000%10)) + string(rune('0'+i/100%10)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10))
}

// TestCompactOnline compacts while readers read and a writer writes, as a
// server calling Compact would: readers never fail, every write lands
// (before or after the new file, never lost) and the result passes Check.
func TestCompactOnline(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	base := shapedQuads(20000)
	if err := s.Add(ctx, base); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(ctx, base[:9000]); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	errs := make(chan error, 8)
	var added []rdf.Quad
	done := make(chan struct{})
	go func() { // the writer
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			q := rdf.Triple(rdf.IRI("http://example.org/w/"+itoa(i)), rdf.IRI("http://example.org/p"), rdf.Literal(itoa(i)))
			if err := s.Add(ctx, []rdf.Quad{q}); err != nil {
				errs <- err
				return
			}
			added = append(added, q)
		}
	}()
	for range 2 { // the readers
		go func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				v, err := s.Snapshot()
				if err != nil {
					errs <- err
					return
				}
				n := 0
				err = v.Match(ctx, [4]uint64{}, func(q [4]uint64) bool {
					if _, err := v.Term(q[0]); err != nil {
						errs <- err
					}
					n++
					return n < 3000
				})
				v.Close()
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for range 3 {
		if _, err := s.Compact(ctx); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	<-done
	select {
	case err := <-errs:
		t.Fatal(err)
	default:
	}
	want := map[rdf.Quad]bool{}
	for _, q := range append(base[9000:], added...) {
		want[q] = true
	}
	sameSet(t, s, want)
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d writes during 3 compactions", len(added))
}

// TestCheckTombstones checks that Check reads the tombstones: a damaged
// block, and a tombstone naming a live id, are reported.
func TestCheckTombstones(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		damage func(b *bolt.Bucket) error
		want   string
	}{
		{"garbage", func(b *bolt.Bucket) error { return b.Put(hashKey(^uint64(0)), []byte{0x80}) }, "tombstones: block"},
		{"live id", func(b *bolt.Bucket) error {
			return b.Put(hashKey(^uint64(0)), binary.AppendUvarint(binary.AppendUvarint(nil, ^uint64(0)), defaultGraphID+2)) // rdf:type, in use
		}, "is live"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTemp(t)
			qs := shapedQuads(300)
			if err := s.Add(ctx, qs); err != nil {
				t.Fatal(err)
			}
			if err := s.Remove(ctx, qs[:150]); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Compact(ctx); err != nil {
				t.Fatal(err)
			}
			if err := s.Check(ctx); err != nil {
				t.Fatal(err)
			}
			if err := s.cur.db.Update(func(tx *bolt.Tx) error { return tc.damage(tx.Bucket(bucketGone)) }); err != nil {
				t.Fatal(err)
			}
			err := s.Check(ctx)
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Check = %v, want ErrCorrupt mentioning %q", err, tc.want)
			}
		})
	}
}
