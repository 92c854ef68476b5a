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
