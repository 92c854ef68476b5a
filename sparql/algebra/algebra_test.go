package algebra

import (
	"reflect"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

func TestPrint(t *testing.T) {
	p := TermNode(rdf.IRI("http://ex/p"))
	bgp := &BGP{Triples: []TriplePattern{{S: VarNode("s"), P: p, O: VarNode("o")}}}
	tests := []struct {
		name string
		in   interface{ String() string }
		want string
	}{
		{"empty bgp", &BGP{}, "(bgp)"},
		{"filter", &Filter{Expr: &Binary{Op: OpEq, Left: Var("o"), Right: &Const{Term: rdf.TypedLiteral("1", rdf.XSDInteger)}}, Pattern: bgp},
			"(filter (= ?o 1) (bgp (triple ?s <http://ex/p> ?o)))"},
		{"string literal stays quoted", &Const{Term: rdf.Literal("1")}, `"1"`},
		{"odd integer lexical", &Const{Term: rdf.TypedLiteral("x", rdf.XSDInteger)}, `"x"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{"leftjoin with expr", &LeftJoin{Left: &BGP{}, Right: bgp, Expr: &Call{Name: "BOUND", Args: []Expr{Var("o")}}},
			"(leftjoin (bgp) (bgp (triple ?s <http://ex/p> ?o)) (bound ?o))"},
		{"function iri", &Call{Name: rdf.XSDInteger, Args: []Expr{Var("x")}}, "(<http://www.w3.org/2001/XMLSchema#integer> ?x)"},
		{"group", &Group{Pattern: bgp, Keys: []Var{"s"}, Aggregates: []AggregateBinding{
			{Var: ".agg0", Aggregate: &Aggregate{Name: AggCount, Distinct: true}},
			{Var: ".agg1", Aggregate: &Aggregate{Name: AggGroupConcat, Expr: Var("o"), Separator: ","}},
		}}, `(group (?s) ((?.agg0 (count distinct)) (?.agg1 (group_concat (separator ",") ?o))) (bgp (triple ?s <http://ex/p> ?o)))`},
		{"table with undef", &Table{Vars: []Var{"a", "b"}, Rows: [][]rdf.Term{{rdf.IRI("http://ex/a"), {}}}},
			"(table (vars ?a ?b) (row [?a <http://ex/a>]))"},
		{"slice without limit", &Slice{Pattern: &BGP{}, Offset: 2, Limit: -1}, "(slice 2 _ (bgp))"},
		{"order", &OrderBy{Pattern: &BGP{}, Conditions: []OrderCondition{{Expr: Var("a")}, {Expr: Var("b"), Desc: true}}}, "(order (?a (desc ?b)) (bgp))"},
		{"negated path", &PathNegated{Forward: []rdf.Term{rdf.IRI("http://ex/a")}, Inverse: []rdf.Term{rdf.IRI("http://ex/b")}},
			"(notoneof <http://ex/a> (inv <http://ex/b>))"},
		{"path", &Path{S: VarNode("s"), Path: &PathOneOrMore{Path: &PathSeq{Left: &PathLink{IRI: rdf.IRI("http://ex/a")}, Right: &PathInverse{Path: &PathLink{IRI: rdf.IRI("http://ex/b")}}}}, O: VarNode("o")},
			"(path ?s (path+ (seq <http://ex/a> (inv <http://ex/b>))) ?o)"},
		{"not in", &In{Arg: Var("x"), List: []Expr{&Const{Term: rdf.TypedLiteral("true", rdf.XSDBoolean)}}, Not: true}, "(notin ?x true)"},
		{"query", &Query{Form: Select, Vars: []Var{"s"}, From: []rdf.Term{rdf.IRI("http://ex/g")}, Pattern: &Project{Pattern: bgp, Vars: []Var{"s"}}},
			"(select (from <http://ex/g>) (?s) (project (?s) (bgp (triple ?s <http://ex/p> ?o))))"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.String(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestVars(t *testing.T) {
	p := TermNode(rdf.IRI("http://ex/p"))
	tests := []struct {
		name string
		in   Pattern
		want []Var
	}{
		{"bgp order and dedup", &BGP{Triples: []TriplePattern{
			{S: VarNode("b"), P: p, O: VarNode("a")}, {S: VarNode("a"), P: VarNode("c"), O: VarNode("b")}}}, []Var{"b", "a", "c"}},
		{"minus keeps left only", &Minus{Left: &Table{Vars: []Var{"x"}}, Right: &Table{Vars: []Var{"y"}}}, []Var{"x"}},
		{"project hides inner", &Project{Vars: []Var{"z"}, Pattern: &Table{Vars: []Var{"x", "z"}}}, []Var{"z"}},
		{"graph var then extend", &Extend{Var: "e", Expr: Var("x"), Pattern: &Graph{Name: VarNode("g"), Pattern: &Table{Vars: []Var{"x"}}}}, []Var{"g", "x", "e"}},
		{"group keys and aggregates", &Group{Keys: []Var{"k"}, Aggregates: []AggregateBinding{{Var: ".agg0"}}, Pattern: &Table{Vars: []Var{"x"}}}, []Var{"k", ".agg0"}},
		{"filter exists does not add", &Filter{Expr: &Exists{Pattern: &Table{Vars: []Var{"y"}}}, Pattern: &Table{Vars: []Var{"x"}}}, []Var{"x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Vars(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHidden(t *testing.T) {
	for v, want := range map[Var]bool{"x": false, "_x": false, "_:b0": true, ".agg0": true} {
		if got := v.Hidden(); got != want {
			t.Errorf("Var(%q).Hidden() = %v, want %v", v, got, want)
		}
	}
}
