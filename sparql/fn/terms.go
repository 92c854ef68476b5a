package fn

import (
	"crypto/rand"
	"fmt"
	"strings"
	"unsafe"

	"github.com/stadleuven/maturity/rdf"
)

func fnIsIRI(_ *Env, a []rdf.Term) (rdf.Term, error)     { return Bool(a[0].IsIRI()), nil }
func fnIsBlank(_ *Env, a []rdf.Term) (rdf.Term, error)   { return Bool(a[0].IsBlank()), nil }
func fnIsLiteral(_ *Env, a []rdf.Term) (rdf.Term, error) { return Bool(a[0].IsLiteral()), nil }
func fnSameTerm(_ *Env, a []rdf.Term) (rdf.Term, error)  { return Bool(a[0] == a[1]), nil }

// fnIsNumeric is true only for a numeric datatype with a valid lexical
// form: "12"^^xsd:integer, not "1200"^^xsd:byte.
func fnIsNumeric(_ *Env, a []rdf.Term) (rdf.Term, error) {
	_, ok, err := toNumber(a[0])
	return Bool(ok && err == nil), nil
}

// fnIRI resolves a string against the query's base IRI.
func fnIRI(e *Env, a []rdf.Term) (rdf.Term, error) {
	t := a[0]
	if t.IsIRI() {
		return t, nil
	}
	if !isSimple(t) {
		return rdf.Term{}, typeErr("IRI", "%s is neither an IRI nor a simple literal", t)
	}
	if i := strings.IndexAny(t.Value, "<>\"{}|^`\\ \t\n\r"); i >= 0 {
		return rdf.Term{}, typeErr("IRI", "%q contains %q, which an IRI cannot", t.Value, t.Value[i])
	}
	if rdf.IsAbsoluteIRI(t.Value) || e.Base == "" {
		if !rdf.IsAbsoluteIRI(t.Value) {
			return rdf.Term{}, typeErr("IRI", "%q is relative and there is no base IRI", t.Value)
		}
		return rdf.IRI(t.Value), nil
	}
	iri, err := rdf.ResolveIRI(e.Base, t.Value)
	if err != nil {
		return rdf.Term{}, fmt.Errorf("IRI: %v: %w", err, ErrType)
	}
	return rdf.IRI(iri), nil
}

// fnBnode without argument returns a fresh blank node per call; with a
// string it returns the same node for the same string within one solution
// (see Env.NewRow) and different nodes across solutions.
func fnBnode(e *Env, a []rdf.Term) (rdf.Term, error) {
	if len(a) == 0 {
		return rdf.Blank(e.freshLabel()), nil
	}
	if err := simpleArg("BNODE", a[0]); err != nil {
		return rdf.Term{}, err
	}
	if l, ok := e.rowBnodes[a[0].Value]; ok {
		return rdf.Blank(l), nil
	}
	if e.rowBnodes == nil {
		e.rowBnodes = map[string]string{}
	}
	l := e.freshLabel()
	e.rowBnodes[a[0].Value] = l
	return rdf.Blank(l), nil
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var u [16]byte
	_, _ = rand.Read(u[:]) // crypto/rand.Read never fails on supported platforms
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

func fnUUID(_ *Env, _ []rdf.Term) (rdf.Term, error)    { return rdf.IRI("urn:uuid:" + newUUID()), nil }
func fnStrUUID(_ *Env, _ []rdf.Term) (rdf.Term, error) { return rdf.Literal(newUUID()), nil }

func fnStr(_ *Env, a []rdf.Term) (rdf.Term, error) {
	switch a[0].Kind {
	case rdf.KindIRI, rdf.KindLiteral:
		return rdf.Literal(a[0].Value), nil
	}
	return rdf.Term{}, typeErr("STR", "%s has no string form", a[0])
}

func fnLang(_ *Env, a []rdf.Term) (rdf.Term, error) {
	if !a[0].IsLiteral() {
		return rdf.Term{}, typeErr("LANG", "%s is not a literal", a[0])
	}
	return rdf.Literal(a[0].Lang), nil
}

func fnDatatype(_ *Env, a []rdf.Term) (rdf.Term, error) {
	if !a[0].IsLiteral() {
		return rdf.Term{}, typeErr("DATATYPE", "%s is not a literal", a[0])
	}
	return rdf.IRI(a[0].Datatype), nil
}

func fnStrdt(_ *Env, a []rdf.Term) (rdf.Term, error) {
	if err := simpleArg("STRDT", a[0]); err != nil {
		return rdf.Term{}, err
	}
	if !a[1].IsIRI() || a[1].Value == rdf.RDFLangString {
		return rdf.Term{}, typeErr("STRDT", "%s is not a datatype IRI", a[1])
	}
	return rdf.TypedLiteral(a[0].Value, a[1].Value), nil
}

func fnStrlang(_ *Env, a []rdf.Term) (rdf.Term, error) {
	if err := simpleArg("STRLANG", a[0]); err != nil {
		return rdf.Term{}, err
	}
	if err := simpleArg("STRLANG", a[1]); err != nil {
		return rdf.Term{}, err
	}
	if !rdf.IsLangTag(a[1].Value) {
		return rdf.Term{}, typeErr("STRLANG", "%q is not a language tag", a[1].Value)
	}
	return rdf.LangLiteral(a[0].Value, a[1].Value), nil
}

// termHeader is the size of an rdf.Term value itself, without the bytes of
// its strings.
const termHeader = int(unsafe.Sizeof(rdf.Term{}))

// TermSize estimates the bytes a kept term holds: the value itself and
// its lexical form and language tag. Datatype IRIs are nearly always
// shared constants and are not counted.
func TermSize(t rdf.Term) int { return termHeader + len(t.Value) + len(t.Lang) }
