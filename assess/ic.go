package assess

import (
	"fmt"
	"sort"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Violation is one broken Data Cube integrity constraint.
type Violation struct {
	IC      string // "IC-1" .. "IC-21"
	Subject string // the resource at fault
	Msg     string
}

func (v Violation) String() string { return v.IC + " " + v.Subject + ": " + v.Msg }

// CheckIntegrity checks the RDF Data Cube well-formedness rules IC-1 to
// IC-21 (W3C Data Cube, section 11) on the union of quads, after the
// standard normalisation (closure of implied types and component
// properties, and flattening of attachments to data sets and slices). It is
// the Go twin of the normative ASK queries, which need a SPARQL engine.
func CheckIntegrity(quads []rdf.Quad) []Violation {
	g := newCubeGraph(quads)
	g.normalise()
	var out []Violation
	for _, check := range []func(*cubeGraph) []Violation{
		ic1, ic2, ic3, ic4, ic5, ic6, ic7, ic8, ic9, ic10, ic11, ic12, ic13,
		ic14, ic15, ic16, ic17, ic18, ic19, ic20, ic21,
	} {
		out = append(out, check(g)...)
	}
	return out
}

const (
	qbObservation  = vocab.QB + "Observation"
	qbDataSet      = vocab.QB + "DataSet"
	qbSlice        = vocab.QB + "Slice"
	qbSliceKey     = vocab.QB + "SliceKey"
	qbDSD          = vocab.QB + "DataStructureDefinition"
	qbDimProp      = vocab.QB + "DimensionProperty"
	qbMeasProp     = vocab.QB + "MeasureProperty"
	qbAttrProp     = vocab.QB + "AttributeProperty"
	qbMeasureType  = vocab.QB + "measureType"
	qbHierarchical = vocab.QB + "HierarchicalCodeList"
	pDataSet       = vocab.QB + "dataSet"
	pObservation   = vocab.QB + "observation"
	pStructure     = vocab.QB + "structure"
	pComponent     = vocab.QB + "component"
	pCompProp      = vocab.QB + "componentProperty"
	pCompRequired  = vocab.QB + "componentRequired"
	pCompAttach    = vocab.QB + "componentAttachment"
	pSlice         = vocab.QB + "slice"
	pSliceKey      = vocab.QB + "sliceKey"
	pSliceStruct   = vocab.QB + "sliceStructure"
	pCodeList      = vocab.QB + "codeList"
	pHierRoot      = vocab.QB + "hierarchyRoot"
	pParentChild   = vocab.QB + "parentChildProperty"
	pRange         = vocab.RDFS + "range"
	skosConcept    = vocab.SKOS + "Concept"
	skosScheme     = vocab.SKOS + "ConceptScheme"
	skosCollection = vocab.SKOS + "Collection"
	pInScheme      = vocab.SKOS + "inScheme"
	pMember        = vocab.SKOS + "member"
	owlInverseOf   = vocab.OWL + "inverseOf"
)

func violation(ic string, s rdf.Term, format string, args ...any) Violation {
	return Violation{IC: ic, Subject: s.String(), Msg: fmt.Sprintf(format, args...)}
}

// components returns the component properties of dsd, with a filter on the
// property's class ("" = all).
func (g *cubeGraph) components(dsd rdf.Term, class string) []rdf.Term {
	var out []rdf.Term
	for _, spec := range g.objs(dsd, pComponent) {
		for _, p := range g.objs(spec, pCompProp) {
			if class == "" || g.isA(p, class) {
				out = append(out, p)
			}
		}
	}
	return out
}

// obsDSDs returns the DSDs of an observation's data sets.
func (g *cubeGraph) obsDSDs(obs rdf.Term) []rdf.Term {
	var out []rdf.Term
	for _, ds := range g.objs(obs, pDataSet) {
		out = append(out, g.objs(ds, pStructure)...)
	}
	return out
}

func ic1(g *cubeGraph) (out []Violation) {
	for _, obs := range g.instances(qbObservation) {
		if n := len(g.objs(obs, pDataSet)); n != 1 {
			out = append(out, violation("IC-1", obs, "observation has %d data sets, want exactly 1", n))
		}
	}
	return out
}

func ic2(g *cubeGraph) (out []Violation) {
	for _, ds := range g.instances(qbDataSet) {
		if n := len(g.objs(ds, pStructure)); n != 1 {
			out = append(out, violation("IC-2", ds, "data set has %d structures, want exactly 1", n))
		}
	}
	return out
}

func ic3(g *cubeGraph) (out []Violation) {
	for _, dsd := range g.instances(qbDSD) {
		if len(g.components(dsd, qbMeasProp)) == 0 {
			out = append(out, violation("IC-3", dsd, "structure has no measure"))
		}
	}
	return out
}

func ic4(g *cubeGraph) (out []Violation) {
	for _, dim := range g.instances(qbDimProp) {
		if len(g.objs(dim, pRange)) == 0 {
			out = append(out, violation("IC-4", dim, "dimension has no rdfs:range"))
		}
	}
	return out
}

func ic5(g *cubeGraph) (out []Violation) {
	for _, dim := range g.instances(qbDimProp) {
		if g.has(dim, pRange, rdf.IRI(skosConcept)) && len(g.objs(dim, pCodeList)) == 0 {
			out = append(out, violation("IC-5", dim, "dimension with range skos:Concept has no qb:codeList"))
		}
	}
	return out
}

func ic6(g *cubeGraph) (out []Violation) {
	g.triples(pComponent, func(_, spec rdf.Term) {
		for _, req := range g.objs(spec, pCompRequired) {
			if req.Value == "false" && req.Datatype == rdf.XSDBoolean {
				for _, p := range g.objs(spec, pCompProp) {
					if !g.isA(p, qbAttrProp) {
						out = append(out, violation("IC-6", p, "only attributes may be optional"))
					}
				}
			}
		}
	})
	return out
}

func ic7(g *cubeGraph) (out []Violation) {
	for _, sk := range g.instances(qbSliceKey) {
		ok := false
		for _, dsd := range g.po[pSliceKey][sk] {
			if g.isA(dsd, qbDSD) {
				ok = true
			}
		}
		if !ok {
			out = append(out, violation("IC-7", sk, "slice key belongs to no structure"))
		}
	}
	return out
}

func ic8(g *cubeGraph) (out []Violation) {
	for _, sk := range g.instances(qbSliceKey) {
		for _, dsd := range g.po[pSliceKey][sk] {
			comps := map[rdf.Term]bool{}
			for _, c := range g.components(dsd, "") {
				comps[c] = true
			}
			for _, p := range g.objs(sk, pCompProp) {
				if !comps[p] {
					out = append(out, violation("IC-8", sk, "slice key component %s is not in the structure", p))
				}
			}
		}
	}
	return out
}

func ic9(g *cubeGraph) (out []Violation) {
	for _, sl := range g.instances(qbSlice) {
		if n := len(g.objs(sl, pSliceStruct)); n != 1 {
			out = append(out, violation("IC-9", sl, "slice has %d slice structures, want exactly 1", n))
		}
	}
	return out
}

func ic10(g *cubeGraph) (out []Violation) {
	g.triples(pSliceStruct, func(sl, key rdf.Term) {
		for _, dim := range g.objs(key, pCompProp) {
			if len(g.objs(sl, dim.Value)) == 0 {
				out = append(out, violation("IC-10", sl, "slice has no value for %s", dim))
			}
		}
	})
	return out
}

func ic11(g *cubeGraph) (out []Violation) {
	g.triples(pDataSet, func(obs, _ rdf.Term) {
		for _, dsd := range g.obsDSDs(obs) {
			for _, dim := range g.components(dsd, qbDimProp) {
				if len(g.objs(obs, dim.Value)) == 0 {
					out = append(out, violation("IC-11", obs, "observation has no value for dimension %s", dim))
				}
			}
		}
	})
	return out
}

func ic12(g *cubeGraph) (out []Violation) {
	for ds, obss := range g.po[pDataSet] {
		seen := map[string]rdf.Term{}
		for _, dsd := range g.objs(ds, pStructure) {
			dims := g.components(dsd, qbDimProp)
			if len(dims) == 0 {
				continue
			}
			sort.Slice(dims, func(i, j int) bool { return dims[i].Value < dims[j].Value })
			for _, obs := range obss {
				var key strings.Builder
				for _, d := range dims {
					vals := g.objs(obs, d.Value)
					var vs []string
					for _, v := range vals {
						vs = append(vs, v.String())
					}
					sort.Strings(vs)
					key.WriteString(strings.Join(vs, ","))
					key.WriteByte('|')
				}
				if other, dup := seen[key.String()]; dup && other != obs {
					out = append(out, violation("IC-12", obs, "same dimension values as %s", other))
				}
				seen[key.String()] = obs
			}
		}
	}
	return out
}

func ic13(g *cubeGraph) (out []Violation) {
	g.triples(pDataSet, func(obs, _ rdf.Term) {
		for _, dsd := range g.obsDSDs(obs) {
			for _, spec := range g.objs(dsd, pComponent) {
				if !g.has(spec, pCompRequired, rdf.TypedLiteral("true", rdf.XSDBoolean)) {
					continue
				}
				for _, attr := range g.objs(spec, pCompProp) {
					if len(g.objs(obs, attr.Value)) == 0 {
						out = append(out, violation("IC-13", obs, "observation lacks required attribute %s", attr))
					}
				}
			}
		}
	})
	return out
}

func (g *cubeGraph) measureTypeCube(dsd rdf.Term) bool {
	for _, c := range g.components(dsd, "") {
		if c.Value == qbMeasureType {
			return true
		}
	}
	return false
}

func ic14(g *cubeGraph) (out []Violation) {
	g.triples(pDataSet, func(obs, _ rdf.Term) {
		for _, dsd := range g.obsDSDs(obs) {
			if g.measureTypeCube(dsd) {
				continue
			}
			for _, m := range g.components(dsd, qbMeasProp) {
				if len(g.objs(obs, m.Value)) == 0 {
					out = append(out, violation("IC-14", obs, "observation has no value for measure %s", m))
				}
			}
		}
	})
	return out
}

func ic15(g *cubeGraph) (out []Violation) {
	g.triples(pDataSet, func(obs, _ rdf.Term) {
		for _, dsd := range g.obsDSDs(obs) {
			if !g.measureTypeCube(dsd) {
				continue
			}
			for _, m := range g.objs(obs, qbMeasureType) {
				if len(g.objs(obs, m.Value)) == 0 {
					out = append(out, violation("IC-15", obs, "observation has no value for its measure type %s", m))
				}
			}
		}
	})
	return out
}

func ic16(g *cubeGraph) (out []Violation) {
	g.triples(pDataSet, func(obs, _ rdf.Term) {
		for _, dsd := range g.obsDSDs(obs) {
			if !g.measureTypeCube(dsd) {
				continue
			}
			for _, mt := range g.objs(obs, qbMeasureType) {
				for _, m := range g.components(dsd, qbMeasProp) {
					if m != mt && len(g.objs(obs, m.Value)) > 0 {
						out = append(out, violation("IC-16", obs, "observation with measure type %s also has %s", mt, m))
					}
				}
			}
		}
	})
	return out
}

func ic17(g *cubeGraph) (out []Violation) {
	for ds, obss := range g.po[pDataSet] {
		for _, dsd := range g.objs(ds, pStructure) {
			if !g.measureTypeCube(dsd) {
				continue
			}
			measures := len(g.components(dsd, qbMeasProp))
			var dims []rdf.Term
			for _, d := range g.components(dsd, qbDimProp) {
				if d.Value != qbMeasureType {
					dims = append(dims, d)
				}
			}
			for _, o1 := range obss {
				if len(g.objs(o1, qbMeasureType)) == 0 {
					continue
				}
				count := 0
				for _, o2 := range obss {
					if len(g.objs(o2, qbMeasureType)) == 0 {
						continue
					}
					same := true
					for _, d := range dims {
						for _, v1 := range g.objs(o1, d.Value) {
							for _, v2 := range g.objs(o2, d.Value) {
								if v1 != v2 {
									same = false
								}
							}
						}
					}
					if same {
						count += len(g.objs(o2, qbMeasureType))
					}
				}
				if count != measures {
					out = append(out, violation("IC-17", o1, "%d observations share its dimension values, want one per measure (%d)", count, measures))
				}
			}
		}
	}
	return out
}

func ic18(g *cubeGraph) (out []Violation) {
	g.triples(pSlice, func(ds, sl rdf.Term) {
		for _, obs := range g.objs(sl, pObservation) {
			if !g.has(obs, pDataSet, ds) {
				out = append(out, violation("IC-18", obs, "observation in slice %s is not in data set %s", sl, ds))
			}
		}
	})
	return out
}

// codedValues calls f for every (observation, dimension, value, code list)
// of a coded dimension in the observation's structure.
func (g *cubeGraph) codedValues(f func(obs, dim, v, list rdf.Term)) {
	g.triples(pDataSet, func(obs, _ rdf.Term) {
		for _, dsd := range g.obsDSDs(obs) {
			for _, dim := range g.components(dsd, qbDimProp) {
				for _, list := range g.objs(dim, pCodeList) {
					for _, v := range g.objs(obs, dim.Value) {
						f(obs, dim, v, list)
					}
				}
			}
		}
	})
}

func ic19(g *cubeGraph) (out []Violation) {
	g.codedValues(func(obs, dim, v, list rdf.Term) {
		if g.isA(list, skosScheme) && !g.has(v, pInScheme, list) {
			out = append(out, violation("IC-19", obs, "value %s of %s is not in code list %s", v, dim, list))
		}
		if g.isA(list, skosCollection) && !g.reachable([]rdf.Term{list}, v, func(n rdf.Term) []rdf.Term { return g.objs(n, pMember) }, false) {
			out = append(out, violation("IC-19", obs, "value %s of %s is not a member of collection %s", v, dim, list))
		}
	})
	return out
}

// reachable reports whether target is reachable from starts by next; with
// zeroHop a start counts itself.
func (g *cubeGraph) reachable(starts []rdf.Term, target rdf.Term, next func(rdf.Term) []rdf.Term, zeroHop bool) bool {
	seen := map[rdf.Term]bool{}
	queue := []rdf.Term{}
	for _, s := range starts {
		if zeroHop {
			queue = append(queue, s)
		} else {
			queue = append(queue, next(s)...)
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if seen[n] {
			continue
		}
		seen[n] = true
		if n == target {
			return true
		}
		queue = append(queue, next(n)...)
	}
	return false
}

// hierarchy checks IC-20 (parent-child property given directly) and IC-21
// (given as the owl:inverseOf a property).
func (g *cubeGraph) hierarchy(ic string, inverse bool) (out []Violation) {
	g.codedValues(func(obs, dim, v, list rdf.Term) {
		if !g.isA(list, qbHierarchical) {
			return
		}
		for _, pcp := range g.objs(list, pParentChild) {
			var next func(rdf.Term) []rdf.Term
			switch inv := g.objs(pcp, owlInverseOf); {
			case !inverse && pcp.IsIRI():
				next = func(n rdf.Term) []rdf.Term { return g.objs(n, pcp.Value) }
			case inverse && len(inv) == 1:
				next = func(n rdf.Term) []rdf.Term { return g.po[inv[0].Value][n] }
			default:
				continue
			}
			if !g.reachable(g.objs(list, pHierRoot), v, next, true) {
				out = append(out, violation(ic, obs, "value %s of %s is not reachable from a root of %s", v, dim, list))
			}
		}
	})
	return out
}

func ic20(g *cubeGraph) []Violation { return g.hierarchy("IC-20", false) }
func ic21(g *cubeGraph) []Violation { return g.hierarchy("IC-21", true) }
