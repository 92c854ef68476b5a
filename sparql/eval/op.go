package eval

import (
	"context"
	"errors"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// errStop is returned by an operator whose yield asked it to stop. It never
// leaves the package.
var errStop = errors.New("stop")

// yieldFn receives a solution. The row is shared: it is valid only during
// the call and must be copied to be kept. Returning false stops the
// producer, which then returns errStop.
type yieldFn = func(row []uint64) bool

// op is a compiled pattern. run yields every solution of the pattern that
// is compatible with the bindings already in row, merged with them (the
// join of {row} with the pattern's solutions), and leaves row as it found
// it.
type op interface {
	run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error
}

// scope maps the variables of one query level to slots. A sub-select has
// its own scope: its variables are not the outer ones, except those it
// projects, which its Project copies out.
type scope struct {
	id    int
	slots map[algebra.Var]int
	vars  []algebra.Var
}

func (s *scope) slot(v algebra.Var) int {
	if i, ok := s.slots[v]; ok {
		return i
	}
	s.slots[v] = len(s.vars)
	s.vars = append(s.vars, v)
	return len(s.vars) - 1
}

func (s *scope) size() int { return len(s.vars) }

// graphCtx tells a pattern which graph it matches: the query's default
// graph, or the graph a surrounding GRAPH has put in exec.graph.
type graphCtx uint8

const (
	inDefault graphCtx = iota
	inNamed
)

// isolate hides outer bindings of slots from an operator whose semantics
// must not see them (a FILTER or BIND over variables its pattern may leave
// unbound, OPTIONAL over variables only the right side binds), then joins
// the operator's solutions with the hidden values.
type isolate struct {
	slots []int
	scope int
	inner op
}

func (o *isolate) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	n := 0
	for _, s := range o.slots {
		if row[s] != 0 && !x.isFixed(o.scope, s) {
			n++
		}
	}
	if n == 0 {
		return o.inner.run(ctx, x, row, yield)
	}
	hidden := make([]int, 0, n)
	saved := make([]uint64, 0, n)
	for _, s := range o.slots {
		if row[s] != 0 && !x.isFixed(o.scope, s) {
			hidden = append(hidden, s)
			saved = append(saved, row[s])
			row[s] = 0
		}
	}
	set := make([]int, 0, n)
	err := o.inner.run(ctx, x, row, func(r []uint64) bool {
		set = set[:0]
		ok := true
		for i, s := range hidden {
			switch r[s] {
			case 0:
				r[s] = saved[i]
				set = append(set, s)
			case saved[i]:
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		cont := true
		if ok {
			cont = yield(r)
		}
		for _, s := range set {
			r[s] = 0
		}
		return cont
	})
	for i, s := range hidden {
		row[s] = saved[i]
	}
	return err
}

// wrapIsolate returns o, isolated from outer bindings of vars.
func wrapIsolate(o op, sc *scope, vars varSet) op {
	if len(vars) == 0 {
		return o
	}
	slots := make([]int, 0, len(vars))
	for _, v := range vars.sorted() {
		slots = append(slots, sc.slot(v))
	}
	return &isolate{slots: slots, scope: sc.id, inner: o}
}
