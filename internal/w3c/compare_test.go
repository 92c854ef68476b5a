package w3c

import (
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/results"
)

// The tests in this file check the comparison itself: a harness that
// cannot fail would make every pass count meaningless.

func TestSameRows(t *testing.T) {
	a, b := rdf.IRI("http://ex/a"), rdf.IRI("http://ex/b")
	one := rdf.TypedLiteral("1", rdf.XSDInteger)
	oneZero := rdf.TypedLiteral("01", rdf.XSDInteger)
	x, y := rdf.Blank("x"), rdf.Blank("y")
	tab := func(rows ...[]rdf.Term) *results.Table { return &results.Table{Vars: []string{"s", "o"}, Rows: rows} }
	tests := []struct {
		name     string
		exp, act *results.Table
		ordered  bool
		orderBy  []string
		strict   bool // expected result of the strict comparison
		byValue  bool // and of the lenient one
	}{
		{"same rows, other order", tab([]rdf.Term{a, one}, []rdf.Term{b, one}), tab([]rdf.Term{b, one}, []rdf.Term{a, one}), false, nil, true, true},
		{"order matters with ORDER BY", tab([]rdf.Term{a, one}, []rdf.Term{b, one}), tab([]rdf.Term{b, one}, []rdf.Term{a, one}), true, []string{"s"}, false, false},
		{"order by an expression checks whole rows", tab([]rdf.Term{a, one}, []rdf.Term{b, one}), tab([]rdf.Term{b, one}, []rdf.Term{a, one}), true, nil, false, false},
		{"ties may come in any order", tab([]rdf.Term{a, one}, []rdf.Term{b, one}), tab([]rdf.Term{b, one}, []rdf.Term{a, one}), true, []string{"o"}, true, true},
		{"a missing row", tab([]rdf.Term{a, one}, []rdf.Term{b, one}), tab([]rdf.Term{a, one}), false, nil, false, false},
		{"a duplicate row counts", tab([]rdf.Term{a, one}, []rdf.Term{a, one}), tab([]rdf.Term{a, one}), false, nil, false, false},
		{"unbound is not a value", tab([]rdf.Term{a, {}}), tab([]rdf.Term{a, one}), false, nil, false, false},
		{"01 equals 1 only by value", tab([]rdf.Term{a, one}), tab([]rdf.Term{a, oneZero}), false, nil, false, true},
		{"language tags by value are case-insensitive", tab([]rdf.Term{a, rdf.LangLiteral("x", "en-US")}), tab([]rdf.Term{a, rdf.LangLiteral("x", "en-us")}), false, nil, false, true},
		{"string is not integer", tab([]rdf.Term{a, rdf.Literal("1")}), tab([]rdf.Term{a, one}), false, nil, false, false},
		{"blank nodes are renamed", tab([]rdf.Term{x, one}, []rdf.Term{y, one}), tab([]rdf.Term{y, one}, []rdf.Term{x, one}), false, nil, true, true},
		{"blank node co-reference is kept", tab([]rdf.Term{x, one}, []rdf.Term{x, one}), tab([]rdf.Term{x, one}, []rdf.Term{y, one}), false, nil, false, false},
		{"blank nodes are not IRIs", tab([]rdf.Term{x, one}), tab([]rdf.Term{a, one}), false, nil, false, false},
		{"an unprojected ORDER BY key checks whole rows", tab([]rdf.Term{a, one}, []rdf.Term{b, one}), tab([]rdf.Term{b, one}, []rdf.Term{a, one}), true, []string{"hidden"}, false, false},
	}
	for _, tc := range tests {
		if got := sameRows(tc.exp, tc.act, tc.ordered, tc.orderBy, identity); got != tc.strict {
			t.Errorf("%s: strict comparison = %v, want %v", tc.name, got, tc.strict)
		}
		if got := sameRows(tc.exp, tc.act, tc.ordered, tc.orderBy, canonical); got != tc.byValue {
			t.Errorf("%s: by-value comparison = %v, want %v", tc.name, got, tc.byValue)
		}
	}
}

