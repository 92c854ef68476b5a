package eval_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/eval"
)

// runs is a Dataset that hands its matches over a few quads at a time, as
// the store hands over blocks, so that the evaluator's block paths (hash
// tables, batched scans) run too.
type runs struct {
	*dataset.Memory
	size int
}

func (r runs) MatchBlocks(ctx context.Context, p [4]uint64, yield func(qs [][4]uint64) bool) error {
	buf := make([][4]uint64, 0, r.size)
	stopped := false
	err := r.Match(ctx, p, func(q [4]uint64) bool {
		buf = append(buf, q)
		if len(buf) == r.size {
			stopped = !yield(buf)
			buf = buf[:0]
		}
		return !stopped
	})
	if err != nil || stopped || len(buf) == 0 {
		return err
	}
	yield(buf)
	return nil
}

// TestUnionDefaultGraphIsASet: the union default graph is the RDF merge of
// all graphs, so a triple stored in several graphs (the default graph and
// named ones, as a harvested copy beside the original) is one triple to a
// query without GRAPH. Every query shape that scans the default graph —
// a lone pattern, a join by index lookups and by hash table, OPTIONAL and
// EXISTS probes, a path, an aggregate — must count each triple once; with
// GRAPH ?g the copies are distinct again. The wanted counts come from the
// distinct triples, computed here in Go.
func TestUnionDefaultGraphIsASet(t *testing.T) {
	var qs []rdf.Quad
	const people = 2000
	names, ages, knows, students := 0, 0, 0, 0
	copies := 0 // quads, counting every graph
	add := func(s, p, o rdf.Term, i int) {
		// Each triple goes into 1–3 graphs: the default graph or not,
		// and one or two named ones.
		graphs := []rdf.Term{{}, rdf.IRI(fmt.Sprintf("%sg/%d", ex, i%7))}
		if i%3 == 0 {
			graphs = append(graphs, rdf.IRI(ex+"g/copy"))
		}
		if i%5 == 0 {
			graphs = graphs[1:]
		}
		for _, g := range graphs {
			qs = append(qs, rdf.Quad{S: s, P: p, O: o, G: g})
			copies++
		}
	}
	person := func(i int) rdf.Term { return rdf.IRI(fmt.Sprintf("%sp/%d", ex, i)) }
	for i := range people {
		p := person(i)
		add(p, rdf.IRI(ex+"name"), rdf.Literal(fmt.Sprint("n", i)), i)
		names++
		if i%4 != 0 {
			add(p, rdf.IRI(ex+"age"), rdf.TypedLiteral(fmt.Sprint(i%70), rdf.XSDInteger), i+1)
			ages++
		}
		if i%2 == 0 {
			add(p, rdf.IRI(rdf.RDFType), rdf.IRI(ex+"Student"), i+2)
			students++
		}
		add(p, rdf.IRI(ex+"knows"), person((i+1)%people), i+3)
		knows++
	}
	// Who has an age and is a student; who has no age.
	agedStudents, ageless := 0, 0
	for i := range people {
		if i%4 != 0 && i%2 == 0 {
			agedStudents++
		}
		if i%4 == 0 {
			ageless++
		}
	}
	triples := names + ages + knows + students
	tests := []struct {
		name, query string
		want        int
	}{
		{"all triples", `SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }`, triples},
		{"one predicate", `SELECT (COUNT(*) AS ?n) WHERE { ?s :name ?o }`, names},
		{"one subject", `SELECT (COUNT(*) AS ?n) WHERE { <http://example.org/p/6> ?p ?o }`, 4},
		{"one triple", `SELECT (COUNT(*) AS ?n) WHERE { <http://example.org/p/6> :name "n6" }`, 1},
		{"join", `SELECT (COUNT(*) AS ?n) WHERE { ?p :name ?name . ?p :age ?a }`, ages},
		{"join with a type test", `SELECT (COUNT(*) AS ?n) WHERE { ?p :name ?name . ?p :age ?a . ?p a :Student }`, agedStudents},
		{"two hops", `SELECT (COUNT(*) AS ?n) WHERE { ?p :knows ?q . ?q :name ?name }`, knows},
		{"optional", `SELECT (COUNT(*) AS ?n) WHERE { ?p :name ?name . OPTIONAL { ?p :age ?a } }`, names},
		{"optional unbound", `SELECT (COUNT(*) AS ?n) WHERE { ?p :name ?name . OPTIONAL { ?p :age ?a } FILTER(!BOUND(?a)) }`, ageless},
		{"exists", `SELECT (COUNT(*) AS ?n) WHERE { ?p :name ?name . FILTER EXISTS { ?p :age ?any } }`, ages},
		{"minus", `SELECT (COUNT(*) AS ?n) WHERE { ?p :name ?name . MINUS { ?p :age ?any } }`, ageless},
		{"path", `SELECT (COUNT(*) AS ?n) WHERE { ?p :knows/:name ?name }`, knows},
		{"group", `SELECT (SUM(?c) AS ?n) WHERE { { SELECT ?p (COUNT(?o) AS ?c) WHERE { ?p ?q ?o } GROUP BY ?p } }`, triples},
		{"graph copies stay distinct", `SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }`, copies - (names + ages + knows + students - countNoDefault(people))},
	}
	// Stored in any order: the copies of a triple need not arrive together.
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	mem := dataset.NewMemory(qs)
	datasets := []struct {
		name string
		ds   dataset.Dataset
	}{{"memory", mem}, {"runs of 7", runs{mem, 7}}, {"runs of 256", runs{mem, 256}}}
	for _, d := range datasets {
		for _, tc := range tests {
			got := rows(t, d.ds, tc.query, eval.Options{})
			if want := []string{fmt.Sprintf("n=%d", tc.want)}; !slices.Equal(got, want) {
				t.Errorf("%s, %s: %s\n got %v, want %v", d.name, tc.name, tc.query, got, want)
			}
		}
	}
}

// countNoDefault is the number of triples that TestUnionDefaultGraphIsASet
// keeps out of the default graph (every fifth of each kind, by the index
// add was given).
func countNoDefault(people int) int {
	n := 0
	for i := range people {
		if i%5 == 0 {
			n++ // name
		}
		if i%4 != 0 && (i+1)%5 == 0 {
			n++ // age
		}
		if i%2 == 0 && (i+2)%5 == 0 {
			n++ // type
		}
		if (i+3)%5 == 0 {
			n++ // knows
		}
	}
	return n
}
