package fn

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// Fixed-point decimals. Exact decimal arithmetic goes through math/big:
// parsing "4.1" into a big.Rat allocates, and so does every sum,
// difference and comparison. Scores, shares and money have a few digits
// on either side of the point, so a decimal or integer literal of at most
// 18 digits is read as an int64 mantissa and a count of fractional digits
// instead; sums, differences, products and comparisons of two such
// numbers stay in int64 as long as they cannot overflow, and everything
// else — division, long numbers, overflow — takes the math/big path,
// which gives the same values.

// fixed is the number m × 10^-scale.
type fixed struct {
	m     int64
	scale int
}

// maxFixedDigits is the most digits a literal may have to be read as
// fixed: 10^18 < 2^63.
const maxFixedDigits = 18

// pow10 holds 10^0 … 10^18.
var pow10 = func() (p [maxFixedDigits + 1]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// fixedOf reads an xsd:integer or xsd:decimal literal of at most 18
// digits, in the canonical lexical space without whitespace. kind is
// kInteger or kDecimal; ok is false for everything else, which the
// general path handles (and validates).
func fixedOf(t rdf.Term) (f fixed, kind numKind, ok bool) {
	switch {
	case t.Kind != rdf.KindLiteral:
		return fixed{}, 0, false
	case t.Datatype == rdf.XSDInteger:
		kind = kInteger
	case t.Datatype == rdf.XSDDecimal:
		kind = kDecimal
	default:
		return fixed{}, 0, false
	}
	s := t.Value
	i, neg := 0, false
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		i, neg = 1, s[0] == '-'
	}
	digits, point := 0, -1
	var m int64
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if digits++; digits > maxFixedDigits {
				return fixed{}, 0, false
			}
			m = m*10 + int64(c-'0')
		case c == '.' && point < 0 && kind == kDecimal:
			point = digits
		default:
			return fixed{}, 0, false
		}
	}
	if digits == 0 {
		return fixed{}, 0, false
	}
	if neg {
		m = -m
	}
	if point >= 0 {
		f.scale = digits - point
	}
	f.m = m
	return f, kind, true
}

// fixedPair reads both operands as fixed; kind is the larger of theirs.
func fixedPair(a, b rdf.Term) (x, y fixed, kind numKind, ok bool) {
	x, ka, ok := fixedOf(a)
	if !ok {
		return
	}
	y, kb, ok := fixedOf(b)
	return x, y, max(ka, kb), ok
}

// rescale returns f with the given (larger) scale, or false on overflow.
func (f fixed) rescale(scale int) (int64, bool) {
	d := scale - f.scale
	if d == 0 {
		return f.m, true
	}
	if d > maxFixedDigits {
		return 0, false
	}
	p := pow10[d]
	if f.m > math.MaxInt64/p || f.m < -math.MaxInt64/p {
		return 0, false
	}
	return f.m * p, true
}

// align returns both mantissas at the larger scale.
func align(x, y fixed) (a, b int64, scale int, ok bool) {
	scale = max(x.scale, y.scale)
	a, ok = x.rescale(scale)
	if !ok {
		return
	}
	b, ok = y.rescale(scale)
	return
}

// cmpFixed compares x and y, or returns false when aligning overflows.
func cmpFixed(x, y fixed) (int, bool) {
	a, b, _, ok := align(x, y)
	if !ok {
		return 0, false
	}
	return cmpInt64(a, b), true
}

// arithFixed computes x op y for '+', '-' and '*', or returns false when
// the result may not fit (the caller then takes the math/big path).
func arithFixed(op byte, x, y fixed) (fixed, bool) {
	switch op {
	case '+', '-':
		a, b, scale, ok := align(x, y)
		if !ok {
			return fixed{}, false
		}
		if op == '-' {
			if b == math.MinInt64 {
				return fixed{}, false
			}
			b = -b
		}
		s := a + b
		// Overflow happened when both operands share a sign the sum lacks.
		if (a >= 0) == (b >= 0) && (s >= 0) != (a >= 0) {
			return fixed{}, false
		}
		return fixed{s, scale}, true
	case '*':
		scale := x.scale + y.scale
		if scale > 2*maxFixedDigits {
			return fixed{}, false
		}
		neg := (x.m < 0) != (y.m < 0)
		hi, lo := bits.Mul64(absU(x.m), absU(y.m))
		if hi != 0 || lo > math.MaxInt64 {
			return fixed{}, false
		}
		m := int64(lo)
		if neg {
			m = -m
		}
		f := fixed{m, scale}
		for f.scale > maxFixedDigits {
			// Beyond 18 fractional digits only trailing zeros may go.
			if f.m%10 != 0 {
				return fixed{}, false
			}
			f.m /= 10
			f.scale--
		}
		return f, true
	}
	return fixed{}, false
}

