package evidencetest

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
)

// The EU lists the truth is computed from (edp-machine-readable-format and
// edp-non-proprietary-format; ../shared/research/mqa-and-stars.md §4).
var (
	machineReadable = words("CSV GEOJSON ICS JSON JSON_LD KML KMZ NETCDF ODS RDFA RDF_N_QUADS RDF_N_TRIPLES RDF_TRIG RDF_TURTLE RDF_XML RSS SHP XLS XLSX XML")
	nonProprietary  = words("BMP CSV DBF GEOJSON GZIP HTML ICS JPEG2000 JSON JSON_LD KML KMZ NETCDF ODS PNG RDF_N_QUADS RDF_N_TRIPLES RDF_TRIG RDF_TURTLE RDF_XML RSS RTF TAR TIFF TSV TXT WMS_SRVC XML ZIP")
	rdfFormats      = words("RDF_TURTLE RDF_N_TRIPLES RDF_XML JSON_LD")
)

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// media types and extensions the server and the metadata use.
var mediaTypes = map[string]string{
	"CSV": "text/csv", "TSV": "text/tab-separated-values", "JSON": "application/json", "GEOJSON": "application/geo+json",
	"XML": "application/xml", "KML": "application/vnd.google-earth.kml+xml", "HTML": "text/html", "TXT": "text/plain",
	"PDF": "application/pdf", "PNG": "image/png", "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"DOCX": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ODS": "application/vnd.oasis.opendocument.spreadsheet",
	"ZIP": "application/zip", "XLS": "application/vnd.ms-excel", "RDF_TURTLE": "text/turtle", "RDF_N_TRIPLES": "application/n-triples",
	"RDF_XML": "application/rdf+xml", "JSON_LD": "application/ld+json",
}

var extensions = map[string]string{
	"CSV": ".csv", "TSV": ".tsv", "JSON": ".json", "GEOJSON": ".geojson", "XML": ".xml", "KML": ".kml", "HTML": ".html",
	"TXT": ".txt", "PDF": ".pdf", "PNG": ".png", "XLSX": ".xlsx", "DOCX": ".docx", "ODS": ".ods", "ZIP": ".zip", "XLS": ".xls",
	"RDF_TURTLE": ".ttl", "RDF_N_TRIPLES": ".nt", "RDF_XML": ".rdf", "JSON_LD": ".jsonld",
}

// Licences by what they are.
const (
	euLicence = "http://publications.europa.eu/resource/authority/licence/"
	flemish   = "https://data.vlaanderen.be/id/licentie/"
)

var (
	openLicences = []string{
		"http://creativecommons.org/publicdomain/zero/1.0/",
		euLicence + "CC_BY_4_0",
		"https://creativecommons.org/licenses/by-sa/4.0/",
		flemish + "modellicentie-gratis-hergebruik/v1.0",
		"http://opendatacommons.org/licenses/odbl/1.0/",
	}
	knownClosedLicences = []string{
		"https://creativecommons.org/licenses/by-nc/4.0/",
		euLicence + "CC_BYNC_4_0",
		flemish + "modellicentie-hergebruik-tegen-vergoeding/v1.0",
	}
	unknownLicence = "https://www.stad.example/gebruiksvoorwaarden"
)

func licenceKnown(l string) bool {
	for _, x := range append(append([]string(nil), openLicences...), knownClosedLicences...) {
		if x == l {
			return true
		}
	}
	return false
}

func licenceOpen(l string) bool {
	for _, x := range openLicences {
		if x == l {
			return true
		}
	}
	return false
}

// URL behaviours: how the server answers one URL.
const (
	OK       = "ok"       // 200 to HEAD and GET
	Head405  = "head405"  // HEAD refused, GET (ranged) 206
	Head403  = "head403"  // HEAD forbidden, GET works
	Head501  = "head501"  // HEAD not implemented, GET works
	Redirect = "redirect" // 301 to a URL that works
	Throttle = "throttle" // first answer 429 with Retry-After: 0, then 200
	NotFound = "404"
	Broken   = "500"
	Gone     = "410"
	Denied   = "403" // HEAD and GET forbidden
	Refused  = "refused"
	Invalid  = "invalid"
)

