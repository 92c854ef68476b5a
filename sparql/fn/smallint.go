package fn

import (
	"strconv"

	"github.com/stadleuven/maturity/rdf"
)

// smallInt returns the value of an xsd:integer literal of at most 18
// digits without allocating. Comparisons and arithmetic on such integers —
// nearly all integers a query meets — skip math/big; ok is false for
// anything else, which takes the general path.
func smallInt(t rdf.Term) (int64, bool) {
	s := t.Value
	if t.Kind != rdf.KindLiteral || t.Datatype != rdf.XSDInteger || s == "" || len(s) > 18 {
		return 0, false
	}
	i, neg := 0, false
	if s[0] == '+' || s[0] == '-' {
		i, neg = 1, s[0] == '-'
		if len(s) == 1 {
			return 0, false
		}
	}
	var n int64
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// smallPair returns both operands when both are small integers.
func smallPair(a, b rdf.Term) (int64, int64, bool) {
	x, ok := smallInt(a)
	if !ok {
		return 0, 0, false
	}
	y, ok := smallInt(b)
	return x, y, ok
}

// smallArith adds, subtracts or multiplies small integers when the result
// cannot overflow: |x|, |y| < 10^18 makes sums safe, and products are safe
// below 3·10^9 each.
func smallArith(op byte, x, y int64) (rdf.Term, bool) {
	var r int64
	switch op {
	case '+':
		r = x + y
	case '-':
		r = x - y
	case '*':
		const lim = 3_000_000_000
		if x >= lim || x <= -lim || y >= lim || y <= -lim {
			return rdf.Term{}, false
		}
		r = x * y
	default:
		return rdf.Term{}, false
	}
	return rdf.TypedLiteral(strconv.FormatInt(r, 10), rdf.XSDInteger), true
}
