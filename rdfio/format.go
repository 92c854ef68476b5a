package rdfio

import (
	"fmt"
	"mime"
	"path/filepath"
	"strings"
)

// Format is an RDF serialization this project reads or writes.
type Format int

const (
	FormatUnknown Format = iota
	NTriples
	NQuads
	Turtle
	RDFXML
	JSONLD
)

// formatInfo is the one table of names, media types and extensions; conneg,
// the CLI and the catalog all read it, so they cannot disagree.
var formatInfo = [...]struct {
	name      string   // short name, as in --format
	mediaType string   // canonical IANA media type
	aliases   []string // other media types clients send
	exts      []string // file extensions, first is canonical
	quads     bool     // can carry named graphs
	euFormat  string   // EU file-type authority code
}{
	NTriples: {"nt", "application/n-triples", []string{"text/plain"}, []string{".nt"}, false, "RDF_N_TRIPLES"},
	NQuads:   {"nq", "application/n-quads", nil, []string{".nq"}, true, "RDF_N_QUADS"},
	Turtle:   {"ttl", "text/turtle", []string{"application/x-turtle", "application/turtle"}, []string{".ttl"}, false, "RDF_TURTLE"},
	RDFXML:   {"rdfxml", "application/rdf+xml", []string{"application/xml", "text/xml"}, []string{".rdf", ".owl", ".xml"}, false, "RDF_XML"},
	JSONLD:   {"jsonld", "application/ld+json", []string{"application/json"}, []string{".jsonld", ".json"}, true, "JSON_LD"},
}

func (f Format) valid() bool { return f > FormatUnknown && int(f) < len(formatInfo) }

// String returns the short name used on the command line.
func (f Format) String() string {
	if !f.valid() {
		return "unknown"
	}
	return formatInfo[f].name
}

// MediaType returns the canonical IANA media type.
func (f Format) MediaType() string {
	if !f.valid() {
		return ""
	}
	return formatInfo[f].mediaType
}

// Ext returns the canonical file extension, with the dot.
func (f Format) Ext() string {
	if !f.valid() {
		return ""
	}
	return formatInfo[f].exts[0]
}

// SupportsQuads reports whether the format can carry named graphs.
func (f Format) SupportsQuads() bool { return f.valid() && formatInfo[f].quads }

// EUFileType returns the code in the EU file-type authority table
// (http://publications.europa.eu/resource/authority/file-type/).
func (f Format) EUFileType() string {
	if !f.valid() {
		return ""
	}
	return formatInfo[f].euFormat
}

// ParseFormat accepts a short name (nt, nq, ttl, rdfxml, jsonld), an
// extension with or without dot, or a media type.
func ParseFormat(s string) (Format, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i := range formatInfo {
		f := Format(i)
		if !f.valid() {
			continue
		}
		if s == formatInfo[i].name {
			return f, nil
		}
	}
	switch s {
	case "turtle":
		return Turtle, nil
	case "ntriples", "n-triples":
		return NTriples, nil
	case "nquads", "n-quads":
		return NQuads, nil
	case "rdf", "xml", "rdf/xml":
		return RDFXML, nil
	case "json-ld", "json":
		return JSONLD, nil
	}
	if f := FormatForExt(s); f != FormatUnknown {
		return f, nil
	}
	if f := FormatForMediaType(s); f != FormatUnknown {
		return f, nil
	}
	return FormatUnknown, fmt.Errorf("unknown RDF format %q (want one of nt, nq, ttl, rdfxml, jsonld)", s)
}

// FormatForExt returns the format for a file name or extension, or
// FormatUnknown. A trailing ".gz" is ignored.
func FormatForExt(name string) Format {
	name = strings.TrimSuffix(strings.ToLower(name), ".gz")
	ext := filepath.Ext(name)
	if ext == "" && !strings.Contains(name, ".") {
		ext = "." + name
	}
	for i := range formatInfo {
		for _, e := range formatInfo[i].exts {
			if e == ext {
				return Format(i)
			}
		}
	}
	return FormatUnknown
}

// FormatForMediaType returns the format for a media type (parameters are
// ignored), or FormatUnknown.
func FormatForMediaType(mt string) Format {
	if t, _, err := mime.ParseMediaType(mt); err == nil {
		mt = t
	}
	mt = strings.ToLower(mt)
	for i := range formatInfo {
		if formatInfo[i].mediaType == mt {
			return Format(i)
		}
	}
	for i := range formatInfo {
		for _, a := range formatInfo[i].aliases {
			if a == mt {
				return Format(i)
			}
		}
	}
	return FormatUnknown
}
