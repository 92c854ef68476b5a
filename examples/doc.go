// Package examples ships data that makes a fresh server worth visiting:
// the study's own published findings as a Data Cube (real data, exactly
// the study's numbers), two clearly fictional demo cities with
// self-assessments for two years (one of them revised, to show versions)
// and a staff survey, all imported through the same code paths a city
// uses, plus example SPARQL queries.
package examples
