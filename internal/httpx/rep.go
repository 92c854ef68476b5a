package httpx

import (
	"strings"

	"github.com/stadleuven/maturity/rdfio"
)

// Rep is one representation a document can be served in: an RDF format
// from rdfio's table or the HTML page.
type Rep struct {
	Format rdfio.Format // FormatUnknown for HTML
	HTML   bool
}

// The representations.
var (
	RepHTML     = Rep{HTML: true}
	RepTurtle   = Rep{Format: rdfio.Turtle}
	RepJSONLD   = Rep{Format: rdfio.JSONLD}
	RepNTriples = Rep{Format: rdfio.NTriples}
	RepRDFXML   = Rep{Format: rdfio.RDFXML}
	RepNQuads   = Rep{Format: rdfio.NQuads}
)

// Name is the short name used in ?format=, cache keys and ETags.
func (r Rep) Name() string {
	if r.HTML {
		return "html"
	}
	return r.Format.String()
}

// Ext is the file extension that selects r in a URL path.
func (r Rep) Ext() string {
	if r.HTML {
		return ".html"
	}
	return r.Format.Ext()
}

// MediaType is the media type of r.
func (r Rep) MediaType() string {
	if r.HTML {
		return "text/html"
	}
	return r.Format.MediaType()
}

// ContentType is the Content-Type header value, with the charset for
// text formats.
func (r Rep) ContentType() string {
	mt := r.MediaType()
	if strings.HasPrefix(mt, "text/") || r.Format == rdfio.NTriples || r.Format == rdfio.NQuads || r.Format == rdfio.JSONLD || r.Format == rdfio.RDFXML {
		return mt + "; charset=utf-8"
	}
	return mt
}

// RepForName maps a ?format= value (short name, extension or media type).
func RepForName(s string) (Rep, bool) {
	switch strings.ToLower(strings.TrimPrefix(s, ".")) {
	case "html", "htm", "text/html":
		return RepHTML, true
	}
	f, err := rdfio.ParseFormat(s)
	if err != nil {
		return Rep{}, false
	}
	return Rep{Format: f}, true
}

// RepForExt maps a path suffix such as ".ttl" to a representation.
func RepForExt(ext string) (Rep, bool) {
	switch strings.ToLower(ext) {
	case ".html", ".htm":
		return RepHTML, true
	case "":
		return Rep{}, false
	}
	if f := rdfio.FormatForExt(ext); f != rdfio.FormatUnknown {
		return Rep{Format: f}, true
	}
	return Rep{}, false
}

// Offered returns whether r is among offers.
func Offered(r Rep, offers []Rep) bool {
	for _, o := range offers {
		if o == r {
			return true
		}
	}
	return false
}

// specificity ranks how closely mr names r: -1 no match, 0 */*, 1 type/*,
// 2 exact type, 3 exact type with parameters that r satisfies.
func (mr MediaRange) specificity(r Rep) int {
	mt := r.MediaType()
	typ, _, _ := strings.Cut(mt, "/")
	switch {
	case mr.Type == "*":
		return 0
	case mr.Sub == "*":
		if mr.Type == typ {
			return 1
		}
		return -1
	}
	full := mr.Full()
	if r.HTML {
		if full != "text/html" {
			return -1
		}
	} else if rdfio.FormatForMediaType(full) != r.Format {
		return -1
	}
	if len(mr.Params) == 0 {
		return 2
	}
	for _, p := range mr.Params {
		switch p[0] {
		case "charset":
			if !strings.EqualFold(p[1], "utf-8") {
				return -1
			}
		case "profile":
			// We serve compacted JSON-LD only; a request for the expanded or
			// flattened profile alone cannot be met by this range.
			if r.Format == rdfio.JSONLD && !strings.Contains(p[1], "compacted") {
				return -1
			}
		}
	}
	return 3
}

// AliasQuality is the server's quality factor for a format reached through
// an alias media type (application/xml, application/json, text/plain)
// rather than its own.
const AliasQuality = 0.5

// Negotiate picks the representation for an Accept header among offers (in
// the server's order of preference). ok is false when nothing offered is
// acceptable (406). An empty header accepts anything.
func Negotiate(accept string, offers []Rep) (Rep, bool) {
	ranges := ParseAccept(accept)
	if len(ranges) == 0 {
		return offers[0], true
	}
	best, bestQ := Rep{}, 0.0
	for _, o := range offers {
		spec, q := -1, 0.0
		for _, mr := range ranges {
			s := mr.specificity(o)
			mq := mr.Q
			if s >= 2 && mr.Full() != o.MediaType() {
				// A generic alias says less than the real type: the
				// server's quality for it is halved, so a browser listing
				// application/xml above text/html still gets HTML.
				mq *= AliasQuality
			}
			// The most specific range decides; among equally specific
			// ones the highest q wins.
			if s > spec || (s == spec && mq > q) {
				spec, q = s, mq
			}
		}
		if spec >= 0 && q > bestQ {
			best, bestQ = o, q
		}
	}
	return best, bestQ > 0
}
