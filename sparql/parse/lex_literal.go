package parse

import "strings"

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
