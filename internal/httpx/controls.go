package httpx

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// hiddenControl reports whether r is a character that RDF literals may hold
// but that a page must not pass on raw: C0 and C1 controls other than tab,
// line feed and carriage return, DEL, and the bidirectional formatting
// characters (embeddings, overrides, isolates, marks), with which a label
// can show text in another order than it has ("bidi spoofing": U+202E
// makes "exe.txt" look like "txt.exe").
func hiddenControl(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r'
	case r == 0x7f, 0x80 <= r && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
		return true
	}
	return false
}

// visibleControl is what a page shows instead: the Unicode control picture
// for a C0 control or DEL (␀ … ␟, ␡), the code point in brackets for the
// others ("[U+202E]").
func visibleControl(r rune) string {
	switch {
	case r < 0x20:
		return string(rune(0x2400 + r))
	case r == 0x7f:
		return "\u2421"
	}
	return fmt.Sprintf("[U+%04X]", r)
}

// VisibleControls returns s with every hidden control character (see
// hiddenControl) replaced by a visible stand-in, so that it can be put in
// a page as text. Other text comes back unchanged.
func VisibleControls(s string) string {
	if strings.IndexFunc(s, hiddenControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if hiddenControl(r) {
			b.WriteString(visibleControl(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// VisibleControlsHTML is VisibleControls for a rendered page. The page's
// own markup holds no such characters, so every one comes from the data; a
// <script> data block must have escaped its own (JSONControlEscapes) to
// keep its data exact. Invalid UTF-8 is passed on as it is.
func VisibleControlsHTML(page []byte) []byte {
	if !hasHiddenControl(page) {
		return page
	}
	out := make([]byte, 0, len(page)+64)
	for i := 0; i < len(page); {
		r, n := utf8.DecodeRune(page[i:])
		if r != utf8.RuneError && hiddenControl(r) {
			out = append(out, visibleControl(r)...)
		} else {
			out = append(out, page[i:i+n]...)
		}
		i += n
	}
	return out
}

func hasHiddenControl(b []byte) bool {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError && hiddenControl(r) {
			return true
		}
		i += n
	}
	return false
}

// JSONControlEscapes writes every hidden control character of a JSON text
// as a \u escape. They can only occur inside strings, where the escape
// means the same character, so the data is unchanged while the page that
// embeds the JSON holds none of them raw.
func JSONControlEscapes(js string) string {
	if strings.IndexFunc(js, hiddenControl) < 0 {
		return js
	}
	var b strings.Builder
	for _, r := range js {
		if hiddenControl(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
