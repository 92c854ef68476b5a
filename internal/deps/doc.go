// Package deps holds only a test: it keeps the import graph pointing one
// way, as go/build's deps_test does for the standard library.
package deps
