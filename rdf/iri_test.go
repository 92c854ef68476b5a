package rdf

import (
	"errors"
	"testing"
)

// The RFC 3986 §5.4 examples, plus the cases net/url gets wrong for IRIs.
func TestResolveIRI(t *testing.T) {
	const base = "http://a/b/c/d;p?q"
	tests := []struct {
		base, ref, want string
	}{
		// §5.4.1 normal examples
		{base, "g:h", "g:h"},
		{base, "g", "http://a/b/c/g"},
		{base, "./g", "http://a/b/c/g"},
		{base, "g/", "http://a/b/c/g/"},
		{base, "/g", "http://a/g"},
		{base, "//g", "http://g"},
		{base, "?y", "http://a/b/c/d;p?y"},
		{base, "g?y", "http://a/b/c/g?y"},
		{base, "#s", "http://a/b/c/d;p?q#s"},
		{base, "g#s", "http://a/b/c/g#s"},
		{base, "g?y#s", "http://a/b/c/g?y#s"},
		{base, ";x", "http://a/b/c/;x"},
		{base, "g;x", "http://a/b/c/g;x"},
		{base, "g;x?y#s", "http://a/b/c/g;x?y#s"},
		{base, "", "http://a/b/c/d;p?q"},
		{base, ".", "http://a/b/c/"},
		{base, "./", "http://a/b/c/"},
		{base, "..", "http://a/b/"},
		{base, "../", "http://a/b/"},
		{base, "../g", "http://a/b/g"},
		{base, "../..", "http://a/"},
		{base, "../../", "http://a/"},
		{base, "../../g", "http://a/g"},
		// §5.4.2 abnormal examples
		{base, "../../../g", "http://a/g"},
		{base, "../../../../g", "http://a/g"},
		{base, "/./g", "http://a/g"},
		{base, "/../g", "http://a/g"},
		{base, "g.", "http://a/b/c/g."},
		{base, ".g", "http://a/b/c/.g"},
		{base, "g..", "http://a/b/c/g.."},
		{base, "..g", "http://a/b/c/..g"},
		{base, "./../g", "http://a/b/g"},
		{base, "./g/.", "http://a/b/c/g/"},
		{base, "g/./h", "http://a/b/c/g/h"},
		{base, "g/../h", "http://a/b/c/h"},
		{base, "g;x=1/./y", "http://a/b/c/g;x=1/y"},
		{base, "g;x=1/../y", "http://a/b/c/y"},
		{base, "g?y/./x", "http://a/b/c/g?y/./x"},
		{base, "g?y/../x", "http://a/b/c/g?y/../x"},
		{base, "g#s/./x", "http://a/b/c/g#s/./x"},
		{base, "g#s/../x", "http://a/b/c/g#s/../x"},
		{base, "http:g", "http:g"}, // strict parser
		// IRIs keep their characters; fragments of the base are dropped.
		{"http://ex.org/a/b/c", "../x", "http://ex.org/a/x"},
		{"http://ex.org/straße/", "ü", "http://ex.org/straße/ü"},
		{"http://ex.org/a#frag", "b", "http://ex.org/b"},
		{"http://ex.org/a#frag", "#x", "http://ex.org/a#x"},
		{"http://ex.org", "x", "http://ex.org/x"},
		{"urn:a:b", "#c", "urn:a:b#c"},
		{"file:///tmp/x.ttl", "y.ttl", "file:///tmp/y.ttl"},
		{"http://ex.org/a/", "%20b", "http://ex.org/a/%20b"},
	}
	for _, tc := range tests {
		got, err := ResolveIRI(tc.base, tc.ref)
		if err != nil {
			t.Errorf("ResolveIRI(%q, %q): %v", tc.base, tc.ref, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ResolveIRI(%q, %q) = %q, want %q", tc.base, tc.ref, got, tc.want)
		}
	}
}

func TestResolveIRINoBase(t *testing.T) {
	for _, base := range []string{"", "relative/path", "/abs/path"} {
		if _, err := ResolveIRI(base, "x"); !errors.Is(err, ErrNoBase) {
			t.Errorf("ResolveIRI(%q, \"x\") error = %v, want ErrNoBase", base, err)
		}
	}
	if got, err := ResolveIRI("", "http://ex/a/../b"); err != nil || got != "http://ex/b" {
		t.Errorf("absolute ref without base = %q, %v", got, err)
	}
}

func TestIsAbsoluteIRI(t *testing.T) {
	tests := map[string]bool{
		"http://ex/a": true, "urn:x": true, "a+b-c.d:x": true, "g:h": true,
		"": false, "x": false, "/a:b": false, "1a:b": false, "#a:b": false, ":x": false, "a b:c": false,
	}
	for s, want := range tests {
		if got := IsAbsoluteIRI(s); got != want {
			t.Errorf("IsAbsoluteIRI(%q) = %v, want %v", s, got, want)
		}
	}
}
