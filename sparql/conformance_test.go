package sparql_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
)

// w3cSuite is one W3C test suite with the pass counts it must keep: the
// test fails when a change makes fewer tests pass. Raise a floor whenever
// the engine gets better.
type w3cSuite struct {
	name        string
	manifests   []string // relative to conformance/
	floorEval   int
	floorSyntax int
}

var w3cSuites = []w3cSuite{
	{name: "sparql11", manifests: []string{"sparql11/manifest-sparql11-query.ttl", "sparql11/csv-tsv-res/manifest.ttl", "sparql11/json-res/manifest.ttl"},
		floorEval: 235, floorSyntax: 103},
	{name: "sparql10", manifests: []string{"sparql10/manifest-evaluation.ttl", "sparql10/extended-manifest-evaluation.ttl", "sparql10/manifest-syntax.ttl"},
		floorEval: 283, floorSyntax: 199},
}

// outcome of one test.
type outcome int

const (
	pass        outcome = iota
	passByValue         // equal once numbers are canonical and language tags lower case
	fail
	skip
)

// tally counts outcomes per group (folder or test type).
type tally map[string]*[4]int

func (t tally) add(key string, o outcome) {
	if t[key] == nil {
		t[key] = &[4]int{}
	}
	t[key][o]++
}

// TestW3C runs the W3C SPARQL 1.0 and 1.1 query test suites: syntax tests
// through the parser, evaluation tests through Exec over eval.Memory with
// the W3C's own default-graph semantics (OwnDefaultGraph).
//
// Set SPARQL_W3C_REPORT to a file name to get every failure with details.
func TestW3C(t *testing.T) {
	root := testtool.Shared(t, "conformance")
	var report strings.Builder
	for _, s := range w3cSuites {
		t.Run(s.name, func(t *testing.T) {
			var tests []w3cTest
			for _, m := range s.manifests {
				ts, err := readManifest(s.name, filepath.Join(root, m))
				if err != nil {
					t.Fatal(err)
				}
				tests = append(tests, ts...)
			}
			folders, kinds := tally{}, tally{}
			evalPassed, syntaxPassed, failed, skipped := 0, 0, 0, 0
			for _, tc := range tests {
				o, detail := runW3C(tc)
				folders.add(tc.folder, o)
				kinds.add(tc.kind, o)
				switch {
				case o == skip:
					skipped++
				case o == fail:
					failed++
					fmt.Fprintf(&report, "=== %s/%s %s (%s)\nquery: %s\n%s\n\n", s.name, tc.folder, tc.name, tc.kind, tc.query, detail)
					t.Logf("FAIL %s/%s: %s", tc.folder, tc.name, firstLine(detail))
				case o == passByValue:
					evalPassed++
					fmt.Fprintf(&report, "=== %s/%s %s passed by value only\nquery: %s\n%s\n\n", s.name, tc.folder, tc.name, tc.query, detail)
				case isSyntax(tc.kind):
					syntaxPassed++
				default:
					evalPassed++
				}
			}
			logTally(t, "folder", folders)
			logTally(t, "type", kinds)
			t.Logf("%s: %d passed, %d failed, %d skipped", s.name, evalPassed+syntaxPassed, failed, skipped)
			if evalPassed < s.floorEval {
				t.Errorf("%s: %d evaluation tests passed, below the floor of %d", s.name, evalPassed, s.floorEval)
			}
			if syntaxPassed < s.floorSyntax {
				t.Errorf("%s: %d syntax tests passed, below the floor of %d", s.name, syntaxPassed, s.floorSyntax)
			}
		})
	}
	if path := os.Getenv("SPARQL_W3C_REPORT"); path != "" {
		if err := os.WriteFile(path, []byte(report.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}

func logTally(t *testing.T, what string, m tally) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := m[k]
		total := c[pass] + c[passByValue] + c[fail]
		extra := ""
		if c[passByValue] > 0 {
			extra += fmt.Sprintf(", %d of them by value", c[passByValue])
		}
		if c[skip] > 0 {
			extra += fmt.Sprintf(", %d skipped", c[skip])
		}
		t.Logf("  %s %-28s %3d/%3d%s", what, k, c[pass]+c[passByValue], total, extra)
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func isSyntax(kind string) bool { return strings.Contains(kind, "Syntax") }
