package rdf

import "testing"

// Ensure that Isomorphic relabels blank nodes and tells different graphs apart.
func TestIsomorphic(t *testing.T) {
	p, q := IRI("http://ex/p"), IRI("http://ex/q")
	lit := Literal("x")
	tests := []struct {
		name string
		a, b []Quad
		want bool
	}{
		{"empty", nil, nil, true},
		{"ground equal", []Quad{Triple(IRI("http://ex/a"), p, lit)}, []Quad{Triple(IRI("http://ex/a"), p, lit)}, true},
		{"ground differ", []Quad{Triple(IRI("http://ex/a"), p, lit)}, []Quad{Triple(IRI("http://ex/b"), p, lit)}, false},
		{"relabel", []Quad{Triple(Blank("a"), p, Blank("b"))}, []Quad{Triple(Blank("x"), p, Blank("y"))}, true},
		{"self loop vs edge", []Quad{Triple(Blank("a"), p, Blank("a"))}, []Quad{Triple(Blank("x"), p, Blank("y"))}, false},
		{"cycle of 3 vs 3", []Quad{Triple(Blank("a"), p, Blank("b")), Triple(Blank("b"), p, Blank("c")), Triple(Blank("c"), p, Blank("a"))},
			[]Quad{Triple(Blank("z"), p, Blank("x")), Triple(Blank("x"), p, Blank("y")), Triple(Blank("y"), p, Blank("z"))}, true},
		{"two 2-cycles vs one 4-cycle", []Quad{Triple(Blank("a"), p, Blank("b")), Triple(Blank("b"), p, Blank("a")), Triple(Blank("c"), p, Blank("d")), Triple(Blank("d"), p, Blank("c"))},
			[]Quad{Triple(Blank("a"), p, Blank("b")), Triple(Blank("b"), p, Blank("c")), Triple(Blank("c"), p, Blank("d")), Triple(Blank("d"), p, Blank("a"))}, false},
		{"symmetric needs backtracking", []Quad{Triple(Blank("a"), p, lit), Triple(Blank("b"), p, lit), Triple(Blank("a"), q, Blank("b"))},
			[]Quad{Triple(Blank("y"), p, lit), Triple(Blank("x"), p, lit), Triple(Blank("y"), q, Blank("x"))}, true},
		{"graph name blank", []Quad{{S: IRI("http://ex/a"), P: p, O: lit, G: Blank("g")}}, []Quad{{S: IRI("http://ex/a"), P: p, O: lit, G: Blank("h")}}, true},
		{"duplicates ignored", []Quad{Triple(Blank("a"), p, lit), Triple(Blank("a"), p, lit)}, []Quad{Triple(Blank("b"), p, lit)}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Isomorphic(tc.a, tc.b); got != tc.want {
				t.Errorf("Isomorphic = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTermString(t *testing.T) {
	tests := []struct {
		t    Term
		want string
	}{
		{IRI("http://ex/a b"), `<http://ex/a\u0020b>`},
		{Blank("b0"), "_:b0"},
		{Literal("a\"b\n"), `"a\"b\n"`},
		{LangLiteral("hallo", "nl"), `"hallo"@nl`},
		{TypedLiteral("1", XSDInteger), `"1"^^<http://www.w3.org/2001/XMLSchema#integer>`},
	}
	for _, tc := range tests {
		if got := tc.t.String(); got != tc.want {
			t.Errorf("%#v.String() = %s, want %s", tc.t, got, tc.want)
		}
	}
}
