package fn

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// DecimalDigits is how many fractional digits a non-terminating decimal
// quotient keeps (XPath asks for at least 18 significant digits).
const DecimalDigits = 24

// numKind orders the numeric types by XPath promotion: an operation on two
// kinds is carried out in the larger one.
type numKind uint8

const (
	kInteger numKind = iota
	kDecimal
	kFloat
	kDouble
)

var kindDatatype = [...]string{kInteger: rdf.XSDInteger, kDecimal: rdf.XSDDecimal, kFloat: rdf.XSDFloat, kDouble: rdf.XSDDouble}

// number is a numeric value. Exactly one of i (integer), r (decimal) or f
// (float, double) is meaningful, chosen by kind.
type number struct {
	kind numKind
	i    *big.Int
	r    *big.Rat
	f    float64
}

// intRange bounds the types derived from xsd:integer; nil means unbounded.
type intRange struct{ min, max *big.Int }

func bigPow2(n uint) *big.Int { return new(big.Int).Lsh(big.NewInt(1), n) }

func signedRange(bits uint) intRange {
	hi := bigPow2(bits - 1)
	return intRange{new(big.Int).Neg(hi), hi.Sub(hi, big.NewInt(1))}
}

func unsignedRange(bits uint) intRange {
	hi := bigPow2(bits)
	return intRange{big.NewInt(0), hi.Sub(hi, big.NewInt(1))}
}

// integerTypes lists xsd:integer and every type derived from it, with its
// value range.
var integerTypes = map[string]intRange{
	rdf.XSDInteger:                   {},
	rdf.XSDNS + "nonPositiveInteger": {max: big.NewInt(0)},
	rdf.XSDNS + "negativeInteger":    {max: big.NewInt(-1)},
	rdf.XSDNS + "nonNegativeInteger": {min: big.NewInt(0)},
	rdf.XSDNS + "positiveInteger":    {min: big.NewInt(1)},
	rdf.XSDNS + "long":               signedRange(64),
	rdf.XSDNS + "int":                signedRange(32),
	rdf.XSDNS + "short":              signedRange(16),
	rdf.XSDNS + "byte":               signedRange(8),
	rdf.XSDNS + "unsignedLong":       unsignedRange(64),
	rdf.XSDNS + "unsignedInt":        unsignedRange(32),
	rdf.XSDNS + "unsignedShort":      unsignedRange(16),
	rdf.XSDNS + "unsignedByte":       unsignedRange(8),
}

// numericKind reports the promotion kind of a numeric datatype.
func numericKind(dt string) (numKind, bool) {
	switch dt {
	case rdf.XSDDecimal:
		return kDecimal, true
	case rdf.XSDFloat:
		return kFloat, true
	case rdf.XSDDouble:
		return kDouble, true
	}
	if _, ok := integerTypes[dt]; ok {
		return kInteger, true
	}
	return 0, false
}

// IsNumericDatatype reports whether dt is xsd:integer, xsd:decimal,
// xsd:float, xsd:double or a type derived from xsd:integer.
func IsNumericDatatype(dt string) bool {
	_, ok := numericKind(dt)
	return ok
}

// xsdSpace trims the XML Schema whitespace that the collapse facet of the
// non-string types removes.
func xsdSpace(s string) string { return strings.Trim(s, " \t\n\r") }

// toNumber returns the value of a numeric literal. ok is false when t is not
// a numeric literal at all; err is ErrLexical for an ill-typed one.
func toNumber(t rdf.Term) (n number, ok bool, err error) {
	if !t.IsLiteral() {
		return number{}, false, nil
	}
	k, ok := numericKind(t.Datatype)
	if !ok {
		return number{}, false, nil
	}
	n, err = parseNumber(k, t.Value)
	if err == nil && k == kInteger {
		if r := integerTypes[t.Datatype]; (r.min != nil && n.i.Cmp(r.min) < 0) || (r.max != nil && n.i.Cmp(r.max) > 0) {
			err = fmt.Errorf("%q out of range for %s: %w", t.Value, t.Datatype, ErrLexical)
		}
	}
	return n, true, err
}

// parseNumber parses the XSD lexical form of a kind.
func parseNumber(k numKind, lex string) (number, error) {
	s := xsdSpace(lex)
	bad := func() (number, error) {
		return number{}, fmt.Errorf("%q is not a valid %s: %w", lex, kindDatatype[k], ErrLexical)
	}
	switch k {
	case kInteger:
		if !isIntegerLex(s) {
			return bad()
		}
		i, ok := new(big.Int).SetString(strings.TrimPrefix(s, "+"), 10)
		if !ok {
			return bad()
		}
		return number{kind: kInteger, i: i}, nil
	case kDecimal:
		if !isDecimalLex(s) {
			return bad()
		}
		r, ok := new(big.Rat).SetString(strings.TrimPrefix(s, "+"))
		if !ok {
			return bad()
		}
		return number{kind: kDecimal, r: r}, nil
	default:
		f, ok := parseFloatLex(s, k)
		if !ok {
			return bad()
		}
		return number{kind: k, f: f}, nil
	}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func trimSign(s string) string {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		return s[1:]
	}
	return s
}

func isIntegerLex(s string) bool { return isDigits(trimSign(s)) }

func isDecimalLex(s string) bool {
	s = trimSign(s)
	intPart, frac, hasDot := strings.Cut(s, ".")
	if !hasDot {
		return isDigits(intPart)
	}
	return (intPart == "" || isDigits(intPart)) && (frac == "" || isDigits(frac)) && (intPart != "" || frac != "")
}

// parseFloatLex accepts the xsd:double/xsd:float lexical space: a decimal
// with optional exponent, INF, +INF, -INF and NaN.
func parseFloatLex(s string, k numKind) (float64, bool) {
	switch s {
	case "INF", "+INF":
		return math.Inf(1), true
	case "-INF":
		return math.Inf(-1), true
	case "NaN":
		return math.NaN(), true
	}
	mant, exp, hasExp := strings.Cut(strings.ReplaceAll(s, "E", "e"), "e")
	if !isDecimalLex(mant) || (hasExp && !isIntegerLex(exp)) {
		return 0, false
	}
	bits := 64
	if k == kFloat {
		bits = 32
	}
	f, err := strconv.ParseFloat(s, bits)
	if err != nil {
		// Out of range: XSD rounds to ±INF or 0, strconv reports ErrRange
		// with exactly that value.
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, false
		}
	}
	return f, true
}

// promote converts n to kind k (k >= n.kind).
func (n number) promote(k numKind) number {
	if n.kind == k {
		return n
	}
	switch k {
	case kDecimal:
		return number{kind: kDecimal, r: new(big.Rat).SetInt(n.i)}
	case kFloat, kDouble:
		var f float64
		switch n.kind {
		case kInteger:
			f, _ = new(big.Float).SetInt(n.i).Float64()
		case kDecimal:
			f, _ = n.r.Float64()
		default:
			f = n.f
		}
		if k == kFloat {
			f = float64(float32(f))
		}
		return number{kind: k, f: f}
	}
	return n
}

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
