package eval

import (
	"fmt"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// dictCacheMax bounds the decoded terms kept per execution: a query that
// decodes millions of distinct terms (a large export) starts the cache
// afresh instead of growing without limit. The cache also starts afresh
// once its terms hold a quarter of the memory budget: it only saves
// decoding again, so it never counts against the budget itself.
const dictCacheMax = 1 << 20

// overlayBit marks ids of terms computed during one execution (BIND,
// functions, aggregates, VALUES constants) that the dataset does not hold.
const overlayBit = uint64(1) << 63

// dict is the per-execution dictionary: a cache over the dataset's ids and
// an overlay for computed terms. A computed term that the dataset holds
// keeps the dataset's id, so joins can keep comparing ids.
type dict struct {
	ds      Dataset
	cache   map[uint64]rdf.Term
	ids     map[rdf.Term]uint64
	missing map[rdf.Term]struct{} // terms the dataset lacks: Lookup is not repeated
	overlay []rdf.Term
	// mem is the execution's meter: computed terms stay for the whole
	// execution (their ids must stay valid), so they are charged to it.
	// cacheBytes is what the cache of decoded terms holds.
	mem        *meter
	cacheBytes int
}

// dictEntry estimates the bytes of one term in the cache and ids maps.
func dictEntry(t rdf.Term) int { return termBytes(t) + termSize + 8 + 2*mapEntry }

func newDict(ds Dataset, mem *meter) *dict {
	return &dict{
		ds:      ds,
		cache:   make(map[uint64]rdf.Term),
		ids:     make(map[rdf.Term]uint64),
		missing: make(map[rdf.Term]struct{}),
		mem:     mem,
	}
}

// term decodes id.
func (d *dict) term(id uint64) (rdf.Term, error) {
	if id&overlayBit != 0 {
		i := id &^ overlayBit
		if i >= uint64(len(d.overlay)) {
			return rdf.Term{}, errUnknownID(id)
		}
		return d.overlay[i], nil
	}
	if t, ok := d.cache[id]; ok {
		return t, nil
	}
	t, err := d.ds.Term(id)
	if err != nil {
		return rdf.Term{}, fmt.Errorf("decode term %d: %w", id, err)
	}
	if len(d.cache) >= dictCacheMax || int64(d.cacheBytes) > d.mem.max/4 {
		d.reset()
	}
	d.cache[id] = t
	d.ids[t] = id
	d.cacheBytes += dictEntry(t)
	return t, nil
}

// reset empties the caches of dataset terms, keeping the overlay, whose
// ids must stay stable.
func (d *dict) reset() {
	d.cacheBytes = 0
	d.cache = make(map[uint64]rdf.Term)
	d.ids = make(map[rdf.Term]uint64, len(d.overlay))
	for i, t := range d.overlay {
		d.ids[t] = overlayBit | uint64(i)
	}
}

// lookup returns the dataset id of t, or false when the dataset lacks it.
func (d *dict) lookup(t rdf.Term) (uint64, bool, error) {
	if id, ok := d.ids[t]; ok {
		return id, id&overlayBit == 0, nil
	}
	if _, ok := d.missing[t]; ok {
		return 0, false, nil
	}
	id, ok, err := d.ds.Lookup(t)
	if err == nil && !ok && t.Lang != "" && strings.ToLower(t.Lang) != t.Lang {
		// Language tags are case-insensitive; stores keep them as parsed,
		// which is usually lower case.
		lower := t
		lower.Lang = strings.ToLower(t.Lang)
		id, ok, err = d.ds.Lookup(lower)
	}
	if err != nil {
		return 0, false, fmt.Errorf("look up %s: %w", t, err)
	}
	if !ok {
		d.missing[t] = struct{}{}
		return 0, false, nil
	}
	d.ids[t] = id
	return id, true, nil
}

// intern returns an id for t: the dataset's when it has one, else an
// overlay id.
func (d *dict) intern(t rdf.Term) (uint64, error) {
	if id, ok := d.ids[t]; ok {
		return id, nil
	}
	id, ok, err := d.lookup(t)
	if err != nil {
		return 0, err
	}
	if ok {
		return id, nil
	}
	if err := d.mem.grow(dictEntry(t), "computed terms"); err != nil {
		return 0, err
	}
	id = overlayBit | uint64(len(d.overlay))
	d.overlay = append(d.overlay, t)
	d.ids[t] = id
	return id, nil
}

// termOf decodes an id, the zero Term for 0.
func (x *exec) termOf(id uint64) (rdf.Term, error) {
	if id == 0 {
		return rdf.Term{}, nil
	}
	return x.d.term(id)
}
