// Package evidencetest generates DCAT catalogs whose five-star level and
// MQA score per dataset are known by construction, and serves them, with
// their distributions, from a loopback HTTP server.
//
// The generator decides each distribution's real content (a PDF, an
// XLSX, a CSV, Turtle with or without links to another authority), how
// the server delivers it (status codes, HEAD refused, redirects, 429 with
// Retry-After, a refused connection, an invalid URL), what the metadata
// claims (dct:format and dcat:mediaType, true or false, as an EU
// File-Type IRI, an IANA IRI or a literal), the licence (open, known but
// not open, unknown, absent), and which MQA metrics are present. From
// those choices alone it computes the truth: the stars by the five-star
// rules and the MQA v1 points by data.europa.eu's table and piveau's
// best-distribution rule. It does not import package evidence: the truth
// must not come from the code it checks.
//
// Bodies may lie: a PDF served as text/csv at x.csv and declared CSV is
// still a PDF, and an unknown binary served as text/csv counts as CSV
// (bytes tell nothing, so the Content-Type decides). Lies never point a
// plain-text, generic-XML or generic-JSON body at a more precise format
// of its family, where the format rules let the later source refine the
// sniff.
//
// Layout:
//
//	bodies.go    small files of every format served
//	generate.go  the specification, the truth and the catalog
//	server.go    the loopback server (catalog in Hydra pages, distributions, SPARQL)
package evidencetest
