package fn

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// term returns n as a literal in canonical lexical form.
func (n number) term() rdf.Term {
	return rdf.TypedLiteral(n.lexical(), kindDatatype[n.kind])
}

func (n number) lexical() string {
	switch n.kind {
	case kInteger:
		return n.i.String()
	case kDecimal:
		return formatDecimal(n.r)
	case kFloat:
		return formatDouble(n.f, 32)
	default:
		return formatDouble(n.f, 64)
	}
}

// formatDecimal prints the XSD 1.1 canonical decimal: no point for an
// integral value ("3"), otherwise no leading or trailing zeros ("0.5",
// "-2.25"). This is also XPath's string form, which the W3C expected
// results use.
func formatDecimal(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	digits, exact := terminatingDigits(r.Denom())
	if !exact {
		digits = DecimalDigits
	}
	s := r.FloatString(digits)
	s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// terminatingDigits returns how many fractional digits 1/d needs, and false
// when the decimal expansion does not terminate.
func terminatingDigits(d *big.Int) (int, bool) {
	n2 := int(d.TrailingZeroBits())
	q := new(big.Int).Rsh(d, uint(n2))
	five, r := big.NewInt(5), new(big.Int)
	n5 := 0
	for {
		next, rem := new(big.Int).QuoRem(q, five, r)
		if rem.Sign() != 0 {
			break
		}
		q, n5 = next, n5+1
	}
	if !q.IsInt64() || q.Int64() != 1 {
		return 0, false
	}
	return max(n2, n5), true
}

// roundDecimal rounds a non-terminating quotient to DecimalDigits places so
// that decimals stay decimals.
func roundDecimal(r *big.Rat) *big.Rat {
	if _, exact := terminatingDigits(r.Denom()); exact {
		return r
	}
	out, _ := new(big.Rat).SetString(r.FloatString(DecimalDigits))
	return out
}

// formatDouble prints the XSD canonical double/float form: a mantissa with
// one digit before the point and at least one after, and an exponent
// (1.0E0, -2.5E-3, INF, NaN).
func formatDouble(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0E0"
		}
		return "0.0E0"
	}
	s := strconv.FormatFloat(f, 'E', -1, bits)
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}
