package assess

import (
	"sort"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// cubeGraph is a set of triples (graphs merged) indexed both ways.
type cubeGraph struct {
	sp   map[rdf.Term]map[string][]rdf.Term // subject → predicate → objects
	po   map[string]map[rdf.Term][]rdf.Term // predicate → object → subjects
	seen map[[3]rdf.Term]bool
}

func newCubeGraph(quads []rdf.Quad) *cubeGraph {
	g := &cubeGraph{sp: map[rdf.Term]map[string][]rdf.Term{}, po: map[string]map[rdf.Term][]rdf.Term{}, seen: map[[3]rdf.Term]bool{}}
	for _, q := range quads {
		g.add(q.S, q.P.Value, q.O)
	}
	return g
}

func (g *cubeGraph) add(s rdf.Term, p string, o rdf.Term) {
	k := [3]rdf.Term{s, rdf.IRI(p), o}
	if g.seen[k] {
		return
	}
	g.seen[k] = true
	if g.sp[s] == nil {
		g.sp[s] = map[string][]rdf.Term{}
	}
	g.sp[s][p] = append(g.sp[s][p], o)
	if g.po[p] == nil {
		g.po[p] = map[rdf.Term][]rdf.Term{}
	}
	g.po[p][o] = append(g.po[p][o], s)
}

func (g *cubeGraph) objs(s rdf.Term, p string) []rdf.Term { return g.sp[s][p] }

func (g *cubeGraph) has(s rdf.Term, p string, o rdf.Term) bool {
	return g.seen[[3]rdf.Term{s, rdf.IRI(p), o}]
}

func (g *cubeGraph) isA(s rdf.Term, class string) bool { return g.has(s, rdf.RDFType, rdf.IRI(class)) }

// instances returns the subjects typed class, sorted for stable output.
func (g *cubeGraph) instances(class string) []rdf.Term {
	out := append([]rdf.Term(nil), g.po[rdf.RDFType][rdf.IRI(class)]...)
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// triples calls f for every (s, o) with predicate p.
func (g *cubeGraph) triples(p string, f func(s, o rdf.Term)) {
	for o, ss := range g.po[p] {
		for _, s := range ss {
			f(s, o)
		}
	}
}

// normalise applies the closure and flattening rules of the Data Cube
// specification (section 10) until nothing changes.
func (g *cubeGraph) normalise() {
	for {
		before := len(g.seen)
		typ := func(s rdf.Term, class string) { g.add(s, rdf.RDFType, rdf.IRI(class)) }
		g.triples(pObservation, func(_, o rdf.Term) { typ(o, qbObservation) })
		g.triples(pDataSet, func(s, o rdf.Term) { typ(s, qbObservation); typ(o, qbDataSet) })
		g.triples(pSlice, func(_, o rdf.Term) { typ(o, qbSlice) })
		g.triples(pSliceStruct, func(_, o rdf.Term) { typ(o, qbSliceKey) })
		for p, class := range map[string]string{vocab.QB + "dimension": qbDimProp, vocab.QB + "measure": qbMeasProp, vocab.QB + "attribute": qbAttrProp} {
			g.triples(p, func(cs, prop rdf.Term) { g.add(cs, pCompProp, prop); typ(prop, class) })
		}
		// Flattening: data set and slice attachments, and dimension values
		// given on slices, move down to the observations.
		for _, ds := range g.instances(qbDataSet) {
			for _, dsd := range g.objs(ds, pStructure) {
				for _, spec := range g.objs(dsd, pComponent) {
					for _, comp := range g.objs(spec, pCompProp) {
						dsAttach := g.has(spec, pCompAttach, rdf.IRI(qbDataSet))
						sliceAttach := g.has(spec, pCompAttach, rdf.IRI(qbSlice)) || g.isA(comp, qbDimProp)
						if dsAttach {
							for _, v := range g.objs(ds, comp.Value) {
								for _, obs := range g.po[pDataSet][ds] {
									g.add(obs, comp.Value, v)
								}
							}
						}
						if sliceAttach {
							for _, sl := range g.objs(ds, pSlice) {
								for _, v := range g.objs(sl, comp.Value) {
									for _, obs := range g.objs(sl, pObservation) {
										g.add(obs, comp.Value, v)
									}
								}
							}
						}
					}
				}
			}
		}
		if len(g.seen) == before {
			return
		}
	}
}

// NormaliseCube returns quads plus the triples the Data Cube normalisation
// algorithm adds (in the default graph), so that the normative SPARQL
// integrity queries can run on data that uses the abbreviated forms.
func NormaliseCube(quads []rdf.Quad) []rdf.Quad {
	g := newCubeGraph(quads)
	before := make(map[[3]rdf.Term]bool, len(g.seen))
	for k := range g.seen {
		before[k] = true
	}
	g.normalise()
	out := append([]rdf.Quad(nil), quads...)
	for k := range g.seen {
		if !before[k] {
			out = append(out, rdf.Quad{S: k[0], P: k[1], O: k[2]})
		}
	}
	return out
}
