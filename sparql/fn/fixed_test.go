package fn

import (
	"math/rand/v2"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// TestFixedMatchesBig checks the fixed-point fast path against the
// math/big path on random integers and decimals, short and near the
// 18-digit limit: sums, differences, products, comparisons and SUM must
// give the same terms.
func TestFixedMatchesBig(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	lit := func() rdf.Term {
		digits := 1 + r.IntN(18)
		if r.IntN(4) == 0 {
			digits = 1 + r.IntN(3)
		}
		s := ""
		for range digits {
			s += string(rune('0' + r.IntN(10)))
		}
		if r.IntN(3) == 0 {
			s = "-" + s
		} else if r.IntN(8) == 0 {
			s = "+" + s
		}
		if r.IntN(3) == 0 {
			return rdf.TypedLiteral(s, rdf.XSDInteger)
		}
		p := r.IntN(len(s) + 1)
		if p < len(s) && (s[p] == '-' || s[p] == '+') {
			p++
		}
		return rdf.TypedLiteral(s[:p]+"."+s[p:], rdf.XSDDecimal)
	}
	slow := func(op byte, a, b rdf.Term) string {
		x, err := operand("test", a)
		if err != nil {
			return "error " + err.Error()
		}
		y, err := operand("test", b)
		if err != nil {
			return "error " + err.Error()
		}
		n, err := arith(op, x, y)
		if err != nil {
			return "error " + err.Error()
		}
		return n.term().String()
	}
	for range 20000 {
		a, b := lit(), lit()
		for _, op := range []byte{'+', '-', '*', '/'} {
			got, err := Arith(op, a, b)
			want := slow(op, a, b)
			gs := got.String()
			if err != nil {
				gs = "error " + err.Error()
			}
			if gs != want {
				t.Fatalf("%s %c %s = %s, want %s", a, op, b, gs, want)
			}
		}
		x, _ := operand("test", a)
		y, _ := operand("test", b)
		wantCmp, _ := cmpNumbers(x, y)
		if got, err := Compare(a, b); err != nil || got != wantCmp {
			t.Fatalf("Compare(%s, %s) = %d, %v; want %d", a, b, got, err, wantCmp)
		}
		if got, err := Equal(a, b); err != nil || got != (wantCmp == 0) {
			t.Fatalf("Equal(%s, %s) = %v, %v", a, b, got, err)
		}
	}
}

func TestFixedSumAndAvg(t *testing.T) {
	tests := []struct {
		name     string
		vals     []rdf.Term
		sum, avg string
	}{
		{"decimals", []rdf.Term{decimal("4.1"), decimal("2.1"), decimal("0.8")}, `"7"^^<` + rdf.XSDDecimal + `>`, `"2.333333333333333333333333"^^<` + rdf.XSDDecimal + `>`},
		{"mixed", []rdf.Term{integer("3"), decimal("0.5")}, `"3.5"^^<` + rdf.XSDDecimal + `>`, `"1.75"^^<` + rdf.XSDDecimal + `>`},
		{"integers", []rdf.Term{integer("3"), integer("4")}, `"7"^^<` + rdf.XSDInteger + `>`, `"3.5"^^<` + rdf.XSDDecimal + `>`},
		{"overflow", []rdf.Term{integer("999999999999999999"), integer("999999999999999999")}, `"1999999999999999998"^^<` + rdf.XSDInteger + `>`, `"999999999999999999"^^<` + rdf.XSDDecimal + `>`},
		{"then double", []rdf.Term{decimal("1.5"), double("1")}, `"2.5E0"^^<` + rdf.XSDDouble + `>`, `"1.25E0"^^<` + rdf.XSDDouble + `>`},
		{"empty", nil, `"0"^^<` + rdf.XSDInteger + `>`, `"0"^^<` + rdf.XSDInteger + `>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range []string{"SUM", "AVG"} {
				a, err := NewAggregator(name, false, "")
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range tc.vals {
					a.Add(v, nil)
				}
				got, err := a.Result()
				want := map[string]string{"SUM": tc.sum, "AVG": tc.avg}[name]
				if err != nil || got.String() != want {
					t.Errorf("%s = %s, %v; want %s", name, got, err, want)
				}
			}
		})
	}
}

func TestFixedLexical(t *testing.T) {
	for _, tc := range []struct {
		f    fixed
		want string
	}{
		{fixed{20, 1}, "2"}, {fixed{5, 1}, "0.5"}, {fixed{-5, 3}, "-0.005"}, {fixed{0, 4}, "0"},
		{fixed{-120, 2}, "-1.2"}, {fixed{123456, 0}, "123456"}, {fixed{1, 18}, "0.000000000000000001"},
	} {
		if got := tc.f.lexical(); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.f, got, tc.want)
		}
	}
	for _, s := range []string{"1.", ".5", "+.5", "-0.0", "00012.3400"} {
		f, _, ok := fixedOf(decimal(s))
		n, err := parseNumber(kDecimal, s)
		if !ok || err != nil || f.number(kDecimal).r.Cmp(n.r) != 0 {
			t.Errorf("fixedOf(%q) = %v, %v", s, f, ok)
		}
	}
	for _, s := range []string{".", "", "1.2.3", " 1.5", "1e5", "1234567890123456789"} {
		if f, _, ok := fixedOf(decimal(s)); ok {
			t.Errorf("fixedOf(%q) = %v, want the general path", s, f)
		}
	}
}

func TestFixedDivision(t *testing.T) {
	for _, tc := range []struct{ a, b rdf.Term }{
		{integer("1"), integer("3")}, {integer("2"), integer("3")}, {integer("-2"), integer("3")},
		{integer("2"), integer("-3")}, {integer("1"), integer("8")}, {integer("1"), integer("1024")},
		{integer("1"), integer("576460752303423488")}, // 2^59: terminates after 59 digits
		{decimal("33.5"), integer("11")}, {decimal("0.10"), decimal("0.3")}, {integer("0"), integer("7")},
		{integer("7"), integer("0")}, {decimal("-1.000"), decimal("6")}, {integer("123456789012345678"), decimal("0.000000000000000007")},
	} {
		x, _ := operand("test", tc.a)
		y, _ := operand("test", tc.b)
		want := "error"
		if n, err := arith('/', x, y); err == nil {
			want = n.term().String()
		}
		got, err := Arith('/', tc.a, tc.b)
		gs := got.String()
		if err != nil {
			gs = "error"
		}
		if gs != want {
			t.Errorf("%s / %s = %s, want %s", tc.a, tc.b, gs, want)
		}
	}
}
