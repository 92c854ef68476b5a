package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs one command in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, stdio{in: strings.NewReader(""), out: &out, err: &errb})
	return code, out.String(), errb.String()
}

// cliCase is one command line and what it must print.
type cliCase struct {
	name              string
	args              []string
	wantCode          int
	wantOut, wantErrs string
}

// runCases runs the cases in order, as a user would type them.
func runCases(t *testing.T, cases []cliCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, tc.args...)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.wantCode, errs)
			}
			if !strings.Contains(out, tc.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tc.wantOut, out)
			}
			if !strings.Contains(errs, tc.wantErrs) {
				t.Errorf("stderr lacks %q:\n%s", tc.wantErrs, errs)
			}
		})
	}
}

// Ensure that an assessment imported from the CLI yields a plan, that a bad
// sheet is refused with row and column and writes nothing, and that a second
// import makes a new version.
func TestAssessImportAndPlan(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	sheet, err := os.ReadFile(filepath.Join("..", "..", "examples", "data", "zelfevaluatie-99991-2025.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.csv"), filepath.Join(dir, "bad.csv")
	os.WriteFile(good, sheet, 0o644)
	os.WriteFile(bad, []byte(strings.Replace(string(sheet), "sponsoring,3,", "sponsoring,7,", 1)), 0o644)

	runCases(t, []cliCase{
		{"no plan yet", []string{"plan", "--data", data, "--org", "99991", "--year", "2026"}, 1, "", "geen evaluatie"},
		{"bad sheet", []string{"assess", "import", bad, "--data", data, "--org", "99991", "--year", "2026"}, 1, "", "rij 2, kolom 2"},
		{"still no plan", []string{"plan", "--data", data, "--org", "99991", "--year", "2026"}, 1, "", "geen evaluatie"},
		{"good sheet", []string{"assess", "import", good, "--data", data, "--org", "99991", "--year", "2026"}, 0, "", "versie 1"},
		{"plan nl", []string{"plan", "--data", data, "--org", "99991", "--year", "2026"}, 0, "Actieplan open data – Demostad Noord (fictief), 2026 (versie 1)", ""},
		{"second version", []string{"assess", "import", good, "--data", data, "--org", "99991", "--year", "2026"}, 0, "", "versie 2"},
		{"plan en", []string{"plan", "--data", data, "--org", "99991", "--year", "2026", "--lang", "en"}, 0, "Open data action plan – Demo City North (fictional), 2026 (version 2)", ""},
		{"missing org", []string{"plan", "--data", data, "--year", "2026"}, 1, "", "--org en --year zijn verplicht"},
	})
}
