package fn

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// compileRegex translates an XPath regular expression with its flags
// (s, m, i, x, q) to Go's RE2 syntax. The constructs RE2 lacks — back
// references, character-class subtraction, Unicode block escapes — are
// reported as ErrRegex rather than silently matched differently.
func compileRegex(pattern, flags string) (*regexp.Regexp, error) {
	var prefix string
	quote, extended := false, false
	for _, f := range flags {
		switch f {
		case 's', 'm', 'i':
			if !strings.ContainsRune(prefix, f) {
				prefix += string(f)
			}
		case 'x':
			extended = true
		case 'q':
			quote = true
		default:
			return nil, fmt.Errorf("regex flag %q: %w", f, ErrRegex)
		}
	}
	if extended && !quote { // with q the pattern is literal, spaces included
		pattern = stripRegexSpace(pattern)
	}
	var body string
	if quote {
		body = regexp.QuoteMeta(pattern)
		prefix = strings.Trim(prefix, "sm")
	} else {
		var err error
		if body, err = translateRegex(pattern, strings.ContainsRune(prefix, 's')); err != nil {
			return nil, err
		}
	}
	if prefix != "" {
		body = "(?" + prefix + ")" + body
	}
	re, err := regexp.Compile(body)
	if err != nil {
		return nil, fmt.Errorf("regex %q: %v: %w", pattern, err, ErrRegex)
	}
	return re, nil
}

