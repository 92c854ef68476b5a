package rdf

import (
	"errors"
	"strings"
	"testing"
)

// FuzzResolveIRI feeds the resolver the bases and references that documents
// and queries bring (every relative IRI in Turtle, RDF/XML, JSON-LD and
// SPARQL goes through it): it must never panic, must succeed whenever the
// base or the reference is absolute, and must then give an absolute IRI
// that keeps the reference's fragment.
func FuzzResolveIRI(f *testing.F) {
	for _, s := range [][2]string{
		{"http://a/b/c/d;p?q", "../../../g"},
		{"http://a/b/c/d;p?q", "g;x=1/../y"},
		{"http://a/b/c/d;p?q", "?y#s"},
		{"file:///tmp/x.ttl", "#frag"},
		{"urn:x", "./."},
		{"a:", "..//x"},
		{"", "rel"},
		{"http://ex/é/", "ü/../ä"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, base, ref string) {
		got, err := ResolveIRI(base, ref)
		absolute := IsAbsoluteIRI(base) || IsAbsoluteIRI(ref)
		if err != nil {
			if absolute {
				t.Fatalf("ResolveIRI(%q, %q): %v", base, ref, err)
			}
			if !errors.Is(err, ErrNoBase) {
				t.Fatalf("ResolveIRI(%q, %q): error %v is not ErrNoBase", base, ref, err)
			}
			return
		}
		if !IsAbsoluteIRI(got) {
			t.Fatalf("ResolveIRI(%q, %q) = %q, not absolute", base, ref, got)
		}
		if i := strings.IndexByte(ref, '#'); i >= 0 && !strings.HasSuffix(got, ref[i:]) {
			t.Fatalf("ResolveIRI(%q, %q) = %q lost the fragment %q", base, ref, got, ref[i:])
		}
	})
}
