package sitetest

import (
	"fmt"
	"testing"
)

// failures records what a check reports instead of failing the test.
type failures struct {
	testing.TB
	errs []string
}

func (f *failures) Helper()                   {}
func (f *failures) Logf(string, ...any)       {}
func (f *failures) Errorf(s string, a ...any) { f.errs = append(f.errs, fmt.Sprintf(s, a...)) }

func TestCheckAxe(t *testing.T) {
	for _, c := range []struct {
		name  string
		axe   map[string][]AxeViolation
		pages int
		fails int
	}{
		{"clean", map[string][]AxeViolation{"a": nil, "b": nil}, 2, 0},
		{"moderate only", map[string][]AxeViolation{"a": {{ID: "region", Impact: "moderate"}}}, 1, 0},
		{"serious", map[string][]AxeViolation{"a": {{ID: "color-contrast", Impact: "serious"}}}, 1, 1},
		{"critical and a page missing", map[string][]AxeViolation{"a": {{ID: "label", Impact: "critical"}}}, 2, 2},
	} {
		f := &failures{TB: t}
		CheckAxe(f, c.axe, c.pages)
		if len(f.errs) != c.fails {
			t.Errorf("%s: %d failures %q, want %d", c.name, len(f.errs), f.errs, c.fails)
		}
	}
}
