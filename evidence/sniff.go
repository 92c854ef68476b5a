package evidence

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/csv"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// Sniff tells the format of a body from its bytes, "" when they do not
// tell. The bytes may be a prefix of the file (a capped download). A
// gzip-compressed body is judged by what it contains: a gzipped Turtle
// dump is Turtle to whoever downloads it; only when the content is unknown
// is it GZIP.
func Sniff(b []byte) FileType {
	t, _ := sniffBody(b)
	return t
}

// sniffBody is Sniff that also returns the bytes to parse: the
// decompressed content of a gzip body, else b itself.
func sniffBody(b []byte) (FileType, []byte) {
	if len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return "GZIP", b
		}
		inner, _ := io.ReadAll(io.LimitReader(zr, int64(max(len(b)*20, 1<<20))))
		if t := sniffPlain(inner); t != "" {
			return t, inner
		}
		return "GZIP", b
	}
	return sniffPlain(b), b
}

// magic numbers of binary formats, at offset 0 unless noted.
var magics = []struct {
	prefix string
	t      FileType
}{
	{"%PDF-", "PDF"},
	{"\x89PNG\r\n\x1a\n", "PNG"},
	{"\xff\xd8\xff", "JPEG"},
	{"GIF87a", "GIF"},
	{"GIF89a", "GIF"},
	{"II*\x00", "TIFF"},
	{"MM\x00*", "TIFF"},
	{"\x00\x00\x00\x0cjP  \r\n\x87\n", "JPEG2000"},
	{"Rar!\x1a\x07", "RAR"},
	{"7z\xbc\xaf\x27\x1c", "7Z"},
	{"CDF\x01", "NETCDF"},
	{"CDF\x02", "NETCDF"},
	{"\x89HDF\r\n\x1a\n", "HDF"},
	{"\x00\x00\x27\x0a", "SHP"}, // file code 9994, big-endian
	{"{\\rtf", "RTF"},
	{"BEGIN:VCALENDAR", "ICS"},
	{"MZ", "EXE"},
}

func sniffPlain(b []byte) FileType {
	if len(b) == 0 {
		return ""
	}
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return zipKind(b)
	case bytes.HasPrefix(b, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return oleKind(b)
	case bytes.HasPrefix(b, []byte("SQLite format 3\x00")):
		if len(b) >= 72 && bytes.Equal(b[68:72], []byte("GPKG")) {
			return "GPKG"
		}
		return ""
	case len(b) > 262 && bytes.Equal(b[257:262], []byte("ustar")):
		return "TAR"
	case len(b) >= 26 && b[0] == 'B' && b[1] == 'M' && binary.LittleEndian.Uint32(b[6:10]) == 0:
		return "BMP"
	}
	for _, m := range magics {
		if bytes.HasPrefix(b, []byte(m.prefix)) {
			return m.t
		}
	}
	if !looksText(b) {
		return ""
	}
	return sniffText(b)
}

// looksText reports whether the start of b is text: no NUL bytes and
// (nearly) valid UTF-8 or single-byte text.
func looksText(b []byte) bool {
	head := b[:min(len(b), 4096)]
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	bad := 0
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n == 1 && i < len(head)-4 {
			bad++
		} else if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			bad++
		}
		i += n
	}
	// Latin-1 text has bytes ≥ 0x80 that are not UTF-8: allow some.
	return bad*20 <= len(head)
}

var (
	ntLine      = regexp.MustCompile(`^(<[^>\s]*>|_:\S+)\s+<[^>\s]*>\s+`)
	turtleStart = regexp.MustCompile(`(?i)^(@prefix|@base|prefix\s|base\s)`)
	xmlRoot     = regexp.MustCompile(`<([A-Za-z_][\w.:-]*)`)
	geoJSONType = regexp.MustCompile(`"type"\s*:\s*"(FeatureCollection|Feature)"`)
)

