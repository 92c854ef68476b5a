package eval

import (
	"context"
	"errors"
	"fmt"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
)

// ErrNoService is returned for SERVICE when no ServiceHandler is set.
var ErrNoService = errors.New("SERVICE is not enabled")

// serviceOp is SERVICE: the handler evaluates the group remotely; the rows
// are kept per endpoint and joined with the outer solutions.
type serviceOp struct {
	endpoint rdf.Term // constant endpoint, or zero
	slot     int      // endpoint variable, when endpoint is zero
	silent   bool
	query    string
	vars     map[string]int // variable name → slot
	cache    map[string]*serviceRows
	name     algebra.Node // for Explain
}

type serviceRows struct {
	slots []int
	rows  [][]uint64
}

func (c *compiler) compileService(p *algebra.Service, sc *scope) (op, error) {
	o := &serviceOp{silent: p.Silent, query: p.Query, slot: -1, vars: map[string]int{}, name: p.Endpoint}
	if p.Endpoint.IsVar() {
		o.slot = sc.slot(p.Endpoint.Var)
	} else {
		o.endpoint = p.Endpoint.Term
	}
	for v := range maybeVars(p.Pattern) {
		o.vars[string(v)] = sc.slot(v)
	}
	return o, nil
}

func (o *serviceOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	ep := o.endpoint
	if o.slot >= 0 {
		t, err := x.termOf(row[o.slot])
		if err != nil {
			return err
		}
		ep = t
	}
	rows, err := o.fetch(ctx, x, ep)
	if err != nil {
		if o.silent && ctx.Err() == nil {
			return joinRows(ctx, x, row, nil, [][]uint64{nil}, yield)
		}
		return err
	}
	return joinRows(ctx, x, row, rows.slots, rows.rows, yield)
}

func (o *serviceOp) fetch(ctx context.Context, x *exec, ep rdf.Term) (*serviceRows, error) {
	if !ep.IsIRI() {
		return nil, fmt.Errorf("SERVICE endpoint %s is not an IRI", ep)
	}
	if r, ok := o.cache[ep.Value]; ok {
		return r, nil
	}
	if x.opts.Service == nil {
		return nil, fmt.Errorf("SERVICE <%s>: %w", ep.Value, ErrNoService)
	}
	vars, rows, err := x.opts.Service.Select(ctx, ep.Value, o.query, x.lim.ServiceBytes)
	if err != nil {
		return nil, limitErr(fmt.Errorf("SERVICE <%s>: %w", ep.Value, err))
	}
	out := &serviceRows{slots: make([]int, len(vars))}
	for i, v := range vars {
		s, ok := o.vars[v]
		if !ok {
			s = -1
		}
		out.slots[i] = s
	}
	what := "SERVICE <" + ep.Value + ">"
	for _, r := range rows {
		if err := x.mem.grow(rowSize(len(vars)), what); err != nil {
			return nil, err
		}
		ids := make([]uint64, len(vars))
		for i, t := range r {
			if i >= len(vars) || t.IsZero() || out.slots[i] < 0 {
				continue
			}
			id, err := x.d.intern(t)
			if err != nil {
				return nil, err
			}
			ids[i] = id
		}
		out.rows = append(out.rows, ids)
	}
	// Columns the pattern does not know are dropped.
	for i, s := range out.slots {
		if s < 0 {
			out.slots[i] = 0
			for _, r := range out.rows {
				r[i] = 0
			}
		}
	}
	if o.cache == nil {
		o.cache = make(map[string]*serviceRows)
	}
	o.cache[ep.Value] = out
	return out, nil
}
