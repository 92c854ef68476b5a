package results_test

import (
	"os"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/results"
)

// An endpoint streams solutions as the evaluator produces them.
func ExampleNewWriter() {
	w := results.NewWriter(os.Stdout, results.TSV)
	_ = w.Head([]string{"stad", "score"})
	_ = w.Row([]rdf.Term{rdf.IRI("http://example.org/leuven"), rdf.TypedLiteral("3.5", rdf.XSDDecimal)})
	_ = w.Row([]rdf.Term{rdf.LangLiteral("Gent", "nl"), {}})
	_ = w.Close()
	// Output:
	// ?stad	?score
	// <http://example.org/leuven>	"3.5"^^<http://www.w3.org/2001/XMLSchema#decimal>
	// "Gent"@nl
}
