package conformance

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/eval"
	"github.com/stadleuven/maturity/sparql/results"
)

// The tests in this file check the harness itself: a comparison that
// cannot fail would make every count above meaningless.

func TestJudgeAndSameAnswer(t *testing.T) {
	a, b := rdf.IRI("http://ex/a"), rdf.IRI("http://ex/b")
	p := rdf.IRI("http://ex/p")
	one := rdf.TypedLiteral("1", rdf.XSDInteger)
	oneAgain := rdf.TypedLiteral("01", rdf.XSDInteger)
	yes, no := true, false
	tab := func(rows ...[]rdf.Term) *results.Table { return &results.Table{Vars: []string{"s", "o"}, Rows: rows} }
	sel := mustParse(t, "SELECT ?s ?o { ?s ?p ?o }")
	ordered := mustParse(t, "SELECT ?s ?o { ?s ?p ?o } ORDER BY ?s")
	ask := mustParse(t, "ASK { ?s ?p ?o }")
	construct := mustParse(t, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
	tests := []struct {
		name string
		q    *sparql.Query
		exp  *expected
		act  answer
		want outcome
	}{
		{"rows in another order", sel, &expected{table: tab([]rdf.Term{a, one}, []rdf.Term{b, one})}, answer{table: tab([]rdf.Term{b, one}, []rdf.Term{a, one})}, pass},
		{"order counts under ORDER BY", ordered, &expected{table: tab([]rdf.Term{a, one}, []rdf.Term{b, one})}, answer{table: tab([]rdf.Term{b, one}, []rdf.Term{a, one})}, fail},
		{"a missing row", sel, &expected{table: tab([]rdf.Term{a, one}, []rdf.Term{b, one})}, answer{table: tab([]rdf.Term{a, one})}, fail},
		{"a duplicate counts", sel, &expected{table: tab([]rdf.Term{a, one})}, answer{table: tab([]rdf.Term{a, one}, []rdf.Term{a, one})}, fail},
		{"an unbound cell", sel, &expected{table: tab([]rdf.Term{a, one})}, answer{table: tab([]rdf.Term{a, {}})}, fail},
		{"numbers equal by value only", sel, &expected{table: tab([]rdf.Term{a, one})}, answer{table: tab([]rdf.Term{a, oneAgain})}, passByValue},
		{"blank nodes relabelled", sel, &expected{table: tab([]rdf.Term{rdf.Blank("x"), one})}, answer{table: tab([]rdf.Term{rdf.Blank("y"), one})}, pass},
		{"two blank nodes are not one", sel, &expected{table: tab([]rdf.Term{rdf.Blank("x"), one}, []rdf.Term{rdf.Blank("y"), one})}, answer{table: tab([]rdf.Term{rdf.Blank("z"), one}, []rdf.Term{rdf.Blank("z"), one})}, fail},
		{"booleans equal", ask, &expected{table: &results.Table{Boolean: &yes}}, answer{table: &results.Table{Boolean: &yes}}, pass},
		{"booleans differ", ask, &expected{table: &results.Table{Boolean: &yes}}, answer{table: &results.Table{Boolean: &no}}, fail},
		{"graphs isomorphic", construct, &expected{graph: []rdf.Quad{rdf.Triple(rdf.Blank("x"), p, one)}}, answer{graph: []rdf.Quad{rdf.Triple(rdf.Blank("q"), p, one)}}, pass},
		{"graphs differ", construct, &expected{graph: []rdf.Quad{rdf.Triple(a, p, one)}}, answer{graph: []rdf.Quad{rdf.Triple(b, p, one)}}, fail},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, detail := judge(tc.exp, tc.act, tc.q); got != tc.want {
				t.Errorf("judge = %v, want %v (%s)", got, tc.want, detail)
			}
			// sameAnswer compares two answers strictly: it agrees with
			// judge exactly when judge finds them equal term for term.
			exp := answer{table: tc.exp.table, graph: tc.exp.graph}
			if got := sameAnswer(exp, tc.act, tc.q); got != (tc.want == pass) {
				t.Errorf("sameAnswer = %v, want %v", got, tc.want == pass)
			}
		})
	}
}

func mustParse(t *testing.T, text string) *sparql.Query {
	t.Helper()
	q, err := sparql.Parse(text, sparql.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// lossy is a Dataset that hides every quad whose object id is a multiple
// of three: a stand-in for a store that loses quads.
type lossy struct{ eval.Dataset }

func (l lossy) Match(ctx context.Context, pattern [4]uint64, yield func([4]uint64) bool) error {
	return l.Dataset.Match(ctx, pattern, func(q [4]uint64) bool {
		return q[2]%3 == 0 || yield(q)
	})
}

// Ensure the store-versus-memory comparison notices a dataset that loses
// quads: over real W3C tests, a lossy dataset must answer differently.
func TestComparisonNoticesLostQuads(t *testing.T) {
	root := testtool.Shared(t, "conformance")
	tests, err := readQueryManifest("sparql11", filepath.Join(root, "sparql11", "aggregates", "manifest.ttl"))
	if err != nil {
		t.Fatal(err)
	}
	ran, differ := 0, 0
	for _, tc := range tests {
		if tc.kind != "QueryEvaluationTest" {
			continue
		}
		_, q, _, err := prepare(tc)
		if err != nil {
			t.Fatal(err)
		}
		quads, err := loadMemory(tc, q.Algebra())
		if err != nil {
			t.Fatal(err)
		}
		good, err := execute(eval.NewMemory(quads), q, sparql.OwnDefaultGraph)
		if err != nil {
			continue
		}
		bad, err := execute(lossy{eval.NewMemory(quads)}, q, sparql.OwnDefaultGraph)
		ran++
		if err != nil || !sameAnswer(good, bad, q) {
			differ++
		}
	}
	t.Logf("lossy dataset: %d of %d aggregate tests answer differently", differ, ran)
	if ran < 20 || differ < ran/2 {
		t.Errorf("only %d of %d tests noticed a third of the quads missing", differ, ran)
	}
}

func TestRDFXMLCannotHold(t *testing.T) {
	s, o := rdf.IRI("http://ex/s"), rdf.IRI("http://ex/o")
	tests := []struct {
		name string
		q    rdf.Quad
		why  bool
	}{
		{"ordinary predicate", rdf.Triple(s, rdf.IRI("http://ex/p"), o), false},
		{"predicate ending in a digit after a name", rdf.Triple(s, rdf.IRI("http://ex/p1"), o), false},
		{"predicate ending in a slash", rdf.Triple(s, rdf.IRI("http://ex/p/"), o), true},
		{"predicate ending in digits only", rdf.Triple(s, rdf.IRI("http://ex/123"), o), true},
		{"non-ASCII name", rdf.Triple(s, rdf.IRI("http://ex/één"), o), false},
		{"rdf:li", rdf.Triple(s, rdf.IRI(rdf.RDFNS+"li"), o), true},
		{"rdf:_1", rdf.Triple(s, rdf.IRI(rdf.RDFNS+"_1"), o), false},
		{"control character in a literal", rdf.Triple(s, rdf.IRI("http://ex/p"), rdf.Literal("a\x01b")), true},
		{"tab and newline in a literal", rdf.Triple(s, rdf.IRI("http://ex/p"), rdf.Literal("a\tb\nc")), false},
	}
	for _, tc := range tests {
		if got := rdfxmlCannotHold([]rdf.Quad{tc.q}); (got != "") != tc.why {
			t.Errorf("%s: rdfxmlCannotHold = %q, want a reason: %v", tc.name, got, tc.why)
		}
	}
}
