package codec

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
)

// Character classes of the Turtle grammar (PN_CHARS_BASE and friends),
// which N-Triples and N-Quads share, and of XML names: XML's NameStartChar
// without ':' is exactly PN_CHARS_U, and its NameChar without ':' is
// PN_CHARS plus '.'. The readers use them to lex, the writers to decide
// whether a name can be written as it is.

// IsPNCharsBase reports PN_CHARS_BASE: letters of the scripts the grammar
// admits.
func IsPNCharsBase(r rune) bool {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		return true
	case r < 0xC0:
		return false
	case r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x2FF,
		r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFF, r >= 0x200C && r <= 0x200D,
		r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD, r >= 0x10000 && r <= 0xEFFFF:
		return true
	}
	return false
}

// IsPNCharsU reports PN_CHARS_U: PN_CHARS_BASE and '_'.
func IsPNCharsU(r rune) bool { return r == '_' || IsPNCharsBase(r) }

// IsPNChars reports PN_CHARS: PN_CHARS_U, '-', digits and a few combining
// characters.
func IsPNChars(r rune) bool {
	switch {
	case IsPNCharsU(r), r == '-', r >= '0' && r <= '9', r == 0xB7,
		r >= 0x300 && r <= 0x36F, r >= 0x203F && r <= 0x2040:
		return true
	}
	return false
}

// IsNCName reports whether s is an XML name without colons.
func IsNCName(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			return false
		}
		if i == 0 && !IsPNCharsU(r) || i > 0 && !IsPNChars(r) && r != '.' {
			return false
		}
	}
	return s != ""
}

// IRIForbidden reports the characters IRIREF excludes, raw or escaped.
func IRIForbidden(r rune) bool {
	if r <= 0x20 {
		return true
	}
	switch r {
	case '<', '>', '"', '{', '}', '|', '^', '`', '\\':
		return true
	}
	return false
}

// BlankLabelLen returns the length of the BLANK_NODE_LABEL body (after
// "_:") at the start of b, or 0 if there is none. A trailing '.' is never
// part of a label, so "_:a." is the label "a" followed by a full stop.
func BlankLabelLen(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	r, n := decodeRune(b)
	if !IsPNCharsU(r) && !(r >= '0' && r <= '9') {
		return 0
	}
	end, i := n, n
	for i < len(b) {
		r, n := decodeRune(b[i:])
		if r == '.' {
			i += n
			continue
		}
		if !IsPNChars(r) {
			break
		}
		i += n
		end = i
	}
	return end
}

func decodeRune(b []byte) (rune, int) {
	if b[0] < utf8.RuneSelf {
		return rune(b[0]), 1
	}
	return utf8.DecodeRune(b)
}

// LangTagLen returns the length of a language tag (after '@') at the start
// of b, or 0. The grammar is LANGTAG's [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*, with
// BCP 47's limit of 8 characters per subtag.
func LangTagLen(b []byte) int {
	i := 0
	for i < len(b) && (b[i] >= 'a' && b[i] <= 'z' || b[i] >= 'A' && b[i] <= 'Z') {
		i++
	}
	if i == 0 || i > 8 {
		return 0
	}
	for i < len(b) && b[i] == '-' {
		j := i + 1
		for j < len(b) && (b[j] >= 'a' && b[j] <= 'z' || b[j] >= 'A' && b[j] <= 'Z' || b[j] >= '0' && b[j] <= '9') {
			j++
		}
		if j == i+1 || j-i-1 > 8 {
			return 0
		}
		i = j
	}
	return i
}

// ValidIRI reports whether s can be an RDF IRI term: absolute, valid
// UTF-8 and free of the characters IRIREF excludes. Readers whose syntax
// does not constrain IRIs (XML attribute values, JSON strings) check it.
func ValidIRI(s string) bool {
	if !utf8.ValidString(s) || !rdf.IsAbsoluteIRI(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf && IRIForbidden(rune(s[i])) {
			return false
		}
	}
	return true
}

// ValidLang reports whether s is a well-formed language tag.
func ValidLang(s string) bool {
	return s != "" && LangTagLen([]byte(s)) == len(s)
}

// BlankLabel maps a document's own blank node label to the label a reader
// gives it. Labels starting with "_" get a second one, so that document
// labels never start with a single "_" followed by something else. Labels
// after the prefix thus fall in three disjoint spaces: document labels,
// "_g<n>" for anonymous nodes (AnonLabel) and "_h<hex>" for RDF/XML node
// IDs that are not valid N-Triples labels.
func BlankLabel(prefix, label string) string {
	if label != "" && label[0] == '_' {
		return prefix + "_" + label
	}
	return prefix + label
}

// AnonLabel is the label of the n-th anonymous node: "_g" after the prefix,
// which no BlankLabel result can start with.
func AnonLabel(prefix string, n uint64) string {
	return prefix + "_g" + strconv.FormatUint(n, 10)
}

// BlankEscapePrefix starts every label that WriteBlankLabel had to encode;
// labels that start with it are encoded too, so the mapping is one to one.
const BlankEscapePrefix = "x_"

// WriteBlankLabel writes a blank node label that is valid as an N-Triples
// and Turtle BLANK_NODE_LABEL and as an RDF/XML rdf:nodeID (an NCName). A
// label that already is keeps its spelling; any other becomes "x_" and the
// hex of its bytes. That needs no state, so streaming writers can use it,
// and distinct labels stay distinct.
func WriteBlankLabel(b *strings.Builder, label string) {
	if isPlainLabel(label) {
		b.WriteString(label)
		return
	}
	const hex = "0123456789abcdef"
	b.WriteString(BlankEscapePrefix)
	for i := 0; i < len(label); i++ {
		b.WriteByte(hex[label[i]>>4])
		b.WriteByte(hex[label[i]&0xf])
	}
}

func isPlainLabel(s string) bool {
	return IsNCName(s) && s[len(s)-1] != '.' && !strings.HasPrefix(s, BlankEscapePrefix)
}
