package jsonld

import (
	"slices"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// jsonldCompact writes the compacted JSON-LD document for qs with a flat
// context directly, producing the same document as json-gold's fromRDF
// followed by compaction (TestJSONLDCompactAgreesWithJSONGold checks that),
// at a fraction of the cost. qs must be sorted and free of duplicates. It
// returns errJSONLDGeneral for graphs that need the general algorithms:
// named graphs, lists (fromRDF turns them into @list) and rdf:JSON literals.
//
// ctxJSON is the "@context" value as JSON, indented for its place.
func jsonldCompact(b []byte, c *jsonldFlatContext, ctxJSON []byte, qs []rdf.Quad) ([]byte, error) {
	for _, q := range qs {
		if !q.G.IsZero() || q.P.Value == rdf.RDFFirst || q.P.Value == rdf.RDFRest ||
			q.S.Value == rdf.RDFNil || q.O.Value == rdf.RDFNil || q.O.Datatype == rdf.RDFJSON ||
			q.P.Value == rdf.RDFType && q.O.IsLiteral() {
			return nil, errJSONLDGeneral
		}
	}
	// fromRDF makes one node object per subject, ordered by @id.
	type node struct {
		id         string
		start, end int
	}
	var nodes []node
	for i, q := range qs {
		if i == 0 || q.S != qs[i-1].S {
			nodes = append(nodes, node{id: jsonldID(q.S), start: i})
		}
		nodes[len(nodes)-1].end = i + 1
	}
	slices.SortFunc(nodes, func(a, b node) int { return strings.Compare(a.id, b.id) })

	var nb jsonldNodeBuilder
	b = append(b, "{\n"...)
	var top []jsonldEntry
	if ctxJSON != nil {
		top = append(top, jsonldEntry{key: "@context", raw: ctxJSON})
	}
	switch len(nodes) {
	case 0:
	case 1:
		entries, err := nb.build(c, nodes[0].id, qs[nodes[0].start:nodes[0].end])
		if err != nil {
			return nil, err
		}
		top = append(top, entries...)
	default:
		top = append(top, jsonldEntry{key: "@graph", array: true})
	}
	slices.SortStableFunc(top, func(a, b jsonldEntry) int { return strings.Compare(a.key, b.key) })
	for i, e := range top {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		b = append(b, "  "...)
		b = jsonAppendString(b, e.key)
		b = append(b, ": "...)
		if e.key != "@graph" || len(nodes) < 2 {
			b = e.appendValue(b, 1)
			continue
		}
		b = append(b, "[\n"...)
		for j, n := range nodes {
			entries, err := nb.build(c, n.id, qs[n.start:n.end])
			if err != nil {
				return nil, err
			}
			if j > 0 {
				b = append(b, ",\n"...)
			}
			b = append(b, "    "...)
			b = jsonldAppendObject(b, entries, 2)
		}
		b = append(b, "\n  ]"...)
	}
	b = append(b, "\n}\n"...)
	return b, nil
}

// jsonldID is the @id of a subject as fromRDF writes it.
func jsonldID(t rdf.Term) string {
	if !t.IsBlank() {
		return t.Value
	}
	var sb strings.Builder
	sb.WriteString("_:")
	codec.WriteBlankLabel(&sb, t.Value)
	return sb.String()
}

// jsonldEntry is one member of a JSON object: a string, an object of one or
// two string members, or an array of those; or raw JSON.
type jsonldEntry struct {
	key   string
	vals  []jsonldValue
	array bool
	raw   []byte
}

type jsonldValue struct {
	str    string // a plain string when k1 == ""
	k1, v1 string
	k2, v2 string
}

// jsonldNodeBuilder reuses its buffers across the nodes of one document.
type jsonldNodeBuilder struct {
	entries []jsonldEntry
}

// build compacts the node object of one subject; ts are its triples.
func (nb *jsonldNodeBuilder) build(c *jsonldFlatContext, id string, ts []rdf.Quad) ([]jsonldEntry, error) {
	idc, err := c.compactIRI(id, jsonldKindNone, "", false)
	if err != nil {
		return nil, err
	}
	entries := append(nb.entries[:0], jsonldEntry{key: "@id", vals: []jsonldValue{{str: idc}}})
	for _, t := range ts {
		var key string
		var v jsonldValue
		if t.P.Value == rdf.RDFType {
			key = "@type"
			if v.str, err = c.compactIRI(jsonldID(t.O), jsonldKindNone, "", true); err != nil {
				return nil, err
			}
		} else {
			kind, detail := jsonldKindOf(t.O)
			if key, err = c.compactIRI(t.P.Value, kind, detail, true); err != nil {
				return nil, err
			}
			if v, err = c.compactValue(c.terms[key], t.O, kind, detail); err != nil {
				return nil, err
			}
		}
		i := slices.IndexFunc(entries, func(e jsonldEntry) bool { return e.key == key })
		if i < 0 {
			def := c.terms[key]
			entries = append(entries, jsonldEntry{key: key, array: def != nil && def.set})
			i = len(entries) - 1
		}
		entries[i].vals = append(entries[i].vals, v)
	}
	for i := range entries {
		entries[i].array = entries[i].array || len(entries[i].vals) > 1
	}
	slices.SortFunc(entries, func(a, b jsonldEntry) int { return strings.Compare(a.key, b.key) })
	nb.entries = entries[:0]
	return entries, nil
}

// Value kinds for term selection.
const (
	jsonldKindNone  = iota // no value: @type values and @id
	jsonldKindRef          // {"@id": ...}
	jsonldKindTyped        // {"@value": ..., "@type": detail}
	jsonldKindLang         // {"@value": ..., "@language": detail}
	jsonldKindPlain        // {"@value": ...}
)

func jsonldKindOf(o rdf.Term) (int, string) {
	switch {
	case !o.IsLiteral():
		return jsonldKindRef, ""
	case o.Lang != "":
		return jsonldKindLang, strings.ToLower(o.Lang)
	case o.Datatype != rdf.XSDString && o.Datatype != "":
		return jsonldKindTyped, o.Datatype
	}
	return jsonldKindPlain, ""
}

// compactIRI is JSON-LD's IRI compaction for a flat context: a term chosen
// by term selection (vocab only), else the shortest compact IRI, else the
// IRI itself.
func (c *jsonldFlatContext) compactIRI(iri string, kind int, detail string, vocab bool) (string, error) {
	if vocab {
		if inv := c.inverse[iri]; inv != nil {
			if term := inv.selectTerm(kind, detail); term != "" {
				return term, nil
			}
		}
	}
	best := ""
	for _, p := range c.prefixes {
		// A suffix starting with "//" would read back as an IRI with the
		// prefix as its scheme (json-gold writes it anyway).
		if len(iri) > len(p.iri) && strings.HasPrefix(iri, p.iri) && !strings.HasPrefix(iri[len(p.iri):], "//") {
			curie := p.name + ":" + iri[len(p.iri):]
			if best == "" || jsonldShortestLeast(curie, best) < 0 {
				best = curie
			}
		}
	}
	if best != "" {
		return best, nil
	}
	for _, p := range c.prefixes {
		if strings.HasPrefix(iri, p.name+":") {
			return "", errJSONLDGeneral // JSON-LD's "IRI confused with prefix"
		}
	}
	return iri, nil
}

// slashHazard reports an IRI in qs that json-gold would compact to
// prefix://..., which reads back as a different IRI.
func (c *jsonldFlatContext) slashHazard(qs []rdf.Quad) (string, bool) {
	for _, q := range qs {
		for _, iri := range [...]string{q.S.Value, q.P.Value, q.O.Value, q.O.Datatype, q.G.Value} {
			for _, p := range c.prefixes {
				if strings.HasPrefix(iri, p.iri) && strings.HasPrefix(iri[len(p.iri):], "//") {
					return iri, true
				}
			}
		}
	}
	return "", false
}

// selectTerm is JSON-LD's term selection with the containers (@set before
// none) and preferred values that each kind of value yields.
func (inv *jsonldInverse) selectTerm(kind int, detail string) string {
	for _, sel := range [2]*jsonldSelection{&inv.set, &inv.none} {
		if sel.lang == nil {
			continue
		}
		var m map[string]string
		var first string
		switch kind {
		case jsonldKindNone, jsonldKindRef:
			m, first = sel.typ, "@id"
		case jsonldKindTyped:
			m, first = sel.typ, detail
		case jsonldKindLang:
			m, first = sel.lang, detail
		default:
			m, first = sel.lang, "@null"
		}
		if term, ok := m[first]; ok {
			return term
		}
		if term, ok := m["@none"]; ok {
			return term
		}
	}
	return ""
}

// compactValue is JSON-LD's value compaction under term def (nil when the
// key is a compact or absolute IRI).
func (c *jsonldFlatContext) compactValue(def *jsonldTermDef, o rdf.Term, kind int, detail string) (jsonldValue, error) {
	switch kind {
	case jsonldKindRef:
		id, err := c.compactIRI(jsonldID(o), jsonldKindNone, "", false)
		if def != nil && def.typ == "@id" {
			return jsonldValue{str: id}, err
		}
		return jsonldValue{k1: "@id", v1: id}, err
	case jsonldKindTyped:
		if def != nil && def.typ == detail {
			return jsonldValue{str: o.Value}, nil
		}
		t, err := c.compactIRI(detail, jsonldKindNone, "", true)
		return jsonldValue{k1: "@type", v1: t, k2: "@value", v2: o.Value}, err
	case jsonldKindLang:
		if def != nil && def.hasLang && def.lang == detail {
			return jsonldValue{str: o.Value}, nil
		}
		return jsonldValue{k1: "@language", v1: detail, k2: "@value", v2: o.Value}, nil
	}
	return jsonldValue{str: o.Value}, nil
}

func (e *jsonldEntry) appendValue(b []byte, depth int) []byte {
	if e.raw != nil {
		return append(b, e.raw...)
	}
	if !e.array {
		return e.vals[0].appendTo(b, depth)
	}
	b = append(b, "[\n"...)
	for i, v := range e.vals {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		b = jsonIndent(b, depth+1)
		b = v.appendTo(b, depth+1)
	}
	b = append(b, '\n')
	b = jsonIndent(b, depth)
	return append(b, ']')
}

func (v *jsonldValue) appendTo(b []byte, depth int) []byte {
	if v.k1 == "" {
		return jsonAppendString(b, v.str)
	}
	b = append(b, "{\n"...)
	b = jsonIndent(b, depth+1)
	b = jsonAppendString(b, v.k1)
	b = append(b, ": "...)
	b = jsonAppendString(b, v.v1)
	if v.k2 != "" {
		b = append(b, ",\n"...)
		b = jsonIndent(b, depth+1)
		b = jsonAppendString(b, v.k2)
		b = append(b, ": "...)
		b = jsonAppendString(b, v.v2)
	}
	b = append(b, '\n')
	b = jsonIndent(b, depth)
	return append(b, '}')
}

// jsonldAppendObject writes a node object whose opening brace is at depth.
func jsonldAppendObject(b []byte, entries []jsonldEntry, depth int) []byte {
	b = append(b, "{\n"...)
	for i := range entries {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		b = jsonIndent(b, depth+1)
		b = jsonAppendString(b, entries[i].key)
		b = append(b, ": "...)
		b = entries[i].appendValue(b, depth+1)
	}
	b = append(b, '\n')
	b = jsonIndent(b, depth)
	return append(b, '}')
}
