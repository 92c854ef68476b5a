package store

import (
	"bytes"
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// scanBatch is how many tuples a scan yields between context checks.
const scanBatch = 256

// scan calls fn, in index order, with every tuple of the index bucket whose
// first n components equal those of prefix, until fn returns false. Only the
// blocks overlapping the prefix range are read.
func scan(ctx context.Context, b *bolt.Bucket, prefix *tuple, n int, fn func(t *tuple) bool) error {
	start := appendTuple(nil, prefix, n)
	c := b.Cursor()
	k, v := locate(c, start)
	seen := 0
	for ; k != nil; k, v = c.Next() {
		if n > 0 && !bytes.HasPrefix(k, start) && bytes.Compare(k, start) > 0 {
			return nil // this block starts past the range
		}
		r, err := newBlockReader(v)
		if err != nil {
			return fmt.Errorf("store: block %x: %w", k, err)
		}
		for {
			t, ok, err := r.next()
			if err != nil {
				return fmt.Errorf("store: block %x: %w", k, err)
			}
			if !ok {
				break
			}
			switch cmpPrefix(&t, prefix, n) {
			case -1:
				continue
			case 1:
				return nil
			}
			if seen++; seen%scanBatch == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if !fn(&t) {
				return nil
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// cmpPrefix compares the first n components of t with those of p.
func cmpPrefix(t, p *tuple, n int) int {
	for i := 0; i < n; i++ {
		if t[i] != p[i] {
			if t[i] < p[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}
