package ttl

import (
	"strings"

	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// writeBase decides which IRIs a writer may write relative to a base IRI.
// It only produces references that RFC 3986 resolution turns back into the
// very same IRI: the empty reference, "#fragment", and plain relative paths
// below the base's directory, without dot segments or a colon in the first
// segment (which would read as a scheme).
type writeBase struct {
	iri string // as given, for @base
	doc string // base without fragment: "" resolves to it
	dir string // scheme://authority/path-up-to-last-slash
}

// newWriteBase returns nil when base is empty or has a form (no authority,
// dot segments) for which the rules above would not be safe.
func newWriteBase(base string) *writeBase {
	if base == "" {
		return nil
	}
	doc, _, _ := strings.Cut(base, "#")
	colon := strings.IndexByte(doc, ':')
	if colon <= 0 || !codec.IsScheme(doc[:colon]) || !strings.HasPrefix(doc[colon+1:], "//") {
		return nil
	}
	rest := doc[colon+3:]
	authEnd := strings.IndexAny(rest, "/?")
	if authEnd < 0 {
		authEnd = len(rest)
	}
	path, _, _ := strings.Cut(rest[authEnd:], "?")
	if writeHasDotSegment(path) {
		return nil
	}
	prefix := doc[:colon+3+authEnd]
	dir := prefix + "/"
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		dir = prefix + path[:i+1]
	}
	return &writeBase{iri: base, doc: doc, dir: dir}
}

// relative returns the reference to write for iri, if there is a safe one.
func (b *writeBase) relative(iri string) (string, bool) {
	if b == nil {
		return "", false
	}
	if iri == b.doc {
		return "", true
	}
	if strings.HasPrefix(iri, b.doc) && iri[len(b.doc)] == '#' {
		return iri[len(b.doc):], true
	}
	if !strings.HasPrefix(iri, b.dir) {
		return "", false
	}
	rel := iri[len(b.dir):]
	if rel == "" || strings.IndexByte("/?#", rel[0]) >= 0 {
		return "", false
	}
	path := rel
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	first, _, _ := strings.Cut(path, "/")
	if strings.IndexByte(first, ':') >= 0 || writeHasDotSegment("/"+path) {
		return "", false
	}
	return rel, true
}

// writeHasDotSegment reports whether a path has a "." or ".." segment.
func writeHasDotSegment(path string) bool {
	for _, seg := range strings.Split(path, "/") {
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}
