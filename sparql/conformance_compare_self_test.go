package sparql_test

import (
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/results"
)

// Ensure the harness's comparison fails on wrong results: a harness that
// cannot fail would make every pass count meaningless.
func TestCompareRows(t *testing.T) {
	a, b := rdf.IRI("http://ex/a"), rdf.IRI("http://ex/b")
	one := rdf.TypedLiteral("1", rdf.XSDInteger)
	oneZero := rdf.TypedLiteral("01", rdf.XSDInteger)
	x, y := rdf.Blank("x"), rdf.Blank("y")
	tab := func(rows ...[]rdf.Term) *results.Table { return &results.Table{Vars: []string{"s", "o"}, Rows: rows} }
	tests := []struct {
		name      string
		exp, act  *results.Table
		ordered   bool
		orderBy   []string
		strict    bool // expected result of the strict comparison
		canonical bool // and of the lenient one
	}{
		{"same rows, other order", tab([]rdf.Term{a, one}, []rdf.Term{b, one}), tab([]rdf.Term{b, one}, []rdf.Term{a, one}), false, nil, true, true},
		{"order matters with ORDER BY", tab([]rdf.Term{a, one}, []rdf.Term{b, one}), tab([]rdf.Term{b, one}, []rdf.Term{a, one}), true, []string{"s"}, false, false},
		{"ties may come in any order", tab([]rdf.Term{a, one}, []rdf.Term{b, one}), tab([]rdf.Term{b, one}, []rdf.Term{a, one}), true, []string{"o"}, true, true},
		{"a missing row", tab([]rdf.Term{a, one}, []rdf.Term{b, one}), tab([]rdf.Term{a, one}), false, nil, false, false},
		{"a duplicate row counts", tab([]rdf.Term{a, one}, []rdf.Term{a, one}), tab([]rdf.Term{a, one}), false, nil, false, false},
		{"unbound is not a value", tab([]rdf.Term{a, {}}), tab([]rdf.Term{a, one}), false, nil, false, false},
		{"01 equals 1 only by value", tab([]rdf.Term{a, one}), tab([]rdf.Term{a, oneZero}), false, nil, false, true},
		{"language tags by value are case-insensitive", tab([]rdf.Term{a, rdf.LangLiteral("x", "en-US")}), tab([]rdf.Term{a, rdf.LangLiteral("x", "en-us")}), false, nil, false, true},
		{"string is not integer", tab([]rdf.Term{a, rdf.Literal("1")}), tab([]rdf.Term{a, one}), false, nil, false, false},
		{"blank nodes are renamed", tab([]rdf.Term{x, one}, []rdf.Term{y, one}), tab([]rdf.Term{y, one}, []rdf.Term{x, one}), false, nil, true, true},
		{"blank node co-reference is kept", tab([]rdf.Term{x, one}, []rdf.Term{x, one}), tab([]rdf.Term{x, one}, []rdf.Term{y, one}), false, nil, false, false},
	}
	for _, tc := range tests {
		if got := sameRows(tc.exp, tc.act, tc.ordered, tc.orderBy, identity); got != tc.strict {
			t.Errorf("%s: strict comparison = %v, want %v", tc.name, got, tc.strict)
		}
		if got := sameRows(tc.exp, tc.act, tc.ordered, tc.orderBy, canonical); got != tc.canonical {
			t.Errorf("%s: lenient comparison = %v, want %v", tc.name, got, tc.canonical)
		}
	}
}

// Ensure the rs: result-set vocabulary is decoded with its order.
func TestResultSetGraph(t *testing.T) {
	rs := func(l string) rdf.Term { return rdf.IRI(rsNS + l) }
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
	tab, ordered, ok := resultSetGraph(qs)
	if !ok || !ordered {
		t.Fatalf("resultSetGraph: ok=%v ordered=%v", ok, ordered)
	}
	if len(tab.Vars) != 2 || len(tab.Rows) != 2 || cell(tab, 0, "y") != rdf.Literal("first") || cell(tab, 1, "x") != rdf.Literal("second") || !cell(tab, 0, "x").IsZero() {
		t.Errorf("decoded %+v", tab)
	}
	if _, _, ok := resultSetGraph([]rdf.Quad{rdf.Triple(set, rs("solution"), s1)}); ok {
		t.Error("a graph without rs:ResultSet decoded as a result set")
	}
}
