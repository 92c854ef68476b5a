package w3c

import "github.com/stadleuven/maturity/rdf"

// props indexes a parsed manifest by subject and predicate IRI.
type props map[rdf.Term]map[string][]rdf.Term

func newProps(qs []rdf.Quad) props {
	g := props{}
	for _, q := range qs {
		if g[q.S] == nil {
			g[q.S] = map[string][]rdf.Term{}
		}
		g[q.S][q.P.Value] = append(g[q.S][q.P.Value], q.O)
	}
	return g
}

// one returns the first object of s p, or the zero Term.
func (g props) one(s rdf.Term, p string) rdf.Term {
	if v := g[s][p]; len(v) > 0 {
		return v[0]
	}
	return rdf.Term{}
}

// list walks an RDF collection; the bound stops a cyclic list.
func (g props) list(head rdf.Term) []rdf.Term {
	var out []rdf.Term
	for n := 0; !head.IsZero() && head.Value != rdf.RDFNil && n < 100000; n++ {
		out = append(out, g.one(head, rdf.RDFFirst))
		head = g.one(head, rdf.RDFRest)
	}
	return out
}

// manifest returns the node typed mf:Manifest: <> in most files, [] in
// some, so it is found by type rather than by name.
func (g props) manifest(fallback rdf.Term) rdf.Term {
	for s, p := range g {
		for _, t := range p[rdf.RDFType] {
			if t.Value == MF+"Manifest" {
				return s
			}
		}
	}
	return fallback
}
