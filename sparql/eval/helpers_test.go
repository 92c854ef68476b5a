package eval_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/eval"
	"github.com/stadleuven/maturity/sparql/parse"
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
		return rdf.Literal(strings.ReplaceAll(s[1:i], "_", " "))
	}
	return rdf.TypedLiteral(s, rdf.XSDInteger)
}

// show prints a term in the same compact notation.
func show(t rdf.Term) string {
	switch {
	case t.IsZero():
		return "-"
	case t.IsIRI() && strings.HasPrefix(t.Value, ex):
		return ":" + t.Value[len(ex):]
	case t.IsLiteral() && t.Datatype == rdf.XSDInteger:
		return t.Value
	}
	return t.String()
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

func run(t *testing.T, ds dataset.Dataset, query string, opts eval.Options) *eval.Result {
	t.Helper()
	r, err := start(t, ds, query, opts)
	if err != nil {
		t.Fatalf("exec %q: %v", query, err)
	}
	return r
}

// start parses query (with the prefix ":" for ex) and starts it; a parse
// error fails the test, an evaluation error is returned.
func start(t *testing.T, ds dataset.Dataset, query string, opts eval.Options) (*eval.Result, error) {
	t.Helper()
	q, err := parse.Parse("PREFIX : <"+ex+">\n"+query, "")
	if err != nil {
		t.Fatalf("parse %q: %v", query, err)
	}
	return eval.Exec(context.Background(), ds, q, opts)
}

// rows evaluates a SELECT and returns each row as "v=term v=term", in
// result order.
func rows(t *testing.T, ds dataset.Dataset, query string, opts eval.Options) []string {
	t.Helper()
	r := run(t, ds, query, opts)
	defer r.Close()
	var out []string
	for r.Next() {
		var parts []string
		for i, v := range r.Row() {
			parts = append(parts, r.Vars()[i]+"="+show(v))
		}
		out = append(out, strings.Join(parts, " "))
	}
	if err := r.Err(); err != nil {
		t.Fatalf("rows %q: %v", query, err)
	}
	return out
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}
