package rdfio

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// ttlKind is the kind of a Turtle token.
type ttlKind uint8

const (
	ttlEOF     ttlKind = iota
	ttlIRI             // <...>, val is the unescaped, unresolved reference
	ttlPName           // prefix ':' local; val is the local part (escapes removed)
	ttlBlank           // _:label, val is the label
	ttlString          // any of the four string forms, val is the lexical form
	ttlLang            // @tag (also @prefix and @base), val without '@'
	ttlInteger         // val is the lexical form as written
	ttlDecimal         //
	ttlDouble          //
	ttlWord            // a bare word: a, true, false, PREFIX, BASE
	ttlPunct           // one of . ; , [ ] ( ) and ^^ (val "^")
)

type ttlToken struct {
	kind      ttlKind
	val       string
	prefix    string // ttlPName only
	line, col int
}

func (t ttlToken) is(punct byte) bool {
	return t.kind == ttlPunct && t.val[0] == punct
}

func (t ttlToken) describe() string {
	switch t.kind {
	case ttlEOF:
		return "end of input"
	case ttlIRI:
		return "<" + t.val + ">"
	case ttlPName:
		return t.prefix + ":" + t.val
	case ttlBlank:
		return "_:" + t.val
	case ttlString:
		return "string literal"
	case ttlLang:
		return "@" + t.val
	case ttlPunct:
		if t.val == "^" {
			return "'^^'"
		}
		return "'" + t.val + "'"
	}
	return t.val
}

// ttlLexer turns a Turtle byte stream into tokens. It keeps a window of the
// input in buf and grows it only for tokens longer than the window, so
// memory stays bounded by the longest token, not the document.
type ttlLexer struct {
	r    io.Reader
	file string
	buf  []byte
	pos  int // next unread byte
	end  int // end of valid data in buf
	eof  bool
	rerr error // read error other than io.EOF, reported when reached

	line, col int // position of buf[pos]
	sb        []byte
}

func newTTLLexer(r io.Reader, file string) *ttlLexer {
	return &ttlLexer{r: r, file: file, buf: make([]byte, 64<<10), line: 1, col: 1}
}

// fill makes at least n unread bytes available unless the input ends first.
func (l *ttlLexer) fill(n int) bool {
	for l.end-l.pos < n {
		if l.eof || l.rerr != nil {
			return false
		}
		if l.pos > 0 {
			copy(l.buf, l.buf[l.pos:l.end])
			l.end -= l.pos
			l.pos = 0
		}
		if l.end == len(l.buf) {
			l.buf = append(l.buf, make([]byte, len(l.buf))...)
		}
		m, err := l.r.Read(l.buf[l.end:])
		l.end += m
		if err == io.EOF {
			l.eof = true
		} else if err != nil {
			l.rerr = err
		}
	}
	return true
}

// peek returns the byte k positions ahead, or -1 at the end of the input.
func (l *ttlLexer) peek(k int) int {
	if l.pos+k >= l.end && !l.fill(k+1) {
		return -1
	}
	return int(l.buf[l.pos+k])
}

// peekRune decodes the character k bytes ahead; size 0 means end of input.
func (l *ttlLexer) peekRune(k int) (rune, int) {
	c := l.peek(k)
	if c < 0 {
		return -1, 0
	}
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	l.fill(k + utf8.UTFMax)
	return utf8.DecodeRune(l.buf[l.pos+k : l.end])
}

func (l *ttlLexer) advance(n int) {
	for _, c := range l.buf[l.pos : l.pos+n] {
		if c == '\n' {
			l.line++
			l.col = 1
		} else if c&0xC0 != 0x80 {
			l.col++
		}
	}
	l.pos += n
}

func (l *ttlLexer) errorf(format string, args ...any) error {
	return &SyntaxError{File: l.file, Line: l.line, Col: l.col, Msg: fmt.Sprintf(format, args...)}
}

// endError reports the end of the input inside a token: a syntax error, or
// the read error that cut the input short.
func (l *ttlLexer) endError(what string) error {
	if l.rerr != nil {
		return l.readError()
	}
	return l.errorf("unexpected end of input in %s", what)
}

func (l *ttlLexer) readError() error {
	return fmt.Errorf("rdfio: read %s: %w", readFileName(l.file), l.rerr)
}