var working = []string{OK, OK, OK, Head405, Head403, Head501, Redirect, Throttle}
var failing = []string{NotFound, Broken, Gone, Denied, Refused, Invalid}

func works(b string) bool {
	for _, w := range working {
		if w == b {
			return true
		}
	}
	return false
}

// DistSpec is one generated distribution.
type DistSpec struct {
	IRI  string
	Body Body // what the URLs really serve
	// ContentType and Ext are how the server presents it; Declared is what
	// dct:format and dcat:mediaType claim (EU File-Type codes).
	ContentType, Ext, Declared string
	Format, FormatAsIRI        bool // dct:format present; as an EU IRI or a literal code
	MediaType                  bool // dcat:mediaType present (an IANA IRI)
	Licence                    string
	Rights, ByteSize           bool
	Issued, Modified           bool
	Access, Download           string // URL behaviours; "" : property absent
	LandingAccess              bool   // the access URL is an HTML landing page
}

// DatasetSpec is one generated dataset.
type DatasetSpec struct {
	IRI, Title                                            string
	Description                                           bool
	Keyword, Theme, Spatial, Temporal                     bool
	AccessRights, AccessRightsEU, ContactPoint, Publisher bool
	Issued, Modified                                      bool
	Licence                                               string // dataset-level licence
	Distributions                                         []*DistSpec
	// Service: a SPARQL data service serves the dataset and answers with
	// Turtle (with a link to another authority when ServiceLink).
	Service, ServiceLink bool
	ServiceLicence       string
}

// Truth is what the evidence must find for a dataset.
type Truth struct {
	Stars int
	MQA   int
}

