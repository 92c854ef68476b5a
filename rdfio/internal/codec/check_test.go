package codec

import (
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// Ensure that exactly the ASCII characters IRIREF forbids are refused in
// IRIs, and that non-ASCII characters pass.
func TestCheckIRIForbidden(t *testing.T) {
	for c := rune(0); c < 128; c++ {
		forbidden := c <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", c)
		err := CheckIRI(rdf.IRI("http://ex/a" + string(c) + "b"))
		if (err != nil) != forbidden {
			t.Errorf("character %q: err = %v, forbidden = %v", c, err, forbidden)
		}
	}
	for _, iri := range []string{"http://ex/é", "urn:x:y", "http://ex/\u00a0", "tag:a,b:c"} {
		if err := CheckIRI(rdf.IRI(iri)); err != nil {
			t.Errorf("%q refused: %v", iri, err)
		}
	}
	for _, iri := range []string{"", "relative", "/abs/path", "1http://x", ":x"} {
		if err := CheckIRI(rdf.IRI(iri)); err == nil {
			t.Errorf("%q accepted", iri)
		}
	}
}
