package ttl

import "unicode/utf8"

// Hex digits and escapes shared by the N-Triples, N-Quads and Turtle
// grammars (which use the same terminals). The name character classes,
// which the RDF/XML writer needs too, are in package codec.

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
