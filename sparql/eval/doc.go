// Package eval evaluates SPARQL algebra over a Dataset of dictionary ids,
// streaming solutions instead of materialising tables.
package eval
