package results

import (
	"fmt"
	"mime"
	"strings"
)

// Format is a SPARQL results serialization.
type Format int

// The formats, in the order an endpoint prefers them.
const (
	FormatUnknown Format = iota
	JSON
	XML
	CSV
	TSV
)

var formatInfo = [...]struct {
	name, mediaType, ext string
	aliases              []string
}{
	JSON: {"json", "application/sparql-results+json", ".srj", []string{"application/json"}},
	XML:  {"xml", "application/sparql-results+xml", ".srx", []string{"application/xml", "text/xml"}},
	CSV:  {"csv", "text/csv", ".csv", nil},
	TSV:  {"tsv", "text/tab-separated-values", ".tsv", nil},
}

// Formats lists every format in order of preference.
func Formats() []Format { return []Format{JSON, XML, CSV, TSV} }

func (f Format) valid() bool { return f > FormatUnknown && int(f) < len(formatInfo) }

// String returns the short name (json, xml, csv, tsv).
func (f Format) String() string {
	if !f.valid() {
		return "unknown"
	}
	return formatInfo[f].name
}

// MediaType returns the registered media type.
func (f Format) MediaType() string {
	if !f.valid() {
		return ""
	}
	return formatInfo[f].mediaType
}

// Ext returns the usual file extension, with the dot (.srj, .srx, .csv,
// .tsv).
func (f Format) Ext() string {
	if !f.valid() {
		return ""
	}
	return formatInfo[f].ext
}

// ParseFormat accepts a short name, a file extension, or a media type
// (parameters such as charset are ignored).
func ParseFormat(s string) (Format, error) {
	want := strings.ToLower(strings.TrimSpace(s))
	if mt, _, err := mime.ParseMediaType(want); err == nil {
		want = mt
	}
	for _, f := range Formats() {
		info := formatInfo[f]
		if want == info.name || want == info.mediaType || want == info.ext || want == strings.TrimPrefix(info.ext, ".") {
			return f, nil
		}
		for _, a := range info.aliases {
			if want == a {
				return f, nil
			}
		}
	}
	return FormatUnknown, fmt.Errorf("unknown SPARQL results format %q", s)
}
