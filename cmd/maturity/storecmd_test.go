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
		{"compact", []string{"compact", "--data", restored}, 0, "", "compacted"},
		{"compacted query", []string{"query", "--data", restored, q}, 0, "\"Gent\"@nl\t\"4\"", ""},
		{"compact no store", []string{"compact", "--data", filepath.Join(dir, "none")}, 1, "", "no store in"},
		{"stats no store", []string{"stats", "--data", filepath.Join(dir, "none")}, 1, "", "no store in"},
		{"restore damaged", []string{"restore", "--data", restored, ttl}, 1, "", "corrupt database"},
		{"import with budget", []string{"import", "--data", filepath.Join(dir, "budget"), "--mem", "64MiB", ttl}, 0, "", "imported 4 quads"},
		{"bad budget", []string{"import", "--data", filepath.Join(dir, "budget"), "--mem", "lots", ttl}, 1, "", "not a size"},
		{"unknown format", []string{"import", "--data", data, filepath.Join(dir, "x.unknown")}, 1, "", "cannot tell the format"},
		{"unknown command", []string{"frobnicate"}, 2, "", "onbekend commando"},
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

// TestStoreCommandsWhileServing holds the store open as `maturity serve`
// does, without a server to ask, and checks that restore and backup refuse
// and say why, and that the store is unchanged.
func TestStoreCommandsWhileServing(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	ttl := filepath.Join(dir, "a.ttl")
	os.WriteFile(ttl, []byte("<http://example.org/a> <http://example.org/p> 1 .\n"), 0o644)
	backup := filepath.Join(dir, "b.db")
	runCases(t, []cliCase{
		{"import", []string{"import", "--data", data, ttl}, 0, "", "imported 1 quads"},
		{"backup", []string{"backup", "--data", data, backup}, 0, "", "wrote"},
	})
	st, err := openStore(data) // the running server
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	runCases(t, []cliCase{
		{"restore while serving", []string{"restore", "--data", data, backup}, 1, "", "in use by another process (a running maturity serve"},
		{"backup while another process holds the store", []string{"backup", "--data", data, filepath.Join(dir, "c.db")}, 1, "", "no server answers on the admin socket"},
	})
	if _, err := os.Stat(filepath.Join(dir, "c.db")); err == nil {
		t.Error("a refused backup left a file")
	}
	entries, _ := os.ReadDir(data)
	for _, e := range entries {
		if e.Name() != "maturity.db" && e.Name() != "instance.json" {
			t.Errorf("left in the data directory: %s", e.Name())
		}
	}
}
