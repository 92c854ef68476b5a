package rdfio

import (
	"bufio"
	"fmt"
	"io"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
	"github.com/stadleuven/maturity/rdfio/internal/jsonld"
	"github.com/stadleuven/maturity/rdfio/internal/rdfxml"
	"github.com/stadleuven/maturity/rdfio/internal/ttl"
)

// ParseOptions configures Parse: base IRI, file name for errors, target
// graph, blank node prefix, JSON-LD context, RDF/XML entity budget. The
// fields are documented in rdfio/internal/codec (go doc
// ./rdfio/internal/codec ParseOptions).
type ParseOptions = codec.ParseOptions

// SyntaxError is an input that does not follow the format's grammar. Line
// and Col are 1-based; Col counts characters, not bytes. Line 0 means the
// error concerns the document as a whole (JSON-LD processing errors).
type SyntaxError = codec.SyntaxError

// DefaultMaxEntityBytes is the default of ParseOptions.MaxEntityBytes: 1 MiB.
const DefaultMaxEntityBytes = rdfxml.DefaultMaxEntityBytes

// Parse reads a document in format f from r and calls emit for every quad,
// in document order, without holding the document in memory (JSON-LD, which
// must be expanded as a whole, is the exception). It stops at the first
// syntax error, which is a *SyntaxError, at the first read error and at the
// first error emit returns; all of these come back wrapped.
func Parse(r io.Reader, f Format, opts ParseOptions, emit func(rdf.Quad) error) error {
	r = skipBOM(r)
	switch f {
	case NTriples:
		return ttl.ParseNTriples(r, opts, emit)
	case NQuads:
		return ttl.ParseNQuads(r, opts, emit)
	case Turtle:
		return ttl.ParseTurtle(r, opts, emit)
	case RDFXML:
		return rdfxml.Parse(r, opts, emit)
	case JSONLD:
		return jsonld.Parse(r, opts, emit)
	}
	return fmt.Errorf("rdfio: cannot parse format %v", f)
}

// skipBOM drops a leading UTF-8 byte order mark, which editors on Windows
// write and which no RDF grammar allows. The bufio.Reader it returns is the
// size the N-Triples reader wants, so that reader does not wrap it again.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		_, _ = br.Discard(3)
	}
	return br
}
