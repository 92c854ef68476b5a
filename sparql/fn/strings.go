package fn

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func fnStrlen(_ *Env, a []rdf.Term) (rdf.Term, error) {
	if err := stringArg("STRLEN", a[0]); err != nil {
		return rdf.Term{}, err
	}
	return intTerm(int64(utf8.RuneCountInString(a[0].Value))), nil
}

// fnSubstr is XPath fn:substring: the characters at positions p (from 1)
// with round(start) <= p < round(start)+round(length), NaN selecting none.
func fnSubstr(_ *Env, a []rdf.Term) (rdf.Term, error) {
	if err := stringArg("SUBSTR", a[0]); err != nil {
		return rdf.Term{}, err
	}
	start, err := floatArg("SUBSTR", a[1])
	if err != nil {
		return rdf.Term{}, err
	}
	from := xpathRound(start)
	to := math.Inf(1)
	if len(a) == 3 {
		n, err := floatArg("SUBSTR", a[2])
		if err != nil {
			return rdf.Term{}, err
		}
		to = from + xpathRound(n)
	}
	var b strings.Builder
	p := 1.0
	for _, r := range a[0].Value {
		if p >= from && p < to {
			b.WriteRune(r)
		}
		p++
	}
	return like(b.String(), a[0]), nil
}

// floatArg returns a numeric argument as float64.
func floatArg(where string, t rdf.Term) (float64, error) {
	n, err := operand(where, t)
	if err != nil {
		return 0, err
	}
	return n.promote(kDouble).f, nil
}

// xpathRound rounds half towards positive infinity, as fn:round does.
func xpathRound(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	if x < 0 && x-math.Trunc(x) == -0.5 {
		return math.Trunc(x)
	}
	return math.Round(x)
}

// fnUcase and fnLcase check the input's length: a case mapping changes the
// length of a few characters only (by half at most).
func fnUcase(e *Env, a []rdf.Term) (rdf.Term, error) {
	if err := stringArg("UCASE", a[0]); err != nil {
		return rdf.Term{}, err
	}
	if err := e.checkLen("UCASE", len(a[0].Value)); err != nil {
		return rdf.Term{}, err
	}
	return like(strings.ToUpper(a[0].Value), a[0]), nil
}

func fnLcase(e *Env, a []rdf.Term) (rdf.Term, error) {
	if err := stringArg("LCASE", a[0]); err != nil {
		return rdf.Term{}, err
	}
	if err := e.checkLen("LCASE", len(a[0].Value)); err != nil {
		return rdf.Term{}, err
	}
	return like(strings.ToLower(a[0].Value), a[0]), nil
}

// fnEncodeForURI percent-encodes every UTF-8 byte outside RFC 3986's
// unreserved set.
func fnEncodeForURI(e *Env, a []rdf.Term) (rdf.Term, error) {
	if err := stringArg("ENCODE_FOR_URI", a[0]); err != nil {
		return rdf.Term{}, err
	}
	const hex = "0123456789ABCDEF"
	unreserved := func(c byte) bool {
		return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
	}
	n := 0
	for _, c := range []byte(a[0].Value) {
		n++
		if !unreserved(c) {
			n += 2
		}
	}
	if err := e.checkLen("ENCODE_FOR_URI", n); err != nil {
		return rdf.Term{}, err
	}
	var b strings.Builder
	b.Grow(n)
	for _, c := range []byte(a[0].Value) {
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return rdf.Literal(b.String()), nil
}

func fnContains(_ *Env, a []rdf.Term) (rdf.Term, error) {
	if err := compatibleArgs("CONTAINS", a[0], a[1]); err != nil {
		return rdf.Term{}, err
	}
	return Bool(strings.Contains(a[0].Value, a[1].Value)), nil
}

func fnStrstarts(_ *Env, a []rdf.Term) (rdf.Term, error) {
	if err := compatibleArgs("STRSTARTS", a[0], a[1]); err != nil {
		return rdf.Term{}, err
	}
	return Bool(strings.HasPrefix(a[0].Value, a[1].Value)), nil
}

func fnStrends(_ *Env, a []rdf.Term) (rdf.Term, error) {
	if err := compatibleArgs("STRENDS", a[0], a[1]); err != nil {
		return rdf.Term{}, err
	}
	return Bool(strings.HasSuffix(a[0].Value, a[1].Value)), nil
}

// fnStrbefore keeps the first argument's language tag on a match and
// returns a simple "" when the second argument does not occur.
func fnStrbefore(_ *Env, a []rdf.Term) (rdf.Term, error) {
	if err := compatibleArgs("STRBEFORE", a[0], a[1]); err != nil {
		return rdf.Term{}, err
	}
	i := strings.Index(a[0].Value, a[1].Value)
	if i < 0 {
		return rdf.Literal(""), nil
	}
	return like(a[0].Value[:i], a[0]), nil
}

func fnStrafter(_ *Env, a []rdf.Term) (rdf.Term, error) {
	if err := compatibleArgs("STRAFTER", a[0], a[1]); err != nil {
		return rdf.Term{}, err
	}
	i := strings.Index(a[0].Value, a[1].Value)
	if i < 0 {
		return rdf.Literal(""), nil
	}
	return like(a[0].Value[i+len(a[1].Value):], a[0]), nil
}

// fnConcat keeps a language tag only when every argument has that tag.
func fnConcat(e *Env, a []rdf.Term) (rdf.Term, error) {
	n := 0
	for _, t := range a {
		n += len(t.Value)
	}
	if err := e.checkLen("CONCAT", n); err != nil {
		return rdf.Term{}, err
	}
	var b strings.Builder
	b.Grow(n)
	lang, same := "", true
	for i, t := range a {
		if err := stringArg("CONCAT", t); err != nil {
			return rdf.Term{}, err
		}
		b.WriteString(t.Value)
		if i == 0 {
			lang = t.Lang
		} else if t.Lang != lang {
			same = false
		}
	}
	if same && lang != "" {
		return rdf.LangLiteral(b.String(), lang), nil
	}
	return rdf.Literal(b.String()), nil
}

// fnLangMatches is RFC 4647 basic filtering, as SPARQL's langMatches.
func fnLangMatches(_ *Env, a []rdf.Term) (rdf.Term, error) {
	for _, t := range a {
		if err := simpleArg("LANGMATCHES", t); err != nil {
			return rdf.Term{}, err
		}
	}
	tag, rng := strings.ToLower(a[0].Value), strings.ToLower(a[1].Value)
	if rng == "*" {
		return Bool(tag != ""), nil
	}
	return Bool(tag == rng || strings.HasPrefix(tag, rng+"-")), nil
}
