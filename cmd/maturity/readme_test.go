package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The README's walk-through prints what the six example queries answer on
// the demo store; the CLI answers exactly that.
func TestReadmeWalkthrough(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repo, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	// The walk-through's own commands, run as written (in-process).
	walk := readme[strings.Index(readme, "### A walk-through"):]
	if end := strings.Index(walk, "\n## "); end >= 0 {
		walk = walk[:end] // the walk-through ends at the next section
	}
	cmds := regexp.MustCompile(`(?m)^    go run \./cmd/maturity (.+)$`).FindAllStringSubmatch(walk, -1)
	if len(cmds) < 3 {
		t.Fatalf("the walk-through has %d commands", len(cmds))
	}
	data := filepath.Join(t.TempDir(), "demo")
	for _, c := range cmds {
		args := strings.Fields(c[1])
		for i, a := range args {
			switch {
			case a == "demo":
				args[i] = data
			case strings.HasPrefix(a, "examples/"):
				args[i] = filepath.Join(repo, a)
			}
		}
		if code, out, errs := runCLI(t, args...); code != 0 {
			t.Fatalf("%s: exit %d\n%s%s", c[1], code, out, errs)
		}
		if strings.Contains(c[1], "--org") && !strings.Contains(c[1], "--org 99991") {
			t.Errorf("the walk-through writes under a real organisation: %s", c[1])
		}
	}
	blocks := regexp.MustCompile("(?m)^`(examples/queries/[^`]+\\.rq)` — [^\n]*\n\n((?:    [^\n]*\n)+)").FindAllStringSubmatch(readme, -1)
	if len(blocks) != 6 {
		t.Fatalf("the README shows %d query answers, want the 6 example queries", len(blocks))
	}
	for _, m := range blocks {
		want := strings.ReplaceAll(m[2], "\n    ", "\n")
		want = strings.TrimPrefix(want, "    ")
		code, out, errs := runCLI(t, "query", "--data", data, "--format", "csv", filepath.Join(repo, m[1]))
		if code != 0 {
			t.Fatalf("%s: %s", m[1], errs)
		}
		if got := strings.ReplaceAll(out, "\r\n", "\n"); got != want {
			t.Errorf("%s: the CLI answers\n%s\nthe README prints\n%s", m[1], got, want)
		}
	}
}