// stripRegexSpace implements the x flag: whitespace outside character
// classes is removed.
func stripRegexSpace(p string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			b.WriteByte(c)
			b.WriteByte(p[i+1])
			i++
			continue
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case depth == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// XPath's multi-character escapes in RE2 terms; the class forms are used
// inside [...], where a nested class is impossible.
var regexEscapes = map[byte][2]string{
	'd': {`\p{Nd}`, `\p{Nd}`},
	'D': {`\P{Nd}`, ""},
	's': {`[ \t\n\r]`, ` \t\n\r`},
	'S': {`[^ \t\n\r]`, ""},
	'w': {`[\p{L}\p{M}\p{N}\p{S}]`, `\p{L}\p{M}\p{N}\p{S}`},
	'W': {`[\p{P}\p{Z}\p{C}]`, `\p{P}\p{Z}\p{C}`},
	'i': {`[\p{L}_:]`, `\p{L}_:`},
	'I': {`[^\p{L}_:]`, ""},
	'c': {`[\p{L}\p{M}\p{N}._:\-]`, `\p{L}\p{M}\p{N}._:\-`},
	'C': {`[^\p{L}\p{M}\p{N}._:\-]`, ""},
}

func translateRegex(p string, dotAll bool) (string, error) {
	var b strings.Builder
	inClass := false
	fail := func(what string) (string, error) {
		return "", fmt.Errorf("regex %q: %s: %w", p, what, ErrRegex)
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\':
			if i+1 >= len(p) {
				return fail("trailing backslash")
			}
			e := p[i+1]
			i++
			switch {
			case e >= '1' && e <= '9' && !inClass:
				return fail("back-references are not supported")
			case e == 'p' || e == 'P':
				end := strings.IndexByte(p[i:], '}')
				if end < 0 || !strings.HasPrefix(p[i+1:], "{") {
					return fail("malformed \\p escape")
				}
				name := p[i+2 : i+end]
				if strings.HasPrefix(name, "Is") {
					return fail("Unicode block escapes are not supported")
				}
				b.WriteString(`\` + string(e) + "{" + name + "}")
				i += end
			default:
				if forms, ok := regexEscapes[e]; ok {
					if !inClass {
						b.WriteString(forms[0])
					} else if forms[1] != "" {
						b.WriteString(forms[1])
					} else {
						return fail(`negated escape \` + string(e) + " inside a class")
					}
					continue
				}
				b.WriteByte('\\')
				b.WriteByte(e)
			}
		case c == '[' && !inClass:
			inClass = true
			b.WriteByte(c)
		case c == '[' && inClass:
			if i > 0 && p[i-1] == '-' {
				return fail("character class subtraction is not supported")
			}
			b.WriteString(`\[`)
		case c == ']' && inClass:
			inClass = false
			b.WriteByte(c)
		case c == '.' && !inClass && !dotAll:
			b.WriteString(`[^\n\r]`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// regex returns the compiled pattern, cached per Env because the evaluator
// calls REGEX once per solution with the same pattern.
func (e *Env) regex(where string, pat, flags rdf.Term) (*regexp.Regexp, error) {
	if err := simpleArg(where, pat); err != nil {
		return nil, err
	}
	f := ""
	if !flags.IsZero() {
		if err := simpleArg(where, flags); err != nil {
			return nil, err
		}
		f = flags.Value
	}
	key := f + "\x00" + pat.Value
	if re, ok := e.regexps[key]; ok {
		return re, nil
	}
	re, err := compileRegex(pat.Value, f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	if e.regexps == nil {
		e.regexps = map[string]*regexp.Regexp{}
	}
	e.regexps[key] = re
	return re, nil
}

func fnRegex(e *Env, a []rdf.Term) (rdf.Term, error) {
	if err := stringArg("REGEX", a[0]); err != nil {
		return rdf.Term{}, err
	}
	var flags rdf.Term
	if len(a) == 3 {
		flags = a[2]
	}
	re, err := e.regex("REGEX", a[1], flags)
	if err != nil {
		return rdf.Term{}, err
	}
	return Bool(re.MatchString(a[0].Value)), nil
}

// fnReplace is XPath fn:replace: $N in the replacement refers to a group,
// \$ and \\ are a literal dollar and backslash, and a pattern that matches
// the empty string is an error.
func fnReplace(e *Env, a []rdf.Term) (rdf.Term, error) {
	if err := stringArg("REPLACE", a[0]); err != nil {
		return rdf.Term{}, err
	}
	if err := simpleArg("REPLACE", a[2]); err != nil {
		return rdf.Term{}, err
	}
	var flags rdf.Term
	if len(a) == 4 {
		flags = a[3]
	}
	re, err := e.regex("REPLACE", a[1], flags)
	if err != nil {
		return rdf.Term{}, err
	}
	if re.MatchString("") {
		return rdf.Term{}, fmt.Errorf("REPLACE: pattern %q matches the empty string: %w", a[1].Value, ErrRegex)
	}
	var tmpl string
	if strings.ContainsRune(flags.Value, 'q') {
		// XPath 3.0: with q the replacement is literal too.
		tmpl = strings.ReplaceAll(a[2].Value, "$", "$$")
	} else if tmpl, err = replacementTemplate(a[2].Value, re.NumSubexp()); err != nil {
		return rdf.Term{}, err
	}
	src := a[0].Value
	if lit, complete := re.LiteralPrefix(); complete && !strings.Contains(tmpl, "$") {
		// A literal pattern and replacement, the common case (and the
		// shape of the nested-REPLACE bomb): the result's length is known
		// before it is built, and no match is kept.
		if err := e.checkLen("REPLACE", len(src)+strings.Count(src, lit)*(len(tmpl)-len(lit))); err != nil {
			return rdf.Term{}, err
		}
		return like(strings.ReplaceAll(src, lit, tmpl), a[0]), nil
	}
	var out []byte
	last := 0
	for _, m := range re.FindAllStringSubmatchIndex(src, -1) {
		out = append(out, src[last:m[0]]...)
		out = re.ExpandString(out, tmpl, src, m)
		last = m[1]
		// Checked as the result grows: each nesting level of REPLACE
		// can multiply the length by that of the replacement.
		if err := e.checkLen("REPLACE", len(out)+len(src)-last); err != nil {
			return rdf.Term{}, err
		}
	}
	out = append(out, src[last:]...)
	return like(string(out), a[0]), nil
}

// replacementTemplate converts an XPath replacement string to the template
// syntax of regexp.Expand. A group number takes as many digits as name an
// existing group.
func replacementTemplate(r string, groups int) (string, error) {
	var b strings.Builder
	for i := 0; i < len(r); i++ {
		switch c := r[i]; c {
		case '\\':
			if i+1 < len(r) && (r[i+1] == '\\' || r[i+1] == '$') {
				if r[i+1] == '$' {
					b.WriteString("$$")
				} else {
					b.WriteByte('\\')
				}
				i++
				continue
			}
			return "", fmt.Errorf("REPLACE: invalid backslash in replacement %q: %w", r, ErrRegex)
		case '$':
			j := i + 1
			if j >= len(r) || r[j] < '0' || r[j] > '9' {
				return "", fmt.Errorf("REPLACE: invalid $ in replacement %q: %w", r, ErrRegex)
			}
			n := int(r[j] - '0')
			j++
			for j < len(r) && r[j] >= '0' && r[j] <= '9' && n*10+int(r[j]-'0') <= groups {
				n = n*10 + int(r[j]-'0')
				j++
			}
			if n <= groups {
				fmt.Fprintf(&b, "${%d}", n)
			}
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}
