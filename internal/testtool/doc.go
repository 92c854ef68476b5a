// Package testtool finds what tests need outside the Go code: the
// conformance suites in testdata/ (Testdata) and the external programs
// rapper, node and Chromium (Require, NodeModules).
//
// A missing program skips the test on a quick developer run, and fails it
// in the full run: ./test.sh sets MATURITY_STRICT=1 (CI=true does the
// same), so a green full run never hides a skipped check. The suites are
// part of the repository, so a missing suite always fails.
package testtool
