package rdf

import "testing"

func TestIsLangTag(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"nl", true},
		{"en-GB", true},
		{"nl-BE-x-vlaams", true},
		{"de-1996", true},
		{"zh-Hant-TW", true},
		{"", false},
		{"-nl", false},
		{"nl-", false},
		{"nl--be", false},
		{"1nl", false},
		{"n1", false},
		{"nl_BE", false},
		{"nl BE", false},
		{"é", false},
	}
	for _, tt := range tests {
		if got := IsLangTag(tt.in); got != tt.want {
			t.Errorf("IsLangTag(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
