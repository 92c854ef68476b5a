package rdfio

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/stadleuven/maturity/rdf"
)

// ParseOptions configures Parse.
type ParseOptions struct {
	// Base is the base IRI for relative references. A document that needs
	// it (a relative IRI and no @base of its own) fails without it.
	Base string
	// File is the name used in error messages.
	File string
	// Graph receives the triples of triple formats (zero = default graph).
	// Quad formats keep the graph each quad names.
	Graph rdf.Term
	// BlankPrefix is prepended to every blank node label, so that labels
	// from separately parsed documents never clash. Anonymous nodes ([],
	// collections, nodes without rdf:nodeID) get labels that can never
	// clash with the document's own labels either.
	BlankPrefix string
	// Context is, for JSON-LD only, a local @context document used for
	// every context IRI: remote contexts are never fetched.
	Context []byte
	// MaxEntityBytes bounds, for RDF/XML only, the bytes that references
	// to DTD entities may expand to (0: DefaultMaxEntityBytes, 1 MiB;
	// negative: no bound), plus 8 bytes per byte of the document read so
	// far. A "billion laughs" document fails with a *SyntaxError naming
	// the limit instead of taking gigabytes.
	MaxEntityBytes int64
}

// Parse reads a document in format f from r and calls emit for every quad,
// in document order, without holding the document in memory (JSON-LD, which
// must be expanded as a whole, is the exception). It stops at the first
// syntax error, which is a *SyntaxError, at the first read error and at the
// first error emit returns; all of these come back wrapped.
func Parse(r io.Reader, f Format, opts ParseOptions, emit func(rdf.Quad) error) error {
	r = skipBOM(r)
	switch f {
	case NTriples:
		return parseNT(r, opts, false, emit)
	case NQuads:
		return parseNT(r, opts, true, emit)
	case Turtle:
		return parseTurtle(r, opts, emit)
	case RDFXML:
		return parseRDFXML(r, opts, emit)
	case JSONLD:
		return parseJSONLD(r, opts, emit)
	}
	return fmt.Errorf("rdfio: cannot parse format %v", f)
}

// SyntaxError is an input that does not follow the format's grammar. Line
// and Col are 1-based; Col counts characters, not bytes. Line 0 means the
// error concerns the document as a whole (JSON-LD processing errors).
type SyntaxError struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string {
	file := e.File
	if file == "" {
		file = "<input>"
	}
	if e.Line <= 0 {
		return file + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", file, e.Line, e.Col, e.Msg)
}

// readBlankLabel maps a document's own blank node label to the label it gets.
// Labels starting with "_" get a second one, so that document labels never
// start with a single "_" followed by something else. Labels after the
// prefix thus fall in three disjoint spaces: document labels, "_g<n>" for
// anonymous nodes (readAnonLabel) and "_h<hex>" for RDF/XML node IDs that
// are not valid N-Triples labels.
func readBlankLabel(prefix, label string) string {
	if label != "" && label[0] == '_' {
		return prefix + "_" + label
	}
	return prefix + label
}

// readAnonLabel is the label of the n-th anonymous node: "_g" after the prefix,
// which no readBlankLabel result can start with.
func readAnonLabel(prefix string, n uint64) string {
	return prefix + "_g" + strconv.FormatUint(n, 10)
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
