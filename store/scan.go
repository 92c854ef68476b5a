package store

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// scanBatch is how many tuples a scan yields between context checks.
const scanBatch = 256

// scan calls fn, in index order, with every tuple of the index bucket whose
// first n components equal those of prefix, until fn returns false. Only the
// blocks overlapping the prefix range are read: the first is the first block
// whose last tuple reaches the prefix, and the scan stops at the first tuple
// past it.
func scan(ctx context.Context, b *bolt.Bucket, prefix *tuple, n int, fn func(t *tuple) bool) error {
	start := appendTuple(nil, prefix, n)
	c := b.Cursor()
	seen := 0
	var t tuple // one variable for the whole scan: fn takes its address
	for k, v := c.Seek(start); k != nil; k, v = c.Next() {
		r, err := newBlockReader(v)
		if err != nil {
			return fmt.Errorf("store: block %x: %w", k, err)
		}
		for {
			var ok bool
			t, ok, err = r.next()
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
