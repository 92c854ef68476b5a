package parse

import (
	"fmt"
	"strings"
	"testing"
)

// show prints tokens compactly: kind:value, with the local part of
// prefixed names after a '|'.
func show(toks []token) string {
	names := map[tokKind]string{tIRI: "iri", tPName: "pname", tBlank: "blank", tVar: "var", tString: "str",
		tLang: "lang", tInteger: "int", tDecimal: "dec", tDouble: "dbl", tWord: "word", tPunct: "p"}
	var parts []string
	for _, t := range toks {
		if t.kind == tEOF {
			break
		}
		s := names[t.kind] + ":" + t.val
		if t.kind == tPName {
			s += "|" + t.local
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestLex(t *testing.T) {
	tests := []struct{ in, want string }{
		{`?x $y ?1a`, `var:x var:y var:1a`},
		{`<http://a/b> <> <a\u0062>`, `iri:http://a/b iri: iri:ab`},
		{`?x<?y`, `var:x p:< var:y`},
		{`?a<?b&&?c>?d`, `var:a iri:?b&&?c var:d`},
		{`?x < ?y <= 3 >= 4 > 5`, `var:x p:< var:y p:<= int:3 p:>= int:4 p:> int:5`},
		{`ex:a ex:a.b ex:a. :x : ex:`, `pname:ex|a pname:ex|a.b pname:ex|a p:. pname:|x pname:| pname:ex|`},
		{`ex:%41b ex:a\-b\.c ex:1 ex:a:b a.b:c`, `pname:ex|%41b pname:ex|a-b.c pname:ex|1 pname:ex|a:b pname:a.b|c`},
		{`1 1. 1.5 .5 1e5 1.e5 1.5E-3 12.`, `int:1 int:1 p:. dec:1.5 dec:.5 dbl:1e5 dbl:1.e5 dbl:1.5E-3 int:12 p:.`},
		{`"a\tb\"c" 'it''s'`, "str:a\tb\"c str:it str:s"},
		{`"""a "b" ""c"""" '''x'''`, `str:a "b" ""c" str:x`},
		{"\"\\U0001F600\"", "str:\U0001F600"},
		{`"x"@en-US "y"^^ex:t`, `str:x lang:en-US str:y p:^^ pname:ex|t`},
		{`_:a _:b.c _:d. []`, `blank:a blank:b.c blank:d p:. p:[ p:]`},
		{`a SELECT GROUP_CONCAT isIRI true`, `word:a word:SELECT word:GROUP_CONCAT word:isIRI word:true`},
		{"?x # comment <a>\n?y", `var:x var:y`},
		{`!= ! || | && ^^ ^ ? * + - / , ; ( ) { }`, `p:!= p:! p:|| p:| p:&& p:^^ p:^ p:? p:* p:+ p:- p:/ p:, p:; p:( p:) p:{ p:}`},
		{`?s :p? ?o`, `var:s pname:|p p:? var:o`},
		{`é:x ?é`, `pname:é|x var:é`},
	}
	for _, tt := range tests {
		toks, err := lex(tt.in)
		if err != nil {
			t.Errorf("lex(%q): %v", tt.in, err)
			continue
		}
		if got := show(toks); got != tt.want {
			t.Errorf("lex(%q)\ngot  %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestLexErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"abc`, `1:1: unterminated string`},
		{`'''abc''`, `1:1: unterminated string`},
		{`&`, `1:1: unexpected '&' (did you mean '&&'?)`},
		{`$`, `1:1: '$' must be followed by a variable name`},
		{`@`, `1:1: '@' must be followed by a language tag`},
		{`_:-a`, `1:1: invalid blank node label`},
		{`ex:a%4`, `1:5: invalid percent escape in prefixed name`},
		{`ex:a\q`, `1:5: invalid escape in prefixed name`},
		{`"\u12"`, `1:2: incomplete \u escape`},
		{`"\u12G4"`, `1:2: invalid \u escape`},
		{"?x \x01", `1:4: unexpected character U+0001`},
		{"?x \xff", `1:4: invalid UTF-8`},
		{"?x \"a\xffb\"", `1:6: invalid UTF-8`},
		{`~`, `1:1: unexpected character '~'`},
	}
	for _, tt := range tests {
		_, err := lex(tt.in)
		if got := fmt.Sprint(err); got != tt.want {
			t.Errorf("lex(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
