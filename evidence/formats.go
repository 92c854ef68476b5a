package evidence

import (
	"mime"
	"path"
	"strings"
)

// FileType is a code of the EU File-Type authority table
// (http://publications.europa.eu/resource/authority/file-type/{code}),
// e.g. "CSV" or "RDF_TURTLE". "" means unknown.
type FileType string

// FileTypeNS is the namespace of the EU File-Type table.
const FileTypeNS = "http://publications.europa.eu/resource/authority/file-type/"

// IRI returns the table's IRI for t ("" for the unknown type).
func (t FileType) IRI() string {
	if t == "" {
		return ""
	}
	return FileTypeNS + string(t)
}

// MachineReadable reports whether t is on the EU machine-readable list
// (edp-machine-readable-format), which ★★ requires.
func (t FileType) MachineReadable() bool { return machineReadable[t] }

// NonProprietary reports whether t is on the EU non-proprietary list
// (edp-non-proprietary-format); ★★★ needs both lists.
func (t FileType) NonProprietary() bool { return nonProprietary[t] }

// RDF reports whether t is an RDF serialisation we can sample (★★★★).
// RDFa and TriG count as RDF formats but cannot be parsed here, so a
// sample in them never shows its subjects.
func (t FileType) RDF() bool { return rdfTypes[t] }

// InTable reports whether t is a code of the File-Type table.
func (t FileType) InTable() bool { return nalFileTypes[t] }

// The two lists data.europa.eu's MQA and this package share (EDP
// vocabularies, read in the copies of YourOpenDAta/mqa-scoring; see
// ../shared/research/mqa-and-stars.md §4). XLS, XLSX and SHP are machine-
// readable but proprietary; HTML, TXT, ZIP and PNG are open but not
// machine-readable.
var (
	machineReadable = set("CSV GEOJSON ICS JSON JSON_LD KML KMZ NETCDF ODS RDFA RDF_N_QUADS RDF_N_TRIPLES RDF_TRIG RDF_TURTLE RDF_XML RSS SHP XLS XLSX XML")
	nonProprietary  = set("BMP CSV DBF GEOJSON GZIP HTML ICS JPEG2000 JSON JSON_LD KML KMZ NETCDF ODS PNG RDF_N_QUADS RDF_N_TRIPLES RDF_TRIG RDF_TURTLE RDF_XML RSS RTF TAR TIFF TSV TXT WMS_SRVC XML ZIP")
	rdfTypes        = set("RDF_TURTLE RDF_XML RDF_N_TRIPLES RDF_N_QUADS RDF_TRIG JSON_LD RDFA N3")
)

// nalFileTypes are the codes of the File-Type table (the version data.europa.eu
// validated against in 2024, as listed by mjanez/ckan-mqa's vocabs/file-types.csv).
var nalFileTypes = set(`7Z AAB AAC AKN4EU AKN4EU_ZIP APK APPX ARC ARCINFO_COV ARC_GZ ARJ ATOM AZW BIN BITS
BMP BWF BZIP2 CSS CSV DAPK DBF DCR DEB DGN DMG DMP DOC DOCX DTD_SGML DTD_XML DWG DXF E00 EAR ECW
EFORMS_XML EPS EPUB ETSI_XML EXE FMX2 FMX3 FMX4 FMX4_ZIP GDB GEOJSON GEOTIFF GIF GML GMZ GPKG GRID
GRID_ASCII GTFS GZIP HDF HDT HTML HTML5 HTML_SIMPL ICS IMMC_XML INDD IPA ISO ISO_ZIP JAR JATS JPEG
JPEG2000 JS JSON JSON_LD KML KMZ LAS LAZ LEG LHA LPK LZIP LZMA LZO MAP_PRVW MAP_SRVC MBOX MDB METS
METS_ZIP MHTML MIF_MID MOBI MOP MOV MP3 MPEG2 MPEG4 MPEG4_AVC MRSID MSG_HTTP MSI MXD N3 NETCDF OAPK
OCTET ODB ODC ODF ODG ODP ODS ODT OP_DATPRO OVF OWL PDF PDF1X PDFA1A PDFA1B PDFA2A PDFA2B PDFA3 PDFUA
PDFX PDFX1A PDFX2A PDFX4 PL PNG PPS PPSX PPT PPTX PS PSD PWP QGS RAR RDF RDFA RDF_N_QUADS
RDF_N_TRIPLES RDF_THRIFT RDF_TRIG RDF_TRIX RDF_TURTLE RDF_XML REST RPM RSS RTF SB3 SCHEMA_XML SDMX
SGML SHP SKOS_XML SPARQLQ SPARQLQRES SQL STL SVG SWM TAB TAB_RSTR TAR TAR_GZ TAR_XZ TIFF TIFF_FX
TMX TSV TXT UNGEN WAR WARC WARC_GZ WAV WCS_SRVC WEBP WFS_SRVC WIM WMS_SRVC WMTS_SRVC WORLD XHTML
XHTML5 XHTML_SIMPL XLIFF XLS XLSB XLSM XLSX XML XSLFO XSLT XYZ XZ YAML Z ZIP`)

