package mappings

import (
	"fmt"
	"io"
	"sort"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// Options configures Parse.
type Options struct {
	// Base resolves relative IRIs in the mapping document and is the
	// default base IRI for generated relative IRIs (rml:baseIRI overrides).
	Base string
	// File names the mapping document in error messages.
	File string
}

// Mapping is a parsed RML mapping document: its triples maps, ready to run.
type Mapping struct {
	file string
	maps []*triplesMap
}

// triplesMap is one rml:TriplesMap.
type triplesMap struct {
	name    rdf.Term
	source  logicalSource
	subject *termMap
	classes []rdf.Term
	graphs  []*termMap // graph maps of the subject map
	poms    []predicateObjectMap
	base    string
}

type logicalSource struct {
	path  string
	nulls map[string]bool // values that mean NULL (rml:null)
}

type predicateObjectMap struct {
	predicates []*termMap
	objects    []*termMap
	refs       []refObjectMap
	graphs     []*termMap
}

// refObjectMap is an object map that points to another triples map's
// subjects, joined on equal column values.
type refObjectMap struct {
	parent *triplesMap
	joins  []joinCondition
}

type joinCondition struct{ child, parent string }

// Parse reads an RML mapping document in Turtle.
func Parse(doc io.Reader, opts Options) (*Mapping, error) {
	g := newGraph()
	err := rdfio.Parse(doc, rdfio.Turtle, rdfio.ParseOptions{Base: opts.Base, File: opts.File, BlankPrefix: "m"}, func(q rdf.Quad) error {
		g.add(normalizeTerm(q.S), normalizeTerm(q.P), normalizeTerm(q.O))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("mapping %s: %w", opts.File, err)
	}
	r := reader{g: g, file: opts.File, base: opts.Base, maps: map[rdf.Term]*triplesMap{}}
	return r.read()
}

// reader turns the mapping graph into triples maps, with errors that name
// the file and the triples map.
type reader struct {
	g    *graph
	file string
	base string
	maps map[rdf.Term]*triplesMap
}

func (r *reader) errorf(tm rdf.Term, format string, args ...any) error {
	return fmt.Errorf("mapping %s, triples map %s: %s", r.file, tm, fmt.Sprintf(format, args...))
}

func (r *reader) read() (*Mapping, error) {
	// A triples map is anything typed rml:TriplesMap or having a logical
	// source together with a subject map.
	names := map[rdf.Term]bool{}
	for _, s := range r.g.subjects(rdfType, rmlTriplesMap) {
		names[s] = true
	}
	for _, s := range r.g.subjectsWith(rmlLogicalSource) {
		names[s] = true
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("mapping %s: no rml:TriplesMap found", r.file)
	}
	var sorted []rdf.Term
	for n := range names {
		sorted = append(sorted, n)
		r.maps[n] = &triplesMap{name: n}
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].String() < sorted[j].String() })
	m := &Mapping{file: r.file}
	for _, n := range sorted {
		if err := r.readTriplesMap(r.maps[n]); err != nil {
			return nil, err
		}
		m.maps = append(m.maps, r.maps[n])
	}
	return m, nil
}

func (r *reader) readTriplesMap(tm *triplesMap) error {
	n := tm.name
	tm.base = r.base
	if b, ok := r.g.one(n, rmlBaseIRI); ok {
		tm.base = b.Value
	}
	ls, ok := r.g.one(n, rmlLogicalSource)
	if !ok {
		if r.g.has(n, rmlLogicalTable) {
			return r.errorf(n, "rml:logicalTable (SQL) sources are not supported; use a CSV logical source")
		}
		return r.errorf(n, "no rml:logicalSource")
	}
	src, err := r.readSource(n, ls)
	if err != nil {
		return err
	}
	tm.source = src

	sms := r.g.objects(n, rmlSubjectMap)
	consts := r.g.objects(n, rmlSubject)
	switch {
	case len(sms)+len(consts) == 0:
		return r.errorf(n, "no subject map")
	case len(sms)+len(consts) > 1:
		return r.errorf(n, "more than one subject map")
	}
	if len(consts) == 1 {
		tm.subject = &termMap{kind: constantMap, constant: consts[0], termType: consts[0].Kind}
	} else {
		sm := sms[0]
		if tm.subject, err = r.readTermMap(n, sm, posSubject); err != nil {
			return err
		}
		tm.classes = r.g.objects(sm, rmlClass)
		if tm.graphs, err = r.readGraphMaps(n, sm); err != nil {
			return err
		}
	}
	for _, pomNode := range r.g.objects(n, rmlPredicateObjectMap) {
		pom, err := r.readPOM(n, pomNode)
		if err != nil {
			return err
		}
		tm.poms = append(tm.poms, pom)
	}
	return nil
}

