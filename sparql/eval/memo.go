package eval

import (
	"context"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
)

// A filter over few variables, such as FILTER(lang(?label) = "en") or
// FILTER(?m - ?avg >= 1.5), often sees the same few values on thousands of
// rows. When its value depends on those variables alone, it is computed
// once per combination of term ids.

// memoMaxEntries bounds a filter's memo.
const memoMaxEntries = 1 << 16

// memoFilter wraps e, compiled from f in sc, with a memo keyed by the ids
// of the variables f reads, when they are at most four and nothing else
// that varies enters f.
func memoFilter(e expr, f algebra.Expr, sc *scope) expr {
	vars := exprVars(f)
	if len(vars) == 0 || len(vars) > 4 || !deterministic(f) {
		return e
	}
	var slots []int
	for _, v := range vars.sorted() {
		slots = append(slots, sc.slot(v))
	}
	type result struct {
		t   rdf.Term
		err error
	}
	if len(slots) == 1 {
		// One variable, the common case (lang(?label) = "en"): a map on
		// the id itself hashes several times faster than one on [4]uint64.
		slot := slots[0]
		memo := make(map[uint64]result)
		return func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error) {
			if r, ok := memo[row[slot]]; ok {
				return r.t, r.err
			}
			t, err := e(ctx, x, row)
			if !isFatal(err) && len(memo) < memoMaxEntries {
				memo[row[slot]] = result{t, err}
			}
			return t, err
		}
	}
	memo := make(map[[4]uint64]result)
	return func(ctx context.Context, x *exec, row []uint64) (rdf.Term, error) {
		var key [4]uint64
		for i, s := range slots {
			key[i] = row[s]
		}
		if r, ok := memo[key]; ok {
			return r.t, r.err
		}
		t, err := e(ctx, x, row)
		if !isFatal(err) && len(memo) < memoMaxEntries {
			memo[key] = result{t, err}
		}
		return t, err
	}
}

// deterministic reports whether e gives the same value for the same
// variable values: no random or fresh values, no EXISTS (which reads the
// data and other variables), no functions outside the built-ins.
func deterministic(e algebra.Expr) bool {
	switch e := e.(type) {
	case algebra.Var, *algebra.Const:
		return true
	case *algebra.Binary:
		return deterministic(e.Left) && deterministic(e.Right)
	case *algebra.Unary:
		return deterministic(e.Arg)
	case *algebra.In:
		if !deterministic(e.Arg) {
			return false
		}
		for _, a := range e.List {
			if !deterministic(a) {
				return false
			}
		}
		return true
	case *algebra.Call:
		switch e.Name {
		case "RAND", "UUID", "STRUUID", "BNODE":
			return false
		}
		for _, a := range e.Args {
			if !deterministic(a) {
				return false
			}
		}
		return true
	}
	return false
}
