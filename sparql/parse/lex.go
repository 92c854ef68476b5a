package parse

import (
	"fmt"
	"strings"
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
)

// token is one lexical token; pos and end are byte offsets into the query.
type token struct {
	kind     tokKind
	val      string
	local    string
	pos, end int
}

// lexer splits a query into tokens. It scans the whole query up front: the
// parser needs a few tokens of lookahead (NOT IN / NOT EXISTS, signed
// numbers, NIL and ANON), and queries are small.
type lexer struct {
	src string
	pos int
}

func lex(src string) ([]token, error) {
	l := &lexer{src: src}
	if !utf8.ValidString(src) {
		// Checked up front so that strings and IRIs never carry bad bytes.
		for i, r := range src {
			if r == utf8.RuneError {
				if _, n := utf8.DecodeRuneInString(src[i:]); n <= 1 {
					return nil, l.errorf(i, "invalid UTF-8", "ongeldige UTF-8")
				}
			}
		}
	}
	toks := make([]token, 0, len(src)/4+16) // about one token per 4-5 bytes
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

// iriRef scans an IRIREF. ok is false (and err nil) when the text after '<'
// is not an IRI, so '<' is the less-than operator.
func (l *lexer) iriRef() (token, bool, error) {
	start := l.pos
	i := l.pos + 1
	var b *strings.Builder
	for i < len(l.src) {
		c := l.src[i]
		switch {
		case c == '>':
			val := l.src[start+1 : i]
			if b != nil {
				val = b.String()
			}
			l.pos = i + 1
			return token{kind: tIRI, val: val, pos: start, end: l.pos}, true, nil
		case c <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`':
			return token{}, false, nil
		case c == '\\':
			r, n, err := l.uchar(i)
			if err != nil {
				return token{}, false, err
			}
			if n == 0 {
				return token{}, false, nil
			}
			if b == nil {
				b = &strings.Builder{}
				b.WriteString(l.src[start+1 : i])
			}
			b.WriteRune(r)
			i += n
		default:
			if b != nil {
				b.WriteByte(c)
			}
			i++
		}
	}
	return token{}, false, nil
}

// uchar decodes a \uXXXX or \UXXXXXXXX escape at off. n is 0 when there is
// none there.
func (l *lexer) uchar(off int) (r rune, n int, err error) {
	if off+1 >= len(l.src) {
		return 0, 0, nil
	}
	var digits int
	switch l.src[off+1] {
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	default:
		return 0, 0, nil
	}
	if off+2+digits > len(l.src) {
		return 0, 0, l.errorf(off, "incomplete \\%s escape", "onvolledige \\%s-escape", l.src[off+1:off+2])
	}
	for i := 0; i < digits; i++ {
		c := l.src[off+2+i]
		if !isHex(c) {
			return 0, 0, l.errorf(off, "invalid \\%s escape", "ongeldige \\%s-escape", l.src[off+1:off+2])
		}
		r = r<<4 | rune(hexVal(c))
	}
	if r >= 0xD800 && r <= 0xDFFF || r > 0x10FFFF {
		return 0, 0, l.errorf(off, "escape %s is not a Unicode code point", "escape %s is geen Unicode-codepunt", l.src[off:off+2+digits])
	}
	return r, 2 + digits, nil
}

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

func (l *lexer) variable() (token, error) {
	start := l.pos
	l.pos++
	for l.pos < len(l.src) {
		r, n := l.peekRune(l.pos)
		if !isVarChar(r) {
			break
		}
		l.pos += n
	}
	return token{kind: tVar, val: l.src[start+1 : l.pos], pos: start, end: l.pos}, nil
}

func (l *lexer) blank() (token, error) {
	start := l.pos
	l.pos += 2
	r, n := l.peekRune(l.pos)
	if !(isPNCharsU(r) || isDigit(r)) {
		return token{}, l.errorf(start, "invalid blank node label", "ongeldig label voor een blanco knoop")
	}
	l.pos += n
	last := l.pos
	for l.pos < len(l.src) {
		r, n := l.peekRune(l.pos)
		if r == '.' {
			l.pos += n
			continue
		}
		if !isPNChars(r) {
			break
		}
		l.pos += n
		last = l.pos
	}
	l.pos = last // a label never ends in '.'
	return token{kind: tBlank, val: l.src[start+2 : l.pos], pos: start, end: l.pos}, nil
}

func (l *lexer) langTag() (token, error) {
	start := l.pos
	i := l.pos + 1
	for i < len(l.src) && (l.src[i] >= 'a' && l.src[i] <= 'z' || l.src[i] >= 'A' && l.src[i] <= 'Z') {
		i++
	}
	if i == l.pos+1 {
		return token{}, l.errorf(start, "'@' must be followed by a language tag", "na '@' moet een taalcode staan")
	}
	for i < len(l.src) && l.src[i] == '-' {
		j := i + 1
		for j < len(l.src) && isWordByte(l.src[j]) && l.src[j] != '_' {
			j++
		}
		if j == i+1 {
			break
		}
		i = j
	}
	l.pos = i
	return token{kind: tLang, val: l.src[start+1 : i], pos: start, end: i}, nil
}

func (l *lexer) number() (token, error) {
	start := l.pos
	i := l.pos
	digits := func() int {
		j := i
		for i < len(l.src) && l.src[i] >= '0' && l.src[i] <= '9' {
			i++
		}
		return i - j
	}
	intDigits := digits()
	kind := tInteger
	if i < len(l.src) && l.src[i] == '.' {
		save := i
		i++
		frac := digits()
		hasExp := i < len(l.src) && (l.src[i] == 'e' || l.src[i] == 'E')
		switch {
		case frac > 0:
			kind = tDecimal
		case hasExp && intDigits > 0:
			kind = tDecimal // becomes a double below
		default:
			i = save // "1." is the integer 1 and a '.'
		}
	}
	if i < len(l.src) && (l.src[i] == 'e' || l.src[i] == 'E') {
		j := i + 1
		if j < len(l.src) && (l.src[j] == '+' || l.src[j] == '-') {
			j++
		}
		k := j
		for k < len(l.src) && l.src[k] >= '0' && l.src[k] <= '9' {
			k++
		}
		if k > j {
			i = k
			kind = tDouble
		}
	}
	l.pos = i
	return token{kind: kind, val: l.src[start:i], pos: start, end: i}, nil
}

func (l *lexer) str() (token, error) {
	start := l.pos
	q := l.src[l.pos]
	long := strings.HasPrefix(l.src[l.pos:], string([]byte{q, q, q}))
	i := l.pos + 1
	if long {
		i = l.pos + 3
	}
	var b strings.Builder
	for {
		if i >= len(l.src) {
			return token{}, l.errorf(start, "unterminated string", "string niet afgesloten")
		}
		c := l.src[i]
		switch {
		case c == q && !long:
			l.pos = i + 1
			return token{kind: tString, val: b.String(), pos: start, end: l.pos}, nil
		case c == q && strings.HasPrefix(l.src[i:], string([]byte{q, q, q})):
			// A long string may end in up to two quotes of its own kind.
			for i+3 < len(l.src) && l.src[i+3] == q {
				b.WriteByte(q)
				i++
			}
			l.pos = i + 3
			return token{kind: tString, val: b.String(), pos: start, end: l.pos}, nil
		case (c == '\n' || c == '\r') && !long:
			return token{}, l.errorf(i, "line break in a short string (use \\n or a long string)", "regeleinde in een korte string (gebruik \\n of een lange string)")
		case c == '\\':
			if i+1 >= len(l.src) {
				return token{}, l.errorf(i, "unterminated string", "string niet afgesloten")
			}
			esc := l.src[i+1]
			switch esc {
			case 't':
				b.WriteByte('\t')
			case 'b':
				b.WriteByte('\b')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 'f':
				b.WriteByte('\f')
			case '"', '\'', '\\':
				b.WriteByte(esc)
			case 'u', 'U':
				r, n, err := l.uchar(i)
				if err != nil {
					return token{}, err
				}
				b.WriteRune(r)
				i += n
				continue
			default:
				return token{}, l.errorf(i, "invalid escape \\%c in string", "ongeldige escape \\%c in string", esc)
			}
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
}

// wordOrPName scans a keyword/function name or, when a ':' follows the
// PN_PREFIX-shaped run, a prefixed name.
func (l *lexer) wordOrPName() (token, error) {
	start := l.pos
	i := l.pos
	last := i
	for i < len(l.src) {
		r, n := l.peekRune(i)
		if r == '.' {
			i += n
			continue
		}
		if !isPNChars(r) {
			break
		}
		i += n
		last = i
	}
	if last < len(l.src) && l.src[last] == ':' {
		return l.pname(start, last)
	}
	i = start
	for i < len(l.src) && isWordByte(l.src[i]) {
		i++
	}
	if i == start {
		r, _ := l.peekRune(i)
		return token{}, l.errorf(start, "unexpected character %s", "onverwacht teken %s", quoteRune(r))
	}
	l.pos = i
	return token{kind: tWord, val: l.src[start:i], pos: start, end: i}, nil
}

// pname scans the local part of a prefixed name whose ':' is at colon.
func (l *lexer) pname(start, colon int) (token, error) {
	i := colon + 1
	end := i
	var b strings.Builder
	committed := 0 // length of b up to end
	first := true
	for i < len(l.src) {
		c := l.src[i]
		switch {
		case c == '%':
			if i+2 >= len(l.src) || !isHex(l.src[i+1]) || !isHex(l.src[i+2]) {
				return token{}, l.errorf(i, "invalid percent escape in prefixed name", "ongeldige procent-escape in prefixnaam")
			}
			b.WriteString(l.src[i : i+3])
			i += 3
		case c == '\\':
			if i+1 >= len(l.src) || !isLocalEsc(l.src[i+1]) {
				return token{}, l.errorf(i, "invalid escape in prefixed name", "ongeldige escape in prefixnaam")
			}
			b.WriteByte(l.src[i+1])
			i += 2
		case c == ':':
			b.WriteByte(c)
			i++
		case c == '.' && !first:
			b.WriteByte(c)
			i++
			first = false
			continue // a local part never ends in '.'
		default:
			r, n := l.peekRune(i)
			ok := isPNChars(r)
			if first {
				ok = isPNCharsU(r) || isDigit(r)
			}
			if !ok {
				goto done
			}
			b.WriteString(l.src[i : i+n])
			i += n
		}
		first = false
		end = i
		committed = b.Len()
	}
done:
	l.pos = end
	local := b.String()[:committed]
	return token{kind: tPName, val: l.src[start:colon], local: local, pos: start, end: end}, nil
}
