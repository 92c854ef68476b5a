package codec

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
)

// CheckQuad rejects quads no RDF syntax can carry, so that a writer never
// produces output that a reader refuses. Every writer calls it in Write.
func CheckQuad(q rdf.Quad) error {
	switch {
	case q.S.IsIRI(), q.S.IsBlank():
	default:
		return fmt.Errorf("rdfio: subject %s is not an IRI or blank node", termDesc(q.S))
	}
	if !q.P.IsIRI() {
		return fmt.Errorf("rdfio: predicate %s is not an IRI", termDesc(q.P))
	}
	if q.O.IsZero() {
		return fmt.Errorf("rdfio: quad %s %s has no object", q.S, q.P)
	}
	if q.G.IsLiteral() {
		return fmt.Errorf("rdfio: graph name %s is a literal", q.G)
	}
	for _, t := range [...]rdf.Term{q.S, q.P, q.O, q.G} {
		if err := CheckIRI(t); err != nil {
			return err
		}
		if !utf8.ValidString(t.Value) {
			return fmt.Errorf("rdfio: term %q is not valid UTF-8", t.Value)
		}
	}
	if q.O.IsLiteral() && q.O.Datatype == rdf.RDFLangString && q.O.Lang == "" {
		return fmt.Errorf("rdfio: literal %s has datatype rdf:langString but no language tag", q.O)
	}
	if q.O.IsLiteral() && q.O.Lang != "" && !rdf.IsLangTag(q.O.Lang) {
		return fmt.Errorf("rdfio: literal %s has an invalid language tag", q.O)
	}
	return nil
}

// CheckIRI refuses IRIs (and datatype IRIs) that are not absolute or that
// contain a character IRIs cannot have: space, controls, <>"{}|^`\. Such an
// IRI could only be written as an escape that conforming readers reject
// (W3C test turtle-syntax-bad-uri-escape-01), so a dump would not load again.
func CheckIRI(t rdf.Term) error {
	var iri string
	switch {
	case t.IsIRI():
		iri = t.Value
	case t.IsLiteral() && t.Datatype != "":
		iri = t.Datatype
	default:
		return nil
	}
	colon := strings.IndexByte(iri, ':')
	if colon <= 0 || !IsScheme(iri[:colon]) {
		return fmt.Errorf("rdfio: IRI <%s> is not absolute", iri)
	}
	for i := 0; i < len(iri); i++ {
		if c := iri[i]; c < 64 && iriForbiddenLo>>c&1 != 0 || c >= 64 && c < 128 && iriForbiddenHi>>(c-64)&1 != 0 {
			return fmt.Errorf("rdfio: IRI %q contains %q, which IRIs cannot contain", iri, c)
		}
	}
	return nil
}

// Bit sets of the ASCII characters IRIREF forbids: 0x00-0x20 and <>"{}|^`\.
const (
	iriForbiddenLo = 1<<0x21 - 1 | 1<<'"' | 1<<'<' | 1<<'>'
	iriForbiddenHi = 1<<('\\'-64) | 1<<('^'-64) | 1<<('`'-64) | 1<<('{'-64) | 1<<('|'-64) | 1<<('}'-64)
)

// IsScheme reports whether s is a URI scheme: a letter, then letters,
// digits, '+', '-' and '.'.
func IsScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !alpha && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

func termDesc(t rdf.Term) string {
	if t.IsZero() {
		return "(none)"
	}
	return t.String()
}
