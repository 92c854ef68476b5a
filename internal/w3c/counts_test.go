package w3c

import (
	"fmt"
	"testing"
)

// recorder is a testing.TB that keeps the errors instead of failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper()             {}
func (r *recorder) Logf(string, ...any) {}
func (r *recorder) Errorf(format string, a ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, a...))
}

// Ensure the floors bite: fewer passes than the floor, or a test type
// without a floor, fails the suite.
func TestTypeCountsCheck(t *testing.T) {
	counts := TypeCounts{}
	for i := range 5 {
		counts.Add("TestTurtleEval", i < 4)
	}
	counts.Add("TestTurtleNegativeSyntax", true)
	tests := []struct {
		name   string
		floors map[string]int
		errors int
	}{
		{"at the floors", map[string]int{"TestTurtleEval": 4, "TestTurtleNegativeSyntax": 1}, 0},
		{"below a floor", map[string]int{"TestTurtleEval": 5, "TestTurtleNegativeSyntax": 1}, 1},
		{"a type without a floor", map[string]int{"TestTurtleEval": 4}, 1},
	}
	for _, tc := range tests {
		r := &recorder{TB: t}
		counts.Check(r, "turtle", tc.floors)
		if len(r.errors) != tc.errors {
			t.Errorf("%s: %d errors %q, want %d", tc.name, len(r.errors), r.errors, tc.errors)
		}
	}
}
