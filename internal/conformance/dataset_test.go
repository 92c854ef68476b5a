package conformance

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/internal/w3c"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/store"
)

// matchSamples is how many quads per dataset serve as patterns; each gives
// all sixteen combinations of bound components.
const matchSamples = 24

// TestDatasetContract holds the store's Snapshot to dataset.Memory, the
// reference Dataset, below the level of queries: over every distinct
// dataset of the SPARQL suites, every term must look up and decode to
// itself, the named graphs must agree, and for sampled quads every one of
// the sixteen patterns of bound components (which the store answers from
// four indexes, four of the patterns by filtering a range) must match the
// same quads. One store serves all datasets, emptied in between, so that
// terms of earlier datasets linger in its dictionary as they do in
// production.
func TestDatasetContract(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	datasets, patterns := 0, 0
	eachDataset(t, func(t *testing.T, files []w3c.DataFile) {
		quads, err := w3c.LoadQuads(files)
		if err != nil {
			t.Fatal(err)
		}
		if err := clearStore(ctx, st); err != nil {
			t.Fatal(err)
		}
		// The quads go in through Import as parsed here, so that both
		// datasets hold the very same blank nodes.
		if _, err := st.Import(ctx, func(emit func(rdf.Quad) error) error {
			for _, q := range quads {
				if err := emit(q); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if err := st.Check(ctx); err != nil {
			t.Fatal(err)
		}
		snap, err := st.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		defer snap.Close()
		datasets++
		patterns += checkContract(t, ctx, snap, dataset.NewMemory(quads), quads)
	})
	t.Logf("dataset contract: %d datasets, %d patterns matched alike over the store and dataset.Memory", datasets, patterns)
	if datasets < 170 {
		t.Errorf("only %d datasets checked", datasets)
	}
}

// eachDataset runs f, as a subtest named after the first test using it,
// once for every distinct dataset of the SPARQL evaluation tests: the
// queries' FROM files included, tests without data or whose query does
// not parse left out.
func eachDataset(t *testing.T, f func(t *testing.T, files []w3c.DataFile)) {
	t.Helper()
	root := testtool.Testdata(t)
	seen := map[string]bool{}
	for _, s := range w3c.QuerySuites() {
		tests, err := s.Read(root)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range tests {
			if !tc.IsEvaluation() {
				continue
			}
			_, q, _, err := w3c.Prepare(tc)
			if err != nil {
				continue
			}
			files, err := w3c.DataFiles(tc, q.Algebra())
			if err != nil || len(files) == 0 || seen[w3c.DatasetKey(files)] {
				continue
			}
			seen[w3c.DatasetKey(files)] = true
			t.Run(tc.Key(), func(t *testing.T) { f(t, files) })
		}
	}
}

// checkContract compares snap with the reference mem, both holding quads,
// and returns how many patterns it compared.
func checkContract(t *testing.T, ctx context.Context, snap *store.Snapshot, mem dataset.Dataset, quads []rdf.Quad) int {
	t.Helper()
	// Every term looks up, and its id decodes to the term itself.
	terms := map[rdf.Term]bool{{}: true}
	for _, q := range quads {
		terms[q.S], terms[q.P], terms[q.O], terms[q.G] = true, true, true, true
	}
	for term := range terms {
		id, ok, err := snap.Lookup(term)
		if err != nil || !ok || id == 0 {
			t.Fatalf("Lookup(%v) = %d, %v, %v", term, id, ok, err)
		}
		back, err := snap.Term(id)
		if err != nil || back != term {
			t.Fatalf("Term(Lookup(%v)) = %v, %v", term, back, err)
		}
	}
	if _, ok, err := snap.Lookup(rdf.IRI("urn:x-conformance:never-stored")); ok || err != nil {
		t.Errorf("Lookup of a term never stored = %v, %v", ok, err)
	}
	// The named graphs agree.
	graphsOf := func(ds dataset.Dataset) []string {
		var out []string
		err := ds.Graphs(ctx, func(g uint64) bool {
			term, err := ds.Term(g)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, term.String())
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(out)
		return out
	}
	if s, m := graphsOf(snap), graphsOf(mem); !slices.Equal(s, m) {
		t.Errorf("Graphs: store %v, dataset.Memory %v", s, m)
	}
	// Sampled quads, every combination of bound components.
	uniq := distinctQuads(quads)
	step := max(1, len(uniq)/matchSamples)
	n := 0
	for i := 0; i < len(uniq); i += step {
		q := uniq[i]
		full := [4]rdf.Term{q.S, q.P, q.O, q.G}
		for mask := range 16 {
			var pat [4]rdf.Term
			var bound [4]bool
			for c := range 4 {
				if mask&(1<<c) != 0 {
					pat[c], bound[c] = full[c], true
				}
			}
			s, serr := matchTerms(ctx, snap, pat, bound)
			m, merr := matchTerms(ctx, mem, pat, bound)
			if serr != nil || merr != nil {
				t.Fatalf("pattern %v: store error %v, dataset.Memory error %v", pat, serr, merr)
			}
			n++
			if !slices.Equal(s, m) {
				t.Errorf("pattern %s matches %d quads in the store, %d in dataset.Memory\nstore:\n%v\nmemory:\n%v", patternString(pat, bound), len(s), len(m), s, m)
				continue
			}
			if !bound[3] {
				for name, ds := range map[string]dataset.Dataset{"store": snap, "dataset.Memory": mem} {
					if err := triplesTogether(ctx, ds, idsOf(t, ds, pat, bound)); err != nil {
						t.Errorf("pattern %s in %s: %v", patternString(pat, bound), name, err)
					}
				}
			}
			est, err := snap.Estimate(idsOf(t, snap, pat, bound))
			if err != nil {
				t.Fatal(err)
			}
			if est == 0 && len(s) > 0 {
				t.Errorf("Estimate(%s) = 0, but %d quads match", patternString(pat, bound), len(s))
			}
		}
	}
	return n
}

// triplesTogether checks what dataset.Dataset promises for a pattern without
// a graph: the quads of one triple come one after another (the union
// default graph drops the repeats by comparing neighbours).
func triplesTogether(ctx context.Context, ds dataset.Dataset, pat [4]uint64) error {
	done := map[[3]uint64]bool{}
	var last [3]uint64
	var bad error
	err := ds.Match(ctx, pat, func(q [4]uint64) bool {
		t := [3]uint64{q[0], q[1], q[2]}
		if t == last {
			return true
		}
		if done[t] {
			bad = fmt.Errorf("triple %v comes again after other triples", t)
			return false
		}
		done[last], last = true, t
		return true
	})
	if err != nil {
		return err
	}
	return bad
}

// matchTerms runs Match with the pattern's terms turned into ds's ids and
// returns the matching quads printed and sorted. A bound zero graph term
// is the default graph.
func matchTerms(ctx context.Context, ds dataset.Dataset, pat [4]rdf.Term, bound [4]bool) ([]string, error) {
	var ids [4]uint64
	for c := range 4 {
		if !bound[c] {
			continue
		}
		id, ok, err := ds.Lookup(pat[c])
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("term %v unknown", pat[c])
		}
		ids[c] = id
	}
	var out []string
	var terr error
	err := ds.Match(ctx, ids, func(q [4]uint64) bool {
		var ts [4]rdf.Term
		for c := range 4 {
			if ts[c], terr = ds.Term(q[c]); terr != nil {
				return false
			}
		}
		out = append(out, rdf.Quad{S: ts[0], P: ts[1], O: ts[2], G: ts[3]}.String())
		return true
	})
	if err == nil {
		err = terr
	}
	slices.Sort(out)
	return out, err
}

func idsOf(t *testing.T, ds dataset.Dataset, pat [4]rdf.Term, bound [4]bool) [4]uint64 {
	var ids [4]uint64
	for c := range 4 {
		if bound[c] {
			id, _, err := ds.Lookup(pat[c])
			if err != nil {
				t.Fatal(err)
			}
			ids[c] = id
		}
	}
	return ids
}

func patternString(pat [4]rdf.Term, bound [4]bool) string {
	s := ""
	for c, name := range [4]string{"s", "p", "o", "g"} {
		if c > 0 {
			s += " "
		}
		switch {
		case !bound[c]:
			s += "?" + name
		case pat[c].IsZero():
			s += "DEFAULT"
		default:
			s += pat[c].String()
		}
	}
	return s
}

// distinctQuads returns the distinct quads, in first-seen order.
func distinctQuads(qs []rdf.Quad) []rdf.Quad {
	seen := make(map[rdf.Quad]bool, len(qs))
	var out []rdf.Quad
	for _, q := range qs {
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}
