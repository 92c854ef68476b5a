package fn

import (
	"errors"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// Ensure that arithmetic promotes types as XPath does, never wraps
// integers, keeps decimals exact and reports errors.
func TestArith(t *testing.T) {
	tests := []struct {
		op   byte
		a, b rdf.Term
		want rdf.Term
		err  error
	}{
		{'+', integer("1"), integer("2"), integer("3"), nil},
		{'+', integer("9223372036854775807"), integer("1"), integer("9223372036854775808"), nil},
		{'*', integer("9223372036854775807"), integer("9223372036854775807"), integer("85070591730234615847396907784232501249"), nil},
		{'-', integer("-9223372036854775808"), integer("1"), integer("-9223372036854775809"), nil},
		{'+', integer("1"), decimal("0.5"), decimal("1.5"), nil},
		{'+', decimal("0.1"), decimal("0.2"), decimal("0.3"), nil},
		{'-', decimal("0.3"), decimal("0.1"), decimal("0.2"), nil},
		{'*', decimal("1.5"), decimal("2"), decimal("3"), nil},
		{'/', integer("1"), integer("2"), decimal("0.5"), nil},
		{'/', integer("6"), integer("3"), decimal("2"), nil},
		{'/', integer("1"), integer("3"), decimal("0.333333333333333333333333"), nil},
		{'/', integer("1"), integer("0"), rdf.Term{}, ErrDivisionByZero},
		{'/', decimal("1"), decimal("0"), rdf.Term{}, ErrDivisionByZero},
		{'/', double("1"), double("0"), double("INF"), nil},
		{'/', double("-1"), integer("0"), double("-INF"), nil},
		{'/', double("0"), double("0"), double("NaN"), nil},
		{'+', integer("1"), double("1.5"), double("2.5E0"), nil},
		{'+', float("1.5"), integer("1"), float("2.5E0"), nil},
		{'+', float("0.1"), double("0"), double("1.0000000149011612E-1"), nil},
		{'*', float("1.5"), decimal("2"), float("3.0E0"), nil},
		{'+', typed("5", rdf.XSDNS+"byte"), typed("127", rdf.XSDNS+"byte"), integer("132"), nil},
		{'+', str("1"), integer("1"), rdf.Term{}, ErrType},
		{'+', integer("abc"), integer("1"), rdf.Term{}, ErrLexical},
		{'+', typed("300", rdf.XSDNS+"byte"), integer("1"), rdf.Term{}, ErrLexical},
		{'+', iri("http://ex/"), integer("1"), rdf.Term{}, ErrType},
		{'+', rdf.Term{}, integer("1"), rdf.Term{}, ErrUnbound},
		{'+', integer(" 7 "), integer("+1"), integer("8"), nil},
	}
	for _, tc := range tests {
		got, err := Arith(tc.op, tc.a, tc.b)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("%s %c %s = %s, %v; want error %v", tc.a, tc.op, tc.b, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s %c %s = %s, %v; want %s", tc.a, tc.op, tc.b, got, err, tc.want)
		}
	}
}

func TestUnary(t *testing.T) {
	tests := []struct {
		op   byte
		a    rdf.Term
		want rdf.Term
		err  error
	}{
		{'-', integer("5"), integer("-5"), nil},
		{'-', decimal("-1.50"), decimal("1.5"), nil},
		{'-', double("0"), double("-0.0E0"), nil},
		{'+', typed("01", rdf.XSDNS+"int"), typed("01", rdf.XSDNS+"int"), nil},
		{'-', str("5"), rdf.Term{}, ErrType},
	}
	for _, tc := range tests {
		got, err := Unary(tc.op, tc.a)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("%c%s = %s, %v; want error %v", tc.op, tc.a, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%c%s = %s, %v; want %s", tc.op, tc.a, got, err, tc.want)
		}
	}
}

func TestLexicalForms(t *testing.T) {
	tests := []struct {
		dt    string
		lex   string
		valid bool
	}{
		{rdf.XSDInteger, "-0", true},
		{rdf.XSDInteger, "1.0", false},
		{rdf.XSDInteger, "", false},
		{rdf.XSDInteger, "+", false},
		{rdf.XSDDecimal, ".5", true},
		{rdf.XSDDecimal, "5.", true},
		{rdf.XSDDecimal, ".", false},
		{rdf.XSDDecimal, "1e3", false},
		{rdf.XSDDouble, "1e3", true},
		{rdf.XSDDouble, "-INF", true},
		{rdf.XSDDouble, "inf", false},
		{rdf.XSDDouble, "Infinity", false},
		{rdf.XSDDouble, "1e", false},
		{rdf.XSDDouble, "0x10", false},
		{rdf.XSDFloat, "1E400", true},
		{rdf.XSDNS + "unsignedByte", "255", true},
		{rdf.XSDNS + "unsignedByte", "256", false},
		{rdf.XSDNS + "negativeInteger", "0", false},
		{rdf.XSDNS + "positiveInteger", "1", true},
		{rdf.XSDNS + "long", "9223372036854775808", false},
	}
	for _, tc := range tests {
		_, ok, err := toNumber(rdf.TypedLiteral(tc.lex, tc.dt))
		if !ok || (err == nil) != tc.valid {
			t.Errorf("%q^^%s: ok=%v err=%v, want valid=%v", tc.lex, tc.dt, ok, err, tc.valid)
		}
	}
}

func TestNumericFunctions(t *testing.T) {
	runCalls(t, []callCase{
		{name: "ABS", args: []rdf.Term{integer("-3")}, want: integer("3")},
		{name: "ABS", args: []rdf.Term{decimal("-1.5")}, want: decimal("1.5")},
		{name: "ABS", args: []rdf.Term{double("-2")}, want: double("2.0E0")},
		{name: "ABS", args: []rdf.Term{str("-2")}, err: ErrType},
		{name: "CEIL", args: []rdf.Term{decimal("-1.5")}, want: decimal("-1")},
		{name: "CEIL", args: []rdf.Term{decimal("1.1")}, want: decimal("2")},
		{name: "FLOOR", args: []rdf.Term{decimal("-1.5")}, want: decimal("-2")},
		{name: "FLOOR", args: []rdf.Term{double("2.7")}, want: double("2.0E0")},
		{name: "ROUND", args: []rdf.Term{decimal("2.5")}, want: decimal("3")},
		{name: "ROUND", args: []rdf.Term{decimal("-2.5")}, want: decimal("-2")},
		{name: "ROUND", args: []rdf.Term{double("-2.5")}, want: double("-2.0E0")},
		{name: "ROUND", args: []rdf.Term{double("2.4999")}, want: double("2.0E0")},
		{name: "ROUND", args: []rdf.Term{integer("7")}, want: integer("7")},
		{name: "ROUND", args: []rdf.Term{float("1.5")}, want: float("2.0E0")},
	})
}
