package eval

import (
	"context"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
)

// unionOp is UNION: the left solutions, then the right ones.
type unionOp struct{ left, right op }

func (o *unionOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	if err := o.left.run(ctx, x, row, yield); err != nil {
		return err
	}
	return o.right.run(ctx, x, row, yield)
}

// leftJoinOp is OPTIONAL: each left solution is extended by the right
// solutions that satisfy the filter, or kept alone when none does.
type leftJoinOp struct {
	left, right op
	filter      expr // nil: true
}

func (c *compiler) compileLeftJoin(p *algebra.LeftJoin, sc *scope, g graphCtx, bound varSet) (op, error) {
	l, err := c.compile(p.Left, sc, g, bound)
	if err != nil {
		return nil, err
	}
	cl := certainVars(p.Left)
	r, err := c.compile(p.Right, sc, g, bound.union(cl))
	if err != nil {
		return nil, err
	}
	o := &leftJoinOp{left: l, right: r}
	unsafe := maybeVars(p.Right).minus(cl)
	if p.Expr != nil {
		if o.filter, err = c.compileExpr(p.Expr, sc, g); err != nil {
			return nil, err
		}
		unsafe = unsafe.union(exprVars(p.Expr).minus(cl).minus(certainVars(p.Right)))
	}
	return wrapIsolate(o, sc, unsafe), nil
}

func (o *leftJoinOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	var inner error
	stopped := false
	err := o.left.run(ctx, x, row, func(r []uint64) bool {
		matched := false
		err := o.right.run(ctx, x, r, func(m []uint64) bool {
			if o.filter != nil {
				b, err := ebv(o.filter(ctx, x, m))
				if isFatal(err) {
					inner = err
					return false
				}
				if err != nil || !b {
					return true
				}
			}
			matched = true
			if !yield(m) {
				stopped = true
				return false
			}
			return true
		})
		if err != nil && err != errStop {
			inner = err
			return false
		}
		if inner != nil || stopped {
			return false
		}
		if !matched && !yield(r) {
			stopped = true
			return false
		}
		return true
	})
	if inner != nil {
		return inner
	}
	if stopped {
		return errStop
	}
	return err
}

// extendOp is BIND: it binds a slot to the value of an expression, or
// leaves it unbound when the expression fails.
type extendOp struct {
	in   op
	slot int
	e    expr
	// newRow starts a new solution for BNODE(str); a chain of BINDs over
	// one solution (SELECT expressions) shares it.
	newRow bool
	name   algebra.Var
}

func (c *compiler) compileExtend(p *algebra.Extend, sc *scope, g graphCtx, bound varSet) (op, error) {
	in, err := c.compile(p.Pattern, sc, g, bound)
	if err != nil {
		return nil, err
	}
	e, err := c.compileExpr(p.Expr, sc, g)
	if err != nil {
		return nil, err
	}
	_, chained := p.Pattern.(*algebra.Extend)
	o := &extendOp{in: in, slot: sc.slot(p.Var), e: e, newRow: !chained, name: p.Var}
	unsafe := setOf(p.Var).union(exprVars(p.Expr).minus(certainVars(p.Pattern)))
	return wrapIsolate(o, sc, unsafe), nil
}

func (o *extendOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	var fatalErr error
	err := o.in.run(ctx, x, row, func(r []uint64) bool {
		if o.newRow {
			x.env.NewRow()
		}
		v, err := o.e(ctx, x, r)
		if err != nil {
			if isFatal(err) {
				fatalErr = err
				return false
			}
			return yield(r)
		}
		id, err := x.d.intern(v)
		if err != nil {
			fatalErr = err
			return false
		}
		r[o.slot] = id
		cont := yield(r)
		r[o.slot] = 0
		return cont
	})
	if fatalErr != nil {
		return fatalErr
	}
	return err
}

// graphOp is GRAPH: it evaluates its pattern in one named graph or in each.
type graphOp struct {
	in   op
	slot int    // -1 for a constant graph
	id   uint64 // the constant graph's id; 0 when the dataset lacks it
	name algebra.Node
}

func (c *compiler) compileGraph(p *algebra.Graph, sc *scope, g graphCtx, bound varSet) (op, error) {
	o := &graphOp{slot: -1, name: p.Name}
	if p.Name.IsVar() {
		o.slot = sc.slot(p.Name.Var)
		bound = bound.union(setOf(p.Name.Var))
	} else {
		id, ok, err := c.x.d.lookup(p.Name.Term)
		if err != nil {
			return nil, err
		}
		if ok {
			o.id = id
		}
	}
	in, err := c.compile(p.Pattern, sc, inNamed, bound)
	if err != nil {
		return nil, err
	}
	o.in = in
	return o, nil
}

