package fn

import (
	"errors"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

func TestAggregates(t *testing.T) {
	errInput := errors.New("expression failed")
	type in struct {
		t   rdf.Term
		err error
	}
	ok := func(ts ...rdf.Term) []in {
		out := make([]in, len(ts))
		for i, t := range ts {
			out[i] = in{t: t}
		}
		return out
	}
	tests := []struct {
		name     string
		distinct bool
		sep      string
		values   []in
		want     rdf.Term
		err      error
	}{
		{name: "COUNT", values: ok(integer("1"), str("a"), integer("1")), want: integer("3")},
		{name: "COUNT", distinct: true, values: ok(integer("1"), str("a"), integer("1")), want: integer("2")},
		{name: "COUNT", values: []in{{t: integer("1")}, {err: errInput}, {}}, want: integer("1")},
		{name: "COUNT", values: nil, want: integer("0")},
		{name: "SUM", values: ok(integer("1"), integer("2"), decimal("0.5")), want: decimal("3.5")},
		{name: "SUM", values: ok(integer("9223372036854775807"), integer("9223372036854775807")), want: integer("18446744073709551614")},
		{name: "SUM", values: nil, want: integer("0")},
		{name: "SUM", values: ok(integer("1"), str("2")), err: ErrType},
		{name: "SUM", values: []in{{t: integer("1")}, {err: errInput}}, err: errInput},
		{name: "SUM", distinct: true, values: ok(integer("2"), integer("2"), integer("3")), want: integer("5")},
		{name: "AVG", values: ok(integer("1"), integer("2"), integer("3"), integer("5")), want: decimal("2.75")},
		{name: "AVG", values: ok(integer("1"), double("2")), want: double("1.5E0")},
		{name: "AVG", values: nil, want: integer("0")},
		{name: "AVG", values: ok(integer("1"), iri("http://ex/")), err: ErrType},
		{name: "MIN", values: ok(integer("3"), decimal("1.5"), integer("2")), want: decimal("1.5")},
		{name: "MIN", values: ok(integer("3"), str("a"), iri("http://ex/")), want: iri("http://ex/")},
		{name: "MAX", values: ok(integer("3"), decimal("1.5"), integer("2")), want: integer("3")},
		{name: "MAX", values: []in{{t: integer("3")}, {err: errInput}}, want: integer("3")},
		{name: "MAX", values: nil, err: ErrEmptyGroup},
		{name: "SAMPLE", values: []in{{err: errInput}, {t: str("x")}}, want: str("x")},
		{name: "SAMPLE", values: nil, err: ErrEmptyGroup},
		{name: "GROUP_CONCAT", sep: ", ", values: ok(str("a"), integer("1"), str("b")), want: str("a, 1, b")},
		{name: "GROUP_CONCAT", sep: " ", values: ok(lang("a", "en"), lang("b", "en")), want: str("a b")},
		{name: "GROUP_CONCAT", sep: " ", values: ok(lang("a", "en"), str("b")), want: str("a b")},
		{name: "GROUP_CONCAT", sep: "", distinct: true, values: ok(str("a"), str("a"), str("b")), want: str("ab")},
		{name: "GROUP_CONCAT", sep: " ", values: nil, want: str("")},
		{name: "GROUP_CONCAT", sep: " ", values: ok(str("a"), iri("http://ex/")), err: ErrType},
	}
	for _, tc := range tests {
		agg, err := NewAggregator(tc.name, tc.distinct, tc.sep)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range tc.values {
			agg.Add(v.t, v.err)
		}
		got, err := agg.Result()
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("%s(distinct=%v) over %v = %s, %v; want error %v", tc.name, tc.distinct, tc.values, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s(distinct=%v) over %v = %s, %v; want %s", tc.name, tc.distinct, tc.values, got, err, tc.want)
		}
	}
	if _, err := NewAggregator("MEDIAN", false, ""); !errors.Is(err, ErrUnknownFunction) {
		t.Errorf("NewAggregator(MEDIAN) error = %v", err)
	}
}
