package main

import (
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/sparql"
)

func TestByteSize(t *testing.T) {
	for in, want := range map[string]int64{
		"1048576": 1 << 20, "64MiB": 64 << 20, "64M": 64 << 20, "2GiB": 2 << 30, "512KiB": 512 << 10, "512kb": 512 << 10, "-1": -1, " 3 MiB ": 3 << 20,
	} {
		var b byteSize
		if err := b.Set(in); err != nil || int64(b) != want {
			t.Errorf("Set(%q) = %d, %v; want %d", in, b, err, want)
		}
	}
	for _, bad := range []string{"", "MiB", "12XB", "1.5GiB", "99999999999999GiB"} {
		var b byteSize
		if err := b.Set(bad); err == nil {
			t.Errorf("Set(%q) accepted: %d", bad, b)
		}
	}
}

// TestLimitFlags checks that the serve flags reach the query limits and
// that the memory limit is set from them unless GOMEMLIMIT is.
func TestLimitFlags(t *testing.T) {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	l := addLimitFlags(fl)
	err := fl.Parse([]string{"--max-patterns", "50", "--max-path-steps", "7", "--max-depth", "30", "--max-string-bytes", "1MiB",
		"--query-memory", "32MiB", "--max-service-bytes", "-1", "--max-queries", "3", "--max-queued", "9", "--table-cache", "16MiB"})
	if err != nil {
		t.Fatal(err)
	}
	want := sparql.Limits{Depth: 30, Patterns: 50, PathSteps: 7, StringBytes: 1 << 20, MemoryBytes: 32 << 20, ServiceBytes: -1}
	if got := l.limits(); got != want || *l.queries != 3 || l.queuedConfig() != 9 {
		t.Errorf("limits %+v, queries %d, queued %d", got, *l.queries, l.queuedConfig())
	}
	if err := fl.Parse([]string{"--max-queued", "0"}); err != nil || l.queuedConfig() != -1 {
		t.Errorf("--max-queued 0 gives Config.MaxQueued %d, want -1 (no queue; 0 would be the default)", l.queuedConfig())
	}
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	l.setMemoryLimit(log)
	if got, want := debug.SetMemoryLimit(-1), int64(128<<20+3*32<<20+16<<20); got != want && got != machineMemory()/4*3 {
		t.Errorf("memory limit %d, want %d (128 MiB + 3 queries × 32 MiB + a 16 MiB table cache)", got, want)
	}
	if err := fl.Parse([]string{"--memory-limit", "300MiB"}); err != nil {
		t.Fatal(err)
	}
	l.setMemoryLimit(log)
	if got := debug.SetMemoryLimit(-1); got != 300<<20 {
		t.Errorf("--memory-limit 300MiB set %d", got)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(123 << 20)
	l.setMemoryLimit(log)
	if got := debug.SetMemoryLimit(-1); got != 123<<20 {
		t.Errorf("with GOMEMLIMIT set, the limit was changed to %d", got)
	}
}

// TestImportEntityBomb imports a "billion laughs" RDF/XML file: it is
// refused with the limit named and nothing is imported; a raised limit
// lets a small one through.
func TestImportEntityBomb(t *testing.T) {
	dir := t.TempDir()
	bomb := filepath.Join(dir, "lol.rdf")
	var b strings.Builder
	b.WriteString(`<!DOCTYPE rdf:RDF [<!ENTITY a "lollollollollollollollollollol">`)
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f"} {
		b.WriteString(`<!ENTITY ` + name + ` "` + strings.Repeat("&"+prev+";", 10) + `">`)
		prev = name
	}
	b.WriteString(`]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/"><rdf:Description rdf:about="http://ex.org/s"><ex:p>&f;</ex:p></rdf:Description></rdf:RDF>`)
	if err := os.WriteFile(bomb, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	runCases(t, []cliCase{
		{name: "bomb refused", args: []string{"import", "--data", data, bomb}, wantCode: 1, wantErrs: "max-entity-bytes"},
	})
	_, out, _ := runCLI(t, "stats", "--data", data)
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "quads" && f[1] != "0" {
			t.Errorf("the refused import left %s quads", f[1])
		}
	}
	runCases(t, []cliCase{
		{name: "raised limit", args: []string{"import", "--data", data, "--max-entity-bytes", "64MiB", bomb}, wantErrs: "imported 1 quads"},
	})
}

// TestQueryLimitFlags checks that `maturity query` takes the query limits
// too, so that a researcher can lift one the server enforces.
func TestQueryLimitFlags(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	q := filepath.Join(dir, "q.rq")
	path := filepath.Join(dir, "path.rq")
	if err := os.WriteFile(q, []byte(`SELECT ?x { BIND(CONCAT("0123456789", "0123456789") AS ?x) }`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(`SELECT * { ?a <http://ex/p>/<http://ex/p>/<http://ex/p> ?b }`), 0o644); err != nil {
		t.Fatal(err)
	}
	nt := filepath.Join(dir, "een.nt")
	if err := os.WriteFile(nt, []byte("<http://ex/a> <http://ex/p> <http://ex/b> .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	runCases(t, []cliCase{
		{name: "store", args: []string{"import", "--data", data, nt}, wantErrs: "imported 1 quads"},
		{name: "within", args: []string{"query", "--data", data, "--format", "csv", q}, wantOut: "01234567890123456789"},
		{name: "beyond", args: []string{"query", "--data", data, "--max-string-bytes", "19", q}, wantCode: 1, wantErrs: "max-string-bytes"},
		{name: "path within", args: []string{"query", "--data", data, "--parse-only", path}, wantOut: "ok"},
		{name: "path beyond", args: []string{"query", "--data", data, "--max-path-steps", "2", "--parse-only", path}, wantCode: 1, wantErrs: "max-path-steps"},
	})
}
