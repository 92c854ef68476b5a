package parse

import (
	"fmt"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF     tokKind = iota
	tIRI             // val: the IRI as written, escapes decoded, not resolved
	tPName           // val: prefix, local: local part with escapes decoded
	tBlank           // val: label
	tVar             // val: name
	tString          // val: decoded string
	tLang            // val: tag without '@'
	tInteger         // val: lexical form
	tDecimal         // val: lexical form
	tDouble          // val: lexical form
	tWord            // val: a bare word: keyword, built-in name, 'a'
	tPunct           // val: the punctuation
	tErr             // the lexer failed here (parser.lexErr says why)
)

// token is one lexical token; pos and end are byte offsets into the query.
type token struct {
	kind     tokKind
	val      string
	local    string
	pos, end int
}

// lexer splits a query into tokens, one per call of next: the parser
// pulls them as it goes, so a query it refuses early (too deep, too many
// patterns) is never tokenised whole.
type lexer struct {
	src string
	pos int
}

// checkUTF8 rejects a query that is not valid UTF-8, up front, so that
// strings and IRIs never carry bad bytes.
func checkUTF8(src string) error {
	if utf8.ValidString(src) {
		return nil
	}
	for i, r := range src {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(src[i:]); n <= 1 {
				return newError(src, i, "invalid UTF-8", "ongeldige UTF-8")
			}
		}
	}
	return nil
}

// lex returns all tokens of src, for tests.
func lex(src string) ([]token, error) {
	if err := checkUTF8(src); err != nil {
		return nil, err
	}
	l := &lexer{src: src}
	var toks []token
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		if t.kind == tEOF {
			return toks, nil
		}
	}
}

// errorf returns an error at byte offset off with the message in English and
// Dutch.
func (l *lexer) errorf(off int, en, nl string, args ...any) *Error {
	return newError(l.src, off, fmt.Sprintf(en, args...), fmt.Sprintf(nl, args...))
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.src) {
		switch c := l.src[l.pos]; c {
		case ' ', '\t', '\n', '\r':
			l.pos++
		case '#':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' && l.src[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

func (l *lexer) peekRune(off int) (rune, int) {
	if off >= len(l.src) {
		return -1, 0
	}
	if c := l.src[off]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(l.src[off:])
}

func (l *lexer) next() (token, error) {
	l.skipSpace()
	start := l.pos
	if l.pos >= len(l.src) {
		return token{kind: tEOF, pos: start, end: start}, nil
	}
	c := l.src[l.pos]
	punct := func(n int) (token, error) {
		l.pos += n
		return token{kind: tPunct, val: l.src[start:l.pos], pos: start, end: l.pos}, nil
	}
	at := func(off int) byte {
		if l.pos+off < len(l.src) {
			return l.src[l.pos+off]
		}
		return 0
	}
	switch c {
	case '<':
		if t, ok, err := l.iriRef(); ok || err != nil {
			return t, err
		}
		if at(1) == '=' {
			return punct(2)
		}
		return punct(1)
	case '>':
		if at(1) == '=' {
			return punct(2)
		}
		return punct(1)
	case '!':
		if at(1) == '=' {
			return punct(2)
		}
		return punct(1)
	case '^':
		if at(1) == '^' {
			return punct(2)
		}
		return punct(1)
	case '&':
		if at(1) == '&' {
			return punct(2)
		}
		return token{}, l.errorf(start, "unexpected '&' (did you mean '&&'?)", "onverwachte '&' (bedoelde je '&&'?)")
	case '|':
		if at(1) == '|' {
			return punct(2)
		}
		return punct(1)
	case '{', '}', '(', ')', '[', ']', ',', ';', '*', '/', '+', '-', '=':
		return punct(1)
	case '.':
		if isDigit(rune(at(1))) {
			return l.number()
		}
		return punct(1)
	case '?', '$':
		if r, _ := l.peekRune(l.pos + 1); r >= 0 && (isPNCharsU(r) || isDigit(r)) {
			return l.variable()
		}
		if c == '?' {
			return punct(1)
		}
		return token{}, l.errorf(start, "'$' must be followed by a variable name", "na '$' moet een variabelenaam staan")
	case '"', '\'':
		return l.str()
	case '@':
		return l.langTag()
	case '_':
		if at(1) == ':' {
			return l.blank()
		}
	case ':':
		return l.pname(start, start)
	}
	if isDigit(rune(c)) {
		return l.number()
	}
	r, size := l.peekRune(l.pos)
	if r == utf8.RuneError && size <= 1 {
		return token{}, l.errorf(start, "invalid UTF-8", "ongeldige UTF-8")
	}
	if isPNCharsBase(r) {
		return l.wordOrPName()
	}
	return token{}, l.errorf(start, "unexpected character %s", "onverwacht teken %s", quoteRune(r))
}

func quoteRune(r rune) string {
	if r < 0x20 || r == 0x7f || r == utf8.RuneError {
		return fmt.Sprintf("U+%04X", r)
	}
	return "'" + string(r) + "'"
}
