package ttl

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdfio/internal/codec"
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
	prefixes  map[string]string // interned prefix names: a document uses few
}

// intern returns b as a string, allocating only the first time.
func (l *ttlLexer) intern(b []byte) string {
	if s, ok := l.prefixes[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(l.prefixes) < 1024 {
		l.prefixes[s] = s
	}
	return s
}

func newTTLLexer(r io.Reader, file string) *ttlLexer {
	return &ttlLexer{r: r, file: file, buf: make([]byte, 64<<10), line: 1, col: 1, prefixes: map[string]string{}}
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
	return &codec.SyntaxError{File: l.file, Line: l.line, Col: l.col, Msg: fmt.Sprintf(format, args...)}
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
	return fmt.Errorf("rdfio: read %s: %w", codec.FileName(l.file), l.rerr)
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
		if m := codec.LangTagLen(l.buf[l.pos : l.pos+n]); m != n || n == 0 {
			return tok, &codec.SyntaxError{File: l.file, Line: tok.line, Col: tok.col, Msg: "invalid language tag"}
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
		n := codec.BlankLabelLen(l.buf[l.pos:l.end])
		if l.pos+n < l.end-utf8.UTFMax || l.eof || l.rerr != nil {
			return n
		}
		if !l.fill(l.end - l.pos + 4096) {
			return codec.BlankLabelLen(l.buf[l.pos:l.end])
		}
	}
}
