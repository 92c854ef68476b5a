package w3c

import (
	"strings"
	"testing"
)

// Ensure only listed tests may pass by value, that a listed test passing
// strictly is flagged, and that the list stays under its ceiling with a
// reason for every entry.
func TestByValueList(t *testing.T) {
	if n := len(byValue); n > ByValueCeiling {
		t.Errorf("%d tests may pass by value, above the ceiling of %d", n, ByValueCeiling)
	}
	for k, why := range byValue {
		if why == "" || !strings.HasPrefix(k, "sparql1") {
			t.Errorf("entry %q: reason %q", k, why)
		}
	}
	listed := "sparql11/aggregates/agg-avg-02"
	tests := []struct {
		key  string
		in   Outcome
		want Outcome
	}{
		{listed, PassByValue, PassByValue},
		{listed, Pass, Fail},
		{listed, Fail, Fail},
		{"sparql11/aggregates/agg-avg-01", PassByValue, Fail},
		{"sparql11/aggregates/agg-avg-01", Pass, Pass},
		{"sparql11/aggregates/agg-avg-01", Skip, Skip},
	}
	for _, tc := range tests {
		if got, _ := admit(tc.key, tc.in, ""); got != tc.want {
			t.Errorf("admit(%s, %v) = %v, want %v", tc.key, tc.in, got, tc.want)
		}
	}
}
