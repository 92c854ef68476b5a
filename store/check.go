package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Check verifies the whole store in one read transaction: bbolt's own page
// structure; the dictionary in both directions (every id has a term, every
// term's hash entry lists its id and nothing else, no id at or past the next
// id); every index block (key equals its last quad, quads strictly
// increasing, no id missing from the dictionary); the four indexes holding
// the same quads; and the stored per-graph and total counts. The error names
// the first problems found and wraps ErrCorrupt.
func (s *Store) Check(ctx context.Context) error {
	err := s.view(func(tx *bolt.Tx) error {
		var problems []string
		for e := range tx.Check() {
			problems = append(problems, "bbolt: "+e.Error())
			if len(problems) >= 10 {
				break
			}
		}
		if len(problems) > 0 {
			return report(problems)
		}
		defer releaseMapped(tx.DB(), tx) // the check read every page
		c := &checker{tx: tx}
		for _, step := range []func(context.Context) error{c.dictionary, c.indexes, c.counts} {
			if err := step(ctx); err != nil {
				return err
			}
			if len(c.problems) > 0 {
				return report(c.problems)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: check: %w", err)
	}
	return nil
}

func report(problems []string) error {
	return fmt.Errorf("%w: %s", ErrCorrupt, strings.Join(problems, "; "))
}

type checker struct {
	tx       *bolt.Tx
	problems []string
	present  []uint64 // bitset of ids in the id→term bucket
	nextID   uint64
	perIndex [len(indexes)]indexSummary
}

// indexSummary is what an index says about the quad set: count, an
// order-independent fingerprint, and per-graph counts.
type indexSummary struct {
	count  uint64
	sum    uint64
	xor    uint64
	graphs map[uint64]int64
}

func (c *checker) fail(format string, args ...any) {
	if len(c.problems) < 10 {
		c.problems = append(c.problems, fmt.Sprintf(format, args...))
	}
}

func (c *checker) has(id uint64) bool {
	return id < c.nextID && c.present[id/64]&(1<<(id%64)) != 0
}

func (c *checker) dictionary(ctx context.Context) error {
	meta := c.tx.Bucket(bucketMeta)
	c.nextID = metaUint(meta, metaNextID)
	if c.nextID <= defaultGraphID {
		c.fail("meta: next id %d", c.nextID)
		return nil
	}
	c.present = make([]uint64, (c.nextID+63)/64)
	i2t, t2i := c.tx.Bucket(bucketI2T), c.tx.Bucket(bucketT2I)
	cur := i2t.Cursor()
	var terms uint64
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		id, rest, err := readID(k)
		if err != nil || len(rest) != 0 {
			c.fail("dictionary: bad id key %x", k)
			continue
		}
		if id >= c.nextID || id == 0 {
			c.fail("dictionary: id %d outside 1..%d", id, c.nextID-1)
			continue
		}
		c.present[id/64] |= 1 << (id % 64)
		t, err := decodeTerm(v)
		if err != nil {
			c.fail("dictionary: term %d: %v", id, err)
			continue
		}
		if (id == defaultGraphID) != t.IsZero() {
			c.fail("dictionary: id %d holds %v", id, t)
			continue
		}
		if id == defaultGraphID {
			continue
		}
		terms++
		if !slices.Contains(idList(t2i.Get(hashKey(hashTerm(v)))), id) {
			c.fail("dictionary: term %d %v missing from the hash index", id, t)
		}
		if terms%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	if !c.has(defaultGraphID) {
		c.fail("dictionary: no default graph entry")
	}
	var listed uint64
	hc := t2i.Cursor()
	for k, v := hc.First(); k != nil; k, v = hc.Next() {
		if len(k) != 8 {
			c.fail("hash index: bad key %x", k)
			continue
		}
		h := binary.BigEndian.Uint64(k)
		for _, id := range idList(v) {
			listed++
			if !c.has(id) {
				c.fail("hash index: %016x names id %d, which has no term (dangling)", h, id)
				continue
			}
			if got := hashTerm(i2t.Get(appendID(nil, id))); got != h {
				c.fail("hash index: %016x names id %d, whose term hashes to %016x", h, id, got)
			}
		}
	}
	if listed != terms {
		c.fail("dictionary: %d terms by id but %d in the hash index", terms, listed)
	}
	c.checkGone()
	return nil
}

// idList decodes a hash entry's uvarint ids (nil on damage; the callers
// report the missing ids).
func idList(v []byte) []uint64 {
	var ids []uint64
	for len(v) > 0 {
		id, n := binary.Uvarint(v)
		if n <= 0 {
			return nil
		}
		ids = append(ids, id)
		v = v[n:]
	}
	return ids
}

// quadHash mixes the ids of a quad (in s, p, o, g order) for the fingerprint.
func quadHash(q tuple) uint64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, id := range q {
		hi, lo := bits.Mul64(h^id, 0xe7037ed1a0b428db)
		h = hi ^ lo
	}
	return h
}

func (c *checker) indexes(ctx context.Context) error {
	for i := range indexes {
		ix := &indexes[i]
		sum := indexSummary{graphs: map[uint64]int64{}}
		cur := c.tx.Bucket(ix.bucket).Cursor()
		var prev tuple
		var ts []tuple
		first := true
		for k, v := cur.First(); k != nil; k, v = cur.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			key, err := readTuple(k)
			if err != nil {
				c.fail("index %s: block key %x: %v", ix.name, k, err)
				continue
			}
			if ts, err = decodeBlock(ts[:0], v); err != nil {
				c.fail("index %s: block %v: %v", ix.name, key, err)
				continue
			}
			if ts[len(ts)-1] != key {
				c.fail("index %s: block key %v but last entry %v", ix.name, key, ts[len(ts)-1])
			}
			if !first && !prev.less(&ts[0]) {
				c.fail("index %s: block %v overlaps its predecessor", ix.name, key)
			}
			first = false
			prev = ts[len(ts)-1]
			for _, t := range ts {
				q := ix.toQuad(t)
				for _, id := range q {
					if !c.has(id) {
						c.fail("index %s: quad %v uses id %d, which has no term (dangling)", ix.name, q, id)
					}
				}
				h := quadHash(q)
				sum.count++
				sum.sum += h
				sum.xor ^= h
				sum.graphs[q[3]]++
			}
		}
		c.perIndex[i] = sum
	}
	ref := &c.perIndex[0]
	for i := 1; i < len(indexes); i++ {
		got := &c.perIndex[i]
		if got.count != ref.count || got.sum != ref.sum || got.xor != ref.xor {
			if err := c.diff(ctx, i); err != nil {
				return err
			}
		}
	}
	return nil
}

// diff names the quads in which index i and the primary index differ.
func (c *checker) diff(ctx context.Context, i int) error {
	collect := func(n int) ([]tuple, error) {
		var qs []tuple
		err := scan(ctx, c.tx.Bucket(indexes[n].bucket), &tuple{}, 0, func(t *tuple) bool {
			qs = append(qs, indexes[n].toQuad(*t))
			return true
		})
		if err != nil && !errors.Is(err, ErrCorrupt) {
			return nil, err
		}
		slices.SortFunc(qs, func(a, b tuple) int { return a.cmp(&b) })
		return qs, nil
	}
	a, err := collect(0)
	if err != nil {
		return err
	}
	b, err := collect(i)
	if err != nil {
		return err
	}
	name, ref := indexes[i].name, indexes[0].name
	c.fail("index %s holds %d quads, %s %d", name, len(b), ref, len(a))
	for x, y := 0, 0; x < len(a) || y < len(b); {
		switch {
		case y == len(b) || (x < len(a) && a[x].less(&b[y])):
			c.fail("quad %v in %s is missing from %s", a[x], ref, name)
			x++
		case x == len(a) || b[y].less(&a[x]):
			c.fail("quad %v in %s is missing from %s", b[y], name, ref)
			y++
		default:
			x++
			y++
		}
	}
	return nil
}

func (c *checker) counts(ctx context.Context) error {
	ref := &c.perIndex[0]
	if q := metaUint(c.tx.Bucket(bucketMeta), metaQuads); q != ref.count {
		c.fail("meta: quad count %d, indexes hold %d", q, ref.count)
	}
	gb := c.tx.Bucket(bucketGraphs)
	cur := gb.Cursor()
	seen := map[uint64]bool{}
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		g, rest, err := readID(k)
		if err != nil || len(rest) != 0 {
			c.fail("graphs: bad key %x", k)
			continue
		}
		seen[g] = true
		if !c.has(g) {
			c.fail("graphs: graph id %d has no term (dangling)", g)
		}
		if count, _ := decodeGraphInfo(v); count != ref.graphs[g] {
			c.fail("graphs: graph %d counted %d, indexes hold %d", g, count, ref.graphs[g])
		}
	}
	for g, n := range ref.graphs {
		if !seen[g] {
			c.fail("graphs: graph %d with %d quads has no entry", g, n)
		}
	}
	return ctx.Err()
}
