package parse

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/sparql/budget"
)

// longPath is a query with one property path of n steps.
func longPath(n int) string {
	return "SELECT * { ?s " + strings.TrimSuffix(strings.Repeat("<http://ex/p>/", n), "/") + " ?o }"
}

// bigBGP is a query with one basic graph pattern of n triple patterns.
func bigBGP(n int) string {
	var b strings.Builder
	b.WriteString("SELECT * {")
	for i := range n {
		b.WriteString(" ?s <http://ex/p> ?o")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(" .")
	}
	return b.String() + " }"
}

// TestSizeLimits checks that the hostile queries of issue 11 are refused
// by the limit that names them, with a position, and that raising or
// lifting the limit lets the same query through.
func TestSizeLimits(t *testing.T) {
	deep := "SELECT * WHERE " + strings.Repeat("{", 1<<20)
	cases := []struct {
		name   string
		query  string
		limits budget.Limits
		want   budget.Name // "" means the query parses
	}{
		{"20000-step path", longPath(20000), budget.Limits{}, budget.NamePathSteps},
		{"5000-pattern BGP", bigBGP(5000), budget.Limits{}, budget.NamePatterns},
		{"1 MB of nesting", deep, budget.Limits{}, budget.NameDepth},
		{"path at the limit", longPath(budget.DefaultPathSteps), budget.Limits{}, ""},
		{"path above a lowered limit", longPath(11), budget.Limits{PathSteps: 10}, budget.NamePathSteps},
		{"BGP at the limit", bigBGP(budget.DefaultPatterns), budget.Limits{}, ""},
		{"paths count as patterns", "SELECT * { ?a <p>* ?b . ?b <p>* ?c . ?c <p>* ?d }", budget.Limits{Patterns: 2}, budget.NamePatterns},
		{"collection triples count", "SELECT * { ?s <http://ex/p> (1 2 3) }", budget.Limits{Patterns: 6}, budget.NamePatterns},
		{"template triples count", "CONSTRUCT { ?s <http://ex/p> ?o, ?o, ?o } WHERE { ?s ?p ?o }", budget.Limits{Patterns: 3}, budget.NamePatterns},
		{"no path limit", longPath(20000), budget.Limits{PathSteps: -1, Patterns: -1}, ""},
		{"no pattern limit", bigBGP(5000), budget.Limits{Patterns: -1}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseWith(tc.query, Options{Base: "http://ex/", Limits: tc.limits})
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *parse.Error", err)
			}
			var le *budget.Error
			if !errors.As(err, &le) || le.Limit != tc.want || !errors.Is(err, budget.ErrLimit) {
				t.Fatalf("err = %v, want the limit %s", err, tc.want)
			}
			if !strings.Contains(pe.Msg, string(tc.want)) || !strings.Contains(pe.MsgNL, string(tc.want)) {
				t.Errorf("message %q / %q does not name the limit %s", pe.Msg, pe.MsgNL, tc.want)
			}
			if pe.Line < 1 || pe.Col < 1 {
				t.Errorf("no position: %v", err)
			}
		})
	}
}

// TestDepthCheckedBeforeLexing checks that the parser refuses a 1 MB query
// nested too deep after reading its first few hundred tokens: it used to
// tokenise the whole query first (280 MB for 1 MB of "{").
func TestDepthCheckedBeforeLexing(t *testing.T) {
	q := "SELECT * WHERE " + strings.Repeat("{", 1<<20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Parse(q, "")
	runtime.ReadMemStats(&after)
	if !errors.Is(err, budget.ErrLimit) {
		t.Fatalf("err = %v, want the depth limit", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("refusing a 1 MB query allocated %d bytes; the lexer ran ahead of the parser", alloc)
	}
}

// TestLexErrorAfterLookahead checks that a lexer error is reported as such
// when the parser fails on the token it could not read.
func TestLexErrorAfterLookahead(t *testing.T) {
	for _, q := range []string{
		"SELECT * { ?s ?p ?o } ORDER BY ?s & ?o",
		"SELECT * { ?s ?p \"unterminated }",
		"ASK { ?s ?p ?o . ?s ?p ?o2 ~ }",
	} {
		_, err := Parse(q, "")
		var pe *Error
		if !errors.As(err, &pe) {
			t.Fatalf("%q: err = %v", q, err)
		}
		if strings.HasPrefix(pe.Msg, "expected") {
			t.Errorf("%q: %v, want the lexer's message", q, err)
		}
	}
}
