package store

import (
	"context"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestCheckDetectsCorruption damages a healthy store in one way at a time,
// behind the store's back, and expects Check to name the damage.
func TestCheckDetectsCorruption(t *testing.T) {
	ctx := context.Background()
	firstBlock := func(tx *bolt.Tx, bucket []byte) (k, v []byte) {
		return tx.Bucket(bucket).Cursor().First()
	}
	tests := []struct {
		name   string
		damage func(tx *bolt.Tx) error
		want   string
	}{
		{"index block dropped", func(tx *bolt.Tx) error {
			k, _ := firstBlock(tx, indexes[1].bucket)
			return tx.Bucket(indexes[1].bucket).Delete(k)
		}, "missing from posg"},
		{"extra quad in one index", func(tx *bolt.Tx) error {
			b := tx.Bucket(indexes[2].bucket)
			k, v := firstBlock(tx, indexes[2].bucket)
			ts, err := decodeBlock(nil, v)
			if err != nil {
				return err
			}
			last := ts[len(ts)-1]
			last[3]++ // same quad in another (existing) graph id
			ts = append(ts, last)
			return b.Put(k, encodeBlock(ts))
		}, "missing from spog"},
		{"block bytes damaged", func(tx *bolt.Tx) error {
			k, v := firstBlock(tx, indexes[0].bucket)
			bad := append([]byte(nil), v...)
			bad = bad[:len(bad)-3]
			return tx.Bucket(indexes[0].bucket).Put(k, bad)
		}, "index spog: block"},
		{"block key wrong", func(tx *bolt.Tx) error {
			b := tx.Bucket(indexes[3].bucket)
			k, v := firstBlock(tx, indexes[3].bucket)
			val := append([]byte(nil), v...)
			if err := b.Delete(k); err != nil {
				return err
			}
			return b.Put(appendTuple(nil, &tuple{1, 1, 1, 1}, 4), val)
		}, "block key"},
		{"term deleted", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketI2T).Delete(appendID(nil, defaultGraphID+3))
		}, "dangling"},
		{"hash entry points elsewhere", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketT2I)
			k, _ := b.Cursor().First()
			return b.Put(append([]byte(nil), k...), binary.AppendUvarint(nil, defaultGraphID+7))
		}, "hash index"},
		{"graph count wrong", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketGraphs)
			k, v := b.Cursor().First()
			count, mod := decodeGraphInfo(v)
			return b.Put(append([]byte(nil), k...), encodeGraphInfo(count+1, mod))
		}, "graphs: graph"},
		{"total count wrong", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put(metaQuads, binary.AppendUvarint(nil, 5))
		}, "meta: quad count 5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openTemp(t)
			if err := s.Add(ctx, randomQuads(rand.New(rand.NewPCG(17, 18)), 2000)); err != nil {
				t.Fatal(err)
			}
			if err := s.Check(ctx); err != nil {
				t.Fatalf("healthy store: %v", err)
			}
			if err := s.cur.db.Update(tc.damage); err != nil {
				t.Fatal(err)
			}
			err := s.Check(ctx)
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Check = %v, want ErrCorrupt", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Check = %v\nwant it to mention %q", err, tc.want)
			}
		})
	}
}
