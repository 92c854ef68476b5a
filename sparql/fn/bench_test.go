package fn

import (
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// The evaluator calls these once per solution, so they are the hot path of
// FILTER and ORDER BY.

func BenchmarkRelationalIntegers(b *testing.B) {
	x, y := integer("123456"), integer("654321")
	for b.Loop() {
		if _, err := Relational("<", x, y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEqualStrings(b *testing.B) {
	x, y := str("Leuven"), str("Gent")
	for b.Loop() {
		if _, err := Equal(x, y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkArithDecimal(b *testing.B) {
	x, y := decimal("12.5"), integer("3")
	for b.Loop() {
		if _, err := Arith('*', x, y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOrderCompareDates(b *testing.B) {
	x, y := dateTime("2024-01-01T10:00:00Z"), dateTime("2024-01-01T11:00:00+02:00")
	for b.Loop() {
		OrderCompare(x, y)
	}
}

func BenchmarkRegexCached(b *testing.B) {
	env := &Env{}
	args := []rdf.Term{str("Stad Leuven open data"), str("^stad"), str("i")}
	for b.Loop() {
		if _, err := env.Call("REGEX", args); err != nil {
			b.Fatal(err)
		}
	}
}
