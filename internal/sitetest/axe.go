package sitetest

import "testing"

// AxeViolation is one violation axe-core reports on a page, as the
// browser scripts of the tests print it.
type AxeViolation struct {
	ID, Impact, Help, Target string
	Nodes                    int
}

// CheckAxe fails t on every serious or critical violation in axe (page
// name → violations), logs the others, and fails unless axe ran on pages
// pages.
func CheckAxe(t testing.TB, axe map[string][]AxeViolation, pages int) {
	t.Helper()
	for page, vs := range axe {
		for _, v := range vs {
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("axe on %s: %s (%s) at %s, %d nodes: %s", page, v.ID, v.Impact, v.Target, v.Nodes, v.Help)
			} else {
				t.Logf("axe on %s, %s: %s at %s", page, v.Impact, v.ID, v.Target)
			}
		}
	}
	if len(axe) != pages {
		t.Errorf("axe ran on %d pages, want %d", len(axe), pages)
	}
}
