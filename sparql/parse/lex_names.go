package parse

import "strings"

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
