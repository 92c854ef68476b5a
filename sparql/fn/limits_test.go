package fn

import (
	"errors"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/budget"
)

// TestMaxString checks that every function that can build a longer string
// than it was given refuses one beyond Env.MaxString with a
// *budget.Error naming itself, and that the same call within the bound
// works.
func TestMaxString(t *testing.T) {
	s := func(n int) rdf.Term { return rdf.Literal(strings.Repeat("a", n)) }
	cases := []struct {
		name string
		args []rdf.Term
		ok   int // MaxString that lets the call through
	}{
		{"CONCAT", []rdf.Term{s(60), s(60)}, 120},
		{"REPLACE", []rdf.Term{s(10), rdf.Literal("a"), rdf.Literal("bbbbbbbbbb")}, 100},   // literal: counted up front
		{"REPLACE", []rdf.Term{s(10), rdf.Literal("[a]"), rdf.Literal("bbbbbbbbbb")}, 100}, // counted while built
		{"REPLACE", []rdf.Term{s(10), rdf.Literal("(a)"), rdf.Literal("$1$1$1$1$1$1$1$1$1$1")}, 100},
		{"UCASE", []rdf.Term{s(101)}, 101},
		{"LCASE", []rdf.Term{s(101)}, 101},
		{"ENCODE_FOR_URI", []rdf.Term{rdf.Literal(strings.Repeat("/", 40))}, 120},
	}
	for _, tc := range cases {
		t.Run(tc.name+" "+tc.args[len(tc.args)-1].Value, func(t *testing.T) {
			e := &Env{MaxString: tc.ok - 1}
			_, err := e.Call(tc.name, tc.args)
			var le *budget.Error
			if !errors.As(err, &le) || le.Limit != budget.NameStringBytes || le.What != tc.name || le.Max != int64(tc.ok-1) {
				t.Fatalf("MaxString %d: err = %v, want the string limit", tc.ok-1, err)
			}
			e = &Env{MaxString: tc.ok}
			if v, err := e.Call(tc.name, tc.args); err != nil || len(v.Value) > tc.ok {
				t.Fatalf("MaxString %d: %q, %v", tc.ok, v.Value, err)
			}
			if _, err := (&Env{}).Call(tc.name, tc.args); err != nil {
				t.Fatalf("no MaxString: %v", err)
			}
		})
	}
	agg, err := (&Env{MaxString: 10}).NewAggregator("GROUP_CONCAT", false, ",")
	if err != nil {
		t.Fatal(err)
	}
	agg.Add(s(5), nil)
	agg.Add(s(4), nil) // 10 bytes with the separator
	if v, err := agg.Result(); err != nil || v.Value != "aaaaa,aaaa" {
		t.Fatalf("GROUP_CONCAT at the bound: %q, %v", v.Value, err)
	}
	agg.Add(s(1), nil)
	if _, err := agg.Result(); !errors.Is(err, budget.ErrLimit) {
		t.Fatalf("GROUP_CONCAT beyond the bound: err = %v", err)
	}
	if agg.Size() < 10 {
		t.Errorf("GROUP_CONCAT holds %d bytes by its own count", agg.Size())
	}
}

// TestOverflow checks that integer and decimal arithmetic refuse results
// of more than maxNumberBits instead of squaring their way to gigabytes.
func TestOverflow(t *testing.T) {
	big := rdf.TypedLiteral("1"+strings.Repeat("0", 200000), rdf.XSDInteger)
	if _, err := Arith('*', big, big); !errors.Is(err, ErrOverflow) {
		t.Errorf("integer: err = %v, want ErrOverflow", err)
	}
	dec := rdf.TypedLiteral("1"+strings.Repeat("0", 200000)+".5", rdf.XSDDecimal)
	if _, err := Arith('*', dec, dec); !errors.Is(err, ErrOverflow) {
		t.Errorf("decimal: err = %v, want ErrOverflow", err)
	}
	if v, err := Arith('+', big, big); err != nil || v.Value[0] != '2' {
		t.Errorf("a sum within the bound: %v", err)
	}
}