func set(words string) map[FileType]bool {
	m := map[FileType]bool{}
	for _, w := range strings.Fields(words) {
		m[FileType(w)] = true
	}
	return m
}

// typeInfo maps a File-Type code to the IANA media types and file
// extensions that name it, first ones canonical. Media types follow the
// table's mime-type-cellar mappings where it has them and IANA otherwise.
var typeInfo = []struct {
	t      FileType
	mimes  string // space-separated
	exts   string
	labels string // other names people write in dct:format, lower case, "|"-separated
}{
	{"CSV", "text/csv application/csv text/comma-separated-values", ".csv", "csv"},
	{"TSV", "text/tab-separated-values", ".tsv .tab", "tsv"},
	{"JSON", "application/json text/json", ".json", "json"},
	{"GEOJSON", "application/geo+json application/vnd.geo+json", ".geojson", "geojson|geo json"},
	{"JSON_LD", "application/ld+json", ".jsonld", "json-ld|jsonld|json ld"},
	{"XML", "application/xml text/xml", ".xml", "xml"},
	{"RDF_XML", "application/rdf+xml", ".rdf .owl", "rdf/xml|rdf-xml|rdfxml|rdf"},
	{"RDF_TURTLE", "text/turtle application/x-turtle application/turtle", ".ttl", "turtle|ttl"},
	{"RDF_N_TRIPLES", "application/n-triples", ".nt", "n-triples|ntriples|nt"},
	{"RDF_N_QUADS", "application/n-quads", ".nq", "n-quads|nquads|nq"},
	{"RDF_TRIG", "application/trig", ".trig", "trig"},
	{"N3", "text/n3", ".n3", "n3|notation3"},
	{"RDFA", "", ".rdfa", "rdfa"},
	{"KML", "application/vnd.google-earth.kml+xml", ".kml", "kml"},
	{"KMZ", "application/vnd.google-earth.kmz", ".kmz", "kmz"},
	{"GML", "application/gml+xml", ".gml", "gml"},
	{"SHP", "application/vnd.shp application/x-shapefile application/x-esri-shape", ".shp", "shp|shapefile|esri shapefile"},
	{"GPKG", "application/geopackage+sqlite3", ".gpkg", "gpkg|geopackage"},
	{"NETCDF", "application/x-netcdf application/netcdf", ".nc .cdf", "netcdf"},
	{"ODS", "application/vnd.oasis.opendocument.spreadsheet", ".ods", "ods"},
	{"ODT", "application/vnd.oasis.opendocument.text", ".odt", "odt"},
	{"ODP", "application/vnd.oasis.opendocument.presentation", ".odp", "odp"},
	{"XLS", "application/vnd.ms-excel", ".xls", "xls|excel"},
	{"XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "xlsx"},
	{"DOC", "application/msword", ".doc", "doc|word"},
	{"DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "docx"},
	{"PPT", "application/vnd.ms-powerpoint", ".ppt", "ppt|powerpoint"},
	{"PPTX", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", "pptx"},
	{"PDF", "application/pdf", ".pdf", "pdf"},
	{"HTML", "text/html", ".html .htm", "html|webpagina|web page"},
	{"XHTML", "application/xhtml+xml", ".xhtml", "xhtml"},
	{"TXT", "text/plain", ".txt", "txt|text|tekst"},
	{"RTF", "text/rtf application/rtf", ".rtf", "rtf"},
	{"ZIP", "application/zip application/x-zip-compressed", ".zip", "zip"},
	{"GZIP", "application/gzip application/x-gzip", ".gz", "gzip|gz"},
	{"TAR", "application/x-tar", ".tar", "tar"},
	{"RAR", "application/vnd.rar application/x-rar-compressed", ".rar", "rar"},
	{"7Z", "application/x-7z-compressed", ".7z", "7z"},
	{"PNG", "image/png", ".png", "png"},
	{"JPEG", "image/jpeg", ".jpg .jpeg", "jpeg|jpg"},
	{"JPEG2000", "image/jp2", ".jp2", "jpeg2000|jp2"},
	{"GIF", "image/gif", ".gif", "gif"},
	{"TIFF", "image/tiff", ".tif .tiff", "tiff|tif"},
	{"BMP", "image/bmp", ".bmp", "bmp"},
	{"SVG", "image/svg+xml", ".svg", "svg"},
	{"RSS", "application/rss+xml", ".rss", "rss"},
	{"ATOM", "application/atom+xml", ".atom", "atom"},
	{"ICS", "text/calendar", ".ics .ical", "ics|icalendar"},
	{"DBF", "application/dbf application/x-dbf", ".dbf", "dbf"},
	{"MDB", "application/vnd.ms-access application/x-msaccess", ".mdb", "mdb|access"},
	{"SPARQLQ", "application/sparql-query", ".rq", "sparql"},
	{"SPARQLQRES", "application/sparql-results+xml application/sparql-results+json", ".srx .srj", ""},
	{"YAML", "application/yaml text/yaml", ".yaml .yml", "yaml"},
	{"SQL", "application/sql", ".sql", "sql"},
	{"JS", "text/javascript application/javascript", ".js", ""},
	{"WMS_SRVC", "", "", "wms"},
	{"WFS_SRVC", "", "", "wfs"},
	{"WCS_SRVC", "", "", "wcs"},
	{"WMTS_SRVC", "", "", "wmts"},
	{"EXE", "application/x-msdownload", ".exe", ""},
}

var (
	byMime  = map[string]FileType{}
	byExt   = map[string]FileType{}
	byLabel = map[string]FileType{}
)

func init() {
	for _, ti := range typeInfo {
		for _, m := range strings.Fields(ti.mimes) {
			byMime[m] = ti.t
		}
		for _, e := range strings.Fields(ti.exts) {
			byExt[e] = ti.t
		}
		for _, l := range strings.Split(ti.labels, "|") {
			if l != "" {
				byLabel[l] = ti.t
			}
		}
	}
}

// MediaType returns the canonical IANA media type of t, "" when the table
// gives none.
func (t FileType) MediaType() string {
	for _, ti := range typeInfo {
		if ti.t == t {
			if f := strings.Fields(ti.mimes); len(f) > 0 {
				return f[0]
			}
		}
	}
	return ""
}

// ForMediaType maps a media type (parameters ignored) to its File-Type
// code. Generic types that say nothing about the content
// (application/octet-stream, binary/octet-stream, application/x-download,
// application/force-download) give "".
func ForMediaType(mt string) FileType {
	if t, _, err := mime.ParseMediaType(mt); err == nil {
		mt = t
	}
	mt = strings.ToLower(strings.TrimSpace(mt))
	return byMime[mt]
}

// ForExtension maps the extension of a URL path or file name to its
// File-Type code; ".gz" alone is GZIP, "x.csv.gz" is GZIP too (the file as
// downloaded is a gzip file).
func ForExtension(p string) FileType {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	return byExt[strings.ToLower(path.Ext(p))]
}

// IANA media types are published under this namespace, with or without
// "www" and with http or https.
var ianaPrefixes = []string{
	"http://www.iana.org/assignments/media-types/",
	"https://www.iana.org/assignments/media-types/",
	"http://iana.org/assignments/media-types/",
	"https://iana.org/assignments/media-types/",
	"http://purl.org/NET/mediatypes/", // older DCAT-AP practice
}

// MediaTypeOfIRI returns the media type an IANA (or purl.org/NET/mediatypes)
// IRI names, or "".
func MediaTypeOfIRI(iri string) string {
	for _, p := range ianaPrefixes {
		if rest, ok := strings.CutPrefix(iri, p); ok {
			return strings.ToLower(rest)
		}
	}
	return ""
}

// registeredTopTypes are the IANA top-level media types.
var registeredTopTypes = map[string]bool{
	"application": true, "audio": true, "font": true, "haptics": true, "image": true,
	"message": true, "model": true, "multipart": true, "text": true, "video": true,
}

// IANAAligned reports whether a dcat:mediaType IRI is in the IANA media
// types namespace and names a syntactically registrable type: a registered
// top-level type and a subtype outside the unregistered "x-" tree. The MQA
// checks membership in the IANA list itself; this package has no copy of
// that list, so a well-formed but unregistered subtype passes here.
func IANAAligned(iri string) bool {
	mt := MediaTypeOfIRI(iri)
	if mt == "" || strings.HasPrefix(iri, "http://purl.org/NET/") {
		return false
	}
	top, sub, ok := strings.Cut(mt, "/")
	return ok && registeredTopTypes[top] && sub != "" && !strings.HasPrefix(sub, "x-") && !strings.ContainsAny(sub, " /;")
}

// ForDeclared maps a declared dct:format or dcat:mediaType value to a
// File-Type code: an EU File-Type IRI, an IANA media-type IRI, or a
// literal naming a code ("CSV"), a media type ("text/csv"), an extension
// (".csv") or a common name ("Excel", "Shapefile").
func ForDeclared(value string, isIRI bool) FileType {
	v := strings.TrimSpace(value)
	if isIRI {
		if code, ok := strings.CutPrefix(v, FileTypeNS); ok {
			if t := FileType(code); t.InTable() {
				return t
			}
			return ""
		}
		if mt := MediaTypeOfIRI(v); mt != "" {
			return ForMediaType(mt)
		}
		if code, ok := strings.CutPrefix(v, "https://publications.europa.eu/resource/authority/file-type/"); ok && FileType(code).InTable() {
			return FileType(code)
		}
		return ""
	}
	if t := FileType(strings.ToUpper(strings.ReplaceAll(v, "-", "_"))); t.InTable() {
		return t
	}
	if strings.Contains(v, "/") {
		if t := ForMediaType(v); t != "" {
			return t
		}
	}
	l := strings.ToLower(v)
	if t := byExt["."+strings.TrimPrefix(l, ".")]; t != "" {
		return t
	}
	return byLabel[l]
}
