package rdfxml

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// rdfxmlSplit splits an IRI into a namespace and the longest XML name
// (NCName) at its end, which RDF/XML needs for element names.
func rdfxmlSplit(iri string) (ns, local string, ok bool) {
	start := len(iri)
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(iri[:start])
		if r == utf8.RuneError || !codec.IsPNChars(r) && r != '.' {
			break
		}
		start -= n
	}
	// The name must start with a NameStartChar: skip digits, '-', '.' etc.
	for start < len(iri) {
		r, n := utf8.DecodeRuneInString(iri[start:])
		if codec.IsPNCharsU(r) {
			break
		}
		start += n
	}
	if start == len(iri) || start == 0 {
		return "", "", false
	}
	return iri[:start], iri[start:], true
}

// rdfxmlReserved reports the RDF names that the RDF/XML grammar does not
// allow as property or typed-node element names (rdf:li would be renumbered
// to rdf:_n; rdf:Description would lose its type).
func rdfxmlReserved(iri string) bool {
	local, ok := strings.CutPrefix(iri, rdf.RDFNS)
	if !ok {
		return false
	}
	switch local {
	case "RDF", "ID", "about", "bagID", "parseType", "resource", "nodeID",
		"li", "aboutEach", "aboutEachPrefix", "Description", "datatype":
		return true
	}
	return false
}

// XMLCharError is a term holding a character that RDF allows and XML 1.0
// cannot carry, not even as a character reference (C0 controls but tab,
// line feed and carriage return; U+FFFE, U+FFFF). The RDF/XML writer
// returns it before it writes anything, so a server can answer with
// another format instead.
type XMLCharError struct{ Rune rune }

func (e *XMLCharError) Error() string {
	return fmt.Sprintf("character U+%04X is not allowed in XML 1.0", e.Rune)
}

// XMLChar returns the character.
func (e *XMLCharError) XMLChar() rune { return e.Rune }

// rdfxmlEscape writes s as XML character data, or as an attribute value if
// attr. Characters XML 1.0 cannot carry at all make it fail; white space
// that XML would normalise is written as character references.
func rdfxmlEscape(b *strings.Builder, s string, attr bool) error {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return fmt.Errorf("invalid UTF-8 at byte %d", i)
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\r':
			b.WriteString("&#13;")
		case (r == '\n' || r == '\t') && attr:
			fmt.Fprintf(b, "&#%d;", r)
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r >= 0xD800 && r <= 0xDFFF || r == 0xFFFE || r == 0xFFFF:
			return &XMLCharError{Rune: r}
		default:
			b.WriteRune(r)
		}
	}
	return nil
}
