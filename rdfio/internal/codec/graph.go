package codec

import (
	"cmp"
	"slices"

	"github.com/stadleuven/maturity/rdf"
)

// MaxNesting bounds how deep the writers nest blank nodes, so that a
// long chain (a long rdf:List, say) does not indent its output quadratically.
const MaxNesting = 16

// InitialQuads is the capacity buffering writers start with: a
// resource page has a few dozen triples.
const InitialQuads = 64

// Graph is a set of triples laid out for the Turtle and RDF/XML
// writers: sorted (so output is deterministic), without duplicates, grouped
// by subject, with the blank nodes that can be written nested at their one
// reference instead of by label.
type Graph struct {
	Triples []rdf.Quad     // sorted by subject, predicate (rdf:type first), object; G is zero
	Groups  []Group        // one per subject, in triple order
	Refs    map[string]int // blank label -> number of triples with it as object
	// Lists maps the head of each well-formed rdf:List written as a Turtle
	// collection to its items.
	Lists map[string][]rdf.Term

	blanks    map[string]int // blank subject label -> index in Groups
	inline    map[string]bool
	listNodes map[string][]string // list head -> the labels of all its nodes
	listHead  map[string]string   // node after the head -> head of its list
}

// Group is the triples of one subject: Triples[Start:End].
type Group struct {
	S          rdf.Term
	Start, End int
}

// NewGraph takes ownership of qs. It drops graph names. With lists,
// well-formed lists are found so that Turtle can write them as ( ... ).
func NewGraph(qs []rdf.Quad, lists bool) *Graph {
	for i := range qs {
		qs[i].G = rdf.Term{}
	}
	qs = SortQuads(qs, CompareTriple)
	g := &Graph{Triples: qs, blanks: map[string]int{}, Refs: map[string]int{}, inline: map[string]bool{}}
	for i, q := range qs {
		if i == 0 || q.S != qs[i-1].S {
			if q.S.IsBlank() {
				g.blanks[q.S.Value] = len(g.Groups)
			}
			g.Groups = append(g.Groups, Group{S: q.S, Start: i})
		}
		g.Groups[len(g.Groups)-1].End = i + 1
		if q.O.IsBlank() {
			g.Refs[q.O.Value]++
		}
	}
	g.Lists, g.listNodes, g.listHead = map[string][]rdf.Term{}, map[string][]string{}, map[string]string{}
	if lists {
		g.findLists()
	}
	g.planInline()
	return g
}

// findLists finds the lists whose every node is a blank node referenced
// once, with exactly one rdf:first, one rdf:rest and nothing else, ending
// in rdf:nil: exactly what a Turtle collection reads back as.
func (g *Graph) findLists() {
	shape := func(label string) (first, rest rdf.Term, ok bool) {
		ts := g.BlankTriples(label)
		if g.Refs[label] != 1 || len(ts) != 2 || ts[0].P.Value != rdf.RDFFirst || ts[1].P.Value != rdf.RDFRest {
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
			g.Lists[label], g.listNodes[label] = items, nodes
			for _, n := range nodes[1:] {
				g.listHead[n] = label
			}
		}
	}
}

// planInline chooses the blank nodes referenced exactly once to be nested.
// Nodes reachable only through a cycle of such nodes would never be
// written, so the first of each such cycle keeps its label instead.
func (g *Graph) planInline() {
	for label, n := range g.Refs {
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
		if depth >= MaxNesting {
			g.inline[o.Value] = false // written by label, as a root below
			return
		}
		reached[o.Value] = true
		if items, ok := g.Lists[o.Value]; ok {
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
		gr := g.Groups[gi]
		for _, q := range g.Triples[gr.Start:gr.End] {
			reachTerm(q.O, depth)
		}
	}
	visited := make([]bool, len(g.Groups))
	for {
		progress := false
		for i, gr := range g.Groups {
			if !visited[i] && (!gr.S.IsBlank() || !g.inline[gr.S.Value]) {
				visited[i], progress = true, true
				reach(i, 0)
			}
		}
		if progress {
			continue // reach may have demoted nodes (depth) into new roots
		}
		for _, gr := range g.Groups {
			if gr.S.IsBlank() && g.inline[gr.S.Value] && !reached[gr.S.Value] {
				g.inline[gr.S.Value] = false
				// A list with a node written apart is no collection.
				delete(g.Lists, g.listHead[gr.S.Value])
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

// NewFlatGraph lays out one group of a streamed document without nesting:
// every blank node keeps its label, since its other mentions may be in
// other groups.
func NewFlatGraph(ts []rdf.Quad) *Graph {
	g := NewGraph(ts, false)
	clear(g.inline)
	return g
}

// IsInline reports whether t is a blank node written nested where it is used.
func (g *Graph) IsInline(t rdf.Term) bool { return t.IsBlank() && g.inline[t.Value] }

// BlankTriples returns the triples of blank node label (nil if it has none).
func (g *Graph) BlankTriples(label string) []rdf.Quad {
	gi, ok := g.blanks[label]
	if !ok {
		return nil
	}
	gr := g.Groups[gi]
	return g.Triples[gr.Start:gr.End]
}

// SortQuads returns qs sorted by cmp and without duplicates. It sorts
// indices: a Quad is over 200 bytes, too big to move around and to pass to
// the comparison by value.
func SortQuads(qs []rdf.Quad, cmp func(a, b *rdf.Quad) int) []rdf.Quad {
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

// CompareTriple orders triples by subject, predicate (rdf:type first) and
// object, the order of every writer's output.
func CompareTriple(a, b *rdf.Quad) int {
	if c := CompareTerm(&a.S, &b.S); c != 0 {
		return c
	}
	if c := comparePredicate(&a.P, &b.P); c != 0 {
		return c
	}
	return CompareTerm(&a.O, &b.O)
}

// comparePredicate puts rdf:type first, as readers expect to see it.
func comparePredicate(a, b *rdf.Term) int {
	at, bt := a.Value == rdf.RDFType, b.Value == rdf.RDFType
	switch {
	case at && bt:
		return 0
	case at:
		return -1
	case bt:
		return 1
	}
	return CompareTerm(a, b)
}

// CompareTerm orders IRIs before blank nodes before literals.
func CompareTerm(a, b *rdf.Term) int {
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
