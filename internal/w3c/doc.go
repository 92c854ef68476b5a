// Package w3c runs the W3C conformance suites (rdf-tests for Turtle,
// N-Triples and RDF/XML; the DAWG SPARQL 1.0 and 1.1 query suites) for the
// tests of several packages, so that a pass count means the same thing
// wherever it is printed.
//
// It reads the manifests (mf:entries lists, mf:include, test types,
// qt:query, qt:data, qt:graphData, mf:action, mf:result and the suites'
// assumed bases), loads the expected results (.srx, .srj, .tsv, .csv and
// RDF graphs, including rs: result sets), and judges answers strictly —
// the projected variables, terms exactly, blank nodes up to isomorphism,
// rows in order under ORDER BY (whole rows when the keys are not
// projected) — with a second, by-value pass that only the tests listed in
// byvalue.go, each with its reason, may use; their passes are counted
// apart. It also keeps the skip list with its reasons and the floors.
// mutation_test.go proves that the judging fails broken answers.
//
// It is an ordinary package, not a test file, because test files cannot be
// shared between packages; it must never depend on the store, so that the
// in-memory engine and the store are judged by the very same code.
package w3c
