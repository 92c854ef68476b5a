package dataset_test

import (
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

const ex = "http://example.org/"

// term reads the compact notation of the tests: :name (IRI in ex), _:b
// (blank), "text" or "text"@lang, a bare integer, or <iri>.
func term(s string) rdf.Term {
	switch {
	case strings.HasPrefix(s, ":"):
		return rdf.IRI(ex + s[1:])
	case strings.HasPrefix(s, "_:"):
		return rdf.Blank(s[2:])
	case strings.HasPrefix(s, "<"):
		return rdf.IRI(strings.Trim(s, "<>"))
	case strings.HasPrefix(s, `"`):
		i := strings.LastIndex(s, `"`)
		if rest := s[i+1:]; strings.HasPrefix(rest, "@") {
			return rdf.LangLiteral(s[1:i], rest[1:])
		}
		return rdf.Literal(s[1:i])
	}
	return rdf.TypedLiteral(s, rdf.XSDInteger)
}

// data reads lines "s p o" or "s p o g".
func data(lines ...string) []rdf.Quad {
	var qs []rdf.Quad
	for _, l := range lines {
		f := strings.Fields(l)
		q := rdf.Quad{S: term(f[0]), P: term(f[1]), O: term(f[2])}
		if len(f) > 3 {
			q.G = term(f[3])
		}
		qs = append(qs, q)
	}
	return qs
}
