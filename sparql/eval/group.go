package eval

import (
	"context"
	"fmt"
	"unsafe"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/fn"
)

// groupOp is GROUP BY with its aggregates (§18.5 Group, Aggregation,
// AggregateJoin). It reads all solutions of its pattern before yielding.
type groupOp struct {
	in   op
	keys []int
	aggs []aggSpec
}

type aggSpec struct {
	slot      int
	name      string
	distinct  bool
	sep       string
	e         expr  // nil for COUNT(*)
	starSlots []int // COUNT(DISTINCT *): the slots compared
	// countSlot is the variable of COUNT(?v) (-1 otherwise), counted on
	// ids: a variable is an error exactly when unbound, and ids are equal
	// exactly when terms are, so no term needs decoding.
	countSlot int
	// valSlot is the variable of a tallied aggregate (see tally.go), or
	// -1.
	valSlot int
}

func (c *compiler) compileGroup(p *algebra.Group, sc *scope, g graphCtx) (op, error) {
	in, err := c.compile(p.Pattern, sc, g, nil)
	if err != nil {
		return nil, err
	}
	o := &groupOp{in: in}
	for _, k := range p.Keys {
		o.keys = append(o.keys, sc.slot(k))
	}
	for _, ab := range p.Aggregates {
		a := ab.Aggregate
		spec := aggSpec{slot: sc.slot(ab.Var), name: a.Name, distinct: a.Distinct, sep: a.Separator, countSlot: -1, valSlot: -1}
		if v, ok := a.Expr.(algebra.Var); ok && a.Name == algebra.AggCount {
			spec.countSlot = sc.slot(v)
		} else if a.Expr != nil {
			if spec.e, err = c.compileExpr(a.Expr, sc, g); err != nil {
				return nil, err
			}
		} else if a.Distinct {
			for _, v := range maybeVars(p.Pattern).sorted() {
				spec.starSlots = append(spec.starSlots, sc.slot(v))
			}
		}
		if spec.e != nil && tallied(a) {
			spec.valSlot = sc.slot(a.Expr.(algebra.Var))
		}
		if spec.e != nil {
			if _, err := c.x.env.NewAggregator(a.Name, a.Distinct, a.Separator); err != nil {
				return nil, fmt.Errorf("aggregate %s: %w", a.Name, err)
			}
		}
		o.aggs = append(o.aggs, spec)
	}
	return newMaterialized(o, sc, maybeVars(p), certainVars(p)), nil
}

// groupState accumulates one group.
type groupState struct {
	keys  []uint64
	accs  []fn.Aggregator
	count []int64               // COUNT(*) per aggregate
	seen  []map[string]struct{} // COUNT(DISTINCT *) per aggregate
	ids   []map[uint64]struct{} // COUNT(DISTINCT ?v) per aggregate
	tally []tally               // tallied aggregates
}

func (o *groupOp) newState(x *exec, keys []uint64) *groupState {
	st := &groupState{
		keys:  append([]uint64(nil), keys...),
		accs:  make([]fn.Aggregator, len(o.aggs)),
		count: make([]int64, len(o.aggs)),
		seen:  make([]map[string]struct{}, len(o.aggs)),
		ids:   make([]map[uint64]struct{}, len(o.aggs)),
		tally: make([]tally, len(o.aggs)),
	}
	for i, a := range o.aggs {
		if a.e != nil {
			st.accs[i], _ = x.env.NewAggregator(a.name, a.distinct, a.sep)
		} else if a.countSlot >= 0 && a.distinct {
			st.ids[i] = make(map[uint64]struct{})
		} else if a.distinct {
			st.seen[i] = make(map[string]struct{})
		}
	}
	return st
}

// groupBytes estimates a new group's share of the meter: its key (in the
// map and in the state), the state and one slot per aggregate.
func (o *groupOp) groupBytes() int {
	return 2*8*len(o.keys) + 16 + mapEntry + 8 + int(unsafe.Sizeof(groupState{})) + len(o.aggs)*64
}