// skipSpace skips white space and comments.
func (l *ttlLexer) skipSpace() {
	for {
		c := l.peek(0)
		switch c {
		case ' ', '\t', '\n', '\r':
			l.advance(1)
		case '#':
			for c = l.peek(0); c >= 0 && c != '\n' && c != '\r'; c = l.peek(0) {
				l.advance(1)
			}
		default:
			return
		}
	}
}

func (l *ttlLexer) next() (ttlToken, error) {
	l.skipSpace()
	tok := ttlToken{line: l.line, col: l.col}
	c := l.peek(0)
	switch {
	case c < 0:
		if l.rerr != nil {
			return tok, l.readError()
		}
		tok.kind = ttlEOF
		return tok, nil
	case c == '<':
		return l.iri(tok)
	case c == '"' || c == '\'':
		return l.str(tok, byte(c))
	case c == '@':
		l.advance(1)
		n := 0
		for ; ; n++ {
			b := l.peek(n)
			if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-') {
				break
			}
		}
		if m := lexLangTag(l.buf[l.pos : l.pos+n]); m != n || n == 0 {
			return tok, &SyntaxError{File: l.file, Line: tok.line, Col: tok.col, Msg: "invalid language tag"}
		}
		tok.kind, tok.val = ttlLang, string(l.buf[l.pos:l.pos+n])
		l.advance(n)
		return tok, nil
	case c == '_' && l.peek(1) == ':':
		l.advance(2)
		l.fill(256)
		n := l.blankLen()
		if n == 0 {
			return tok, l.errorf("invalid blank node label")
		}
		tok.kind, tok.val = ttlBlank, string(l.buf[l.pos:l.pos+n])
		l.advance(n)
		return tok, nil
	case c >= '0' && c <= '9' || c == '+' || c == '-':
		return l.number(tok)
	case c == '.':
		if d := l.peek(1); d >= '0' && d <= '9' {
			return l.number(tok)
		}
		fallthrough
	case c == ';' || c == ',' || c == '[' || c == ']' || c == '(' || c == ')':
		l.advance(1)
		tok.kind, tok.val = ttlPunct, string(rune(c))
		return tok, nil
	case c == '^':
		if l.peek(1) != '^' {
			return tok, l.errorf("expected '^^'")
		}
		l.advance(2)
		tok.kind, tok.val = ttlPunct, "^"
		return tok, nil
	}
	return l.name(tok)
}

// blankLen measures a blank node label, growing the window as needed.
func (l *ttlLexer) blankLen() int {
	for {
		n := lexBlankLabel(l.buf[l.pos:l.end])
		if l.pos+n < l.end-utf8.UTFMax || l.eof || l.rerr != nil {
			return n
		}
		if !l.fill(l.end - l.pos + 4096) {
			return lexBlankLabel(l.buf[l.pos:l.end])
		}
	}
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
				return tok, &SyntaxError{File: l.file, Line: tok.line, Col: tok.col, Msg: "invalid UTF-8 in IRI"}
			}
			tok.kind, tok.val = ttlIRI, string(out)
			return tok, nil
		case c == '\\':
			r, err := l.uchar()
			if err != nil {
				return tok, err
			}
			if lexIRIForbidden(r) {
				return tok, l.errorf("escaped character %U not allowed in IRI", r)
			}
			out = utf8.AppendRune(out, r)
		case c < utf8.RuneSelf && lexIRIForbidden(rune(c)):
			return tok, l.errorf("character %q not allowed in IRI", rune(c))
		default:
			out = append(out, byte(c))
			l.advance(1)
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
		}
	}
}

func (l *ttlLexer) strDone(tok ttlToken, out []byte) (ttlToken, error) {
	l.sb = out
	if !utf8.Valid(out) {
		return tok, &SyntaxError{File: l.file, Line: tok.line, Col: tok.col, Msg: "invalid UTF-8 in string"}
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
	if r, size := l.peekRune(0); lexIsPNCharsBase(r) {
		n, last = size, size
		for {
			r, size := l.peekRune(n)
			if size == 0 || !(r == '.' || lexIsPNChars(r)) {
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
	tok.kind, tok.prefix = ttlPName, string(l.buf[l.pos:l.pos+last])
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
		case r == ':' || lexIsPNCharsU(r) || r >= '0' && r <= '9':
			out = utf8.AppendRune(out, r)
			n += size
		case !first && (r == '.' || lexIsPNChars(r)):
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
