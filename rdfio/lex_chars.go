package rdfio

import (
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
)

// Character classes and escapes shared by the N-Triples, N-Quads and Turtle
// grammars (which use the same terminals).

func lexIsHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func lexHexVal(c byte) rune {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0')
	case c >= 'a' && c <= 'f':
		return rune(c-'a') + 10
	default:
		return rune(c-'A') + 10
	}
}

// lexUCHAR decodes the hex digits of \uXXXX (n=4) or \UXXXXXXXX (n=8)
// at the start of b. Surrogates and values beyond U+10FFFF are not
// characters, so they are refused rather than turned into U+FFFD.
func lexUCHAR(b []byte, n int) (rune, string) {
	if len(b) < n {
		return 0, "incomplete \\u escape"
	}
	var r rune
	for i := 0; i < n; i++ {
		if !lexIsHex(b[i]) {
			return 0, "invalid hex digit in \\u escape"
		}
		r = r<<4 | lexHexVal(b[i])
	}
	if r >= 0xD800 && r <= 0xDFFF {
		return 0, "\\u escape of a surrogate code point"
	}
	if r > utf8.MaxRune {
		return 0, "\\U escape beyond U+10FFFF"
	}
	return r, ""
}

// lexECHAR returns the character for the ECHAR escape \c.
func lexECHAR(c byte) (byte, bool) {
	switch c {
	case 't':
		return '\t', true
	case 'b':
		return '\b', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 'f':
		return '\f', true
	case '"', '\'', '\\':
		return c, true
	}
	return 0, false
}

// lexIRIForbidden reports the characters IRIREF excludes, raw or escaped.
func lexIRIForbidden(r rune) bool {
	if r <= 0x20 {
		return true
	}
	switch r {
	case '<', '>', '"', '{', '}', '|', '^', '`', '\\':
		return true
	}
	return false
}

func lexIsPNCharsBase(r rune) bool {
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

func lexIsPNCharsU(r rune) bool { return r == '_' || lexIsPNCharsBase(r) }

func lexIsPNChars(r rune) bool {
	switch {
	case lexIsPNCharsU(r), r == '-', r >= '0' && r <= '9', r == 0xB7,
		r >= 0x300 && r <= 0x36F, r >= 0x203F && r <= 0x2040:
		return true
	}
	return false
}

// lexBlankLabel returns the length of the BLANK_NODE_LABEL body (after
// "_:") at the start of b, or 0 if there is none. A trailing '.' is never
// part of a label, so "_:a." is the label "a" followed by a full stop.
func lexBlankLabel(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	r, n := lexDecodeRune(b)
	if !lexIsPNCharsU(r) && !(r >= '0' && r <= '9') {
		return 0
	}
	end, i := n, n
	for i < len(b) {
		r, n := lexDecodeRune(b[i:])
		if r == '.' {
			i += n
			continue
		}
		if !lexIsPNChars(r) {
			break
		}
		i += n
		end = i
	}
	return end
}

func lexDecodeRune(b []byte) (rune, int) {
	if b[0] < utf8.RuneSelf {
		return rune(b[0]), 1
	}
	return utf8.DecodeRune(b)
}

// lexLangTag returns the length of a language tag (after '@') at the start
// of b, or 0. The grammar is LANGTAG's [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*, with
// BCP 47's limit of 8 characters per subtag.
func lexLangTag(b []byte) int {
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

// lexValidIRI reports whether s can be an RDF IRI term: absolute, valid
// UTF-8 and free of the characters IRIREF excludes. Readers whose syntax
// does not constrain IRIs (XML attribute values, JSON strings) check it.
func lexValidIRI(s string) bool {
	if !utf8.ValidString(s) || !rdf.IsAbsoluteIRI(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf && lexIRIForbidden(rune(s[i])) {
			return false
		}
	}
	return true
}

// lexValidLang reports whether s is a well-formed language tag.
func lexValidLang(s string) bool {
	return s != "" && lexLangTag([]byte(s)) == len(s)
}
