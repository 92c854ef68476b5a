package eval

import (
	"container/list"
	"sync"
)

// Hash tables kept between executions. Researchers' queries over one
// dataset join the same few patterns again and again — every response's
// assessment, every observation's score — and a hash join first reads the
// pattern's matches from the store into a table: a third of a query's
// time over tens of thousands of solutions. A TableCache keeps the tables
// that executions built, for later executions over the same data, as a
// database's buffer pool keeps decoded pages; a table is immutable once
// built, so executions share it. Entries belong to one generation of the
// data (the Dataset's Generation): the first execution over a newer
// generation empties the cache. A dataset without generations is never
// cached for.

// DefaultTableCacheBytes is the table cache size a server uses unless
// configured otherwise: at a million triples, the tables of the
// benchmark's researcher queries take about 40 MB.
const DefaultTableCacheBytes = 64 << 20

// TableCache holds hash tables of triple patterns for executions over the
// same data. It is safe for concurrent use. Pass one to every execution
// through Options.Tables.
type TableCache struct {
	mu    sync.Mutex
	max   int64
	bytes int64
	gen   uint64
	// lru holds *cacheEntry, most recently used first.
	lru     *list.List
	entries map[tableKey]*list.Element
	hits    int64
	misses  int64
}

// tableKey names a table: the pattern's constants, the positions it is
// keyed on and the graph its matches come from (0: every graph).
type tableKey struct {
	ids    [3]uint64
	mask   uint8
	graph  uint64
	exists bool
}

type cacheEntry struct {
	key   tableKey
	t     *hashTable
	bytes int64
}

// NewTableCache returns a cache that holds at most maxBytes of tables.
func NewTableCache(maxBytes int64) *TableCache {
	return &TableCache{max: maxBytes, lru: list.New(), entries: make(map[tableKey]*list.Element)}
}

// Stats returns how many lookups found a table and how many did not, and
// the bytes held.
func (c *TableCache) Stats() (hits, misses, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses, c.bytes
}

// get returns the table of k in generation gen, or nil.
func (c *TableCache) get(gen uint64, k tableKey) *hashTable {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		c.misses++
		return nil
	}
	e, ok := c.entries[k]
	if !ok {
		c.misses++
		return nil
	}
	c.hits++
	c.lru.MoveToFront(e)
	return e.Value.(*cacheEntry).t
}

// put keeps t as the table of k in generation gen, evicting the least
// recently used tables beyond the size; a newer generation drops every
// table of the older one.
func (c *TableCache) put(gen uint64, k tableKey, t *hashTable) {
	n := t.bytes()
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen < c.gen || n > c.max {
		return
	}
	if gen > c.gen {
		c.lru.Init()
		clear(c.entries)
		c.bytes, c.gen = 0, gen
	}
	if _, ok := c.entries[k]; ok {
		return // built twice by concurrent executions: keep the first
	}
	c.entries[k] = c.lru.PushFront(&cacheEntry{key: k, t: t, bytes: n})
	c.bytes += n
	for c.bytes > c.max {
		e := c.lru.Back()
		ce := e.Value.(*cacheEntry)
		c.lru.Remove(e)
		delete(c.entries, ce.key)
		c.bytes -= ce.bytes
	}
}

// generation is a Dataset whose every change increases a number (the
// store's snapshots): cached tables are valid while it stays.
type generation interface {
	Generation() uint64
}

// cacheKey returns the cache key of step s's table for mask, and false
// when its tables are not to be cached: no cache, a dataset without
// generations, or a default graph merged from several graphs.
func (x *exec) cacheKey(s *step, mask uint8, exists bool) (tableKey, bool) {
	if x.opts.Tables == nil || !x.hasGen {
		return tableKey{}, false
	}
	k := tableKey{ids: s.tp.ids, mask: mask, exists: exists}
	switch {
	case s.tp.graph == inNamed:
		k.graph = x.graph
	case x.dflt.all:
	case len(x.dflt.ids) == 1:
		k.graph = x.dflt.ids[0]
	default:
		return tableKey{}, false
	}
	return k, true
}

// bytes estimates the memory of t.
func (t *hashTable) bytes() int64 {
	n := int64(cap(t.quads))*24 + int64(cap(t.next))*4 + int64(cap(t.dense))*4 + int64(cap(t.bits))*8
	n += int64(len(t.index1.keys))*(8+4) + int64(len(t.index))*(24+4+mapEntry)
	return n + 128
}
