package main

import (
	"os"
	"path/filepath"
	"testing"
)

// Ensure that the store commands work together as a user runs them:
// import, query in every results format, export, backup and restore.
func TestStoreCommands(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	ttl := filepath.Join(dir, "cities.ttl")
	os.WriteFile(ttl, []byte(`@prefix ex: <http://example.org/> .
<leuven> ex:name "Leuven"@nl ; ex:score 3 .
<gent> ex:name "Gent"@nl ; ex:score 4 .
`), 0o644)
	q := filepath.Join(dir, "q.rq")
	os.WriteFile(q, []byte("PREFIX ex: <http://example.org/>\nSELECT ?n ?s WHERE { ?c ex:name ?n ; ex:score ?s } ORDER BY DESC(?s)"), 0o644)
	badq := filepath.Join(dir, "bad.rq")
	os.WriteFile(badq, []byte("SELECT ?x WHERE {\n  ?x ?y \n"), 0o644)
	backup := filepath.Join(dir, "backup.db")
	exported := filepath.Join(dir, "export.nt")
	restored := filepath.Join(dir, "restored")

	runCases(t, []cliCase{
		{"import", []string{"import", "--data", data, "--graph", "http://example.org/g", ttl}, 0, "", "imported 4 quads"},
		{"stats", []string{"stats", "--data", data}, 0, "http://example.org/g", ""},
		{"check", []string{"check", "--data", data}, 0, "ok", ""},
		{"query tsv", []string{"query", "--data", data, q}, 0, "?n\t?s\n\"Gent\"@nl\t\"4\"^^<http://www.w3.org/2001/XMLSchema#integer>\n\"Leuven\"@nl", ""},
		{"query csv", []string{"query", "--data", data, "--format", "csv", q}, 0, "n,s\r\nGent,4\r\nLeuven,3\r\n", ""},
		{"query json", []string{"query", "--data", data, "--format", "json", q}, 0, `{"n":{"type":"literal","value":"Gent","xml:lang":"nl"}`, ""},
		{"query own default graph", []string{"query", "--data", data, "--default-graph", "own", q}, 0, "?n\t?s\n", ""},
		{"parse only", []string{"query", "--parse-only", badq}, 1, "", "3:"},
		{"export ttl", []string{"export", "--data", data, "--format", "ttl"}, 0, `"Leuven"@nl`, ""},
		{"export graph nq", []string{"export", "--data", data, "--graph", "http://example.org/g"}, 0, "<http://example.org/g> .", ""},
		{"export to file", []string{"export", "--data", data, "--format", "nt", "-o", exported}, 0, "", ""},
		{"backup", []string{"backup", "--data", data, backup}, 0, "", "wrote"},
		{"restore", []string{"restore", "--data", restored, backup}, 0, "", "restored"},
		{"restored check", []string{"check", "--data", restored}, 0, "ok", ""},
		{"restored query", []string{"query", "--data", restored, q}, 0, "\"Gent\"@nl\t\"4\"", ""},
		{"unknown format", []string{"import", "--data", data, filepath.Join(dir, "x.unknown")}, 1, "", "cannot tell the format"},
		{"unknown command", []string{"frobnicate"}, 2, "", "unknown command"},
		{"relative base", []string{"import", "--data", filepath.Join(dir, "other"), "--base", "steden/", ttl}, 1, "", "not an absolute IRI"},
	})
	// An export is meant to be published: readable by others, as a shell
	// redirect would leave it, not private like the temp file it started as.
	if fi, err := os.Stat(exported); err != nil {
		t.Error(err)
	} else if mode := fi.Mode().Perm(); mode&0o044 != 0o044 {
		t.Errorf("export file mode %v, want readable by group and others", mode)
	}
}
