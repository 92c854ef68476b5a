package fn

import (
	"errors"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

func integer(s string) rdf.Term { return rdf.TypedLiteral(s, rdf.XSDInteger) }
func decimal(s string) rdf.Term { return rdf.TypedLiteral(s, rdf.XSDDecimal) }
func double(s string) rdf.Term  { return rdf.TypedLiteral(s, rdf.XSDDouble) }
func float(s string) rdf.Term   { return rdf.TypedLiteral(s, rdf.XSDFloat) }
func str(s string) rdf.Term     { return rdf.Literal(s) }
func lang(s, l string) rdf.Term { return rdf.LangLiteral(s, l) }
func typed(s, dt string) rdf.Term {
	return rdf.TypedLiteral(s, dt)
}
func dateTime(s string) rdf.Term { return rdf.TypedLiteral(s, rdf.XSDDateTime) }
func iri(s string) rdf.Term      { return rdf.IRI(s) }

// callCase is one row of a built-in function table: either want or err is
// set.
type callCase struct {
	name string
	args []rdf.Term
	want rdf.Term
	err  error
}

func runCalls(t *testing.T, cases []callCase) {
	t.Helper()
	for _, c := range cases {
		env := &Env{Base: "http://example.org/base/"}
		got, err := env.Call(c.name, c.args)
		label := c.name + "(" + argString(c.args) + ")"
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("%s = %v, %v; want error %v", label, got, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: unexpected error %v", label, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s = %s, want %s", label, got, c.want)
		}
	}
}

func argString(args []rdf.Term) string {
	s := ""
	for i, a := range args {
		if i > 0 {
			s += ", "
		}
		s += a.String()
	}
	return s
}
