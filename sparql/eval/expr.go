package eval

import (
	"context"
	"errors"
	"fmt"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/fn"
)

// expr is a compiled expression: it evaluates against a row of the scope it
// was compiled in. Any error is a SPARQL expression error, except those
// wrapping errFatal (storage, cancellation), which abort the query.
type expr func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error)

// errFatal marks errors that must not be swallowed as expression errors.
var errFatal = errors.New("evaluation aborted")

type fatalError struct{ err error }

func (e fatalError) Error() string { return e.err.Error() }
func (e fatalError) Unwrap() []error {
	return []error{errFatal, e.err}
}

func fatal(err error) error {
	if err == nil || errors.Is(err, errFatal) {
		return err
	}
	return fatalError{err}
}

var (
	termTrue  = rdf.TypedLiteral("true", rdf.XSDBoolean)
	termFalse = rdf.TypedLiteral("false", rdf.XSDBoolean)
	errUnbnd  = fmt.Errorf("variable: %w", fn.ErrUnbound)
)

func boolTerm(b bool) rdf.Term {
	if b {
		return termTrue
	}
	return termFalse
}

// compileExpr turns an algebra expression into a closure over slots of sc.
func (c *compiler) compileExpr(e algebra.Expr, sc *scope, g graphCtx) (expr, error) {
	switch e := e.(type) {
	case algebra.Var:
		slot := sc.slot(e)
		return func(_ context.Context, x *exec, row []uint64) (rdf.Term, error) {
			id := row[slot]
			if id == 0 {
				return rdf.Term{}, errUnbnd
			}
			t, err := x.d.term(id)
			return t, fatal(err)
		}, nil
	case *algebra.Const:
		t := e.Term
		return func(context.Context, *exec, []uint64) (rdf.Term, error) { return t, nil }, nil
	case *algebra.Binary:
		return c.compileBinary(e, sc, g)
	case *algebra.Unary:
		arg, err := c.compileExpr(e.Arg, sc, g)
		if err != nil {
			return nil, err
		}
		if e.Op == algebra.OpNot {
			return func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error) {
				v, err := arg(ctx, x, row)
				if err != nil {
					return rdf.Term{}, err
				}
				b, err := fn.EBV(v)
				if err != nil {
					return rdf.Term{}, err
				}
				return boolTerm(!b), nil
			}, nil
		}
		op := e.Op[0]
		return func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error) {
			v, err := arg(ctx, x, row)
			if err != nil {
				return rdf.Term{}, err
			}
			return fn.Unary(op, v)
		}, nil
	case *algebra.In:
		return c.compileIn(e, sc, g)
	case *algebra.Call:
		return c.compileCall(e, sc, g)
	case *algebra.Exists:
		return c.compileExists(e, sc, g)
	case *algebra.Aggregate:
		return nil, fmt.Errorf("aggregate %s outside GROUP", e.Name)
	}
	return nil, fmt.Errorf("unsupported expression %T", e)
}

func (c *compiler) compileArgs(args []algebra.Expr, sc *scope, g graphCtx) ([]expr, error) {
	out := make([]expr, len(args))
	for i, a := range args {
		f, err := c.compileExpr(a, sc, g)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

func (c *compiler) compileBinary(e *algebra.Binary, sc *scope, g graphCtx) (expr, error) {
	l, err := c.compileExpr(e.Left, sc, g)
	if err != nil {
		return nil, err
	}
	r, err := c.compileExpr(e.Right, sc, g)
	if err != nil {
		return nil, err
	}
	switch e.Op {
	case algebra.OpOr, algebra.OpAnd:
		// §17.2: an error on one side is masked when the other side alone
		// decides the result.
		or := e.Op == algebra.OpOr
		return func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error) {
			lb, lerr := ebv(l(ctx, x, row))
			if lerr == nil && lb == or {
				return boolTerm(or), nil
			}
			if isFatal(lerr) {
				return rdf.Term{}, lerr
			}
			rb, rerr := ebv(r(ctx, x, row))
			if rerr == nil && rb == or {
				return boolTerm(or), nil
			}
			if isFatal(rerr) {
				// A limit or a cancellation met on the right must stop
				// the query even when the left side failed too.
				return rdf.Term{}, rerr
			}
			if lerr != nil {
				return rdf.Term{}, lerr
			}
			if rerr != nil {
				return rdf.Term{}, rerr
			}
			return boolTerm(!or), nil
		}, nil
	case algebra.OpEq, algebra.OpNe, algebra.OpLt, algebra.OpGt, algebra.OpLe, algebra.OpGe:
		op := e.Op
		return func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error) {
			a, err := l(ctx, x, row)
			if err != nil {
				return rdf.Term{}, err
			}
			b, err := r(ctx, x, row)
			if err != nil {
				return rdf.Term{}, err
			}
			ok, err := fn.Relational(op, a, b)
			if err != nil {
				return rdf.Term{}, err
			}
			return boolTerm(ok), nil
		}, nil
	case algebra.OpAdd, algebra.OpSub, algebra.OpMul, algebra.OpDiv:
		op := e.Op[0]
		return func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error) {
			a, err := l(ctx, x, row)
			if err != nil {
				return rdf.Term{}, err
			}
			b, err := r(ctx, x, row)
			if err != nil {
				return rdf.Term{}, err
			}
			return fn.Arith(op, a, b)
		}, nil
	}
	return nil, fmt.Errorf("unsupported operator %q", e.Op)
}

