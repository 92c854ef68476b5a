package fn

import (
	"fmt"
	"math"
	"math/big"

	"github.com/stadleuven/maturity/rdf"
)

// Arith applies a binary arithmetic operator ('+', '-', '*', '/') to two
// numeric literals with XPath type promotion. Integer division yields a
// decimal; integer or decimal division by zero is an error, float and
// double division by zero yields INF or NaN. Dates, times and durations
// follow the XPath operators (see arithTemporal).
func Arith(op byte, a, b rdf.Term) (rdf.Term, error) {
	if x, y, ok := smallPair(a, b); ok {
		if t, ok := smallArith(op, x, y); ok {
			return t, nil
		}
	}
	if x, y, kind, ok := fixedPair(a, b); ok {
		if op == '/' {
			if lex, ok := quoFixed(x, y); ok {
				return rdf.TypedLiteral(lex, rdf.XSDDecimal), nil
			}
		} else if r, ok := arithFixed(op, x, y); ok {
			return r.term(kind), nil
		}
	}
	if t, ok, err := arithTemporal(op, a, b); ok {
		return t, err
	}
	x, err := operand(string(op), a)
	if err != nil {
		return rdf.Term{}, err
	}
	y, err := operand(string(op), b)
	if err != nil {
		return rdf.Term{}, err
	}
	n, err := arith(op, x, y)
	if err != nil {
		return rdf.Term{}, err
	}
	return n.term(), nil
}

// operand returns the numeric value of an operator's argument.
func operand(where string, t rdf.Term) (number, error) {
	if t.IsZero() {
		return number{}, fmt.Errorf("%s: %w", where, ErrUnbound)
	}
	n, ok, err := toNumber(t)
	if !ok {
		return number{}, typeErr(where, "%s is not numeric", t)
	}
	if err != nil {
		return number{}, fmt.Errorf("%s: %w", where, err)
	}
	return n, nil
}

// maxNumberBits bounds the integers and decimals arithmetic computes (about
// 315,000 decimal digits): squaring a number in nested BINDs doubles its
// size each time, and no real query needs such numbers.
const maxNumberBits = 1 << 20

func arith(op byte, x, y number) (number, error) {
	k := max(x.kind, y.kind)
	if op == '/' && k == kInteger {
		k = kDecimal
	}
	x, y = x.promote(k), y.promote(k)
	switch k {
	case kInteger:
		z := new(big.Int)
		switch op {
		case '+':
			z.Add(x.i, y.i)
		case '-':
			z.Sub(x.i, y.i)
		case '*':
			z.Mul(x.i, y.i)
		default:
			return number{}, fmt.Errorf("unknown operator %q: %w", op, ErrType)
		}
		if z.BitLen() > maxNumberBits {
			return number{}, fmt.Errorf("integer result of %d bits: %w", z.BitLen(), ErrOverflow)
		}
		return number{kind: kInteger, i: z}, nil
	case kDecimal:
		z := new(big.Rat)
		switch op {
		case '+':
			z.Add(x.r, y.r)
		case '-':
			z.Sub(x.r, y.r)
		case '*':
			z.Mul(x.r, y.r)
		case '/':
			if y.r.Sign() == 0 {
				return number{}, fmt.Errorf("%s / 0: %w", formatDecimal(x.r), ErrDivisionByZero)
			}
			z = roundDecimal(z.Quo(x.r, y.r))
		default:
			return number{}, fmt.Errorf("unknown operator %q: %w", op, ErrType)
		}
		if n := z.Num().BitLen() + z.Denom().BitLen(); n > maxNumberBits {
			return number{}, fmt.Errorf("decimal result of %d bits: %w", n, ErrOverflow)
		}
		return number{kind: kDecimal, r: z}, nil
	default:
		var f float64
		switch op {
		case '+':
			f = x.f + y.f
		case '-':
			f = x.f - y.f
		case '*':
			f = x.f * y.f
		case '/':
			f = x.f / y.f
		default:
			return number{}, fmt.Errorf("unknown operator %q: %w", op, ErrType)
		}
		if k == kFloat {
			f = float64(float32(f))
		}
		return number{kind: k, f: f}, nil
	}
}

// Unary applies unary '-' or '+' to a numeric literal.
func Unary(op byte, a rdf.Term) (rdf.Term, error) {
	x, err := operand("unary "+string(op), a)
	if err != nil {
		return rdf.Term{}, err
	}
	switch op {
	case '+':
		return a, nil // the operand itself, as op:numeric-unary-plus
	case '-':
		return x.neg().term(), nil
	}
	return rdf.Term{}, fmt.Errorf("unknown unary operator %q: %w", op, ErrType)
}

func (n number) neg() number {
	switch n.kind {
	case kInteger:
		return number{kind: kInteger, i: new(big.Int).Neg(n.i)}
	case kDecimal:
		return number{kind: kDecimal, r: new(big.Rat).Neg(n.r)}
	}
	return number{kind: n.kind, f: -n.f}
}

// errNaN is the ErrUnordered of a NaN operand, after which the relational
// operators are false rather than an error.
var errNaN = fmt.Errorf("NaN operand: %w", ErrUnordered)

// cmpNumbers compares two numbers after promotion; ErrUnordered for NaN.
func cmpNumbers(x, y number) (int, error) {
	k := max(x.kind, y.kind)
	x, y = x.promote(k), y.promote(k)
	switch k {
	case kInteger:
		return x.i.Cmp(y.i), nil
	case kDecimal:
		return x.r.Cmp(y.r), nil
	}
	switch {
	case math.IsNaN(x.f) || math.IsNaN(y.f):
		return 0, errNaN
	case x.f < y.f:
		return -1, nil
	case x.f > y.f:
		return 1, nil
	}
	return 0, nil
}

// isZeroOrNaN is the numeric part of the effective boolean value.
func (n number) isZeroOrNaN() bool {
	switch n.kind {
	case kInteger:
		return n.i.Sign() == 0
	case kDecimal:
		return n.r.Sign() == 0
	}
	return n.f == 0 || math.IsNaN(n.f)
}