func sniffText(b []byte) FileType {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	s := string(b[:min(len(b), 64<<10)])
	t := strings.TrimLeft(s, " \t\r\n")
	lower := strings.ToLower(t[:min(len(t), 1024)])
	switch {
	case t == "":
		return ""
	case strings.HasPrefix(lower, "<!doctype html") || strings.HasPrefix(lower, "<html"):
		return "HTML"
	case strings.HasPrefix(t, "#") || strings.HasPrefix(t, "<") && !strings.HasPrefix(t, "<?") && !strings.HasPrefix(t, "<!") || strings.HasPrefix(t, "_:"):
		if f := sniffLineRDF(t); f != "" {
			return f
		}
		if strings.HasPrefix(t, "<") {
			return xmlKind(t)
		}
	case strings.HasPrefix(t, "<"):
		return xmlKind(t)
	case t[0] == '{' || t[0] == '[':
		head := t[:min(len(t), 8192)]
		switch {
		case strings.Contains(head, `"@context"`) || strings.Contains(head, `"@id"`):
			return "JSON_LD"
		case geoJSONType.MatchString(head):
			return "GEOJSON"
		}
		return "JSON"
	case turtleStart.MatchString(t):
		return "RDF_TURTLE"
	}
	if f := sniffDelimited(t); f != "" {
		return f
	}
	if f := sniffLineRDF(t); f != "" {
		return f
	}
	return "TXT"
}

// sniffLineRDF recognises N-Triples, N-Quads and Turtle that starts with
// a comment or a full IRI by parsing the complete lines of the head.
func sniffLineRDF(t string) FileType {
	head := t[:min(len(t), 32<<10)]
	if i := strings.LastIndexByte(head, '\n'); i > 0 && len(head) < len(t) {
		head = head[:i+1]
	}
	first := ""
	for _, l := range strings.Split(head, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			first = l
			break
		}
	}
	if first == "" {
		return ""
	}
	if turtleStart.MatchString(first) {
		return "RDF_TURTLE"
	}
	for _, f := range []struct {
		rf rdfio.Format
		t  FileType
	}{{rdfio.NTriples, "RDF_N_TRIPLES"}, {rdfio.NQuads, "RDF_N_QUADS"}, {rdfio.Turtle, "RDF_TURTLE"}} {
		if f.rf != rdfio.Turtle && !ntLine.MatchString(first) {
			continue
		}
		n := 0
		err := rdfio.Parse(strings.NewReader(head), f.rf, rdfio.ParseOptions{Base: "http://sniff.invalid/"}, func(rdf.Quad) error { n++; return nil })
		if err == nil && n > 0 {
			return f.t
		}
	}
	return ""
}

// xmlKind names an XML document by its root element.
func xmlKind(t string) FileType {
	// Skip the declaration, comments and the doctype to the root element.
	rest := t
	for {
		rest = strings.TrimLeft(rest, " \t\r\n")
		if strings.HasPrefix(strings.ToLower(rest), "<!doctype html") {
			return "HTML"
		}
		end := ""
		switch {
		case strings.HasPrefix(rest, "<?"):
			end = "?>"
		case strings.HasPrefix(rest, "<!--"):
			end = "-->"
		case strings.HasPrefix(rest, "<!"):
			end = ">"
		}
		if end == "" {
			break
		}
		i := strings.Index(rest, end)
		if i < 0 {
			return "XML"
		}
		rest = rest[i+len(end):]
	}
	m := xmlRoot.FindStringSubmatch(rest)
	if m == nil {
		return "XML"
	}
	name := m[1]
	local := name[strings.LastIndexByte(name, ':')+1:]
	head := rest[:min(len(rest), 4096)]
	switch {
	case local == "RDF" && strings.Contains(head, "http://www.w3.org/1999/02/22-rdf-syntax-ns#"):
		return "RDF_XML"
	case strings.EqualFold(local, "html"):
		return "HTML"
	case local == "kml":
		return "KML"
	case local == "rss":
		return "RSS"
	case local == "feed" && strings.Contains(head, "http://www.w3.org/2005/Atom"):
		return "ATOM"
	case local == "svg":
		return "SVG"
	case strings.Contains(head, "http://www.opengis.net/gml"):
		return "GML"
	}
	return "XML"
}

