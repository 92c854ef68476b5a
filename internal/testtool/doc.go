// Package testtool lets tests call external programs (rapper, node) that CI
// installs: on a developer machine a missing tool skips the test, in CI
// (CI=true) it fails it, so a green CI run never hides a skipped check.
package testtool
