package rdfio

import (
	"cmp"
	"slices"

	"github.com/stadleuven/maturity/rdf"
)

// writeMaxNesting bounds how deep the writers nest blank nodes, so that a
// long chain (a long rdf:List, say) does not indent its output quadratically.
const writeMaxNesting = 16

// writeInitialQuads is the capacity buffering writers start with: a
// resource page has a few dozen triples.
const writeInitialQuads = 64

// writeGraph is a set of triples laid out for the Turtle and RDF/XML
// writers: sorted (so output is deterministic), without duplicates, grouped
// by subject, with the blank nodes that can be written nested at their one
// reference instead of by label.
type writeGraph struct {
	triples []rdf.Quad     // sorted by subject, predicate (rdf:type first), object; G is zero
	groups  []writeGroup   // one per subject, in triple order
	blanks  map[string]int // blank subject label -> index in groups
	refs    map[string]int // blank label -> number of triples with it as object
	inline  map[string]bool
	// lists maps the head of each well-formed rdf:List written as a Turtle
	// collection to its items; listNodes to the labels of all its nodes.
	lists     map[string][]rdf.Term
	listNodes map[string][]string
	listHead  map[string]string // node after the head -> head of its list
}

type writeGroup struct {
	s          rdf.Term
	start, end int // triples[start:end] have subject s
}

// newWriteGraph takes ownership of qs. It drops graph names. With lists,
// well-formed lists are found so that Turtle can write them as ( ... ).
func newWriteGraph(qs []rdf.Quad, lists bool) *writeGraph {
	for i := range qs {
		qs[i].G = rdf.Term{}
	}
	qs = writeSortQuads(qs, writeCompareTriple)
	g := &writeGraph{triples: qs, blanks: map[string]int{}, refs: map[string]int{}, inline: map[string]bool{}}
	for i, q := range qs {
		if i == 0 || q.S != qs[i-1].S {
			if q.S.IsBlank() {
				g.blanks[q.S.Value] = len(g.groups)
			}
			g.groups = append(g.groups, writeGroup{s: q.S, start: i})
		}
		g.groups[len(g.groups)-1].end = i + 1
		if q.O.IsBlank() {
			g.refs[q.O.Value]++
		}
	}
	g.lists, g.listNodes, g.listHead = map[string][]rdf.Term{}, map[string][]string{}, map[string]string{}
	if lists {
		g.findLists()
	}
	g.planInline()
	return g
}

// findLists finds the lists whose every node is a blank node referenced
// once, with exactly one rdf:first, one rdf:rest and nothing else, ending
// in rdf:nil: exactly what a Turtle collection reads back as.
func (g *writeGraph) findLists() {
	shape := func(label string) (first, rest rdf.Term, ok bool) {
		ts := g.group(label)
		if g.refs[label] != 1 || len(ts) != 2 || ts[0].P.Value != rdf.RDFFirst || ts[1].P.Value != rdf.RDFRest {
			return first, rest, false
		}
		return ts[0].O, ts[1].O, true
	}
	notHead := map[string]bool{}
	for label := range g.blanks {
		if _, rest, ok := shape(label); ok && rest.IsBlank() {
			notHead[rest.Value] = true
		}
	}
	for label := range g.blanks {
		first, rest, ok := shape(label)
		if !ok || notHead[label] {
			continue
		}
		items, nodes := []rdf.Term{first}, []string{label}
		seen := map[string]bool{label: true}
		for rest.IsBlank() && !seen[rest.Value] {
			f, r, ok := shape(rest.Value)
			if !ok {
				break
			}
			seen[rest.Value] = true
			items, nodes = append(items, f), append(nodes, rest.Value)
			rest = r
		}
		if rest.IsIRI() && rest.Value == rdf.RDFNil {
			g.lists[label], g.listNodes[label] = items, nodes
			for _, n := range nodes[1:] {
				g.listHead[n] = label
			}
		}
	}
}

