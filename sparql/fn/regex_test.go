package fn

import (
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

func TestRegex(t *testing.T) {
	runCalls(t, []callCase{
		{name: "REGEX", args: []rdf.Term{str("Alice"), str("^ali"), str("i")}, want: Bool(true)},
		{name: "REGEX", args: []rdf.Term{str("Alice"), str("^ali")}, want: Bool(false)},
		{name: "REGEX", args: []rdf.Term{lang("chat", "fr"), str("h")}, want: Bool(true)},
		{name: "REGEX", args: []rdf.Term{str("a\nb"), str("a.b")}, want: Bool(false)},
		{name: "REGEX", args: []rdf.Term{str("a\nb"), str("a.b"), str("s")}, want: Bool(true)},
		{name: "REGEX", args: []rdf.Term{str("a\rb"), str("a.b")}, want: Bool(false)},
		{name: "REGEX", args: []rdf.Term{str("x\nab"), str("^ab")}, want: Bool(false)},
		{name: "REGEX", args: []rdf.Term{str("x\nab"), str("^ab"), str("m")}, want: Bool(true)},
		{name: "REGEX", args: []rdf.Term{str("helloworld"), str("hello world"), str("x")}, want: Bool(true)},
		{name: "REGEX", args: []rdf.Term{str("a b"), str("a[ ]b"), str("x")}, want: Bool(true)},
		{name: "REGEX", args: []rdf.Term{str("a.b"), str("."), str("q")}, want: Bool(true)},
		{name: "REGEX", args: []rdf.Term{str("ab"), str("."), str("q")}, want: Bool(false)},
		{name: "REGEX", args: []rdf.Term{str("٣"), str(`^\d$`)}, want: Bool(true)},
		{name: "REGEX", args: []rdf.Term{str("é"), str(`^\w$`)}, want: Bool(true)},
		{name: "REGEX", args: []rdf.Term{str("é!"), str(`^[\w!]+$`)}, want: Bool(true)},
		{name: "REGEX", args: []rdf.Term{str("aa"), str(`(a)\1`)}, err: ErrRegex},
		{name: "REGEX", args: []rdf.Term{str("b"), str(`[a-z-[aeiou]]`)}, err: ErrRegex},
		{name: "REGEX", args: []rdf.Term{str("a"), str(`\p{IsBasicLatin}`)}, err: ErrRegex},
		{name: "REGEX", args: []rdf.Term{str("a"), str(`\p{Lu}`)}, want: Bool(false)},
		{name: "REGEX", args: []rdf.Term{str("a"), str("a"), str("z")}, err: ErrRegex},
		{name: "REGEX", args: []rdf.Term{str("a"), str("(")}, err: ErrRegex},
		{name: "REGEX", args: []rdf.Term{integer("1"), str("1")}, err: ErrType},
		{name: "REGEX", args: []rdf.Term{str("a"), lang("a", "en")}, err: ErrType},
		{name: "REPLACE", args: []rdf.Term{str("abcd"), str("b"), str("Z")}, want: str("aZcd")},
		{name: "REPLACE", args: []rdf.Term{str("abab"), str("B"), str("Z"), str("i")}, want: str("aZaZ")},
		{name: "REPLACE", args: []rdf.Term{lang("abcd", "en"), str("(b)(c)"), str("$2$1")}, want: lang("acbd", "en")},
		{name: "REPLACE", args: []rdf.Term{str("abc"), str("b"), str(`\$\\`)}, want: str(`a$\c`)},
		{name: "REPLACE", args: []rdf.Term{str("abc"), str("(b)"), str("$12")}, want: str("ab2c")},
		{name: "REPLACE", args: []rdf.Term{str("abc"), str("b"), str("$")}, err: ErrRegex},
		{name: "REPLACE", args: []rdf.Term{str("abc"), str("x*"), str("-")}, err: ErrRegex},
		{name: "REPLACE", args: []rdf.Term{str("a.b.c"), str("."), str("-"), str("q")}, want: str("a-b-c")},
		{name: "REPLACE", args: []rdf.Term{str("a.b"), str("."), str(`$1\`), str("q")}, want: str(`a$1\b`)},
		{name: "REGEX", args: []rdf.Term{str("a b"), str("a b"), str("xq")}, want: Bool(true)},
	})
}
