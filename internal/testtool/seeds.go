package testtool

import (
	"os"
	"path/filepath"
	"testing"
)

// ConformanceDir is where the W3C conformance suites are read from for
// fuzz seeds: the repository's testdata/.
func ConformanceDir(tb testing.TB) string {
	return filepath.Join(RepoRoot(tb), "testdata")
}

// SeedFiles returns the contents of the files matching pattern (a
// filepath.Glob pattern) in the conformance suites, to seed a fuzz
// corpus. Without the suites it returns none: each fuzz target has seeds
// of its own, and the suites' own tests report their absence.
func SeedFiles(tb testing.TB, pattern string) [][]byte {
	tb.Helper()
	names, _ := filepath.Glob(filepath.Join(ConformanceDir(tb), pattern))
	var out [][]byte
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			out = append(out, b)
		}
	}
	return out
}
