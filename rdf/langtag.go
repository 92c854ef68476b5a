package rdf

// IsLangTag reports whether s is a language tag as RDF 1.1 concrete syntaxes
// and SPARQL write it (LANGTAG without the "@"): [a-zA-Z]+ ('-'
// [a-zA-Z0-9]+)*. It checks that shape only, not BCP 47's registry, which
// is what every reader and writer must agree on for a round trip.
func IsLangTag(s string) bool {
	first, n := true, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			n++
		case c >= '0' && c <= '9' && !first:
			n++
		case c == '-' && n > 0:
			first, n = false, 0
		default:
			return false
		}
	}
	return n > 0
}
