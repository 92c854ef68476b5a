package eval

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/fn"
)

// Result streams the answer of one execution. Its methods must be called
// from one goroutine; Close must be called unless Next returned false.
type Result struct {
	form    algebra.Form
	vars    []string
	boolean bool

	slots []int // output slots, aligned with vars
	row   []uint64
	quad  rdf.Quad
	x     *exec

	next func() (struct{}, bool)
	stop func()
	err  error
	done bool
}

// Exec evaluates q over ds. SELECT, CONSTRUCT and DESCRIBE results stream
// from Next; ASK is answered before Exec returns.
func Exec(ctx context.Context, ds Dataset, q *algebra.Query, opts Options) (*Result, error) {
	x, root, sc, err := prepare(ctx, ds, q, opts)
	if err != nil {
		return nil, err
	}
	r := &Result{form: q.Form, x: x}
	switch q.Form {
	case algebra.Ask:
		row := make([]uint64, sc.size())
		err := root.run(ctx, x, row, func([]uint64) bool {
			r.boolean = true
			return false
		})
		if err != nil && err != errStop {
			return nil, err
		}
		r.done = true
		return r, nil
	case algebra.Select:
		for _, v := range q.Vars {
			r.vars = append(r.vars, string(v))
			r.slots = append(r.slots, sc.slot(v))
		}
		r.start(func(yield func(struct{}) bool) error {
			row := make([]uint64, sc.size())
			return root.run(ctx, x, row, func(row []uint64) bool {
				r.row = row
				return yield(struct{}{})
			})
		})
	case algebra.Construct:
		tmpl, err := compileTemplate(x, q.Template, sc)
		if err != nil {
			return nil, err
		}
		r.start(func(yield func(struct{}) bool) error {
			return construct(ctx, x, root, sc, tmpl, func(q rdf.Quad) bool {
				r.quad = q
				return yield(struct{}{})
			})
		})
	case algebra.Describe:
		r.start(func(yield func(struct{}) bool) error {
			return describe(ctx, x, root, sc, q.Describe, func(q rdf.Quad) bool {
				r.quad = q
				return yield(struct{}{})
			})
		})
	default:
		return nil, fmt.Errorf("unsupported query form %v", q.Form)
	}
	return r, nil
}

// prepare sets up an execution and compiles q's pattern.
func prepare(ctx context.Context, ds Dataset, q *algebra.Query, opts Options) (*exec, op, *scope, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	lim := opts.Limits.Resolved()
	x := &exec{ds: ds, env: &fn.Env{Now: now, Base: q.Base, MaxString: lim.StringBytes}, opts: opts, lim: lim,
		mem: meter{max: lim.MemoryBytes}}
	x.d = newDict(ds, &x.mem)
	if g, ok := ds.(generation); ok {
		x.gen, x.hasGen = g.Generation(), true
	}
	if err := x.setupDataset(ctx, q.From, q.FromNamed); err != nil {
		return nil, nil, nil, err
	}
	c := &compiler{ctx: ctx, x: x}
	sc := c.newScope()
	var root op = &joinOp{filters: [][]expr{nil}}
	if q.Pattern != nil {
		var err error
		if root, err = c.compileChain(q.Pattern, sc, inDefault); err != nil {
			return nil, nil, nil, err
		}
	}
	return x, root, sc, nil
}

// start runs produce as a coroutine that Next resumes.
func (r *Result) start(produce func(yield func(struct{}) bool) error) {
	seq := func(yield func(struct{}) bool) {
		err := produce(yield)
		if err != nil && err != errStop {
			r.err = err
		}
	}
	r.next, r.stop = iter.Pull(iter.Seq[struct{}](seq))
}

// Form returns the query form.
func (r *Result) Form() algebra.Form { return r.form }

// Vars returns the SELECT variables, in order.
func (r *Result) Vars() []string { return r.vars }

// Boolean returns the answer of an ASK query.
func (r *Result) Boolean() bool { return r.boolean }

// Next advances to the next row (SELECT) or quad (CONSTRUCT, DESCRIBE).
func (r *Result) Next() bool {
	if r.done || r.next == nil {
		return false
	}
	if _, ok := r.next(); ok {
		return true
	}
	r.done = true
	r.row = nil
	r.stop()
	return false
}

// Row returns the current SELECT row, aligned with Vars; a zero Term is
// unbound. The slice is the caller's.
func (r *Result) Row() []rdf.Term {
	out := make([]rdf.Term, len(r.slots))
	if r.row == nil {
		return out // Next was not called or returned false
	}
	for i, s := range r.slots {
		t, err := r.x.termOf(r.row[s])
		if err != nil && r.err == nil {
			r.err = err
		}
		out[i] = t
	}
	return out
}

// Quad returns the current CONSTRUCT or DESCRIBE triple (in the default
// graph).
func (r *Result) Quad() rdf.Quad { return r.quad }

// Err returns the error that ended the stream early, if any.
func (r *Result) Err() error { return r.err }

// Close stops the evaluation and releases it.
func (r *Result) Close() error {
	if r.stop != nil {
		r.stop()
	}
	r.done = true
	return nil
}
