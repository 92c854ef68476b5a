package harvest

import (
	"mime"
	"strings"

	"github.com/stadleuven/maturity/catalogread"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// rank orders the RDF formats a harvester prefers: the line-based ones
// parse fastest and stream, JSON-LD may need a remote context.
var rank = map[rdfio.Format]int{rdfio.NTriples: 1, rdfio.NQuads: 2, rdfio.Turtle: 3, rdfio.RDFXML: 4, rdfio.JSONLD: 5}

const (
	fileTypeNS = "http://publications.europa.eu/resource/authority/file-type/"
	ianaNS     = "https://www.iana.org/assignments/media-types/"
)

// chooseDistribution picks the distribution of d to harvest: one in an
// RDF format (by dcat:mediaType, dct:format or the URL's extension) with a
// download URL (else an access URL), the preferred format first, then the
// smallest URL. It returns the URL and the format, or "" when d has no RDF
// distribution.
func chooseDistribution(c *catalogread.Catalog, d *catalogread.Dataset) (string, rdfio.Format) {
	best, bestURL := rdfio.FormatUnknown, ""
	for _, dist := range d.Distributions {
		u := firstIRI(c.Objects(dist, nsDCAT+"downloadURL"))
		if u == "" {
			u = firstIRI(c.Objects(dist, nsDCAT+"accessURL"))
		}
		if u == "" {
			continue
		}
		f := declaredFormat(c, dist)
		if f == rdfio.FormatUnknown {
			f = rdfio.FormatForExt(pathOf(u))
		}
		if rank[f] == 0 {
			continue
		}
		if best == rdfio.FormatUnknown || rank[f] < rank[best] || rank[f] == rank[best] && u < bestURL {
			best, bestURL = f, u
		}
	}
	return bestURL, best
}

func firstIRI(ts []rdf.Term) string {
	out := ""
	for _, t := range ts {
		if t.IsIRI() && (out == "" || t.Value < out) {
			out = t.Value
		}
	}
	return out
}

// declaredFormat reads dcat:mediaType (an IANA IRI or a literal) and
// dct:format (an EU File-Type IRI or a literal).
func declaredFormat(c *catalogread.Catalog, dist rdf.Term) rdfio.Format {
	for _, t := range c.Objects(dist, nsDCAT+"mediaType") {
		v := t.Value
		for _, p := range []string{ianaNS, "http://www.iana.org/assignments/media-types/", "http://purl.org/NET/mediatypes/"} {
			v = strings.TrimPrefix(v, p)
		}
		if mt, _, err := mime.ParseMediaType(v); err == nil {
			if f := rdfio.FormatForMediaType(mt); f != rdfio.FormatUnknown {
				return f
			}
		}
	}
	for _, t := range c.Objects(dist, nsDCT+"format") {
		code := strings.TrimPrefix(strings.TrimPrefix(t.Value, fileTypeNS), "https://publications.europa.eu/resource/authority/file-type/")
		code = strings.ReplaceAll(code, "-", "_") // "JSON-LD" is JSON_LD
		for f := range rank {
			if strings.EqualFold(code, f.EUFileType()) {
				return f
			}
		}
		if f := rdfio.FormatForMediaType(t.Value); f != rdfio.FormatUnknown {
			return f
		}
	}
	return rdfio.FormatUnknown
}
