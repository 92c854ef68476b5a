package eval

import (
	"errors"
	"unsafe"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/budget"
	"github.com/stadleuven/maturity/sparql/fn"
)

// meter counts the bytes the operators of one execution hold — sorted
// rows, groups, DISTINCT keys, hash tables, materialised sub-results,
// SERVICE rows, computed terms — against Limits.MemoryBytes. Sizes are
// estimates from what is kept (slices, map entries, term strings), which
// is what grows with the data; the fixed overhead of each operator is
// left out. An operator that fails to grow the meter stops the query with
// a *budget.Error that names it, except where a cheaper way exists
// without the memory (a hash join falls back to index lookups, a path
// stops memoising).
type meter struct {
	max, used int64
}

// grow charges n bytes to what; past the budget it charges nothing and
// returns the fatal limit error.
func (m *meter) grow(n int, what string) error {
	if m.used+int64(n) > m.max {
		return fatal(budget.Exceeded(budget.NameMemoryBytes, m.max, what))
	}
	m.used += int64(n)
	return nil
}

// fits reports whether n more bytes fit the budget, without charging them.
func (m *meter) fits(n int) bool { return m.used+int64(n) <= m.max }

// shrink returns n bytes charged before.
func (m *meter) shrink(n int) { m.used -= int64(n) }

// Sizes of what operators keep, for the meter. A map entry costs its key
// and value plus about mapEntry bytes of buckets and control words.
const (
	sliceHeader = int(unsafe.Sizeof([]uint64(nil)))
	termSize    = int(unsafe.Sizeof(rdf.Term{}))
	mapEntry    = 16
)

// rowSize is the size of a kept copy of a row of n slots.
func rowSize(n int) int { return sliceHeader + 8*n }

// termBytes is the size of a kept term.
func termBytes(t rdf.Term) int { return fn.TermSize(t) }

// limitErr makes a function's or aggregate's *budget.Error fatal: it must
// stop the query rather than leave one value unbound.
func limitErr(err error) error {
	if err != nil && errors.Is(err, budget.ErrLimit) {
		return fatal(err)
	}
	return err
}
