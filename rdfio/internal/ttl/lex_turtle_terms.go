package ttl

import (
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// The Turtle terminals that carry a value: IRIREF, the string forms,
// numbers and prefixed names.

// ttlIRIPlain and ttlStrPlain* mark the bytes that IRIs and strings take
// as they are: takeRun copies a run of them at once. Bytes of multi-byte
// characters count as plain; the token is checked for valid UTF-8 at its end.
var ttlIRIPlain, ttlStrPlainDouble, ttlStrPlainSingle = func() (iri, dq, sq [256]bool) {
	for c := range 256 {
		high := c >= utf8.RuneSelf
		iri[c] = high || c != '>' && c != '\\' && !codec.IRIForbidden(rune(c))
		dq[c] = high || c != '"' && c != '\\' && c != '\n' && c != '\r'
		sq[c] = high || c != '\'' && c != '\\' && c != '\n' && c != '\r'
	}
	return iri, dq, sq
}()

// takeRun appends the plain bytes that are already buffered; none of them
// is a line break, so only the column moves.
func (l *ttlLexer) takeRun(out []byte, plain *[256]bool) []byte {
	n := 0
	for l.pos+n < l.end && plain[l.buf[l.pos+n]] {
		n++
	}
	run := l.buf[l.pos : l.pos+n]
	for _, c := range run {
		if c&0xC0 != 0x80 {
			l.col++
		}
	}
	l.pos += n
	return append(out, run...)
}

func (l *ttlLexer) iri(tok ttlToken) (ttlToken, error) {
	l.advance(1)
	out := l.sb[:0]
	for {
		c := l.peek(0)
		switch {
		case c < 0:
			return tok, l.endError("IRI")
		case c == '>':
			l.advance(1)
			l.sb = out
			if !utf8.Valid(out) {
				return tok, &codec.SyntaxError{File: l.file, Line: tok.line, Col: tok.col, Msg: "invalid UTF-8 in IRI"}
			}
			tok.kind, tok.val = ttlIRI, string(out)
			return tok, nil
		case c == '\\':
			r, err := l.uchar()
			if err != nil {
				return tok, err
			}
			if codec.IRIForbidden(r) {
				return tok, l.errorf("escaped character %U not allowed in IRI", r)
			}
			out = utf8.AppendRune(out, r)
		case c < utf8.RuneSelf && codec.IRIForbidden(rune(c)):
			return tok, l.errorf("character %q not allowed in IRI", rune(c))
		default:
			out = append(out, byte(c))
			l.advance(1)
			out = l.takeRun(out, &ttlIRIPlain)
		}
	}
}

// uchar reads a \u or \U escape at the current position.
func (l *ttlLexer) uchar() (rune, error) {
	n := 0
	switch l.peek(1) {
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return 0, l.errorf("invalid escape sequence")
	}
	l.fill(n + 2)
	r, msg := lexUCHAR(l.buf[l.pos+2:l.end], n)
	if msg != "" {
		return 0, l.errorf("%s", msg)
	}
	l.advance(n + 2)
	return r, nil
}

func (l *ttlLexer) str(tok ttlToken, q byte) (ttlToken, error) {
	long := l.peek(1) == int(q) && l.peek(2) == int(q)
	if long {
		l.advance(3)
	} else {
		l.advance(1)
	}
	plain := &ttlStrPlainDouble
	if q == '\'' {
		plain = &ttlStrPlainSingle
	}
	out := l.sb[:0]
	for {
		c := l.peek(0)
		switch {
		case c < 0:
			return tok, l.endError("string")
		case c == int(q):
			if !long {
				l.advance(1)
				return l.strDone(tok, out)
			}
			if l.peek(1) == int(q) && l.peek(2) == int(q) {
				l.advance(3)
				return l.strDone(tok, out)
			}
			out = append(out, q)
			l.advance(1)
		case c == '\\':
			if e, ok := lexECHAR(byte(l.peek(1))); ok && l.peek(1) >= 0 {
				out = append(out, e)
				l.advance(2)
				continue
			}
			r, err := l.uchar()
			if err != nil {
				return tok, err
			}
			out = utf8.AppendRune(out, r)
		case !long && (c == '\n' || c == '\r'):
			return tok, l.errorf("line break in a short string; use a long string or \\n")
		default:
			out = append(out, byte(c))
			l.advance(1)
			out = l.takeRun(out, plain)
		}
	}
}

func (l *ttlLexer) strDone(tok ttlToken, out []byte) (ttlToken, error) {
	l.sb = out
	if !utf8.Valid(out) {
		return tok, &codec.SyntaxError{File: l.file, Line: tok.line, Col: tok.col, Msg: "invalid UTF-8 in string"}
	}
	tok.kind, tok.val = ttlString, string(out)
	return tok, nil
}

func ttlIsDigit(c int) bool { return c >= '0' && c <= '9' }

// number lexes INTEGER, DECIMAL and DOUBLE, keeping the lexical form.
func (l *ttlLexer) number(tok ttlToken) (ttlToken, error) {
	n := 0
	if c := l.peek(0); c == '+' || c == '-' {
		n++
	}
	intDigits := 0
	for ttlIsDigit(l.peek(n)) {
		n++
		intDigits++
	}
	kind := ttlInteger
	if l.peek(n) == '.' {
		frac := 0
		for ttlIsDigit(l.peek(n + 1 + frac)) {
			frac++
		}
		switch {
		case frac > 0:
			n += 1 + frac
			kind = ttlDecimal
		case intDigits > 0 && l.expLen(n+1) > 0:
			n++ // "1.e5"
		}
	}
	if e := l.expLen(n); e > 0 && (intDigits > 0 || kind == ttlDecimal) {
		n += e
		kind = ttlDouble
	}
	if intDigits == 0 && kind == ttlInteger {
		return tok, l.errorf("invalid number")
	}
	tok.kind, tok.val = kind, string(l.buf[l.pos:l.pos+n])
	l.advance(n)
	return tok, nil
}

// expLen is the length of an EXPONENT at offset k, or 0.
func (l *ttlLexer) expLen(k int) int {
	if c := l.peek(k); c != 'e' && c != 'E' {
		return 0
	}
	n := 1
	if c := l.peek(k + n); c == '+' || c == '-' {
		n++
	}
	if !ttlIsDigit(l.peek(k + n)) {
		return 0
	}
	for ttlIsDigit(l.peek(k + n)) {
		n++
	}
	return n
}

// name lexes a prefixed name or a bare word.
func (l *ttlLexer) name(tok ttlToken) (ttlToken, error) {
	// PN_PREFIX: PN_CHARS_BASE ((PN_CHARS | '.')* PN_CHARS)?
	n, last := 0, 0
	if r, size := l.peekRune(0); codec.IsPNCharsBase(r) {
		n, last = size, size
		for {
			r, size := l.peekRune(n)
			if size == 0 || !(r == '.' || codec.IsPNChars(r)) {
				break
			}
			n += size
			if r != '.' {
				last = n
			}
		}
	} else if r != ':' {
		if size == 0 {
			return tok, l.endError("name")
		}
		return tok, l.errorf("unexpected character %q", r)
	}
	if l.peek(last) != ':' {
		word := string(l.buf[l.pos : l.pos+last])
		switch word {
		case "a", "true", "false":
		default:
			if !strings.EqualFold(word, "PREFIX") && !strings.EqualFold(word, "BASE") {
				return tok, l.errorf("unexpected word %q (prefixed name without ':'?)", word)
			}
		}
		l.advance(last)
		tok.kind, tok.val = ttlWord, word
		return tok, nil
	}
	tok.kind, tok.prefix = ttlPName, l.intern(l.buf[l.pos:l.pos+last])
	l.advance(last + 1)
	local, err := l.local()
	if err != nil {
		return tok, err
	}
	tok.val = local
	return tok, nil
}

// local lexes PN_LOCAL, which may be empty. %XX stays as written; \-escapes
// become the escaped character. A trailing '.' is left for the parser.
func (l *ttlLexer) local() (string, error) {
	out := l.sb[:0]
	n, lastIn, lastOut := 0, 0, 0
	first := true
	for {
		r, size := l.peekRune(n)
		if size == 0 {
			break
		}
		switch {
		case r == '%':
			if !lexIsHex(byte(max(l.peek(n+1), 0))) || !lexIsHex(byte(max(l.peek(n+2), 0))) {
				l.advance(n)
				return "", l.errorf("'%%' in a local name must be followed by two hex digits")
			}
			out = append(out, l.buf[l.pos+n:l.pos+n+3]...)
			n += 3
		case r == '\\':
			c := l.peek(n + 1)
			if c < 0 || !strings.ContainsRune("_~.-!$&'()*+,;=/?#@%", rune(c)) {
				l.advance(n)
				return "", l.errorf("invalid escape in local name")
			}
			out = append(out, byte(c))
			n += 2
		case r == ':' || codec.IsPNCharsU(r) || r >= '0' && r <= '9':
			out = utf8.AppendRune(out, r)
			n += size
		case !first && (r == '.' || codec.IsPNChars(r)):
			out = utf8.AppendRune(out, r)
			n += size
			if r == '.' {
				first = false
				continue
			}
		default:
			l.sb = out
			s := string(out[:lastOut])
			l.advance(lastIn)
			return s, nil
		}
		first = false
		lastIn, lastOut = n, len(out)
	}
	l.sb = out
	s := string(out[:lastOut])
	l.advance(lastIn)
	return s, nil
}
