package catalogread

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// SniffFunc tells an RDF format from a document's bytes and its name (a
// URL or file name); FormatUnknown when neither tells.
type SniffFunc func(b []byte, name string) rdfio.Format

// IsURL reports whether src is an http(s) URL rather than a file name.
func IsURL(src string) bool {
	return strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")
}

// Decode parses a fetched document. The Content-Type decides the format;
// when it names none, or a generic one that servers send for anything
// (text/plain, application/xml, application/json, application/octet-stream),
// sniff decides (nil: SniffRDF). finalURL is the base for relative IRIs;
// name is what errors name (the URL asked for). A syntax error names the
// document, line and column, and nothing of the document is returned.
func Decode(body []byte, contentType, finalURL, name, blank string, sniff SniffFunc) ([]rdf.Quad, error) {
	if sniff == nil {
		sniff = SniffRDF
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	f := rdfio.FormatForMediaType(contentType)
	switch mt {
	case "text/plain", "application/xml", "text/xml", "application/json", "application/octet-stream":
		f = rdfio.FormatUnknown
	}
	if f == rdfio.FormatUnknown {
		f = sniff(body, finalURL)
	}
	if f == rdfio.FormatUnknown {
		return nil, fmt.Errorf("%s: Content-Type %q is geen RDF-formaat (is no RDF format)", name, contentType)
	}
	return Parse(body, f, finalURL, name, blank)
}

// ReadFile reads a catalog file, gzip-compressed when its name ends in
// ".gz". The format is f, else the extension's, else sniff's (nil:
// SniffRDF).
func ReadFile(name string, f rdfio.Format, sniff SniffFunc) ([]rdf.Quad, error) {
	if sniff == nil {
		sniff = SniffRDF
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		name = strings.TrimSuffix(name, ".gz")
	}
	if f == rdfio.FormatUnknown {
		// A .json file is JSON-LD only when it looks like it.
		if f = rdfio.FormatForExt(name); f == rdfio.FormatUnknown || f == rdfio.JSONLD && !bytes.Contains(b[:min(len(b), 8192)], []byte("@")) {
			f = sniff(b, "")
		}
	}
	if f == rdfio.FormatUnknown {
		return nil, fmt.Errorf("%s: formaat onbekend; geef --format (unknown format; give --format)", name)
	}
	return Parse(b, f, fileBase(name), name, "f_")
}

func fileBase(name string) string {
	abs, err := filepath.Abs(name)
	if err != nil {
		abs = name
	}
	return "file://" + filepath.ToSlash(abs)
}

// Parse reads a whole document; a syntax error names the document, line
// and column, and nothing of the document is kept.
func Parse(b []byte, f rdfio.Format, base, name, blank string) ([]rdf.Quad, error) {
	var quads []rdf.Quad
	err := rdfio.Parse(bytes.NewReader(b), f, rdfio.ParseOptions{Base: base, File: name, BlankPrefix: blank},
		func(q rdf.Quad) error { quads = append(quads, q); return nil })
	if err != nil {
		return nil, err
	}
	return quads, nil
}

// xmlElement matches the start of an XML element (<rdf:RDF …>, <RDF>),
// not a Turtle IRI (<http://…>, <urn:x:y>).
var xmlElement = regexp.MustCompile(`^<[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?[\s>/]`)

// SniffRDF tells the RDF formats apart by the first bytes a document
// starts with, then by name's extension: JSON-LD opens with { or [,
// RDF/XML with an XML declaration or element, and Turtle, which reads
// N-Triples too, with anything else that looks like a statement or a
// directive. It looks at no more than that: catalogs are RDF, and a parse
// error names what is wrong with one that is not.
func SniffRDF(b []byte, name string) rdfio.Format {
	head := bytes.TrimLeft(b[:min(len(b), 4096)], "\ufeff \t\r\n")
	switch {
	case len(head) == 0:
	case head[0] == '{' || head[0] == '[':
		return rdfio.JSONLD
	case bytes.HasPrefix(head, []byte("<!")), bytes.HasPrefix(bytes.ToLower(head[:min(len(head), 5)]), []byte("<html")):
		return rdfio.FormatUnknown // HTML, or XML with a DTD we do not guess about
	case bytes.HasPrefix(head, []byte("<?xml")), xmlElement.Match(head):
		return rdfio.RDFXML
	case head[0] == '<' || head[0] == '_' || head[0] == '#' || head[0] == '@',
		bytes.HasPrefix(bytes.ToUpper(head[:min(len(head), 6)]), []byte("PREFIX")),
		bytes.HasPrefix(bytes.ToUpper(head[:min(len(head), 4)]), []byte("BASE")):
		return rdfio.Turtle
	}
	if name == "" {
		return rdfio.FormatUnknown
	}
	if i := strings.IndexAny(name, "?#"); i >= 0 {
		name = name[:i]
	}
	return rdfio.FormatForExt(name)
}
