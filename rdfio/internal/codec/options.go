package codec

import (
	"github.com/stadleuven/maturity/rdf"
)

// ParseOptions configures a reader (rdfio.Parse).
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

// Prefix binds a short name to a namespace IRI, as in Turtle's @prefix.
type Prefix struct {
	Name string // "" is the default prefix (":local" in Turtle)
	IRI  string
}

// WriteOptions configures a writer (rdfio.NewWriter). The zero value
// writes every IRI in full.
type WriteOptions struct {
	// Prefixes abbreviate IRIs: Turtle prefixed names, RDF/XML namespace
	// prefixes, and the JSON-LD context when Context is nil. Turtle declares
	// only the prefixes it uses.
	Prefixes []Prefix
	// Base, if set, lets Turtle write IRIs relative to it, but only in the
	// forms that resolve back to exactly the same IRI.
	Base string
	// Context is the project's own JSON-LD @context document; JSON-LD output
	// is compacted with it. It is never fetched from anywhere.
	Context []byte
	// ContextURL, if set, is written as "@context": ContextURL instead of
	// inlining Context: the stable URL where the server serves Context.
	ContextURL string
}

// Writer serializes quads. Close writes whatever the format had to buffer;
// it does not close the underlying io.Writer, which stays the caller's.
//
// N-Triples and N-Quads stream: every Write reaches the io.Writer (through a
// buffer) before Close. Turtle, RDF/XML and JSON-LD need the whole graph to
// group statements by subject and to declare prefixes up front, so they keep
// the quads until Close and then sort them: the same set of quads always
// gives the same bytes.
//
// Formats without named graphs (N-Triples, Turtle, RDF/XML) drop the graph
// names and write the union of all graphs.
type Writer interface {
	Write(q rdf.Quad) error
	Close() error
}
