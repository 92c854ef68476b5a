package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/private"
)

// runCLIStdin runs one command in-process with stdin.
func runCLIStdin(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, stdio{in: strings.NewReader(stdin), out: &out, err: &errb})
	return code, out.String(), errb.String()
}

// Organisations and accounts from the command line: the organisation
// must be known, the password comes from stdin (never argv), and the
// accounts are in private.db, not in the store.
func TestOrgAndUserCommands(t *testing.T) {
	t.Setenv("LANG", "nl_BE.UTF-8")
	data := filepath.Join(t.TempDir(), "data")
	runCases(t, []cliCase{
		{"org add", []string{"org", "add", "--nis", "99994", "--name", "Testgem Oost", "--data", data}, 0, "", "organisatie 99994 (Testgem Oost) toegevoegd"},
		{"org add again", []string{"org", "add", "--nis", "99994", "--name", "Nog eens", "--data", data}, 1, "", "bestaat al"},
		{"org add bad nis", []string{"org", "add", "--nis", "9999", "--name", "X", "--data", data}, 1, "", "NIS"},
		{"org without subcommand", []string{"org", "--data", data}, 1, "", "maturity org add --nis"},
		{"user list empty", []string{"user", "list", "--data", data}, 0, "E-MAIL", ""},
	})
	for _, c := range []struct {
		name, stdin string
		args        []string
		code        int
		errs        string
	}{
		{"password on argv", "x\n", []string{"user", "add", "--email", "a@demo.be", "--org", "99994", "--data", data, "geheimwachtwoord"}, 1, "nooit op de opdrachtregel"},
		{"unknown organisation", "een lang wachtwoord\n", []string{"user", "add", "--email", "a@demo.be", "--org", "12345", "--data", data}, 1, "organisatie 12345 is onbekend"},
		{"bad role", "een lang wachtwoord\n", []string{"user", "add", "--email", "a@demo.be", "--org", "99994", "--role", "baas", "--data", data}, 1, "--role"},
		{"short password", "kort\n", []string{"user", "add", "--email", "a@demo.be", "--org", "99994", "--data", data}, 1, "10 tot 256 tekens"},
		{"no password", "", []string{"user", "add", "--email", "a@demo.be", "--org", "99994", "--data", data}, 1, "geen wachtwoord"},
		{"add", "een lang wachtwoord\n", []string{"user", "add", "--email", "A@Demo.be", "--org", "99994", "--role", "admin", "--data", data}, 0, "account a@demo.be toegevoegd: admin"},
		{"add again", "een lang wachtwoord\n", []string{"user", "add", "--email", "a@demo.be", "--org", "99994", "--data", data}, 1, "er is al een account"},
		{"disable", "", []string{"user", "disable", "--email", "a@demo.be", "--data", data}, 0, "uitgeschakeld"},
		{"disable unknown", "", []string{"user", "disable", "--email", "b@demo.be", "--data", data}, 1, "geen account"},
	} {
		code, _, errs := runCLIStdin(t, c.stdin, c.args...)
		if code != c.code || !strings.Contains(errs, c.errs) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", c.name, code, errs, c.code, c.errs)
		}
	}
	code, out, _ := runCLI(t, "user", "list", "--data", data)
	if code != 0 || !strings.Contains(out, "a@demo.be") || !strings.Contains(out, "uitgeschakeld") {
		t.Errorf("user list: %d\n%s", code, out)
	}
	// The password is hashed, and the account is in private.db only.
	db, err := os.ReadFile(filepath.Join(data, privateFile))
	if err != nil || bytes.Contains(db, []byte("een lang wachtwoord")) || !bytes.Contains(db, []byte("argon2id")) {
		t.Errorf("private.db: %v; it must hold the argon2id hash, never the password", err)
	}
	_, dump, _ := runCLI(t, "export", "--data", data, "--format", "nq")
	if strings.Contains(dump, "a@demo.be") || !strings.Contains(dump, "Testgem Oost") {
		t.Error("the store holds the account, or lacks the organisation")
	}
	// While a server holds the file, the command says what to do.
	p, err := private.Open(filepath.Join(data, privateFile))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if code, _, errs := runCLI(t, "user", "list", "--data", data); code != 1 || !strings.Contains(errs, "/beheer") {
		t.Errorf("user list while serving: %d %s", code, errs)
	}
}

