package parse

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that no input panics, that errors carry a position inside
// the query, and that parsing is deterministic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		benchQuery,
		`SELECT * { ?s ?p ?o }`,
		`PREFIX : <http://ex/> ASK { ?s :p/:q* [ :r (1 2.5 "x"@en) ] FILTER(?s != :a) }`,
		`CONSTRUCT { ?s <p> _:b } WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?z } } ORDER BY ?s LIMIT 3`,
		`SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(*) > 1)`,
		`SELECT * { VALUES (?a ?b) { (1 UNDEF) } BIND(?a + 1 AS ?c) MINUS { ?a ?b ?c } }`,
		`DESCRIBE * { GRAPH ?g { ?s !(<a>|^<b>) ?o } SERVICE SILENT <http://x/> { ?s ?p ?o } }`,
		"SELECT * { ?s ?p '''long\n''' , \"\\u00e9\" }",
	} {
		f.Add(s)
	}
	// The W3C syntax tests make good seeds.
	if files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "sparql11", "syntax-query", "*.rq")); len(files) > 0 {
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(string(b))
			}
		}
	}
	f.Fuzz(func(t *testing.T, q string) {
		res, err := Parse(q, "http://ex/")
		if err != nil {
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("error %v is not a *parse.Error", err)
			}
			lines := strings.Count(q, "\n") + 1
			if perr.Msg == "" || perr.MsgNL == "" {
				t.Fatalf("error %v lacks an English or Dutch message", err)
			}
			if perr.Line < 1 || perr.Line > lines || perr.Col < 1 {
				t.Fatalf("error position %d:%d outside a query of %d lines", perr.Line, perr.Col, lines)
			}
			return
		}
		if err := checkInvariants(res); err != nil {
			t.Fatalf("%v\nquery: %q", err, q)
		}
		again, err := Parse(q, "http://ex/")
		if err != nil {
			t.Fatalf("second parse failed: %v", err)
		}
		if res.String() != again.String() {
			t.Fatalf("non-deterministic parse:\n%s\n%s", res, again)
		}
	})
}
