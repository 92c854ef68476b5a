package parse_test

import (
	"errors"
	"fmt"

	"github.com/stadleuven/maturity/sparql/parse"
)

func ExampleParse() {
	q, err := parse.Parse(`PREFIX mat: <https://data.leuven.be/ns/maturity#>
SELECT ?city (AVG(?score) AS ?avg)
WHERE { ?a mat:city ?city ; mat:score ?score FILTER(?score > 0) }
GROUP BY ?city`, "")
	if err != nil {
		panic(err)
	}
	fmt.Println(q.Form, q.Vars)
	fmt.Println(q.Pattern)
	// Output:
	// SELECT [?city ?avg]
	// (project (?city ?avg) (extend ((?avg ?.agg1)) (group (?city) ((?.agg1 (avg ?score))) (filter (> ?score 0) (bgp (triple ?a <https://data.leuven.be/ns/maturity#city> ?city) (triple ?a <https://data.leuven.be/ns/maturity#score> ?score))))))
}

func ExampleError() {
	_, err := parse.Parse("SELECT ?s ?o\nWHERE { ?s ?p ?o }\nGROUP BY ?s", "")
	var perr *parse.Error
	if errors.As(err, &perr) {
		fmt.Println(perr)
		fmt.Println(perr.Localized("nl"))
		fmt.Println(perr.Snippet)
	}
	// Output:
	// 1:11: variable ?o is projected but not grouped: add it to GROUP BY or use an aggregate
	// regel 1, kolom 11: variabele ?o wordt geprojecteerd maar niet gegroepeerd: neem ze op in GROUP BY of gebruik een aggregaat
	// SELECT ?s ?o
	//           ^
}