// sniffDelimited recognises CSV (comma or semicolon) and TSV: at least two
// complete records with the same number (≥ 2) of fields.
func sniffDelimited(t string) FileType {
	head := t[:min(len(t), 16<<10)]
	if i := strings.LastIndexByte(head, '\n'); i > 0 && len(head) < len(t) {
		head = head[:i]
	}
	for _, d := range []struct {
		comma rune
		t     FileType
	}{{'\t', "TSV"}, {';', "CSV"}, {',', "CSV"}} {
		if !strings.ContainsRune(head, d.comma) {
			continue
		}
		r := csv.NewReader(strings.NewReader(head))
		r.Comma = d.comma
		r.LazyQuotes = true
		recs, err := r.ReadAll()
		if err != nil || len(recs) < 2 || len(recs[0]) < 2 {
			continue
		}
		return d.t
	}
	return ""
}

// zipKind names a ZIP container by the entries it starts with: OOXML and
// OpenDocument files, KMZ, zipped shapefiles; other archives are ZIP.
func zipKind(b []byte) FileType {
	if len(b) > 38 && string(b[30:38]) == "mimetype" {
		head := string(b[38:min(len(b), 120)])
		switch {
		case strings.HasPrefix(head, "application/vnd.oasis.opendocument.spreadsheet"):
			return "ODS"
		case strings.HasPrefix(head, "application/vnd.oasis.opendocument.text"):
			return "ODT"
		case strings.HasPrefix(head, "application/vnd.oasis.opendocument.presentation"):
			return "ODP"
		}
	}
	names := zipNames(b, 64)
	has := func(pred func(string) bool) bool {
		for _, n := range names {
			if pred(n) {
				return true
			}
		}
		return false
	}
	prefix := func(p string) func(string) bool { return func(n string) bool { return strings.HasPrefix(n, p) } }
	suffix := func(s string) func(string) bool {
		return func(n string) bool { return strings.HasSuffix(strings.ToLower(n), s) }
	}
	switch {
	case has(prefix("xl/")):
		return "XLSX"
	case has(prefix("word/")):
		return "DOCX"
	case has(prefix("ppt/")):
		return "PPTX"
	case len(names) > 0 && suffix(".kml")(names[0]):
		return "KMZ"
	case has(suffix(".shp")):
		return "SHP"
	}
	return "ZIP"
}

// zipNames reads the names of the first local file headers.
func zipNames(b []byte, limit int) []string {
	var names []string
	sig := []byte("PK\x03\x04")
	for i := 0; len(names) < limit && i+30 <= len(b); {
		if !bytes.Equal(b[i:i+4], sig) {
			j := bytes.Index(b[i+1:], sig)
			if j < 0 {
				break
			}
			i += 1 + j
			continue
		}
		flags := binary.LittleEndian.Uint16(b[i+6:])
		size := int(binary.LittleEndian.Uint32(b[i+18:]))
		nameLen := int(binary.LittleEndian.Uint16(b[i+26:]))
		extraLen := int(binary.LittleEndian.Uint16(b[i+28:]))
		if i+30+nameLen > len(b) {
			break
		}
		names = append(names, string(b[i+30:i+30+nameLen]))
		next := i + 30 + nameLen + extraLen
		if flags&8 == 0 {
			next += size
		}
		if next <= i {
			break
		}
		i = next
	}
	return names
}

// oleKind names a legacy Office file by the stream names of its directory
// (UTF-16LE), when they are within the bytes read.
func oleKind(b []byte) FileType {
	u16 := func(s string) []byte {
		out := make([]byte, 0, 2*len(s))
		for _, c := range []byte(s) {
			out = append(out, c, 0)
		}
		return out
	}
	switch {
	case bytes.Contains(b, u16("Workbook")) || bytes.Contains(b, u16("Book")):
		return "XLS"
	case bytes.Contains(b, u16("WordDocument")):
		return "DOC"
	case bytes.Contains(b, u16("PowerPoint Document")):
		return "PPT"
	}
	return ""
}
