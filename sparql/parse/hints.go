package parse

import (
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// Hints that turn common mistakes into errors people can act on.

// wellKnownPrefix returns the namespace usually bound to prefix, for the
// hint in an "undefined prefix" error.
func wellKnownPrefix(prefix string) (string, bool) {
	switch prefix {
	case "rdf":
		return rdf.RDFNS, true
	case "rdfs":
		return rdf.RDFSNS, true
	case "xsd":
		return rdf.XSDNS, true
	case "owl":
		return "http://www.w3.org/2002/07/owl#", true
	case "skos":
		return "http://www.w3.org/2004/02/skos/core#", true
	case "dct", "dcterms":
		return "http://purl.org/dc/terms/", true
	case "dcat":
		return "http://www.w3.org/ns/dcat#", true
	case "foaf":
		return "http://xmlns.com/foaf/0.1/", true
	case "schema":
		return "http://schema.org/", true
	case "qb":
		return "http://purl.org/linked-data/cube#", true
	case "prov":
		return "http://www.w3.org/ns/prov#", true
	}
	return "", false
}

// knownNames are the built-in and aggregate names, for "did you mean".
const knownNames = `STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL
FLOOR ROUND CONCAT SUBSTR STRLEN REPLACE UCASE LCASE ENCODE_FOR_URI CONTAINS
STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS
TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF
STRLANG STRDT sameTerm isIRI isURI isBLANK isLITERAL isNUMERIC REGEX EXISTS
COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT`

// closestName returns the built-in name nearest to word when it is at most
// two edits away (case-insensitively).
func closestName(word string) (string, bool) {
	best, bestDist := "", 3
	w := strings.ToUpper(word)
	for _, n := range strings.Fields(knownNames) {
		if d := editDistance(w, strings.ToUpper(n)); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best, best != ""
}

// editDistance is the Levenshtein distance of two short ASCII words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