// The command line holds a sheet to the form's rules: a known
// organisation (or --create-org), every domain (or --partial), a year
// from 2000 to next year; and it reads Excel's Belgian CSV.
func TestSheetImportRules(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dir := t.TempDir()
	full, err := os.ReadFile(filepath.Join("..", "..", "examples", "data", "zelfevaluatie-99991-2025.csv"))
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, full, 0o644)
	three := filepath.Join(dir, "three.csv")
	lines := strings.SplitAfter(string(full), "\n")
	os.WriteFile(three, []byte(strings.Join(lines[:4], "")), 0o644)
	// What Excel saves as "CSV (puntkomma)" in Belgium: semicolons,
	// Windows-1252, CRLF.
	excel := filepath.Join(dir, "excel.csv")
	body := strings.ReplaceAll(strings.ReplaceAll(string(full), ",", ";"), "\n", "\r\n")
	body = strings.Replace(body, "domein;", "domein;", 1)
	os.WriteFile(excel, append([]byte(body), []byte("")...), 0o644)
	runCases(t, []cliCase{
		{"unknown organisation", []string{"assess", "import", good, "--org", "12345", "--year", "2025", "--data", data}, 1, "", "organisatie 12345 is onbekend"},
		{"year 2099", []string{"assess", "import", good, "--org", "99991", "--year", "2099", "--data", data}, 1, "", "jaar 2099 ligt niet tussen 2000 en"},
		{"3 of 11 domains", []string{"assess", "import", three, "--org", "99991", "--year", "2025", "--data", data}, 1, "", "3 van de 11 domeinen gescoord"},
		{"3 of 11, partial", []string{"assess", "import", three, "--org", "99991", "--year", "2023", "--partial", "--data", data}, 0, "", "versie 1"},
		{"create the organisation", []string{"assess", "import", good, "--org", "12345", "--year", "2025", "--create-org", "Nieuwegem", "--data", data}, 0, "", "organisatie 12345 (Nieuwegem) toegevoegd"},
		{"then it is known", []string{"assess", "import", good, "--org", "12345", "--year", "2025", "--data", data}, 0, "", "versie 2"},
		{"Excel, semicolons", []string{"assess", "import", excel, "--org", "99991", "--year", "2022", "--data", data}, 0, "", "puntkomma"},
		{"usage once", []string{"assess", "--data", data}, 1, "", "maturity assess import FILE.csv --org NIS"},
	})
	if _, _, errs := runCLI(t, "assess", "--data", data); strings.Contains(errs, "import import") {
		t.Errorf("doubled usage: %s", errs)
	}
	if _, _, errs := runCLI(t, "assess", "import", "--help"); strings.Contains(errs, "import import") || !strings.Contains(errs, "maturity assess import FILE.csv") {
		t.Errorf("usage of --help: %s", errs)
	}
	_, out, _ := runCLI(t, "export", "--data", data, "--format", "nq")
	if !strings.Contains(out, `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>`) || !strings.Contains(out, "Nieuwegem") {
		t.Error("the partial assessment or the created organisation is not in the store")
	}
	t.Setenv("LANG", "en_GB.UTF-8")
	if _, _, errs := runCLI(t, "assess", "import", three, "--org", "99991", "--year", "2025", "--data", data); !strings.Contains(errs, "3 of the 11 domains scored") || strings.Contains(errs, "domeinen") {
		t.Errorf("in English, in one language: %s", errs)
	}
}
