package parse

import (
	"errors"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/sparql/budget"
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
	f.Add(longPath(30))
	f.Add("SELECT * WHERE " + strings.Repeat("{", 300))
	f.Add("SELECT * { ?s <p> ( ( ( 1 ) ) ) ; <q> [ <r> [ <s> 2 ] ] } ORDER BY ?s")
	// The W3C queries make good seeds (see testtool.ConformanceDir).
	for _, pattern := range []string{"sparql11/syntax-query/*.rq", "sparql11/*/*.rq", "sparql10/*/*.rq"} {
		for _, b := range testtool.SeedFiles(f, pattern) {
			f.Add(string(b))
		}
	}
	tight := Options{Base: "http://ex/", Limits: budget.Limits{Depth: 12, Patterns: 20, PathSteps: 5}}
	f.Fuzz(func(t *testing.T, q string) {
		// Under tight limits the parser must fail cleanly, with the
		// limit's error and a position, wherever the limit falls.
		if _, err := ParseWith(q, tight); err != nil {
			checkFuzzError(t, q, err)
		}
		res, err := Parse(q, "http://ex/")
		if err != nil {
			checkFuzzError(t, q, err)
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

// checkFuzzError requires a *parse.Error in both languages, positioned
// inside the query.
func checkFuzzError(t *testing.T, q string, err error) {
	t.Helper()
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
	if errors.Is(err, budget.ErrLimit) != (perr.Limit != nil) {
		t.Fatalf("error %v: Limit %v disagrees with errors.Is", err, perr.Limit)
	}
}
