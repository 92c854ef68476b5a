// Package assess turns a city's self-assessment sheet and staff survey into
// published linked data, and computes its action plan from the maturity
// model read as data.
//
// Input is a CSV file. It is validated completely in Go first, so that a
// bad file yields one error naming file, row and column and nothing is
// written; only then is a normalised copy mapped to RDF through the RML
// mappings in mappings/rml, and the computed parts (gap, plan,
// provenance, version links) are added. Functions return quads per named
// graph; the caller writes each graph as a whole, after CheckPublish has
// run the RDF Data Cube integrity constraints IC-1..IC-21 (ic.go) on them
// with the model: every import and every publish of the form refuses a
// cube that breaks one.
//
// Privacy: survey rows are aggregated in memory and never returned; a
// figure for a respondent group smaller than the threshold is left out and
// the data set says so (mat:suppressedGroup), and a second group is left out
// too when the small group could otherwise be computed from the total.
package assess
