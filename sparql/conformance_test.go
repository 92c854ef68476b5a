package sparql_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/internal/w3c"
)

// TestW3C runs the W3C SPARQL 1.0 and 1.1 query test suites: syntax tests
// through the parser, evaluation tests through Exec over eval.Memory with
// the W3C's own default-graph semantics (OwnDefaultGraph). The harness is
// internal/w3c, which internal/conformance shares to run the same tests
// over the store.
//
// Set SPARQL_W3C_REPORT to a file name to get every failure with details.
func TestW3C(t *testing.T) {
	ctx := context.Background()
	root := testtool.Testdata(t)
	var report strings.Builder
	for _, s := range w3c.QuerySuites() {
		t.Run(s.Name, func(t *testing.T) {
			tests, err := s.Read(root)
			if err != nil {
				t.Fatal(err)
			}
			folders, types := w3c.Tally{}, w3c.Tally{}
			evalPassed, syntaxPassed, failed, skipped := 0, 0, 0, 0
			for _, tc := range tests {
				o, detail := w3c.Run(ctx, tc)
				folders.Add(tc.Folder, o)
				types.Add(tc.Type, o)
				switch {
				case o == w3c.Skip:
					skipped++
				case o == w3c.Fail:
					failed++
					fmt.Fprintf(&report, "=== %s/%s %s (%s)\nquery: %s\n%s\n\n", s.Name, tc.Folder, tc.Name, tc.Type, tc.Query, detail)
					t.Logf("FAIL %s/%s: %s", tc.Folder, tc.Name, w3c.FirstLine(detail))
				case o == w3c.PassByValue:
					evalPassed++
					fmt.Fprintf(&report, "=== %s/%s %s passed by value only\nquery: %s\n%s\n\n", s.Name, tc.Folder, tc.Name, tc.Query, detail)
				case tc.IsSyntax():
					syntaxPassed++
				default:
					evalPassed++
				}
			}
			folders.Log(t, "folder")
			types.Log(t, "type")
			t.Logf("%s: %d passed, %d failed, %d skipped", s.Name, evalPassed+syntaxPassed, failed, skipped)
			// The floors live in internal/w3c, shared with the store's run.
			if evalPassed < s.FloorEval {
				t.Errorf("%s: %d evaluation tests passed, below the floor of %d", s.Name, evalPassed, s.FloorEval)
			}
			if syntaxPassed < s.FloorSyntax {
				t.Errorf("%s: %d syntax tests passed, below the floor of %d", s.Name, syntaxPassed, s.FloorSyntax)
			}
		})
	}
	if path := os.Getenv("SPARQL_W3C_REPORT"); path != "" {
		if err := os.WriteFile(path, []byte(report.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}
