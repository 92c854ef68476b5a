package fn

import (
	"math"
	"math/big"

	"github.com/stadleuven/maturity/rdf"
)

// numericFunc builds ABS, CEIL, FLOOR and ROUND, which keep the operand's
// numeric type (a derived integer type becomes xsd:integer).
func numericFunc(name string, onInt func(*big.Int) *big.Int, onRat func(*big.Rat) *big.Rat, onFloat func(float64) float64) builtinFunc {
	return func(_ *Env, a []rdf.Term) (rdf.Term, error) {
		n, err := operand(name, a[0])
		if err != nil {
			return rdf.Term{}, err
		}
		switch n.kind {
		case kInteger:
			n.i = onInt(n.i)
		case kDecimal:
			n.r = onRat(n.r)
		case kFloat:
			n.f = float64(float32(onFloat(n.f)))
		default:
			n.f = onFloat(n.f)
		}
		return n.term(), nil
	}
}

func identInt(i *big.Int) *big.Int { return i }

func ratFloor(r *big.Rat) *big.Rat {
	q := new(big.Int)
	m := new(big.Int)
	q.DivMod(r.Num(), r.Denom(), m) // Euclidean: floor for a positive denominator
	return new(big.Rat).SetInt(q)
}

func ratCeil(r *big.Rat) *big.Rat {
	f := ratFloor(r)
	if f.Cmp(r) == 0 {
		return f
	}
	return f.Add(f, big.NewRat(1, 1))
}

func ratRound(r *big.Rat) *big.Rat {
	return ratFloor(new(big.Rat).Add(r, big.NewRat(1, 2)))
}

var (
	fnAbs = numericFunc("ABS", func(i *big.Int) *big.Int { return new(big.Int).Abs(i) },
		func(r *big.Rat) *big.Rat { return new(big.Rat).Abs(r) }, math.Abs)
	fnCeil  = numericFunc("CEIL", identInt, ratCeil, math.Ceil)
	fnFloor = numericFunc("FLOOR", identInt, ratFloor, math.Floor)
	fnRound = numericFunc("ROUND", identInt, ratRound, xpathRound)
)

// fnRand returns a double in [0, 1).
func fnRand(e *Env, _ []rdf.Term) (rdf.Term, error) {
	return number{kind: kDouble, f: e.rand().Float64()}.term(), nil
}
