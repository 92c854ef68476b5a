package parse

import "strings"

// builtinArity returns the canonical name and the number of arguments of
// the SPARQL built-in function named word (any case), §17.4 and §19.8
// BuiltInCall. max < 0 means any number. URI and isURI are the same
// functions as IRI and isIRI, so they share a name.
func builtinArity(word string) (name string, min, max int, ok bool) {
	name = strings.ToUpper(word)
	switch name {
	case "URI":
		return "IRI", 1, 1, true
	case "ISURI":
		return "ISIRI", 1, 1, true
	case "STR", "LANG", "DATATYPE", "IRI", "ABS", "CEIL", "FLOOR", "ROUND",
		"STRLEN", "UCASE", "LCASE", "ENCODE_FOR_URI", "YEAR", "MONTH", "DAY",
		"HOURS", "MINUTES", "SECONDS", "TIMEZONE", "TZ", "MD5", "SHA1",
		"SHA256", "SHA384", "SHA512", "ISIRI", "ISBLANK", "ISLITERAL",
		"ISNUMERIC", "BOUND":
		return name, 1, 1, true
	case "LANGMATCHES", "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE",
		"STRAFTER", "STRLANG", "STRDT", "SAMETERM":
		return name, 2, 2, true
	case "RAND", "NOW", "UUID", "STRUUID":
		return name, 0, 0, true
	case "BNODE":
		return name, 0, 1, true
	case "CONCAT", "COALESCE":
		return name, 0, -1, true
	case "SUBSTR", "REGEX":
		return name, 2, 3, true
	case "REPLACE":
		return name, 3, 4, true
	case "IF":
		return name, 3, 3, true
	}
	return "", 0, 0, false
}

// aggregateName returns the canonical name of an aggregate keyword.
func aggregateName(word string) (string, bool) {
	switch name := strings.ToUpper(word); name {
	case "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT":
		return name, true
	}
	return "", false
}
