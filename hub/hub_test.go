package hub

import (
	"math"
	"testing"
)

func TestProvinceOf(t *testing.T) {
	for _, tc := range []struct {
		nis, want string
		flemish   bool
	}{
		{"11002", "antwerpen", true},       // Antwerpen
		{"13040", "antwerpen", true},       // Turnhout
		{"24062", "vlaams-brabant", true},  // Leuven
		{"23088", "vlaams-brabant", true},  // Vilvoorde
		{"21004", "brussel", false},        // Brussel
		{"25072", "wallonie", false},       // Waver (Waals-Brabant)
		{"31005", "west-vlaanderen", true}, // Brugge
		{"44021", "oost-vlaanderen", true}, // Gent
		{"71022", "limburg", true},         // Hasselt
		{"62063", "wallonie", false},       // Luik
		{"92094", "wallonie", false},       // Namen
		{"99991", "onbekend", false},       // fictional demo city
		{"2406", "onbekend", false},
		{"", "onbekend", false},
	} {
		p := ProvinceOf(tc.nis)
		if p.Slug != tc.want || p.Flemish != tc.flemish {
			t.Errorf("ProvinceOf(%q) = %s (Flemish %v), want %s (%v)", tc.nis, p.Slug, p.Flemish, tc.want, tc.flemish)
		}
	}
}

func TestSpreadOf(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		want Spread
	}{
		{nil, Spread{}},
		{[]float64{3}, Spread{N: 1, Min: 3, Q1: 3, Median: 3, Q3: 3, Max: 3, Mean: 3}},
		{[]float64{4, 1, 3, 2}, Spread{N: 4, Min: 1, Q1: 1.75, Median: 2.5, Q3: 3.25, Max: 4, Mean: 2.5}},
		{[]float64{1, 2, 2, 5, 5}, Spread{N: 5, Min: 1, Q1: 2, Median: 2, Q3: 5, Max: 5, Mean: 3}},
	} {
		got := spreadOf(tc.xs)
		if got.N != tc.want.N || !near(got.Min, tc.want.Min) || !near(got.Q1, tc.want.Q1) || !near(got.Median, tc.want.Median) ||
			!near(got.Q3, tc.want.Q3) || !near(got.Max, tc.want.Max) || !near(got.Mean, tc.want.Mean) {
			t.Errorf("spreadOf(%v) = %+v, want %+v", tc.xs, got, tc.want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestFormatCount(t *testing.T) {
	for _, c := range []struct {
		n      any
		nl, en string
	}{
		{0, "0", "0"},
		{999, "999", "999"},
		{1000, "1.000", "1,000"},
		{int64(10050091), "10.050.091", "10,050,091"},
		{-123456, "-123.456", "-123,456"},
		{int64(100000), "100.000", "100,000"},
	} {
		if got := formatCount(c.n, "nl"); got != c.nl {
			t.Errorf("formatCount(%v, nl) = %q, want %q", c.n, got, c.nl)
		}
		if got := formatCount(c.n, "en"); got != c.en {
			t.Errorf("formatCount(%v, en) = %q, want %q", c.n, got, c.en)
		}
	}
}
