package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary compiles the maturity command once per test binary run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "maturity")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// writeNTriples writes n synthetic triples, deterministic, to path.
func writeNTriples(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "<http://example.org/s/%d> <http://example.org/p/%d> \"value %d\"@nl .\n", i/7, i%13, i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// quadCount runs `maturity stats` and returns the store's quad count.
func quadCount(t *testing.T, bin, data string) int {
	t.Helper()
	out, err := exec.Command(bin, "stats", "--data", data).CombinedOutput()
	if err != nil {
		t.Fatalf("stats: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) == 2 && f[0] == "quads" {
			n, err := strconv.Atoi(f[1])
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatalf("no quad count in stats output:\n%s", out)
	return 0
}

// Ensure that kill -9 during a large import leaves a store that opens,
// passes `maturity check`, and holds all or none of that import.
func TestImport_KillDuringImport_AllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and imports 300k triples several times")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	small, big := filepath.Join(dir, "small.nt"), filepath.Join(dir, "big.nt")
	writeNTriples(t, small, 100)
	const bigN = 300_000
	writeNTriples(t, big, bigN)

	// Time one whole import, then kill others at points spread over that
	// span, so that some die while parsing and some while committing.
	full := filepath.Join(t.TempDir(), "data")
	start := time.Now()
	if out, err := exec.Command(bin, "import", "--data", full, big).CombinedOutput(); err != nil {
		t.Fatalf("import big: %v\n%s", err, out)
	}
	span := time.Since(start)
	t.Logf("a whole import of %d triples takes %s", bigN, span)
	for _, frac := range []float64{0.1, 0.5, 0.8, 0.9, 0.95, 0.99} {
		delay := time.Duration(frac * float64(span))
		t.Run(fmt.Sprintf("at%.0f%%", frac*100), func(t *testing.T) {
			data := filepath.Join(t.TempDir(), "data")
			if out, err := exec.Command(bin, "import", "--data", data, small).CombinedOutput(); err != nil {
				t.Fatalf("import small: %v\n%s", err, out)
			}
			before := quadCount(t, bin, data)
			if before != 100 {
				t.Fatalf("after the first import: %d quads, want 100", before)
			}
			cmd := exec.Command(bin, "import", "--data", data, "--graph", "http://example.org/g", big)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			_ = cmd.Process.Signal(syscall.SIGKILL)
			err := cmd.Wait()
			killed := err != nil
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			if out, err := exec.CommandContext(ctx, bin, "check", "--data", data).CombinedOutput(); err != nil {
				t.Fatalf("check after kill at %s: %v\n%s", delay, err, out)
			}
			after := quadCount(t, bin, data)
			switch after {
			case before:
				t.Logf("killed at %s (killed=%v): none of the import landed", delay, killed)
			case before + bigN:
				t.Logf("killed at %s (killed=%v): all of the import landed", delay, killed)
			default:
				t.Fatalf("killed at %s: %d quads, want %d (none) or %d (all); stderr: %s", delay, after, before, before+bigN, stderr.String())
			}
		})
	}
}

// Ensure that a syntax error anywhere leaves the store exactly as it was and
// names file, line and column.
func TestImport_SyntaxError_NothingWritten(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	good, bad := filepath.Join(dir, "good.nt"), filepath.Join(dir, "bad.ttl")
	writeNTriples(t, good, 50)
	if err := os.WriteFile(bad, []byte("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b \"unterminated .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "import", "--data", data, good).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "import", "--data", data, good, bad).CombinedOutput()
	if err == nil {
		t.Fatalf("import of a bad file succeeded:\n%s", out)
	}
	msg := string(out)
	if !strings.Contains(msg, "bad.ttl:3:") {
		t.Errorf("error does not name file and line 3: %s", msg)
	}
	if strings.Count(strings.TrimSpace(msg), "\n") != 0 {
		t.Errorf("error is not one line: %q", msg)
	}
	if n := quadCount(t, bin, data); n != 50 {
		t.Errorf("after the failed import: %d quads, want 50", n)
	}
}