func (o *graphOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	outer := x.graph
	defer func() { x.graph = outer }()
	// Operators after this one may be inside another GRAPH: they see its
	// graph again while they run.
	inner := func(g uint64) yieldFn {
		return func(r []uint64) bool {
			x.graph = outer
			cont := yield(r)
			x.graph = g
			return cont
		}
	}
	one := func(g uint64) error {
		ok, err := x.isNamed(ctx, g)
		if err != nil || !ok {
			return err
		}
		x.graph = g
		return o.in.run(ctx, x, row, inner(g))
	}
	if o.slot < 0 {
		if o.id == 0 {
			return nil
		}
		return one(o.id)
	}
	if g := row[o.slot]; g != 0 {
		return one(g)
	}
	var graphs []uint64
	if err := x.namedGraphs(ctx, func(g uint64) bool {
		graphs = append(graphs, g)
		return true
	}); err != nil {
		return fatal(err)
	}
	for _, g := range graphs {
		row[o.slot] = g
		x.graph = g
		err := o.in.run(ctx, x, row, inner(g))
		row[o.slot] = 0
		if err != nil {
			return err
		}
	}
	return nil
}

// tableOp is VALUES.
type tableOp struct {
	slots []int
	rows  [][]uint64 // 0 = UNDEF
}

func (c *compiler) compileTable(p *algebra.Table, sc *scope) (op, error) {
	o := &tableOp{slots: make([]int, len(p.Vars))}
	for i, v := range p.Vars {
		o.slots[i] = sc.slot(v)
	}
	for _, r := range p.Rows {
		ids := make([]uint64, len(r))
		for i, t := range r {
			if t.IsZero() {
				continue
			}
			id, err := c.x.d.intern(t)
			if err != nil {
				return nil, err
			}
			ids[i] = id
		}
		o.rows = append(o.rows, ids)
	}
	return o, nil
}

func (o *tableOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	return joinRows(ctx, x, row, o.slots, o.rows, yield)
}

// joinRows yields each of rows (values for slots, 0 = unbound) that is
// compatible with row, merged into it.
func joinRows(ctx context.Context, x *exec, row []uint64, slots []int, rows [][]uint64, yield yieldFn) error {
	var set []int
	for _, r := range rows {
		if err := x.tick(ctx); err != nil {
			return err
		}
		set = set[:0]
		ok := true
		for i, id := range r {
			if id == 0 {
				continue
			}
			s := slots[i]
			switch row[s] {
			case 0:
				row[s] = id
				set = append(set, s)
			case id:
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		cont := !ok || yield(row)
		for _, s := range set {
			row[s] = 0
		}
		if !cont {
			return errStop
		}
	}
	return nil
}

// sliceOp is OFFSET/LIMIT.
type sliceOp struct {
	in            op
	offset, limit int64
}

func (o *sliceOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	if o.limit == 0 {
		return nil
	}
	var n, out int64
	stopped, full := false, false
	err := o.in.run(ctx, x, row, func(r []uint64) bool {
		n++
		if n <= o.offset {
			return true
		}
		if !yield(r) {
			stopped = true
			return false
		}
		out++
		if o.limit >= 0 && out >= o.limit {
			full = true
			return false
		}
		return true
	})
	if err == errStop && full && !stopped {
		return nil
	}
	return err
}

// distinctOp is DISTINCT (and REDUCED): it keeps the first of equal
// solutions, comparing the slots the pattern may bind.
type distinctOp struct {
	in    op
	slots []int
}

func (o *distinctOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	seen := make(map[string]struct{})
	key := make([]byte, 8*len(o.slots))
	return o.in.run(ctx, x, row, func(r []uint64) bool {
		for i, s := range o.slots {
			putID(key[8*i:], r[s])
		}
		if _, dup := seen[string(key)]; dup {
			return true
		}
		seen[string(key)] = struct{}{}
		return yield(r)
	})
}

func putID(b []byte, id uint64) {
	_ = b[7]
	b[0], b[1], b[2], b[3] = byte(id), byte(id>>8), byte(id>>16), byte(id>>24)
	b[4], b[5], b[6], b[7] = byte(id>>32), byte(id>>40), byte(id>>48), byte(id>>56)
}

// termOf decodes an id, the zero Term for 0.
func (x *exec) termOf(id uint64) (rdf.Term, error) {
	if id == 0 {
		return rdf.Term{}, nil
	}
	return x.d.term(id)
}
