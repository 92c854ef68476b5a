// Package examples ships data that makes a fresh server worth visiting:
// two clearly fictional demo cities with self-assessments for two years
// (one of them revised, to show versions) and a staff survey, all imported
// through the same code paths a city uses, plus example SPARQL queries. The
// queries use absolute IRIs only, so they answer the same way on every
// instance. (The study's own findings, real data, are part of the model:
// vocab/ttl/studie.)
package examples
