package mappings

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
)

type mapKind int

const (
	constantMap mapKind = iota
	referenceMap
	templateMap
)

type position int

const (
	posSubject position = iota
	posPredicate
	posObject
	posGraph
)

// termMap generates one RDF term per row (or none, for NULL values).
type termMap struct {
	kind      mapKind
	constant  rdf.Term
	reference string
	template  []templatePart
	termType  rdf.Kind
	unsafeIRI bool // rml:UnsafeIRI: template values are not percent-encoded
	datatype  string
	lang      string
	langMap   *termMap
	dtMap     *termMap
}

// templatePart is literal text or a column reference.
type templatePart struct {
	text   string
	column bool
}

func (r *reader) readTermMap(tm, node rdf.Term, pos position) (*termMap, error) {
	m := &termMap{}
	c, hasC := r.g.one(node, rmlConstant)
	ref, hasR := r.g.one(node, rmlReference)
	tpl, hasT := r.g.one(node, rmlTemplate)
	n := 0
	for _, b := range []bool{hasC, hasR, hasT} {
		if b {
			n++
		}
	}
	tt, hasTT := r.g.one(node, rmlTermType)
	switch {
	case n > 1:
		return nil, r.errorf(tm, "term map %s has more than one of rml:constant, rml:reference, rml:template", node)
	case n == 0 && !(hasTT && tt == rmlBlankNode):
		return nil, r.errorf(tm, "term map %s has no rml:constant, rml:reference or rml:template", node)
	case hasC:
		m.kind, m.constant = constantMap, c
	case hasR:
		m.kind, m.reference = referenceMap, ref.Value
	case hasT:
		parts, err := parseTemplate(tpl.Value)
		if err != nil {
			return nil, r.errorf(tm, "template %q: %v", tpl.Value, err)
		}
		m.kind, m.template = templateMap, parts
	default:
		m.kind = templateMap // a bare blank node map: a fresh node per row
	}

	// Default term types follow RML: literals for references and for
	// object maps with a datatype or language, IRIs otherwise.
	switch {
	case hasTT:
		switch tt {
		case rmlIRI, rmlURI:
			m.termType = rdf.KindIRI
		case rmlUnsafeIRI:
			m.termType, m.unsafeIRI = rdf.KindIRI, true
		case rmlBlankNode:
			m.termType = rdf.KindBlank
		case rmlLiteral:
			m.termType = rdf.KindLiteral
		default:
			return nil, r.errorf(tm, "unknown term type %s", tt)
		}
	case m.kind == constantMap:
		m.termType = m.constant.Kind
	case pos == posObject && (m.kind == referenceMap || r.g.has(node, rmlDatatype) || r.g.has(node, rmlLanguage) || r.g.has(node, rmlLanguageMap) || r.g.has(node, rmlDatatypeMap)):
		m.termType = rdf.KindLiteral
	default:
		m.termType = rdf.KindIRI
	}
	switch {
	case pos == posSubject && m.termType == rdf.KindLiteral:
		return nil, r.errorf(tm, "a subject cannot be a literal")
	case pos == posPredicate && m.termType != rdf.KindIRI:
		return nil, r.errorf(tm, "a predicate must be an IRI")
	case pos == posGraph && m.termType != rdf.KindIRI:
		return nil, r.errorf(tm, "a graph must be an IRI")
	}
	if dt, ok := r.g.one(node, rmlDatatype); ok {
		m.datatype = dt.Value
	}
	if l, ok := r.g.one(node, rmlLanguage); ok {
		if !validLangTag(l.Value) {
			return nil, r.errorf(tm, "invalid language tag %q", l.Value)
		}
		m.lang = l.Value
	}
	var err error
	if lm, ok := r.g.one(node, rmlLanguageMap); ok {
		if m.langMap, err = r.readTermMap(tm, lm, posObject); err != nil {
			return nil, err
		}
		m.langMap.termType = rdf.KindLiteral
	}
	if dm, ok := r.g.one(node, rmlDatatypeMap); ok {
		if m.dtMap, err = r.readTermMap(tm, dm, posPredicate); err != nil {
			return nil, err
		}
	}
	if (m.datatype != "" || m.dtMap != nil) && (m.lang != "" || m.langMap != nil) {
		return nil, r.errorf(tm, "term map %s has both a datatype and a language", node)
	}
	return m, nil
}

// parseTemplate splits "http://ex/{a}/{b}" into text and column parts;
// backslash escapes a literal brace or backslash.
func parseTemplate(s string) ([]templatePart, error) {
	var parts []templatePart
	var cur strings.Builder
	inCol := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
		case c == '{' && !inCol:
			if cur.Len() > 0 {
				parts = append(parts, templatePart{text: cur.String()})
				cur.Reset()
			}
			inCol = true
		case c == '}' && inCol:
			if cur.Len() == 0 {
				return nil, errors.New("empty reference {}")
			}
			parts = append(parts, templatePart{text: cur.String(), column: true})
			cur.Reset()
			inCol = false
		case c == '{' || c == '}':
			return nil, fmt.Errorf("unbalanced %q at offset %d", c, i)
		default:
			cur.WriteByte(c)
		}
	}
	if inCol {
		return nil, errors.New("unclosed {")
	}
	if cur.Len() > 0 {
		parts = append(parts, templatePart{text: cur.String()})
	}
	return parts, nil
}