func TestJudgeAndSameAnswer(t *testing.T) {
	a, b := rdf.IRI("http://ex/a"), rdf.IRI("http://ex/b")
	p := rdf.IRI("http://ex/p")
	one := rdf.TypedLiteral("1", rdf.XSDInteger)
	oneAgain := rdf.TypedLiteral("01", rdf.XSDInteger)
	yes, no := true, false
	tab := func(rows ...[]rdf.Term) *results.Table { return &results.Table{Vars: []string{"s", "o"}, Rows: rows} }
	sel := mustParse(t, "SELECT ?s ?o { ?s ?p ?o }")
	ordered := mustParse(t, "SELECT ?s ?o { ?s ?p ?o } ORDER BY ?s")
	byExpr := mustParse(t, "SELECT ?s ?o { ?s ?p ?o } ORDER BY STR(?o)")
	hidden := mustParse(t, "SELECT ?s { ?s ?p ?o } ORDER BY ?o")
	ask := mustParse(t, "ASK { ?s ?p ?o }")
	construct := mustParse(t, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
	csvOne, err := asCSV(tab([]rdf.Term{a, one}))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    *sparql.Query
		exp  *Expected
		act  Answer
		want Outcome
	}{
		{"rows in another order", sel, &Expected{Table: tab([]rdf.Term{a, one}, []rdf.Term{b, one})}, Answer{Table: tab([]rdf.Term{b, one}, []rdf.Term{a, one})}, Pass},
		{"order counts under ORDER BY", ordered, &Expected{Table: tab([]rdf.Term{a, one}, []rdf.Term{b, one})}, Answer{Table: tab([]rdf.Term{b, one}, []rdf.Term{a, one})}, Fail},
		{"order by an expression", byExpr, &Expected{Table: tab([]rdf.Term{a, one}, []rdf.Term{b, one})}, Answer{Table: tab([]rdf.Term{b, one}, []rdf.Term{a, one})}, Fail},
		{"a missing row", sel, &Expected{Table: tab([]rdf.Term{a, one}, []rdf.Term{b, one})}, Answer{Table: tab([]rdf.Term{a, one})}, Fail},
		{"variables in another order", sel, &Expected{Table: tab([]rdf.Term{a, one})}, Answer{Table: &results.Table{Vars: []string{"o", "s"}, Rows: [][]rdf.Term{{one, a}}}}, Pass},
		{"an extra variable, never bound", sel, &Expected{Table: tab([]rdf.Term{a, one})}, Answer{Table: &results.Table{Vars: []string{"s", "o", "x"}, Rows: [][]rdf.Term{{a, one, {}}}}}, Fail},
		{"a variable missing", sel, &Expected{Table: tab([]rdf.Term{a, {}})}, Answer{Table: &results.Table{Vars: []string{"s"}, Rows: [][]rdf.Term{{a}}}}, Fail},
		{"ORDER BY a key not projected", hidden, &Expected{Table: &results.Table{Vars: []string{"s"}, Rows: [][]rdf.Term{{a}, {b}}}}, Answer{Table: &results.Table{Vars: []string{"s"}, Rows: [][]rdf.Term{{b}, {a}}}}, Fail},
		{"a duplicate counts", sel, &Expected{Table: tab([]rdf.Term{a, one})}, Answer{Table: tab([]rdf.Term{a, one}, []rdf.Term{a, one})}, Fail},
		{"an unbound cell", sel, &Expected{Table: tab([]rdf.Term{a, one})}, Answer{Table: tab([]rdf.Term{a, {}})}, Fail},
		{"numbers equal by value only", sel, &Expected{Table: tab([]rdf.Term{a, one})}, Answer{Table: tab([]rdf.Term{a, oneAgain})}, PassByValue},
		{"blank nodes relabelled", sel, &Expected{Table: tab([]rdf.Term{rdf.Blank("x"), one})}, Answer{Table: tab([]rdf.Term{rdf.Blank("y"), one})}, Pass},
		{"two blank nodes are not one", sel, &Expected{Table: tab([]rdf.Term{rdf.Blank("x"), one}, []rdf.Term{rdf.Blank("y"), one})}, Answer{Table: tab([]rdf.Term{rdf.Blank("z"), one}, []rdf.Term{rdf.Blank("z"), one})}, Fail},
		{"CSV loses the datatype on both sides", sel, &Expected{Table: csvOne, CSV: true}, Answer{Table: tab([]rdf.Term{a, one})}, Pass},
		{"CSV still compares values", sel, &Expected{Table: csvOne, CSV: true}, Answer{Table: tab([]rdf.Term{a, rdf.TypedLiteral("2", rdf.XSDInteger)})}, Fail},
		{"booleans equal", ask, &Expected{Table: &results.Table{Boolean: &yes}}, Answer{Table: &results.Table{Boolean: &yes}}, Pass},
		{"booleans differ", ask, &Expected{Table: &results.Table{Boolean: &yes}}, Answer{Table: &results.Table{Boolean: &no}}, Fail},
		{"graphs isomorphic", construct, &Expected{Graph: []rdf.Quad{rdf.Triple(rdf.Blank("x"), p, one)}}, Answer{Graph: []rdf.Quad{rdf.Triple(rdf.Blank("q"), p, one)}}, Pass},
		{"graphs equal by value only", construct, &Expected{Graph: []rdf.Quad{rdf.Triple(a, p, one)}}, Answer{Graph: []rdf.Quad{rdf.Triple(a, p, oneAgain)}}, PassByValue},
		{"graphs differ", construct, &Expected{Graph: []rdf.Quad{rdf.Triple(a, p, one)}}, Answer{Graph: []rdf.Quad{rdf.Triple(b, p, one)}}, Fail},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, detail := Judge(tc.exp, tc.act, nil, tc.q); got != tc.want {
				t.Errorf("Judge = %v, want %v (%s)", got, tc.want, detail)
			}
			if tc.exp.CSV {
				return // SameAnswer compares two answers, never a CSV file
			}
			// SameAnswer compares two answers strictly: it agrees with
			// Judge exactly when Judge finds them equal term for term.
			exp := Answer{Table: tc.exp.Table, Graph: tc.exp.Graph}
			if got := SameAnswer(exp, tc.act, tc.q); got != (tc.want == Pass) {
				t.Errorf("SameAnswer = %v, want %v", got, tc.want == Pass)
			}
		})
	}
	if o, _ := Judge(&Expected{Table: tab()}, Answer{Table: tab()}, errString("boom"), sel); o != Fail {
		t.Errorf("an execution error judged %v", o)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func mustParse(t *testing.T, text string) *sparql.Query {
	t.Helper()
	q, err := sparql.Parse(text, sparql.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// Ensure the rs: result-set vocabulary is decoded with its order, and
// with variables bound but never declared.
func TestResultSetGraph(t *testing.T) {
	rs := func(l string) rdf.Term { return rdf.IRI(RS + l) }
	set, s1, s2, b1, b2 := rdf.Blank("set"), rdf.Blank("s1"), rdf.Blank("s2"), rdf.Blank("b1"), rdf.Blank("b2")
	qs := []rdf.Quad{
		rdf.Triple(set, rdf.IRI(rdf.RDFType), rs("ResultSet")),
		rdf.Triple(set, rs("resultVariable"), rdf.Literal("x")),
		rdf.Triple(set, rs("solution"), s1),
		rdf.Triple(set, rs("solution"), s2),
		rdf.Triple(s1, rs("index"), rdf.TypedLiteral("2", rdf.XSDInteger)),
		rdf.Triple(s1, rs("binding"), b1),
		rdf.Triple(b1, rs("variable"), rdf.Literal("x")),
		rdf.Triple(b1, rs("value"), rdf.Literal("second")),
		rdf.Triple(s2, rs("index"), rdf.TypedLiteral("1", rdf.XSDInteger)),
		rdf.Triple(s2, rs("binding"), b2),
		rdf.Triple(b2, rs("variable"), rdf.Literal("y")),
		rdf.Triple(b2, rs("value"), rdf.Literal("first")),
	}
	tab, ok := ResultSetGraph(qs)
	if !ok {
		t.Fatal("ResultSetGraph did not find the result set")
	}
	if len(tab.Vars) != 2 || len(tab.Rows) != 2 || cell(tab, 0, "y") != rdf.Literal("first") || cell(tab, 1, "x") != rdf.Literal("second") || !cell(tab, 0, "x").IsZero() {
		t.Errorf("decoded %+v", tab)
	}
	boolean := []rdf.Quad{
		rdf.Triple(set, rdf.IRI(rdf.RDFType), rs("ResultSet")),
		rdf.Triple(set, rs("boolean"), rdf.TypedLiteral("true", rdf.XSDBoolean)),
	}
	if tab, ok := ResultSetGraph(boolean); !ok || tab.Boolean == nil || !*tab.Boolean {
		t.Errorf("boolean result set decoded as %+v, %v", tab, ok)
	}
	if _, ok := ResultSetGraph([]rdf.Quad{rdf.Triple(set, rs("solution"), s1)}); ok {
		t.Error("a graph without rs:ResultSet decoded as a result set")
	}
}
