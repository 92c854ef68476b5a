// Package conformance proves the whole pipeline on the real bbolt store with
// the W3C test suites: parsing through store.Import, reading back through
// Snapshot.Quads, exporting through every rdfio writer and querying through
// sparql.Exec on a store.Snapshot.
//
// It holds tests only. The parser, writer and evaluator packages run the
// same suites over in-memory data; running them again here, through the
// store, catches what those cannot: terms the store's dictionary encodes or
// decodes differently, quads an index loses, an import that leaves half a
// document behind after a syntax error, and any disagreement between the
// store's Dataset implementation and dataset.Memory, which the SPARQL tests
// report test by test.
//
// Manifests, expected results and the comparison of answers come from
// internal/w3c, the harness the sparql and rdfio packages use as well, so
// that a count here means what it means there.
//
// The suites live in testdata/ (testtool.Testdata), copied into the
// repository with their sources and licences. Each test prints its pass
// counts and fails when they fall below the level reached when it was
// written.
package conformance