// row gives a term map access to one record's values by column name.
type row interface {
	// value returns the value of a column; null is true for NULL values.
	value(column string) (v string, null bool, err error)
	// index numbers the row, for fresh blank nodes.
	index() int
}

// generate makes the term for one row; ok is false when a referenced value
// is NULL, in which case no triple is produced.
func (m *termMap) generate(r row, base string) (t rdf.Term, ok bool, err error) {
	var lex string
	switch m.kind {
	case constantMap:
		return m.constant, true, nil
	case referenceMap:
		v, null, err := r.value(m.reference)
		if err != nil || null {
			return rdf.Term{}, false, err
		}
		lex = v
	case templateMap:
		if len(m.template) == 0 {
			return rdf.Blank(fmt.Sprintf("row%d", r.index())), true, nil
		}
		var b strings.Builder
		for _, p := range m.template {
			if !p.column {
				b.WriteString(p.text)
				continue
			}
			v, null, err := r.value(p.text)
			if err != nil || null {
				return rdf.Term{}, false, err
			}
			if m.termType == rdf.KindIRI && !m.unsafeIRI {
				v = iriSafe(v)
			}
			b.WriteString(v)
		}
		lex = b.String()
	}
	switch m.termType {
	case rdf.KindIRI:
		iri := lex
		if !rdf.IsAbsoluteIRI(iri) {
			if base == "" {
				return rdf.Term{}, false, fmt.Errorf("relative IRI %q and no base IRI", iri)
			}
			iri, err = rdf.ResolveIRI(base, iri)
			if err != nil {
				return rdf.Term{}, false, err
			}
		}
		if err := checkIRI(iri); err != nil {
			return rdf.Term{}, false, err
		}
		return rdf.IRI(iri), true, nil
	case rdf.KindBlank:
		return rdf.Blank("v" + blankLabel(lex)), true, nil
	}
	switch {
	case m.lang != "":
		return rdf.LangLiteral(lex, m.lang), true, nil
	case m.langMap != nil:
		l, ok, err := m.langMap.generate(r, base)
		if err != nil || !ok {
			return rdf.Term{}, false, err
		}
		if !validLangTag(l.Value) {
			return rdf.Term{}, false, fmt.Errorf("invalid language tag %q", l.Value)
		}
		return rdf.LangLiteral(lex, l.Value), true, nil
	case m.datatype != "":
		return rdf.TypedLiteral(lex, m.datatype), true, nil
	case m.dtMap != nil:
		d, ok, err := m.dtMap.generate(r, base)
		if err != nil || !ok {
			return rdf.Term{}, false, err
		}
		return rdf.TypedLiteral(lex, d.Value), true, nil
	}
	return rdf.Literal(lex), true, nil
}

// iriSafe percent-encodes every character that is not iunreserved (RFC
// 3987), as RML requires for template values in IRIs.
func iriSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9',
			r == '-', r == '.', r == '_', r == '~', isUcschar(r):
			b.WriteRune(r)
		default:
			var buf [4]byte
			n := utf8.EncodeRune(buf[:], r)
			for _, c := range buf[:n] {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		}
	}
	return b.String()
}

func isUcschar(r rune) bool {
	return r >= 0xA0 && r <= 0xD7FF || r >= 0xF900 && r <= 0xFDCF || r >= 0xFDF0 && r <= 0xFFEF ||
		r >= 0x10000 && r <= 0xEFFFD && r&0xFFFE != 0xFFFE
}

// checkIRI rejects generated IRIs that no RDF syntax could carry.
func checkIRI(iri string) error {
	if !rdf.IsAbsoluteIRI(iri) {
		return fmt.Errorf("generated IRI %q is not absolute", iri)
	}
	for _, c := range iri {
		if c <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", c) {
			return fmt.Errorf("generated IRI %q contains %q, which an IRI may not", iri, c)
		}
	}
	return nil
}

// blankLabel makes any value a safe blank-node label, injectively.
func blankLabel(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "_%02x", c)
		}
	}
	return b.String()
}

// validLangTag checks BCP 47 syntax as Turtle's LANGTAG does.
func validLangTag(s string) bool {
	parts := strings.Split(s, "-")
	// BCP 47: the primary subtag is a 2–3 letter language, or the
	// singleton x (private use) or i (grandfathered). Four letters are
	// reserved and no 5–8 letter language is registered, so "english" is
	// as wrong as "a".
	if p := strings.ToLower(parts[0]); len(p) > 3 || len(p) == 1 && p != "x" && p != "i" {
		return false
	}
	for i, p := range parts {
		if len(p) == 0 || len(p) > 8 {
			return false
		}
		for _, c := range p {
			alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			digit := c >= '0' && c <= '9'
			if !alpha && !(digit && i > 0) {
				return false
			}
		}
	}
	return true
}
