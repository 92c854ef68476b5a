package w3c

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
)

// Tally counts outcomes per group (a folder, a test type).
type Tally map[string]*[4]int

// Add counts one outcome of group key.
func (t Tally) Add(key string, o Outcome) {
	if t[key] == nil {
		t[key] = &[4]int{}
	}
	t[key][o]++
}

// Log prints one line a group, passes by value and skips named apart.
func (t Tally) Log(tb testing.TB, what string) {
	tb.Helper()
	for _, k := range sortedGroups(t) {
		c := t[k]
		total := c[Pass] + c[PassByValue] + c[Fail]
		extra := ""
		if c[PassByValue] > 0 {
			extra += fmt.Sprintf(", %d of them by value", c[PassByValue])
		}
		if c[Skip] > 0 {
			extra += fmt.Sprintf(", %d skipped", c[Skip])
		}
		tb.Logf("  %s %-28s %3d/%3d%s", what, k, c[Pass]+c[PassByValue], total, extra)
	}
}

// TypeCounts tallies passed and run tests per test type of a syntax suite.
type TypeCounts map[string]*[2]int

// Add counts one test of type typ.
func (c TypeCounts) Add(typ string, passed bool) {
	if c[typ] == nil {
		c[typ] = &[2]int{}
	}
	c[typ][1]++
	if passed {
		c[typ][0]++
	}
}

// Check logs the counts and fails tb when a type passes fewer tests than
// its floor (the level reached so far, which may only go up) or has no
// floor at all, so that a new test type cannot go unwatched.
func (c TypeCounts) Check(tb testing.TB, suite string, floors map[string]int) {
	tb.Helper()
	passed, failed := 0, 0
	for _, typ := range sortedGroups(c) {
		n := c[typ]
		passed += n[0]
		failed += n[1] - n[0]
		tb.Logf("  %s %-28s %3d/%3d passed", suite, typ, n[0], n[1])
		floor, ok := floors[typ]
		switch {
		case !ok:
			tb.Errorf("%s: no floor recorded for test type %s", suite, typ)
		case n[0] < floor:
			tb.Errorf("%s %s: %d passed, below the floor of %d", suite, typ, n[0], floor)
		}
	}
	testtool.Figure(tb, "%s: %d/%d passed, %d failed", suite, passed, passed+failed, failed)
}

func sortedGroups[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// RunSyntaxSuites runs every rdf-tests suite as a subtest of t, every test
// of it through run as a subtest of its own, then logs the counts per test
// type and checks them against the suite's floors. what names the path
// under test in the log ("via store"), or is empty.
func RunSyntaxSuites(t *testing.T, what string, run func(t *testing.T, s SyntaxSuite, dir string, tc SyntaxTest)) {
	for _, s := range SyntaxSuites() {
		t.Run(s.Name, func(t *testing.T) {
			dir := testtool.Testdata(t, s.Name)
			tests, err := ReadSyntaxManifest(dir, s.Base)
			if err != nil {
				t.Fatal(err)
			}
			counts := TypeCounts{}
			for _, tc := range tests {
				counts.Add(tc.Type, t.Run(tc.Name, func(t *testing.T) { run(t, s, dir, tc) }))
			}
			counts.Check(t, strings.TrimSpace(s.Name+" "+what), s.Floors)
		})
	}
}

// EvalCounts tallies the outcomes of one run of a SPARQL suite's
// evaluation tests, strict passes and by-value passes apart.
type EvalCounts struct {
	Strict, ByValue, Failed, NotRun int
	byValue                         map[string]bool // keys that passed by value
}

// Add counts the outcome of the test with the given key.
func (c *EvalCounts) Add(key string, o Outcome) {
	switch o {
	case Pass:
		c.Strict++
	case PassByValue:
		c.ByValue++
		if c.byValue == nil {
			c.byValue = map[string]bool{}
		}
		c.byValue[key] = true
	case Fail:
		c.Failed++
	case Skip:
		c.NotRun++
	}
}

// String gives the counts as the README quotes them.
func (c *EvalCounts) String() string {
	total := c.Strict + c.ByValue + c.Failed + c.NotRun
	s := fmt.Sprintf("%d/%d passed: %d strict, %d by value (listed), %d failed", c.Strict+c.ByValue, total, c.Strict, c.ByValue, c.Failed)
	if c.NotRun > 0 {
		s += fmt.Sprintf(", %d not judged (internal/w3c/skips.go)", c.NotRun)
	}
	return s
}

// Check fails tb when the run passed fewer tests strictly than the suite's
// floor, when any test failed, or when a test the by-value list names for
// this suite did not pass by value (it failed, or its name changed), so
// that the list stays exact.
func (c *EvalCounts) Check(tb testing.TB, s QuerySuite, what string) {
	tb.Helper()
	if c.Strict < s.FloorStrict {
		tb.Errorf("%s %s: %d evaluation tests passed strictly, below the floor of %d", s.Name, what, c.Strict, s.FloorStrict)
	}
	if c.Failed > 0 {
		tb.Errorf("%s %s: %d evaluation tests failed", s.Name, what, c.Failed)
	}
	for _, k := range ByValueList() {
		if strings.HasPrefix(k, s.Name+"/") && !c.byValue[k] {
			tb.Errorf("%s %s: %s is on the by-value list but did not pass by value", s.Name, what, k)
		}
	}
}
