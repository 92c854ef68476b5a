package rdfio

import (
	"strings"
	"unicode/utf8"
)

// Character classes of the Turtle grammar (PN_CHARS_BASE and friends) and of
// XML names, which the writers use to decide whether a name can be written
// as it is. XML's NameStartChar without ':' is exactly PN_CHARS_U, and its
// NameChar without ':' is PN_CHARS plus '.'.

func writePNCharsBase(r rune) bool {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		return true
	case r < 0xC0:
		return false
	}
	return r <= 0xD6 || r >= 0xD8 && r <= 0xF6 || r >= 0xF8 && r <= 0x2FF ||
		r >= 0x370 && r <= 0x37D || r >= 0x37F && r <= 0x1FFF ||
		r >= 0x200C && r <= 0x200D || r >= 0x2070 && r <= 0x218F ||
		r >= 0x2C00 && r <= 0x2FEF || r >= 0x3001 && r <= 0xD7FF ||
		r >= 0xF900 && r <= 0xFDCF || r >= 0xFDF0 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0xEFFFF
}

func writePNCharsU(r rune) bool { return r == '_' || writePNCharsBase(r) }

func writePNChars(r rune) bool {
	return writePNCharsU(r) || r == '-' || r >= '0' && r <= '9' || r == 0xB7 ||
		r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040
}

// writeIsNCName reports whether s is an XML name without colons.
func writeIsNCName(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			return false
		}
		if i == 0 && !writePNCharsU(r) || i > 0 && !writePNChars(r) && r != '.' {
			return false
		}
	}
	return s != ""
}

// writeIsPNPrefix reports whether s is a Turtle PN_PREFIX or empty.
func writeIsPNPrefix(s string) bool {
	last := rune(0)
	for i, r := range s {
		if r == utf8.RuneError {
			return false
		}
		if i == 0 && !writePNCharsBase(r) || i > 0 && !writePNChars(r) && r != '.' {
			return false
		}
		last = r
	}
	return last != '.'
}

// blankEscapePrefix starts every label that writeBlankLabel had to encode;
// labels that start with it are encoded too, so the mapping is one to one.
const blankEscapePrefix = "x_"

// writeBlankLabel writes a blank node label that is valid as an N-Triples
// and Turtle BLANK_NODE_LABEL and as an RDF/XML rdf:nodeID (an NCName). A
// label that already is keeps its spelling; any other becomes "x_" and the
// hex of its bytes. That needs no state, so streaming writers can use it,
// and distinct labels stay distinct.
func writeBlankLabel(b *strings.Builder, label string) {
	if writeIsPlainLabel(label) {
		b.WriteString(label)
		return
	}
	const hex = "0123456789abcdef"
	b.WriteString(blankEscapePrefix)
	for i := 0; i < len(label); i++ {
		b.WriteByte(hex[label[i]>>4])
		b.WriteByte(hex[label[i]&0xf])
	}
}

func writeIsPlainLabel(s string) bool {
	return writeIsNCName(s) && s[len(s)-1] != '.' && !strings.HasPrefix(s, blankEscapePrefix)
}
