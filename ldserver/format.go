package ldserver

import (
	"strings"

	"github.com/stadleuven/maturity/rdfio"
)

// rep is one representation a document can be served in: an RDF format from
// rdfio's table or the HTML page.
type rep struct {
	format rdfio.Format // FormatUnknown for HTML
	html   bool
}

var (
	repHTML     = rep{html: true}
	repTurtle   = rep{format: rdfio.Turtle}
	repJSONLD   = rep{format: rdfio.JSONLD}
	repNTriples = rep{format: rdfio.NTriples}
	repRDFXML   = rep{format: rdfio.RDFXML}
	repNQuads   = rep{format: rdfio.NQuads}
)

// docOffers is what every description document offers, in the server's order
// of preference: it breaks ties between equally acceptable types, so */* and
// a missing Accept header give Turtle.
var docOffers = []rep{repTurtle, repJSONLD, repHTML, repNTriples, repRDFXML}

// pageOffers is the order for pages meant for people first (the landing page).
var pageOffers = []rep{repHTML, repTurtle, repJSONLD, repNTriples, repRDFXML}

// name is the short name used in ?format=, cache keys and ETags.
func (r rep) name() string {
	if r.html {
		return "html"
	}
	return r.format.String()
}

// ext is the file extension that selects r in a URL path.
func (r rep) ext() string {
	if r.html {
		return ".html"
	}
	return r.format.Ext()
}

// mediaType is the Content-Type of r, with the charset for text types.
func (r rep) mediaType() string {
	if r.html {
		return "text/html"
	}
	return r.format.MediaType()
}

// contentType is the Content-Type header value.
func (r rep) contentType() string {
	mt := r.mediaType()
	if strings.HasPrefix(mt, "text/") || r.format == rdfio.NTriples || r.format == rdfio.NQuads || r.format == rdfio.JSONLD || r.format == rdfio.RDFXML {
		return mt + "; charset=utf-8"
	}
	return mt
}

// repForName maps a ?format= value (short name, extension or media type).
func repForName(s string) (rep, bool) {
	switch strings.ToLower(strings.TrimPrefix(s, ".")) {
	case "html", "htm", "text/html":
		return repHTML, true
	}
	f, err := rdfio.ParseFormat(s)
	if err != nil {
		return rep{}, false
	}
	return rep{format: f}, true
}

// repForExt maps a path suffix such as ".ttl" to a representation.
func repForExt(ext string) (rep, bool) {
	switch strings.ToLower(ext) {
	case ".html", ".htm":
		return repHTML, true
	case "":
		return rep{}, false
	}
	if f := rdfio.FormatForExt(ext); f != rdfio.FormatUnknown {
		return rep{format: f}, true
	}
	return rep{}, false
}

// offered returns whether r is among offers.
func offered(r rep, offers []rep) bool {
	for _, o := range offers {
		if o == r {
			return true
		}
	}
	return false
}
