package fn

import (
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

func TestStringFunctions(t *testing.T) {
	runCalls(t, []callCase{
		{name: "STRLEN", args: []rdf.Term{str("chat")}, want: integer("4")},
		{name: "STRLEN", args: []rdf.Term{lang("Brüssel", "de")}, want: integer("7")},
		{name: "STRLEN", args: []rdf.Term{integer("12")}, err: ErrType},
		{name: "SUBSTR", args: []rdf.Term{str("foobar"), integer("4")}, want: str("bar")},
		{name: "SUBSTR", args: []rdf.Term{lang("foobar", "en"), integer("4"), integer("1")}, want: lang("b", "en")},
		{name: "SUBSTR", args: []rdf.Term{str("motor car"), integer("6")}, want: str(" car")},
		{name: "SUBSTR", args: []rdf.Term{str("12345"), decimal("1.5"), decimal("2.6")}, want: str("234")},
		{name: "SUBSTR", args: []rdf.Term{str("12345"), integer("0"), integer("3")}, want: str("12")},
		{name: "SUBSTR", args: []rdf.Term{str("12345"), integer("-3"), integer("5")}, want: str("1")},
		{name: "SUBSTR", args: []rdf.Term{str("12345"), double("NaN"), integer("3")}, want: str("")},
		{name: "SUBSTR", args: []rdf.Term{str("ĳkë"), integer("2"), integer("1")}, want: str("k")},
		{name: "SUBSTR", args: []rdf.Term{str("abc"), str("1")}, err: ErrType},
		{name: "UCASE", args: []rdf.Term{lang("foo", "en")}, want: lang("FOO", "en")},
		{name: "LCASE", args: []rdf.Term{str("BAR")}, want: str("bar")},
		{name: "UCASE", args: []rdf.Term{iri("http://ex/")}, err: ErrType},
		{name: "ENCODE_FOR_URI", args: []rdf.Term{str("Los Angeles")}, want: str("Los%20Angeles")},
		{name: "ENCODE_FOR_URI", args: []rdf.Term{lang("Sant'Agata dé", "it")}, want: str("Sant%27Agata%20d%C3%A9")},
		{name: "CONTAINS", args: []rdf.Term{str("foobar"), str("bar")}, want: Bool(true)},
		{name: "CONTAINS", args: []rdf.Term{lang("foobar", "en"), lang("foo", "en")}, want: Bool(true)},
		{name: "CONTAINS", args: []rdf.Term{lang("foobar", "en"), str("xyz")}, want: Bool(false)},
		{name: "CONTAINS", args: []rdf.Term{str("foobar"), lang("foo", "en")}, err: ErrType},
		{name: "CONTAINS", args: []rdf.Term{lang("foobar", "en"), lang("foo", "fr")}, err: ErrType},
		{name: "STRSTARTS", args: []rdf.Term{str("foobar"), str("foo")}, want: Bool(true)},
		{name: "STRENDS", args: []rdf.Term{str("foobar"), str("foo")}, want: Bool(false)},
		{name: "STRSTARTS", args: []rdf.Term{integer("1"), str("1")}, err: ErrType},
		{name: "STRBEFORE", args: []rdf.Term{str("abc"), str("b")}, want: str("a")},
		{name: "STRBEFORE", args: []rdf.Term{lang("abc", "en"), str("bc")}, want: lang("a", "en")},
		{name: "STRBEFORE", args: []rdf.Term{lang("abc", "en"), str("")}, want: lang("", "en")},
		{name: "STRBEFORE", args: []rdf.Term{lang("abc", "en"), str("z")}, want: str("")},
		{name: "STRAFTER", args: []rdf.Term{str("abc"), str("b")}, want: str("c")},
		{name: "STRAFTER", args: []rdf.Term{lang("abc", "en"), str("")}, want: lang("abc", "en")},
		{name: "STRAFTER", args: []rdf.Term{lang("abc", "en"), lang("z", "en")}, want: str("")},
		{name: "CONCAT", args: []rdf.Term{str("foo"), str("bar")}, want: str("foobar")},
		{name: "CONCAT", args: []rdf.Term{lang("foo", "en"), lang("bar", "en")}, want: lang("foobar", "en")},
		{name: "CONCAT", args: []rdf.Term{lang("foo", "en"), str("bar")}, want: str("foobar")},
		{name: "CONCAT", args: nil, want: str("")},
		{name: "CONCAT", args: []rdf.Term{str("a"), integer("1")}, err: ErrType},
		{name: "LANGMATCHES", args: []rdf.Term{str("en-US"), str("en")}, want: Bool(true)},
		{name: "LANGMATCHES", args: []rdf.Term{str("EN"), str("en")}, want: Bool(true)},
		{name: "LANGMATCHES", args: []rdf.Term{str("english"), str("en")}, want: Bool(false)},
		{name: "LANGMATCHES", args: []rdf.Term{str("fr"), str("*")}, want: Bool(true)},
		{name: "LANGMATCHES", args: []rdf.Term{str(""), str("*")}, want: Bool(false)},
		{name: "STR", args: []rdf.Term{iri("http://ex/a")}, want: str("http://ex/a")},
		{name: "STR", args: []rdf.Term{lang("chat", "fr")}, want: str("chat")},
		{name: "STR", args: []rdf.Term{integer("01")}, want: str("01")},
		{name: "STR", args: []rdf.Term{rdf.Blank("b")}, err: ErrType},
		{name: "LANG", args: []rdf.Term{lang("chat", "fr")}, want: str("fr")},
		{name: "LANG", args: []rdf.Term{integer("1")}, want: str("")},
		{name: "LANG", args: []rdf.Term{iri("http://ex/a")}, err: ErrType},
		{name: "DATATYPE", args: []rdf.Term{str("a")}, want: iri(rdf.XSDString)},
		{name: "DATATYPE", args: []rdf.Term{lang("a", "en")}, want: iri(rdf.RDFLangString)},
		{name: "DATATYPE", args: []rdf.Term{integer("1")}, want: iri(rdf.XSDInteger)},
		{name: "STRDT", args: []rdf.Term{str("123"), iri(rdf.XSDInteger)}, want: integer("123")},
		{name: "STRDT", args: []rdf.Term{lang("123", "en"), iri(rdf.XSDInteger)}, err: ErrType},
		{name: "STRDT", args: []rdf.Term{str("123"), str(rdf.XSDInteger)}, err: ErrType},
		{name: "STRLANG", args: []rdf.Term{str("chat"), str("fr")}, want: lang("chat", "fr")},
		{name: "STRLANG", args: []rdf.Term{str("chat"), str("")}, err: ErrType},
		{name: "STRLANG", args: []rdf.Term{lang("chat", "en"), str("fr")}, err: ErrType},
		{name: "strlen", args: []rdf.Term{str("ab")}, want: integer("2")},
		{name: "NOSUCH", args: nil, err: ErrUnknownFunction},
		{name: "STRLEN", args: nil, err: ErrArity},
		{name: "STRLEN", args: []rdf.Term{{}}, err: ErrUnbound},
	})
}

func TestHashFunctions(t *testing.T) {
	runCalls(t, []callCase{
		{name: "MD5", args: []rdf.Term{str("abc")}, want: str("900150983cd24fb0d6963f7d28e17f72")},
		{name: "SHA1", args: []rdf.Term{str("abc")}, want: str("a9993e364706816aba3e25717850c26c9cd0d89d")},
		{name: "SHA256", args: []rdf.Term{str("abc")}, want: str("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")},
		{name: "SHA384", args: []rdf.Term{str("abc")}, want: str("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")},
		{name: "SHA512", args: []rdf.Term{str("abc")}, want: str("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")},
		{name: "MD5", args: []rdf.Term{lang("abc", "en")}, err: ErrType},
		{name: "SHA1", args: []rdf.Term{integer("1")}, err: ErrType},
	})
}

func TestTermFunctions(t *testing.T) {
	runCalls(t, []callCase{
		{name: "ISIRI", args: []rdf.Term{iri("http://ex/")}, want: Bool(true)},
		{name: "ISURI", args: []rdf.Term{str("http://ex/")}, want: Bool(false)},
		{name: "ISBLANK", args: []rdf.Term{rdf.Blank("b")}, want: Bool(true)},
		{name: "ISLITERAL", args: []rdf.Term{integer("1")}, want: Bool(true)},
		{name: "ISNUMERIC", args: []rdf.Term{integer("12")}, want: Bool(true)},
		{name: "ISNUMERIC", args: []rdf.Term{str("12")}, want: Bool(false)},
		{name: "ISNUMERIC", args: []rdf.Term{typed("1200", rdf.XSDNS+"byte")}, want: Bool(false)},
		{name: "SAMETERM", args: []rdf.Term{integer("1"), integer("01")}, want: Bool(false)},
		{name: "SAMETERM", args: []rdf.Term{integer("1"), integer("1")}, want: Bool(true)},
		{name: "IRI", args: []rdf.Term{str("http://ex/a")}, want: iri("http://ex/a")},
		{name: "IRI", args: []rdf.Term{str("rel")}, want: iri("http://example.org/base/rel")},
		{name: "URI", args: []rdf.Term{iri("http://ex/a")}, want: iri("http://ex/a")},
		{name: "IRI", args: []rdf.Term{integer("1")}, err: ErrType},
		{name: "IRI", args: []rdf.Term{str("http://ex/a b")}, err: ErrType},
		{name: "IRI", args: []rdf.Term{str("http://ex/<a>")}, err: ErrType},
	})
}

func TestGeneratedTerms(t *testing.T) {
	env := &Env{}
	seen := map[rdf.Term]bool{}
	for range 100 {
		for _, name := range []string{"UUID", "STRUUID", "BNODE"} {
			v, err := env.Call(name, nil)
			if err != nil {
				t.Fatal(err)
			}
			if seen[v] {
				t.Fatalf("%s returned %s twice", name, v)
			}
			seen[v] = true
		}
	}
	u, _ := env.Call("UUID", nil)
	if !u.IsIRI() || len(u.Value) != len("urn:uuid:")+36 || u.Value[len("urn:uuid:")+14] != '4' {
		t.Errorf("UUID() = %s, want a version 4 urn:uuid IRI", u)
	}
	s, _ := env.Call("STRUUID", nil)
	if !isSimple(s) || len(s.Value) != 36 {
		t.Errorf("STRUUID() = %s", s)
	}
	r, _ := env.Call("RAND", nil)
	if f, err := floatArg("RAND", r); err != nil || f < 0 || f >= 1 || r.Datatype != rdf.XSDDouble {
		t.Errorf("RAND() = %s", r)
	}

	// BNODE(str) is stable within a solution and fresh across solutions.
	a1, _ := env.Call("BNODE", []rdf.Term{str("a")})
	a2, _ := env.Call("BNODE", []rdf.Term{str("a")})
	b1, _ := env.Call("BNODE", []rdf.Term{str("b")})
	env.NewRow()
	a3, _ := env.Call("BNODE", []rdf.Term{str("a")})
	if a1 != a2 || a1 == b1 || a1 == a3 || !a1.IsBlank() {
		t.Errorf("BNODE: a1=%s a2=%s b1=%s a3=%s", a1, a2, b1, a3)
	}
	other := &Env{}
	o, _ := other.Call("BNODE", nil)
	if seen[o] {
		t.Errorf("two Envs produced the same blank node %s", o)
	}
}