func (r *reader) readSource(tm, ls rdf.Term) (logicalSource, error) {
	var src logicalSource
	if rf, ok := r.g.one(ls, rmlReferenceFormul); ok && rf != rmlCSV {
		return src, r.errorf(tm, "reference formulation %s is not supported (only CSV)", rf)
	}
	if r.g.has(ls, rmlTableName) || r.g.has(ls, rmlSQLQuery) || r.g.has(ls, rmlQuery) {
		return src, r.errorf(tm, "SQL and query sources are not supported; use a CSV file")
	}
	s, ok := r.g.one(ls, rmlSource)
	if !ok {
		return src, r.errorf(tm, "logical source has no rml:source")
	}
	src.nulls = map[string]bool{}
	switch {
	case s.IsLiteral():
		src.path = s.Value
	default:
		p, ok := r.g.one(s, rmlPath)
		if !ok {
			return src, r.errorf(tm, "source %s has no rml:path", s)
		}
		src.path = p.Value
		for _, v := range r.g.objects(s, rmlNull) {
			src.nulls[v.Value] = true
		}
	}
	for _, v := range r.g.objects(ls, rmlNull) {
		src.nulls[v.Value] = true
	}
	return src, nil
}

func (r *reader) readGraphMaps(tm, node rdf.Term) ([]*termMap, error) {
	var out []*termMap
	for _, gm := range r.g.objects(node, rmlGraphMap) {
		m, err := r.readTermMap(tm, gm, posGraph)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	for _, c := range r.g.objects(node, rmlGraph) {
		out = append(out, &termMap{kind: constantMap, constant: c, termType: c.Kind})
	}
	for _, m := range out {
		if m.kind == constantMap && !m.constant.IsIRI() {
			return nil, r.errorf(tm, "graph %s is not an IRI", m.constant)
		}
	}
	return out, nil
}

func (r *reader) readPOM(tm, node rdf.Term) (predicateObjectMap, error) {
	var pom predicateObjectMap
	for _, pm := range r.g.objects(node, rmlPredicateMap) {
		m, err := r.readTermMap(tm, pm, posPredicate)
		if err != nil {
			return pom, err
		}
		pom.predicates = append(pom.predicates, m)
	}
	for _, c := range r.g.objects(node, rmlPredicate) {
		if !c.IsIRI() {
			return pom, r.errorf(tm, "predicate %s is not an IRI", c)
		}
		pom.predicates = append(pom.predicates, &termMap{kind: constantMap, constant: c, termType: rdf.KindIRI})
	}
	for _, om := range r.g.objects(node, rmlObjectMap) {
		if parent, ok := r.g.one(om, rmlParentTriplesMap); ok {
			ref := refObjectMap{parent: r.maps[parent]}
			if ref.parent == nil {
				return pom, r.errorf(tm, "parent triples map %s is not defined", parent)
			}
			for _, jc := range r.g.objects(om, rmlJoinCondition) {
				c, ok1 := r.g.one(jc, rmlChild)
				p, ok2 := r.g.one(jc, rmlParent)
				if !ok1 || !ok2 {
					return pom, r.errorf(tm, "join condition without rml:child and rml:parent")
				}
				ref.joins = append(ref.joins, joinCondition{child: c.Value, parent: p.Value})
			}
			pom.refs = append(pom.refs, ref)
			continue
		}
		m, err := r.readTermMap(tm, om, posObject)
		if err != nil {
			return pom, err
		}
		pom.objects = append(pom.objects, m)
	}
	for _, c := range r.g.objects(node, rmlObject) {
		pom.objects = append(pom.objects, &termMap{kind: constantMap, constant: c, termType: c.Kind})
	}
	if len(pom.predicates) == 0 {
		return pom, r.errorf(tm, "predicate-object map without a predicate")
	}
	if len(pom.objects)+len(pom.refs) == 0 {
		return pom, r.errorf(tm, "predicate-object map without an object")
	}
	var err error
	pom.graphs, err = r.readGraphMaps(tm, node)
	return pom, err
}
