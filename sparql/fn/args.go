package fn

import (
	"github.com/stadleuven/maturity/rdf"
)

// isStringLiteral reports whether t is a simple literal (xsd:string) or a
// language-tagged string: the "string literals" of SPARQL 1.1 §17.4.3.
func isStringLiteral(t rdf.Term) bool {
	return t.IsLiteral() && (t.Datatype == rdf.XSDString || t.Datatype == rdf.RDFLangString)
}

// isSimple reports whether t is a simple literal (xsd:string, no language).
func isSimple(t rdf.Term) bool { return t.IsLiteral() && t.Datatype == rdf.XSDString }

// stringArg checks that t is a string literal.
func stringArg(where string, t rdf.Term) error {
	if !isStringLiteral(t) {
		return typeErr(where, "%s is not a string literal", t)
	}
	return nil
}

// simpleArg checks that t is a simple literal.
func simpleArg(where string, t rdf.Term) error {
	if !isSimple(t) {
		return typeErr(where, "%s is not a simple literal", t)
	}
	return nil
}

// compatibleArgs checks the argument compatibility rule of §17.4.3.1.2:
// both simple, both with the same language tag, or a tagged first argument
// with a simple second one.
func compatibleArgs(where string, a, b rdf.Term) error {
	if err := stringArg(where, a); err != nil {
		return err
	}
	if err := stringArg(where, b); err != nil {
		return err
	}
	if isSimple(b) || (a.Datatype == rdf.RDFLangString && a.Lang == b.Lang) {
		return nil
	}
	return typeErr(where, "%s and %s are not compatible", a, b)
}

// like returns s as a literal with the language tag (or none) of t.
func like(s string, t rdf.Term) rdf.Term {
	if t.Datatype == rdf.RDFLangString {
		return rdf.LangLiteral(s, t.Lang)
	}
	return rdf.Literal(s)
}

func boolTerm(b bool) rdf.Term {
	if b {
		return rdf.TypedLiteral("true", rdf.XSDBoolean)
	}
	return rdf.TypedLiteral("false", rdf.XSDBoolean)
}

// Bool returns the xsd:boolean literal for b.
func Bool(b bool) rdf.Term { return boolTerm(b) }

func intTerm(n int64) rdf.Term {
	return rdf.TypedLiteral(itoa(n), rdf.XSDInteger)
}