func ebv(t rdf.Term, err error) (bool, error) {
	if err != nil {
		return false, err
	}
	// Comparisons and logical operators yield canonical booleans: decided
	// here, a filtered row skips fn.EBV's general lexical checks.
	if t.Datatype == rdf.XSDBoolean {
		switch t.Value {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	}
	return fn.EBV(t)
}

func isFatal(err error) bool { return err != nil && errors.Is(err, errFatal) }

func (c *compiler) compileIn(e *algebra.In, sc *scope, g graphCtx) (expr, error) {
	arg, err := c.compileExpr(e.Arg, sc, g)
	if err != nil {
		return nil, err
	}
	list, err := c.compileArgs(e.List, sc, g)
	if err != nil {
		return nil, err
	}
	not := e.Not
	// §17.4.1.9: IN is a disjunction of = tests, so an error is masked by
	// a later match, and reported only when nothing matched.
	return func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error) {
		a, err := arg(ctx, x, row)
		if err != nil {
			return rdf.Term{}, err
		}
		var firstErr error
		for _, f := range list {
			b, err := f(ctx, x, row)
			if err == nil {
				var eq bool
				eq, err = fn.Equal(a, b)
				if err == nil && eq {
					return boolTerm(!not), nil
				}
			}
			if isFatal(err) {
				return rdf.Term{}, err
			}
			if err != nil && firstErr == nil {
				firstErr = err
			}
		}
		if firstErr != nil {
			return rdf.Term{}, firstErr
		}
		return boolTerm(not), nil
	}, nil
}

func (c *compiler) compileCall(e *algebra.Call, sc *scope, g graphCtx) (expr, error) {
	switch e.Name {
	case "BOUND":
		v, ok := singleVar(e.Args)
		if !ok {
			return nil, fmt.Errorf("BOUND needs one variable")
		}
		slot := sc.slot(v)
		return func(_ context.Context, _ *exec, row []uint64) (rdf.Term, error) {
			return boolTerm(row[slot] != 0), nil
		}, nil
	case "IF":
		args, err := c.compileArgs(e.Args, sc, g)
		if err != nil {
			return nil, err
		}
		if len(args) != 3 {
			return nil, fmt.Errorf("IF needs 3 arguments, got %d", len(args))
		}
		return func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error) {
			b, err := ebv(args[0](ctx, x, row))
			if err != nil {
				return rdf.Term{}, err
			}
			if b {
				return args[1](ctx, x, row)
			}
			return args[2](ctx, x, row)
		}, nil
	case "COALESCE":
		args, err := c.compileArgs(e.Args, sc, g)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error) {
			for _, a := range args {
				v, err := a(ctx, x, row)
				if err == nil {
					return v, nil
				}
				if isFatal(err) {
					return rdf.Term{}, err
				}
			}
			return rdf.Term{}, fmt.Errorf("COALESCE: no argument without error: %w", fn.ErrType)
		}, nil
	}
	if !fn.Known(e.Name) {
		return nil, fmt.Errorf("unknown function %s: %w", e.Name, fn.ErrUnknownFunction)
	}
	args, err := c.compileArgs(e.Args, sc, g)
	if err != nil {
		return nil, err
	}
	name := e.Name
	return func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error) {
		vals := make([]rdf.Term, len(args))
		for i, a := range args {
			v, err := a(ctx, x, row)
			if err != nil {
				return rdf.Term{}, err
			}
			vals[i] = v
		}
		t, err := x.env.Call(name, vals)
		return t, limitErr(err)
	}, nil
}

func singleVar(args []algebra.Expr) (algebra.Var, bool) {
	if len(args) != 1 {
		return "", false
	}
	v, ok := args[0].(algebra.Var)
	return v, ok
}

// stopAtFirst is a yield that stops at the first solution.
func stopAtFirst([]uint64) bool { return false }

// compileExists evaluates the pattern with the current solution's bindings
// substituted (§17.4.1.4): those slots are marked fixed, so operators that
// otherwise hide outer bindings keep them, as substitution would.
func (c *compiler) compileExists(e *algebra.Exists, sc *scope, g graphCtx) (expr, error) {
	p, err := c.compile(e.Pattern, sc, g, nil)
	if err != nil {
		return nil, err
	}
	not := e.Not
	if one := singleTriple(p); one != nil {
		// One triple pattern: no operator inside hides bindings, so the
		// substitution is the row itself, and a probe answers.
		return func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error) {
			// eachMatch returns errStop exactly when a match was found.
			err := one.eachMatch(ctx, x, row, true, stopAtFirst)
			if err != nil && err != errStop {
				return rdf.Term{}, fatal(err)
			}
			return boolTerm((err == errStop) != not), nil
		}, nil
	}
	scopeID := sc.id
	return func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error) {
		saved, savedScope := x.fixed, x.fixedScope
		fixed := make([]bool, len(row))
		for i, id := range row {
			fixed[i] = id != 0
		}
		x.fixed, x.fixedScope = fixed, scopeID
		found := false
		err := p.run(ctx, x, row, func([]uint64) bool {
			found = true
			return false
		})
		x.fixed, x.fixedScope = saved, savedScope
		if err != nil && err != errStop {
			return rdf.Term{}, fatal(err)
		}
		return boolTerm(found != not), nil
	}, nil
}
