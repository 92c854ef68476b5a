package readview

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
)

// Memory is a Source over dataset.Memory that behaves like the store: a
// generation counter, per-graph modification times, and graphs that can
// be dropped while their terms stay in the dictionary (which makes 410
// Gone). It is for tests; every change makes a new dataset.
//
// It counts the views not yet closed (Open), and with WaitForViews set
// every write behaves like a store commit that must grow its memory map:
// it waits until every open view is closed, and new views wait for it. A
// handler that writes while it holds a view then hangs, as it would on the
// store (store/doc.go, Concurrency).
type Memory struct {
	// WaitForViews makes writes wait for open views (see Memory). Set it
	// before the Memory is shared.
	WaitForViews bool

	mu       sync.Mutex
	cond     *sync.Cond // signals a closed view or a finished write
	open     int        // views not yet closed
	writing  bool       // a write waits for the open views
	quads    []rdf.Quad
	hidden   rdf.Term // a dropped graph: its terms stay known, its quads are invisible
	mod      map[rdf.Term]time.Time
	gen      uint64
	mem      *dataset.Memory
	hiddenID uint64
}

// NewMemory returns a Source holding quads, every graph modified at the
// same fixed time; hidden, when not zero, names a graph that is dropped.
func NewMemory(quads []rdf.Quad, hidden rdf.Term) *Memory {
	m := &Memory{hidden: hidden, mod: map[rdf.Term]time.Time{}}
	m.cond = sync.NewCond(&m.mu)
	t0 := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, q := range quads {
		m.mod[q.G] = t0
	}
	m.set(quads)
	return m
}

func (m *Memory) set(quads []rdf.Quad) {
	m.quads = quads
	m.mem = dataset.NewMemory(quads)
	m.hiddenID = 0
	if !m.hidden.IsZero() {
		m.hiddenID, _, _ = m.mem.Lookup(m.hidden)
	}
	m.gen++
}

// ReplaceGraph swaps the content of graph g, as an import of a new
// assessment version would, and stamps its modification time.
func (m *Memory) ReplaceGraph(g rdf.Term, quads []rdf.Quad, at time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.replace(map[rdf.Term][]rdf.Quad{g: quads}, at)
}

// ReplaceGraphs replaces several graphs in one change, as the store's
// ReplaceGraphs does.
func (m *Memory) ReplaceGraphs(graphs map[rdf.Term][]rdf.Quad, at time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.replace(graphs, at)
}

func (m *Memory) replace(graphs map[rdf.Term][]rdf.Quad, at time.Time) {
	if m.WaitForViews {
		m.writing = true
		for m.open > 0 {
			m.cond.Wait()
		}
		defer func() {
			m.writing = false
			m.cond.Broadcast()
		}()
	}
	var out []rdf.Quad
	for _, q := range m.quads {
		if _, ok := graphs[q.G]; !ok {
			out = append(out, q)
		}
	}
	mod := make(map[rdf.Term]time.Time, len(m.mod)+len(graphs))
	for k, v := range m.mod {
		mod[k] = v
	}
	for g, qs := range graphs {
		out = append(out, qs...)
		mod[g] = at
	}
	m.mod = mod // views share the old map: never mutate one in place
	m.set(out)
}

// Visible returns the quads a view exposes.
func (m *Memory) Visible() []rdf.Quad {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []rdf.Quad
	for _, q := range m.quads {
		if q.G != m.hidden || m.hidden.IsZero() {
			out = append(out, q)
		}
	}
	return out
}

// View returns a view of the current generation.
func (m *Memory) View(ctx context.Context) (View, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for m.writing {
		m.cond.Wait()
	}
	m.open++
	return &memView{Memory: m.mem, src: m, gen: m.gen, mod: m.mod, hidden: m.hiddenID}, nil
}

// Open returns the number of views handed out and not yet closed.
func (m *Memory) Open() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.open
}

type memView struct {
	*dataset.Memory
	src    *Memory
	closed atomic.Bool
	gen    uint64
	mod    map[rdf.Term]time.Time
	hidden uint64
}

func (v *memView) Match(ctx context.Context, p [4]uint64, yield func([4]uint64) bool) error {
	if v.hidden != 0 && p[3] == v.hidden {
		return nil
	}
	return v.Memory.Match(ctx, p, func(q [4]uint64) bool {
		if v.hidden != 0 && q[3] == v.hidden {
			return true
		}
		return yield(q)
	})
}

func (v *memView) Graphs(ctx context.Context, yield func(uint64) bool) error {
	return v.Memory.Graphs(ctx, func(g uint64) bool {
		if g == v.hidden {
			return true
		}
		return yield(g)
	})
}

func (v *memView) GraphModified(g rdf.Term) (time.Time, bool, error) {
	t, ok := v.mod[g]
	return t, ok, nil
}

func (v *memView) Generation() uint64 { return v.gen }

// Close ends the view; closing it again does nothing, as with the store.
func (v *memView) Close() error {
	if v.closed.Swap(true) {
		return nil
	}
	v.src.mu.Lock()
	v.src.open--
	v.src.cond.Broadcast()
	v.src.mu.Unlock()
	return nil
}

// Generation is the generation of the next view.
func (m *Memory) Generation() uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.gen
}
