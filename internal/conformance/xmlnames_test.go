package conformance

import (
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
)

// This file judges, independently of the RDF/XML writer, which graphs
// RDF/XML cannot carry, so that the round-trip test can tell a refusal by
// design from a writer that gives up on a graph it could have written.

// xmlNameStart reports XML 1.0 (fifth edition) NameStartChar, without ':',
// which namespaces reserve.
func xmlNameStart(r rune) bool {
	switch {
	case r == '_', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		return true
	case r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x2FF,
		r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFF, r >= 0x200C && r <= 0x200D,
		r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD, r >= 0x10000 && r <= 0xEFFFF:
		return true
	}
	return false
}

// xmlNameChar reports XML 1.0 NameChar, without ':'.
func xmlNameChar(r rune) bool {
	return xmlNameStart(r) || r == '-' || r == '.' || r >= '0' && r <= '9' || r == 0xB7 ||
		r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040
}

// xmlChar reports whether XML 1.0 can carry r at all, even escaped.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// splittable reports whether a predicate IRI can be an RDF/XML property
// element: some non-empty tail of it is an NCName and the rest is a
// non-empty namespace. RDF/XML has no other way to write a predicate.
func splittable(iri string) bool {
	for i := range iri {
		if i == 0 {
			continue
		}
		tail := iri[i:]
		r, _ := utf8.DecodeRuneInString(tail)
		if !xmlNameStart(r) {
			continue
		}
		ok := true
		for _, c := range tail {
			if !xmlNameChar(c) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// rdfxmlForbidden lists the rdf: names the RDF/XML grammar does not accept
// as property elements (syntaxTerms, oldTerms, rdf:li and rdf:Description).
var rdfxmlForbidden = map[string]bool{
	"RDF": true, "ID": true, "about": true, "bagID": true, "parseType": true, "resource": true,
	"nodeID": true, "datatype": true, "li": true, "Description": true, "aboutEach": true, "aboutEachPrefix": true,
}

// rdfxmlCannotHold returns why RDF/XML cannot carry the quads, or "".
func rdfxmlCannotHold(qs []rdf.Quad) string {
	for _, q := range qs {
		if !splittable(q.P.Value) {
			return "predicate " + q.P.String() + " does not end in an XML name"
		}
		if local, ok := strings.CutPrefix(q.P.Value, rdf.RDFNS); ok && rdfxmlForbidden[local] {
			return "predicate " + q.P.String() + " is reserved by the RDF/XML grammar"
		}
		for _, t := range [...]rdf.Term{q.S, q.O} {
			for _, v := range [...]string{t.Value, t.Datatype} {
				for _, r := range v {
					if !xmlChar(r) {
						return "term " + t.String() + " holds a character XML 1.0 cannot carry"
					}
				}
			}
		}
	}
	return ""
}