func absU(m int64) uint64 {
	if m < 0 {
		return uint64(-m) // also right for MinInt64
	}
	return uint64(m)
}

// lexical prints f canonically, as number.lexical does: without leading
// or trailing zeros, and without a point when it is integral (which an
// integer always is).
func (f fixed) lexical() string {
	m, scale := f.m, f.scale
	for scale > 0 && m%10 == 0 {
		m /= 10
		scale--
	}
	if scale == 0 {
		return strconv.FormatInt(m, 10)
	}
	neg := m < 0
	digits := strconv.FormatUint(absU(m), 10)
	if len(digits) <= scale {
		digits = string(zeros[:scale-len(digits)+1]) + digits
	}
	s := digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	if neg {
		s = "-" + s
	}
	return s
}

var zeros = [maxFixedDigits + 2]byte{'0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'}

// term returns f as a literal of kind (kInteger only when f is integral).
func (f fixed) term(kind numKind) rdf.Term {
	return rdf.TypedLiteral(f.lexical(), kindDatatype[kind])
}

// number returns f as a general number of kind.
func (f fixed) number(kind numKind) number {
	if kind == kInteger && f.scale == 0 {
		return number{kind: kInteger, i: big.NewInt(f.m)}
	}
	r := new(big.Rat).SetFrac(big.NewInt(f.m), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(f.scale)), nil))
	return number{kind: kDecimal, r: r}
}

// quoFixed returns x / y as arith and formatDecimal would print the
// decimal quotient: exact when it terminates within DecimalDigits
// fractional digits, rounded half away from zero to DecimalDigits when it
// does not terminate. ok is false for a zero divisor and for a quotient
// that terminates only after DecimalDigits digits (the math/big path
// prints those whole).
func quoFixed(x, y fixed) (string, bool) {
	if y.m == 0 {
		return "", false
	}
	// N / D is the quotient times 10^DecimalDigits.
	n, d := big.NewInt(x.m), big.NewInt(y.m)
	if e := y.scale - x.scale + DecimalDigits; e >= 0 {
		n.Mul(n, bigPow10(e))
	} else {
		d.Mul(d, bigPow10(-e))
	}
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	if r.Sign() != 0 {
		if terminates(x.m, y.m) {
			return "", false
		}
		// QuoRem truncates toward zero; a remainder of half the divisor
		// or more rounds away from it, as big.Rat.FloatString does.
		if r.Abs(r).Lsh(r, 1).CmpAbs(d) >= 0 {
			if (n.Sign() < 0) != (d.Sign() < 0) {
				q.Sub(q, big.NewInt(1))
			} else {
				q.Add(q, big.NewInt(1))
			}
		}
	}
	return scaledLexical(q, DecimalDigits), true
}

// terminates reports whether a / b has a finite decimal expansion: b
// without the factors it shares with a has no prime factor but 2 and 5.
func terminates(a, b int64) bool {
	ua, ub := absU(a), absU(b)
	for ua != 0 {
		ua, ub = ub%ua, ua
	}
	d := absU(b) / ub // ub is now gcd(a, b); gcd(0, b) is b
	for d%2 == 0 {
		d /= 2
	}
	for d%5 == 0 {
		d /= 5
	}
	return d == 1
}

// bigPow10 returns 10^e.
func bigPow10(e int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil)
}

// scaledLexical prints q × 10^-scale canonically (see fixed.lexical).
func scaledLexical(q *big.Int, scale int) string {
	neg := q.Sign() < 0
	digits := new(big.Int).Abs(q).String()
	for scale > 0 && digits[len(digits)-1] == '0' && len(digits) > 1 {
		digits = digits[:len(digits)-1]
		scale--
	}
	if digits == "0" {
		return "0"
	}
	if scale > 0 {
		if len(digits) <= scale {
			digits = strings.Repeat("0", scale-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}
