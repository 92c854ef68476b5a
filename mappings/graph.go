package mappings

import (
	"sort"

	"github.com/stadleuven/maturity/rdf"
)

// graph is the mapping document held as subject → predicate → objects,
// which is all the reader needs; it is small, so maps beat a store.
type graph struct {
	spo map[rdf.Term]map[rdf.Term][]rdf.Term
}

func newGraph() *graph { return &graph{spo: map[rdf.Term]map[rdf.Term][]rdf.Term{}} }

func (g *graph) add(s, p, o rdf.Term) {
	po := g.spo[s]
	if po == nil {
		po = map[rdf.Term][]rdf.Term{}
		g.spo[s] = po
	}
	for _, x := range po[p] {
		if x == o {
			return
		}
	}
	po[p] = append(po[p], o)
}

// objects returns the objects of (s, p) in a stable order.
func (g *graph) objects(s, p rdf.Term) []rdf.Term {
	os := append([]rdf.Term(nil), g.spo[s][p]...)
	sort.Slice(os, func(i, j int) bool { return os[i].String() < os[j].String() })
	return os
}

func (g *graph) one(s, p rdf.Term) (rdf.Term, bool) {
	os := g.objects(s, p)
	if len(os) == 0 {
		return rdf.Term{}, false
	}
	return os[0], true
}

func (g *graph) has(s, p rdf.Term) bool { return len(g.spo[s][p]) > 0 }

func (g *graph) subjects(p, o rdf.Term) []rdf.Term {
	var out []rdf.Term
	for s, po := range g.spo {
		for _, x := range po[p] {
			if x == o {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

func (g *graph) subjectsWith(p rdf.Term) []rdf.Term {
	var out []rdf.Term
	for s, po := range g.spo {
		if len(po[p]) > 0 {
			out = append(out, s)
		}
	}
	return out
}
