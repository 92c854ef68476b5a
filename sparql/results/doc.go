// Package results reads and writes SPARQL 1.1 query results: the JSON and
// XML result formats and the CSV and TSV formats, for SELECT solutions and
// ASK booleans.
//
// Writers stream: the endpoint writes the head, then each row as the
// evaluator produces it, then closes. Readers load a whole result into a
// Table, which is what tests, the W3C harness and a SERVICE client need.
//
// CSV loses term types (the SPARQL 1.1 CSV format prints only lexical forms
// and IRIs as text); TSV keeps them, printing terms as in N-Triples.
package results
