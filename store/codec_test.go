package store

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

func TestIDKeyOrder(t *testing.T) {
	ids := []uint64{1, 2, 255, 256, 257, 65535, 65536, 1 << 24, 1<<32 - 1, 1 << 32, 1<<56 + 3, 1<<64 - 1}
	for i, a := range ids {
		ka := appendID(nil, a)
		back, rest, err := readID(ka)
		if err != nil || back != a || len(rest) != 0 {
			t.Errorf("readID(appendID(%d)) = %d, %x, %v", a, back, rest, err)
		}
		for _, b := range ids[i+1:] {
			kb := appendID(nil, b)
			if bytes.Compare(ka, kb) >= 0 {
				t.Errorf("key(%d) = %x does not sort before key(%d) = %x", a, ka, b, kb)
			}
			if bytes.HasPrefix(kb, ka) {
				t.Errorf("key(%d) is a prefix of key(%d)", a, b)
			}
		}
	}
	if _, _, err := readID([]byte{2, 0, 5}); err == nil {
		t.Error("non-minimal id accepted")
	}
}

func TestTupleKeysSortLikeTuples(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 9))
	ts := make([]tuple, 500)
	for i := range ts {
		for c := range ts[i] {
			ts[i][c] = 1 + r.Uint64N(1<<uint(r.IntN(40)+1))
		}
	}
	slices.SortFunc(ts, func(a, b tuple) int { return a.cmp(&b) })
	for i := 1; i < len(ts); i++ {
		a, b := appendTuple(nil, &ts[i-1], 4), appendTuple(nil, &ts[i], 4)
		if bytes.Compare(a, b) != ts[i-1].cmp(&ts[i]) {
			t.Fatalf("keys of %v and %v compare wrongly", ts[i-1], ts[i])
		}
	}
}

func TestBlockRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 9))
	tests := []struct {
		name string
		n    int
		max  uint64
	}{
		{"one", 1, 10},
		{"dense", 300, 5},
		{"sparse", 300, 1 << 40},
		{"large ids", 50, 1<<62 - 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := make([]tuple, tc.n)
			for i := range ts {
				for c := range ts[i] {
					ts[i][c] = 1 + r.Uint64N(tc.max)
				}
			}
			ts = sortTuples(ts)
			got, err := decodeBlock(nil, encodeBlock(ts))
			if err != nil || !slices.Equal(got, ts) {
				t.Fatalf("round trip: %v (got %d tuples, want %d)", err, len(got), len(ts))
			}
			var joined []tuple
			splitBlocks(ts, func(last *tuple, v []byte) error {
				if len(v) > 2*blockTarget {
					t.Errorf("block of %d bytes", len(v))
				}
				b, err := decodeBlock(nil, v)
				if err != nil || b[len(b)-1] != *last {
					t.Errorf("split block: %v", err)
				}
				joined = append(joined, b...)
				return nil
			})
			if !slices.Equal(joined, ts) {
				t.Error("split blocks do not join back")
			}
		})
	}
}

func TestRadixSortMatchesComparisonSort(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	for _, bitsUsed := range []int{1, 11, 17, 33, 63} {
		ts := make([]tuple, 20000)
		for i := range ts {
			for c := range ts[i] {
				ts[i][c] = 1 + r.Uint64N(1<<uint(bitsUsed))
			}
			if i%3 == 0 {
				ts[i][3] = 7 // a mostly constant component, as a graph is
			}
		}
		want := slices.Clone(ts)
		slices.SortFunc(want, func(a, b tuple) int { return a.cmp(&b) })
		want = dedupe(want)
		if got := sortTuples(ts); !slices.Equal(got, want) {
			t.Errorf("%d-bit ids: radix sort differs", bitsUsed)
		}
	}
}

func FuzzDecodeBlock(f *testing.F) {
	f.Add(encodeBlock([]tuple{{1, 2, 3, 4}, {1, 2, 5, 4}, {9, 1, 1, 1}}))
	f.Add([]byte{1, 0})
	f.Fuzz(func(t *testing.T, v []byte) {
		ts, err := decodeBlock(nil, v)
		if err != nil {
			return
		}
		// Whatever decodes is sorted and distinct and re-encodes to itself.
		for i := 1; i < len(ts); i++ {
			if !ts[i-1].less(&ts[i]) {
				t.Fatalf("decoded tuples out of order: %v %v", ts[i-1], ts[i])
			}
		}
		back, err := decodeBlock(nil, encodeBlock(ts))
		if err != nil || !slices.Equal(back, ts) {
			t.Fatalf("re-encoding changed the block: %v", err)
		}
	})
}

func FuzzTermCodec(f *testing.F) {
	for _, seed := range [][]byte{{tagIRI, 'x'}, {tagLang, 2, 'n', 'l', 'h'}, {tagKnownType, 1, '4', '2'}, {tagOtherType, 1, 'd', 'v'}, {tagDefaultGraph}} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		term, err := decodeTerm(b)
		if err != nil {
			return
		}
		enc, err := appendTerm(nil, term)
		if err != nil {
			t.Fatalf("decoded %#v does not encode: %v", term, err)
		}
		again, err := decodeTerm(enc)
		if err != nil || again != term {
			t.Fatalf("term %#v re-decodes as %#v, %v", term, again, err)
		}
		if term.Kind == rdf.KindLiteral && term.Datatype == "" {
			t.Fatal("literal without datatype")
		}
	})
}
