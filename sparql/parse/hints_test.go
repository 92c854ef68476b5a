package parse

import "testing"

func TestClosestName(t *testing.T) {
	tests := []struct {
		word, want string
		ok         bool
	}{
		{"contain", "CONTAINS", true},
		{"strlen", "STRLEN", true},
		{"ucase", "UCASE", true},
		{"groupconcat", "GROUP_CONCAT", true},
		{"isBlnk", "isBLANK", true},
		{"frobnicate", "", false},
	}
	for _, tt := range tests {
		got, ok := closestName(tt.word)
		if got != tt.want || ok != tt.ok {
			t.Errorf("closestName(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"ABC", "", 3}, {"", "AB", 2}, {"KITTEN", "SITTING", 3}, {"SUM", "SUM", 0}, {"SUM", "MUS", 2},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