// run groups the input's solutions and yields one row per group, in the
// order the groups first appeared: accumulate, then emit.
func (o *groupOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	groups := make(map[string]*groupState)
	var order []*groupState
	keyVals := make([]uint64, len(o.keys))
	keyBuf := make([]byte, 8*len(o.keys))
	var fatalErr error
	// held is what the groups cost the meter, given back at the end.
	held := 0
	defer func() { x.mem.shrink(held) }()
	charge := func(n int) error {
		if n <= 0 {
			return nil
		}
		if err := x.mem.grow(n, "GROUP BY"); err != nil {
			return err
		}
		held += n
		return nil
	}
	err := o.in.run(ctx, x, row, func(r []uint64) bool {
		if err := x.tick(ctx); err != nil {
			fatalErr = err
			return false
		}
		for i, s := range o.keys {
			keyVals[i] = r[s]
			putID(keyBuf[8*i:], r[s])
		}
		st, ok := groups[string(keyBuf)]
		if !ok {
			if fatalErr = charge(o.groupBytes()); fatalErr != nil {
				return false
			}
			st = o.newState(x, keyVals)
			groups[string(keyBuf)] = st
			order = append(order, st)
		}
		fatalErr = o.accumulate(ctx, x, st, r, charge)
		return fatalErr == nil
	})
	if fatalErr != nil {
		return fatalErr
	}
	if err != nil {
		return err
	}
	if len(order) == 0 && len(o.keys) == 0 {
		order = append(order, o.newState(x, nil))
	}
	for _, st := range order {
		if err := o.emit(x, st, row); err != nil {
			return err
		}
		cont := yield(row)
		for _, s := range o.keys {
			row[s] = 0
		}
		for _, a := range o.aggs {
			row[a.slot] = 0
		}
		if !cont {
			return errStop
		}
	}
	return nil
}

// accumulate adds solution r to group st, charging what the group's state
// grows by; an error is fatal (the budget, or a fatal expression error).
func (o *groupOp) accumulate(ctx context.Context, x *exec, st *groupState, r []uint64, charge func(int) error) error {
	for i, a := range o.aggs {
		switch {
		case a.countSlot >= 0:
			id := r[a.countSlot]
			if id == 0 {
				break
			}
			if a.distinct {
				if _, dup := st.ids[i][id]; dup {
					break
				}
				if err := charge(8 + mapEntry); err != nil {
					return err
				}
				st.ids[i][id] = struct{}{}
			}
			st.count[i]++
		case a.valSlot >= 0:
			if st.tally[i].add(r[a.valSlot]) {
				if err := charge(16 + mapEntry); err != nil {
					return err
				}
			}
		case a.e != nil:
			t, err := a.e(ctx, x, r)
			if isFatal(err) {
				return err
			}
			before := st.accs[i].Size()
			st.accs[i].Add(t, err)
			if err := charge(st.accs[i].Size() - before); err != nil {
				return err
			}
		case a.distinct:
			k := make([]byte, 8*len(a.starSlots))
			for j, s := range a.starSlots {
				putID(k[8*j:], r[s])
			}
			if _, dup := st.seen[i][string(k)]; !dup {
				if err := charge(len(k) + 16 + mapEntry); err != nil {
					return err
				}
				st.seen[i][string(k)] = struct{}{}
				st.count[i]++
			}
		default:
			st.count[i]++
		}
	}
	return nil
}

// emit writes group st's keys and aggregate results into row. An
// aggregate whose result is an error stays unbound, as SPARQL says.
func (o *groupOp) emit(x *exec, st *groupState, row []uint64) error {
	for i, s := range o.keys {
		row[s] = st.keys[i]
	}
	for i, a := range o.aggs {
		var t rdf.Term
		var err error
		switch {
		case a.e == nil:
			t = intTerm(st.count[i])
		case a.valSlot >= 0:
			t, err = st.tally[i].result(x, a.name, st.accs[i])
		default:
			t, err = st.accs[i].Result()
		}
		if err = limitErr(err); isFatal(err) {
			return err
		}
		var id uint64
		if err == nil {
			if id, err = x.d.intern(t); err != nil {
				return err
			}
		}
		row[a.slot] = id
	}
	return nil
}