// Generate specifies n datasets of mixed quality, reproducibly from seed.
// base is the server's URL ("http://127.0.0.1:port/"); every URL the
// specifications name lives under it, except the refused and invalid ones.
func Generate(n int, seed uint64, base string) []*DatasetSpec {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var out []*DatasetSpec
	for i := range n {
		out = append(out, genDataset(rng, i, base))
	}
	return out
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

func genDataset(rng *rand.Rand, i int, base string) *DatasetSpec {
	p := func(prob float64) bool { return rng.Float64() < prob }
	ds := &DatasetSpec{
		IRI:   fmt.Sprintf("%sid/dataset/%05d", base, i),
		Title: fmt.Sprintf("Dataset %d", i),
		// most metadata is there most of the time; each piece can be missing
		Description: p(0.9), Keyword: p(0.7), Theme: p(0.7), Spatial: p(0.6), Temporal: p(0.5),
		AccessRights: p(0.8), ContactPoint: p(0.7), Publisher: p(0.8), Issued: p(0.6), Modified: p(0.6),
	}
	ds.AccessRightsEU = ds.AccessRights && p(0.7)
	target := i % 6
	nd := 1 + rng.IntN(3)
	for j := range nd {
		t := target
		if j > 0 {
			t = rng.IntN(target + 1) // the others are no better
		}
		d := genDistribution(rng, t, base, i, j)
		ds.Distributions = append(ds.Distributions, d)
	}
	// The dataset-level licence is what distributions without their own
	// inherit; sometimes it is there anyway.
	for _, d := range ds.Distributions {
		if d.Licence == "" || p(0.2) {
			ds.Licence = pick(rng, openLicences)
		}
	}
	if target >= 4 && p(0.25) {
		// The RDF route is a SPARQL service; the distribution is plain CSV.
		ds.Service, ds.ServiceLink = true, target == 5
		if ds.Licence == "" || p(0.5) {
			ds.ServiceLicence = pick(rng, openLicences)
		}
		d := ds.Distributions[0]
		d.Body = Bodies(d.IRI+"/ding/", "")["CSV"]
		d.ContentType, d.Ext, d.Declared = mediaTypes["CSV"], ".csv", "CSV"
	}
	sort.Slice(ds.Distributions, func(a, b int) bool { return ds.Distributions[a].IRI < ds.Distributions[b].IRI })
	return ds
}

// genDistribution builds a distribution worth t stars.
func genDistribution(rng *rand.Rand, t int, base string, i, j int) *DistSpec {
	p := func(prob float64) bool { return rng.Float64() < prob }
	d := &DistSpec{IRI: fmt.Sprintf("%sid/dataset/%05d/distributie/%d", base, i, j)}
	d.Rights, d.ByteSize, d.Issued, d.Modified = p(0.5), p(0.6), p(0.6), p(0.6)
	d.Format, d.FormatAsIRI, d.MediaType = p(0.8), p(0.7), p(0.6)
	d.Access, d.Download = pick(rng, working), pick(rng, working)
	if p(0.2) {
		d.Download = ""
	}
	if p(0.05) {
		d.Access = "" // DCAT-AP requires it: the dataset is then not compliant
	}
	if d.Download == "" && d.Access == "" {
		d.Access = OK
	}
	d.LandingAccess = d.Download != "" && p(0.3)
	d.Licence = pick(rng, openLicences)
	if p(0.3) {
		d.Licence = "" // inherited from the dataset
	}
	var body string
	switch t {
	case 0:
		body = pick(rng, []string{"CSV", "PDF", "RDF_TURTLE"})
		switch rng.IntN(4) {
		case 0:
			d.Licence = pick(rng, knownClosedLicences)
		case 1:
			d.Licence = unknownLicence
		default: // unreachable: every URL fails
			if d.Access != "" {
				d.Access = pick(rng, failing)
			}
			if d.Download != "" {
				d.Download = pick(rng, failing)
			}
		}
	case 1:
		body = pick(rng, []string{"PDF", "HTML", "DOCX", "ZIP", "PNG", "TXT", "TSV"})
	case 2:
		body = pick(rng, []string{"XLSX", "XLS"})
	case 3:
		body = pick(rng, []string{"CSV", "JSON", "GEOJSON", "XML", "KML", "ODS", "?ct", "?ext", "?meta"})
	case 4, 5:
		body = pick(rng, []string{"RDF_TURTLE", "RDF_N_TRIPLES", "RDF_XML", "JSON_LD"})
	}
	if (t == 1 || t == 2 || t == 3) && d.Download != "" && works(d.Download) && d.Access != "" && p(0.2) {
		d.Access = pick(rng, failing) // a broken access URL beside a working download
	}
	link := ""
	if t == 5 {
		link = "http://www.wikidata.org/entity/Q" + fmt.Sprint(100+i)
	}
	if strings.HasPrefix(body, "?") {
		// Bytes that tell nothing: the format comes from the next source.
		d.Body = Body{Format: "", Bytes: []byte{0, 1, 2, 3, 0xfe, 0xff, 0x10, 0x80}}
		d.ContentType, d.Ext, d.Declared = "application/octet-stream", "", "CSV"
		switch body {
		case "?ct":
			d.ContentType = "text/csv"
		case "?ext":
			d.Ext = ".json"
			d.Declared = "JSON"
		case "?meta":
			d.Format = true
		}
		return d
	}
	d.Body = Bodies(d.IRI+"/ding/", link)[body]
	d.ContentType, d.Ext, d.Declared = mediaTypes[body], extensions[body], body
	if weak := weakBodies[body]; p(0.3) {
		// The server and the metadata lie about the format; the bytes win.
		lie := pick(rng, []string{"CSV", "XLSX", "JSON", "PDF"})
		if weak != nil && weak[lie] || lie == body {
			lie = "PDF"
			if body == "PDF" {
				lie = "CSV"
			}
		}
		d.ContentType, d.Ext, d.Declared = mediaTypes[lie], extensions[lie], lie
	}
	return d
}

// weakBodies are bodies whose bytes say only "text", "XML" or "JSON": the
// format rules let a later source name a more precise format of the
// family, so lies never go there.
var weakBodies = map[string]map[string]bool{
	"TXT":  {"CSV": true, "TSV": true},
	"XML":  {"RDF_XML": true, "KML": true},
	"JSON": {"GEOJSON": true, "JSON_LD": true},
}

// sampled is the body the evidence downloads: from the download URL when
// it works, else from the access URL.
func (d *DistSpec) sampled() (Body, bool) {
	switch {
	case d.Download != "" && works(d.Download):
		return d.Body, true
	case d.Access != "" && works(d.Access):
		if d.LandingAccess {
			return landingPage, true
		}
		return d.Body, true
	}
	return Body{}, false
}

var landingPage = Body{Format: "HTML", Bytes: []byte("<!DOCTYPE html>\n<html><head><title>Dataset</title></head><body><a href=\"download\">Download</a></body></html>\n")}

// format is the format the rules determine: the bytes, else the
// Content-Type, else the URL's extension, else the metadata.
func (d *DistSpec) format() string {
	b, ok := d.sampled()
	if !ok {
		return ""
	}
	if b.Format != "" {
		return b.Format
	}
	for f, mt := range mediaTypes {
		if mt == d.ContentType {
			return f
		}
	}
	for f, e := range extensions {
		if e == d.Ext && e != "" {
			return f
		}
	}
	if d.Format || d.MediaType {
		return d.Declared
	}
	return ""
}

func (ds *DatasetSpec) licenceOf(d *DistSpec) string {
	if d.Licence != "" {
		return d.Licence
	}
	return ds.Licence
}

func (ds *DatasetSpec) stars(d *DistSpec) int {
	if _, reachable := d.sampled(); !reachable || !licenceOpen(ds.licenceOf(d)) {
		return 0
	}
	f := d.format()
	switch {
	case !machineReadable[f]:
		return 1
	case !nonProprietary[f]:
		return 2
	case !rdfFormats[f]:
		return 3
	}
	b, _ := d.sampled()
	if !strings.Contains(string(b.Bytes), "wikidata") {
		return 4
	}
	return 5
}

// points are the distribution's MQA v1 points.
func (d *DistSpec) points() int {
	p := 0
	add := func(cond bool, n int) {
		if cond {
			p += n
		}
	}
	add(d.Access != "" && works(d.Access), 50)
	add(d.Download != "", 20)
	add(d.Download != "" && works(d.Download), 30)
	add(d.Format, 20)
	add(d.MediaType, 10)
	add(d.Format && d.FormatAsIRI || d.MediaType, 10)
	declared := d.Format || d.MediaType
	add(declared && nonProprietary[d.Declared], 20)
	add(declared && machineReadable[d.Declared], 20)
	add(d.Licence != "", 20)
	add(licenceKnown(d.Licence), 10)
	add(d.Rights, 5)
	add(d.ByteSize, 5)
	add(d.Issued, 5)
	add(d.Modified, 5)
	return p
}

// Truth computes the dataset's stars and MQA points from its specification.
func (ds *DatasetSpec) Truth() Truth {
	var tr Truth
	for _, d := range ds.Distributions {
		tr.Stars = max(tr.Stars, ds.stars(d))
	}
	if ds.Service {
		s := 0
		l := ds.ServiceLicence
		if l == "" {
			l = ds.Licence
		}
		if licenceOpen(l) {
			s = 4
			if ds.ServiceLink {
				s = 5
			}
		}
		tr.Stars = max(tr.Stars, s)
	}
	add := func(cond bool, n int) {
		if cond {
			tr.MQA += n
		}
	}
	// DCAT-AP 3.0.1: a description, an access URL per distribution, and
	// dct:format an IRI (a class constraint no literal meets).
	compliant := ds.Description
	for _, d := range ds.Distributions {
		compliant = compliant && d.Access != "" && (!d.Format || d.FormatAsIRI)
	}
	add(ds.Keyword, 30)
	add(ds.Theme, 30)
	add(ds.Spatial, 20)
	add(ds.Temporal, 20)
	add(compliant, 30)
	add(ds.AccessRights, 10)
	add(ds.AccessRightsEU, 5)
	add(ds.ContactPoint, 20)
	add(ds.Publisher, 10)
	// piveau: the first distribution with the most points counts; issued
	// and modified come from the dataset when that distribution lacks them.
	var best *DistSpec
	for _, d := range ds.Distributions {
		if best == nil || d.points() > best.points() {
			best = d
		}
	}
	tr.MQA += best.points()
	add(!best.Issued && ds.Issued, 5)
	add(!best.Modified && ds.Modified, 5)
	return tr
}

// Band is data.europa.eu's rating of an MQA score: excellent 351–405,
// good 221–350, sufficient 121–220, bad 0–120.
func Band(points int) string {
	switch {
	case points >= 351:
		return "excellent"
	case points >= 221:
		return "good"
	case points >= 121:
		return "sufficient"
	}
	return "bad"
}
