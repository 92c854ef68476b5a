package fn_test

import (
	"fmt"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/fn"
)

func ExampleArith() {
	big := rdf.TypedLiteral("9223372036854775807", rdf.XSDInteger)
	sum, _ := fn.Arith('+', big, rdf.TypedLiteral("1", rdf.XSDInteger))
	third, _ := fn.Arith('/', rdf.TypedLiteral("1", rdf.XSDInteger), rdf.TypedLiteral("4", rdf.XSDInteger))
	_, err := fn.Arith('+', rdf.Literal("1"), rdf.TypedLiteral("1", rdf.XSDInteger))
	fmt.Println(sum)
	fmt.Println(third)
	fmt.Println(err)
	// Output:
	// "9223372036854775808"^^<http://www.w3.org/2001/XMLSchema#integer>
	// "0.25"^^<http://www.w3.org/2001/XMLSchema#decimal>
	// +: "1" is not numeric: type error
}

func ExampleEnv_Call() {
	env := &fn.Env{Base: "http://example.org/"}
	days, _ := fn.Arith('-',
		rdf.TypedLiteral("2024-03-01T00:00:00Z", rdf.XSDDateTime),
		rdf.TypedLiteral("2024-02-01T00:00:00Z", rdf.XSDDateTime))
	upper, _ := env.Call("UCASE", []rdf.Term{rdf.LangLiteral("leuven", "nl")})
	iri, _ := env.Call("IRI", []rdf.Term{rdf.Literal("stad/leuven")})
	fmt.Println(days)
	fmt.Println(upper)
	fmt.Println(iri)
	// Output:
	// "P29D"^^<http://www.w3.org/2001/XMLSchema#dayTimeDuration>
	// "LEUVEN"@nl
	// <http://example.org/stad/leuven>
}
