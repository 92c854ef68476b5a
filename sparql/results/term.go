package results

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
)

// ParseTerm parses one RDF term as TSV results write it: an N-Triples term
// (<iri>, _:label, "literal" with @lang or ^^<datatype>) or a Turtle
// number or boolean. The empty string is the zero Term (unbound).
func ParseTerm(s string) (rdf.Term, error) {
	switch {
	case s == "":
		return rdf.Term{}, nil
	case s[0] == '<':
		if !strings.HasSuffix(s, ">") {
			return rdf.Term{}, fmt.Errorf("unterminated IRI %q", s)
		}
		v, err := unescape(s[1:len(s)-1], false)
		if err != nil {
			return rdf.Term{}, err
		}
		return rdf.IRI(v), nil
	case strings.HasPrefix(s, "_:"):
		if len(s) == 2 {
			return rdf.Term{}, fmt.Errorf("empty blank node label")
		}
		return rdf.Blank(s[2:]), nil
	case s[0] == '"' || s[0] == '\'':
		return parseLiteral(s)
	case s == "true" || s == "false":
		return rdf.TypedLiteral(s, rdf.XSDBoolean), nil
	}
	return parseNumber(s)
}

func parseLiteral(s string) (rdf.Term, error) {
	q := s[0]
	end := -1
	for i := 1; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == q {
			end = i
			break
		}
	}
	if end < 0 {
		return rdf.Term{}, fmt.Errorf("unterminated literal %q", s)
	}
	lex, err := unescape(s[1:end], true)
	if err != nil {
		return rdf.Term{}, err
	}
	rest := s[end+1:]
	switch {
	case rest == "":
		return rdf.Literal(lex), nil
	case rest[0] == '@' && rdf.IsLangTag(rest[1:]):
		return rdf.LangLiteral(lex, rest[1:]), nil
	case strings.HasPrefix(rest, "^^<") && strings.HasSuffix(rest, ">"):
		dt, err := unescape(rest[3:len(rest)-1], false)
		if err != nil {
			return rdf.Term{}, err
		}
		return rdf.TypedLiteral(lex, dt), nil
	}
	return rdf.Term{}, fmt.Errorf("unexpected %q after literal", rest)
}

// parseNumber reads the Turtle INTEGER, DECIMAL and DOUBLE tokens.
func parseNumber(s string) (rdf.Term, error) {
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 || body == "" {
		return rdf.Term{}, fmt.Errorf("not a term: %q", s)
	}
	digits, dot, exp := 0, false, false
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot && !exp:
			dot = true
		case (c == 'e' || c == 'E') && !exp && digits > 0:
			exp = true
			if i+1 < len(body) && (body[i+1] == '+' || body[i+1] == '-') {
				i++
			}
			if i+1 >= len(body) {
				return rdf.Term{}, fmt.Errorf("not a term: %q", s)
			}
		default:
			return rdf.Term{}, fmt.Errorf("not a term: %q", s)
		}
	}
	switch {
	case digits == 0 || strings.HasSuffix(body, "."):
		return rdf.Term{}, fmt.Errorf("not a term: %q", s)
	case exp:
		return rdf.TypedLiteral(s, rdf.XSDDouble), nil
	case dot:
		return rdf.TypedLiteral(s, rdf.XSDDecimal), nil
	}
	return rdf.TypedLiteral(s, rdf.XSDInteger), nil
}

// unescape resolves \u and \U escapes, and in strings the ECHARs too.
func unescape(s string, str bool) (string, error) {
	if !strings.Contains(s, `\`) {
		if !utf8.ValidString(s) {
			return "", fmt.Errorf("invalid UTF-8 in %q", s)
		}
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(s) {
			return "", fmt.Errorf("dangling backslash in %q", s)
		}
		i++
		switch e := s[i]; e {
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			if i+n >= len(s) {
				return "", fmt.Errorf("short \\%c escape in %q", e, s)
			}
			v, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil || !utf8.ValidRune(rune(v)) {
				return "", fmt.Errorf("bad \\%c escape in %q", e, s)
			}
			b.WriteRune(rune(v))
			i += n
		default:
			r := echar(e)
			if r == 0 || !str {
				return "", fmt.Errorf("bad escape \\%c in %q", e, s)
			}
			b.WriteByte(r)
		}
	}
	if !utf8.ValidString(b.String()) {
		return "", fmt.Errorf("invalid UTF-8 in %q", s)
	}
	return b.String(), nil
}

// echar returns the character of an ECHAR escape, or 0.
func echar(e byte) byte {
	switch e {
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 'f':
		return '\f'
	case '"', '\'', '\\':
		return e
	}
	return 0
}