// planInline chooses the blank nodes referenced exactly once to be nested.
// Nodes reachable only through a cycle of such nodes would never be
// written, so the first of each such cycle keeps its label instead.
func (g *writeGraph) planInline() {
	for label, n := range g.refs {
		if n == 1 {
			g.inline[label] = true
		}
	}
	reached := map[string]bool{}
	var reach func(gi, depth int)
	var reachTerm func(o rdf.Term, depth int)
	reachTerm = func(o rdf.Term, depth int) {
		if !o.IsBlank() || !g.inline[o.Value] || reached[o.Value] {
			return
		}
		if depth >= writeMaxNesting {
			g.inline[o.Value] = false // written by label, as a root below
			return
		}
		reached[o.Value] = true
		if items, ok := g.lists[o.Value]; ok {
			// A collection is one level, however long.
			for _, n := range g.listNodes[o.Value] {
				reached[n] = true
			}
			for _, it := range items {
				reachTerm(it, depth+1)
			}
			return
		}
		if sub, ok := g.blanks[o.Value]; ok {
			reach(sub, depth+1)
		}
	}
	reach = func(gi, depth int) {
		gr := g.groups[gi]
		for _, q := range g.triples[gr.start:gr.end] {
			reachTerm(q.O, depth)
		}
	}
	visited := make([]bool, len(g.groups))
	for {
		progress := false
		for i, gr := range g.groups {
			if !visited[i] && (!gr.s.IsBlank() || !g.inline[gr.s.Value]) {
				visited[i], progress = true, true
				reach(i, 0)
			}
		}
		if progress {
			continue // reach may have demoted nodes (depth) into new roots
		}
		for _, gr := range g.groups {
			if gr.s.IsBlank() && g.inline[gr.s.Value] && !reached[gr.s.Value] {
				g.inline[gr.s.Value] = false
				// A list with a node written apart is no collection.
				delete(g.lists, g.listHead[gr.s.Value])
				progress = true
				break
			}
		}
		if !progress {
			break
		}
	}
	// Every nested node must have been reached from a root, or it would
	// never be written.
	for label, in := range g.inline {
		if in && !reached[label] {
			g.inline[label] = false
		}
	}
}

// isInline reports whether t is a blank node written nested where it is used.
func (g *writeGraph) isInline(t rdf.Term) bool { return t.IsBlank() && g.inline[t.Value] }

// group returns the triples of blank node label (nil if it has none).
func (g *writeGraph) group(label string) []rdf.Quad {
	gi, ok := g.blanks[label]
	if !ok {
		return nil
	}
	gr := g.groups[gi]
	return g.triples[gr.start:gr.end]
}

// writeSortQuads returns qs sorted by cmp and without duplicates. It sorts
// indices: a Quad is over 200 bytes, too big to move around and to pass to
// the comparison by value.
func writeSortQuads(qs []rdf.Quad, cmp func(a, b *rdf.Quad) int) []rdf.Quad {
	idx := make([]int32, len(qs))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int { return cmp(&qs[a], &qs[b]) })
	out := make([]rdf.Quad, 0, len(qs))
	for i, k := range idx {
		if i == 0 || qs[k] != qs[idx[i-1]] {
			out = append(out, qs[k])
		}
	}
	return out
}

func writeCompareTriple(a, b *rdf.Quad) int {
	if c := writeCompareTerm(&a.S, &b.S); c != 0 {
		return c
	}
	if c := writeComparePredicate(&a.P, &b.P); c != 0 {
		return c
	}
	return writeCompareTerm(&a.O, &b.O)
}

// writeComparePredicate puts rdf:type first, as readers expect to see it.
func writeComparePredicate(a, b *rdf.Term) int {
	at, bt := a.Value == rdf.RDFType, b.Value == rdf.RDFType
	switch {
	case at && bt:
		return 0
	case at:
		return -1
	case bt:
		return 1
	}
	return writeCompareTerm(a, b)
}

// writeCompareTerm orders IRIs before blank nodes before literals.
func writeCompareTerm(a, b *rdf.Term) int {
	if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Value, b.Value); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Datatype, b.Datatype); c != 0 {
		return c
	}
	return cmp.Compare(a.Lang, b.Lang)
}
