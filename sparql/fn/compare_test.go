package fn

import (
	"errors"
	"slices"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

func TestEBV(t *testing.T) {
	tests := []struct {
		in   rdf.Term
		want bool
		err  error
	}{
		{typed("true", rdf.XSDBoolean), true, nil},
		{typed("0", rdf.XSDBoolean), false, nil},
		{typed("yes", rdf.XSDBoolean), false, nil},
		{integer("0"), false, nil},
		{integer("-2"), true, nil},
		{integer("abc"), false, nil},
		{double("NaN"), false, nil},
		{decimal("0.0"), false, nil},
		{str(""), false, nil},
		{str("false"), true, nil},
		{lang("x", "en"), true, nil},
		{dateTime("2020-01-01T00:00:00Z"), false, ErrType},
		{iri("http://ex/"), false, ErrType},
		{rdf.Blank("b"), false, ErrType},
		{rdf.Term{}, false, ErrUnbound},
	}
	for _, tc := range tests {
		got, err := EBV(tc.in)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("EBV(%s) = %v, %v; want error %v", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("EBV(%s) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

// Ensure = follows the open-world rules: value equality where values are
// known, an error where they are not, and "1" is not the integer 1.
func TestEqual(t *testing.T) {
	tests := []struct {
		a, b rdf.Term
		want bool
		err  error
	}{
		{integer("1"), integer("01"), true, nil},
		{integer("1"), decimal("1.0"), true, nil},
		{integer("1"), double("1E0"), true, nil},
		{double("NaN"), double("NaN"), false, nil},
		{str("1"), integer("1"), false, nil},
		{str("abc"), str("abc"), true, nil},
		{str("abc"), str("abd"), false, nil},
		{lang("xyz", "en"), lang("xyz", "EN"), true, nil},
		{lang("xyz", "en"), str("xyz"), false, nil},
		{lang("xyz", "en"), integer("xyz"), false, nil},
		{str("xyz"), integer("xyz"), false, ErrType},
		{integer("xyz"), integer("abc"), false, ErrType},
		{integer("xyz"), integer("xyz"), true, nil},
		{typed("a", "http://ex/t"), typed("a", "http://ex/t"), true, nil},
		{typed("a", "http://ex/t"), typed("b", "http://ex/t"), false, ErrType},
		{typed("a", "http://ex/t"), str("a"), false, ErrType},
		{typed("true", rdf.XSDBoolean), typed("1", rdf.XSDBoolean), true, nil},
		{dateTime("2002-04-02T12:00:00-01:00"), dateTime("2002-04-02T17:00:00+04:00"), true, nil},
		{dateTime("2002-04-02T12:00:00Z"), dateTime("2002-04-02T12:00:00"), false, ErrUnordered},
		{dateTime("2002-04-02T12:00:00Z"), dateTime("2002-04-04T12:00:00"), false, nil},
		{typed("2002-04-02", rdf.XSDDate), dateTime("2002-04-02T00:00:00"), false, nil},
		{iri("http://ex/a"), iri("http://ex/a"), true, nil},
		{iri("http://ex/a"), str("http://ex/a"), false, nil},
		{rdf.Blank("a"), rdf.Blank("b"), false, nil},
		{rdf.Term{}, str("a"), false, ErrUnbound},
	}
	for _, tc := range tests {
		got, err := Equal(tc.a, tc.b)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("%s = %s: %v, %v; want error %v", tc.a, tc.b, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s = %s: %v, %v; want %v", tc.a, tc.b, got, err, tc.want)
		}
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b rdf.Term
		want int
		err  error
	}{
		{integer("2"), integer("10"), -1, nil},
		{integer("2"), double("1.5"), 1, nil},
		{decimal("0.1"), float("0.1"), 0, nil}, // the decimal is promoted to float
		{decimal("0.1"), double("0.1"), 0, nil},
		{integer("9007199254740993"), integer("9007199254740992"), 1, nil},
		{str("a"), str("b"), -1, nil},
		{str("é"), str("z"), 1, nil},
		{typed("false", rdf.XSDBoolean), typed("true", rdf.XSDBoolean), -1, nil},
		{dateTime("2000-01-01T00:00:00Z"), dateTime("1999-12-31T23:00:00-02:00"), -1, nil},
		{dateTime("2000-01-01T00:00:00"), dateTime("2000-01-02T00:00:00Z"), -1, nil},
		{dateTime("2000-01-01T12:00:00"), dateTime("2000-01-01T12:00:00Z"), 0, ErrUnordered},
		{typed("2000-01-01", rdf.XSDDate), typed("2000-01-02", rdf.XSDDate), -1, nil},
		{str("1"), integer("1"), 0, ErrType},
		{lang("a", "en"), lang("b", "EN"), -1, nil},
		{lang("a", "en"), lang("b", "nl"), 0, ErrType},
		{lang("a", "en"), str("b"), 0, ErrType},
		{iri("http://a"), iri("http://b"), 0, ErrType},
		{double("NaN"), integer("1"), 0, ErrUnordered},
	}
	for _, tc := range tests {
		got, err := Compare(tc.a, tc.b)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("Compare(%s, %s) = %v, %v; want error %v", tc.a, tc.b, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Compare(%s, %s) = %v, %v; want %v", tc.a, tc.b, got, err, tc.want)
		}
	}
}

func TestRelational(t *testing.T) {
	tests := []struct {
		op   string
		a, b rdf.Term
		want bool
		err  error
	}{
		{"<", integer("1"), integer("2"), true, nil},
		{">=", integer("2"), decimal("2.0"), true, nil},
		{"<", double("NaN"), integer("1"), false, nil},
		{">", double("NaN"), integer("1"), false, nil},
		{"!=", double("NaN"), double("NaN"), true, nil},
		{"!=", str("a"), str("b"), true, nil},
		{"<", str("a"), integer("1"), false, ErrType},
		{"!=", str("x"), typed("x", "http://ex/t"), false, ErrType},
	}
	for _, tc := range tests {
		got, err := Relational(tc.op, tc.a, tc.b)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("%s %s %s = %v, %v; want error %v", tc.a, tc.op, tc.b, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s %s %s = %v, %v; want %v", tc.a, tc.op, tc.b, got, err, tc.want)
		}
	}
}

// Ensure ORDER BY's order is total and puts kinds and values in order.
func TestOrderCompare(t *testing.T) {
	want := []rdf.Term{
		{},
		rdf.Blank("a"),
		rdf.Blank("b"),
		iri("http://a"),
		iri("http://b"),
		str("a"),
		lang("a", "en"),
		str("b"),
		double("NaN"),
		integer("-1"),
		decimal("0.5"),
		integer("1"),
		decimal("1.0"),
		double("2"),
		integer("10"),
		typed("false", rdf.XSDBoolean),
		typed("true", rdf.XSDBoolean),
		dateTime("2000-01-01T00:00:00Z"),
		dateTime("2001-01-01T00:00:00Z"),
		typed("z", "http://ex/t"),
		typed("abc", rdf.XSDInteger),
	}
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortStableFunc(got, OrderCompare)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sorted = %v,\nwant %v", got, want)
		}
	}
	for _, a := range want {
		for _, b := range want {
			if OrderCompare(a, b) != -OrderCompare(b, a) {
				t.Errorf("OrderCompare(%s, %s) is not antisymmetric", a, b)
			}
		}
	}
}

// Ensure OrderCompare is a total order on a pool of awkward terms (mixed
// types, NaN, ill-typed literals, times with and without timezone): sorting
// needs antisymmetry and transitivity.
func TestOrderCompareTotal(t *testing.T) {
	pool := []rdf.Term{
		{}, rdf.Blank("b"), iri("http://a"), str(""), str("a"), lang("a", "en"), lang("a", "nl"),
		integer("1"), integer("01"), decimal("1.0"), double("1"), float("1"), double("NaN"), float("NaN"),
		double("-INF"), integer("-5"), decimal("2.5"), integer("x"), typed("z", "http://ex/t"),
		typed("true", rdf.XSDBoolean), typed("0", rdf.XSDBoolean),
		dateTime("2000-01-01T12:00:00Z"), dateTime("2000-01-01T12:00:00"), dateTime("2000-01-01T05:00:00-08:00"),
		dateTime("2000-01-01T20:00:00"), date("2000-01-01"), date("2000-01-01Z"),
		dayTime("PT1H"), yearMonth("P1M"), typed("P1M", xsdDuration), typed("P30D", xsdDuration),
	}
	for _, a := range pool {
		if OrderCompare(a, a) != 0 {
			t.Errorf("OrderCompare(%s, itself) != 0", a)
		}
		for _, b := range pool {
			ab := OrderCompare(a, b)
			if ab != -OrderCompare(b, a) {
				t.Errorf("OrderCompare(%s, %s) is not antisymmetric", a, b)
			}
			for _, c := range pool {
				if ab <= 0 && OrderCompare(b, c) <= 0 && OrderCompare(a, c) > 0 {
					t.Errorf("not transitive: %s <= %s <= %s but %s > %s", a, b, c, a, c)
				}
			}
		}
	}
}
