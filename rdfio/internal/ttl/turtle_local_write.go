package ttl

import (
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// Local names of prefixed names (PN_LOCAL). The grammar takes most name
// characters as they are, allows '-' and '.' only after the first character
// and not '.' at the end, keeps %XX as it is, and lets a fixed set of
// punctuation through as \-escapes. Anything else cannot be part of a
// prefixed name, and the writer falls back to <IRI>.

// turtleLocalEscapable is PN_LOCAL_ESC without the backslash.
const turtleLocalEscapable = "_~.-!$&'()*+,;=/?#@%"

// turtleLocal reports whether s can be written as a PN_LOCAL (ok), and
// whether it can without backslash escapes (plain).
func turtleLocal(s string) (ok, plain bool) {
	plain = true
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			return false, false
		case r == '%' && i+2 < len(s) && lexIsHex(s[i+1]) && lexIsHex(s[i+2]):
		case r == '.' && i > 0 && i < len(s)-1:
		case turtleLocalRune(r, i == 0):
		case strings.ContainsRune(turtleLocalEscapable, r):
			plain = false
		default:
			return false, false
		}
	}
	return true, plain
}

// turtleLocalRune reports whether r may appear unescaped (at the start, if
// first): PN_CHARS_U, ':' and digits anywhere, the rest of PN_CHARS after
// the first character. '.' and '%' are handled by the caller.
func turtleLocalRune(r rune, first bool) bool {
	if codec.IsPNCharsU(r) || r == ':' || r >= '0' && r <= '9' {
		return true
	}
	return !first && codec.IsPNChars(r)
}

// turtleWriteLocal writes s, which turtleLocal accepted, as a PN_LOCAL.
func turtleWriteLocal(b *strings.Builder, s string) {
	for i, r := range s {
		switch {
		case r == '%' && i+2 < len(s) && lexIsHex(s[i+1]) && lexIsHex(s[i+2]):
			b.WriteByte('%') // a PERCENT token is kept verbatim in the IRI
		case r == '.' && i > 0 && i < len(s)-1:
			b.WriteByte('.')
		case turtleLocalRune(r, i == 0):
			b.WriteRune(r)
		default:
			b.WriteByte('\\')
			b.WriteRune(r)
		}
	}
}

// isPNPrefix reports whether s is a Turtle PN_PREFIX or empty.
func isPNPrefix(s string) bool {
	last := rune(0)
	for i, r := range s {
		if r == utf8.RuneError {
			return false
		}
		if i == 0 && !codec.IsPNCharsBase(r) || i > 0 && !codec.IsPNChars(r) && r != '.' {
			return false
		}
		last = r
	}
	return last != '.'
}
