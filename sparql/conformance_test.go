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
// through the parser, evaluation tests through Exec over dataset.Memory with
// the W3C's own default-graph semantics (OwnDefaultGraph). The harness is
// internal/w3c, which internal/conformance shares to run the same tests
// over the store. Strict passes and by-value passes are counted apart;
// only the tests internal/w3c/byvalue.go names may pass by value.
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
			var eval w3c.EvalCounts
			syntax := w3c.TypeCounts{}
			for _, tc := range tests {
				o, detail := w3c.Run(ctx, tc)
				folders.Add(tc.Folder, o)
				types.Add(tc.Type, o)
				if tc.IsSyntax() {
					syntax.Add("syntax", o == w3c.Pass)
				} else {
					eval.Add(tc.Key(), o)
				}
				switch o {
				case w3c.Fail:
					fmt.Fprintf(&report, "=== %s/%s %s (%s)\nquery: %s\n%s\n\n", s.Name, tc.Folder, tc.Name, tc.Type, tc.Query, detail)
					t.Logf("FAIL %s/%s: %s", tc.Folder, tc.Name, w3c.FirstLine(detail))
				case w3c.PassByValue:
					why, _ := w3c.ByValueReason(tc.Key())
					fmt.Fprintf(&report, "=== %s/%s %s passed by value only: %s\nquery: %s\n%s\n\n", s.Name, tc.Folder, tc.Name, why, tc.Query, detail)
				}
			}
			folders.Log(t, "folder")
			types.Log(t, "type")
			n := syntax["syntax"]
			testtool.Figure(t, "%s query evaluation, in memory: %s; syntax %d/%d", s.Title, &eval, n[0], n[1])
			eval.Check(t, s, "in memory")
			if n[0] < s.FloorSyntax || n[0] < n[1] {
				t.Errorf("%s: %d of %d syntax tests passed, floor %d", s.Name, n[0], n[1], s.FloorSyntax)
			}
		})
	}
	if path := os.Getenv("SPARQL_W3C_REPORT"); path != "" {
		if err := os.WriteFile(path, []byte(report.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}
