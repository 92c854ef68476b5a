package sparqlhttp

import (
	"strings"

	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql/results"
)

// resultOffer is one SPARQL results format the endpoint can send, with the
// generic media types that also select it at a lower quality.
type resultOffer struct {
	format  results.Format
	aliases []string
}

// selectOffers are the formats of SELECT results, in the endpoint's order of
// preference: JSON first, which is what a client that says nothing gets.
var selectOffers = []resultOffer{
	{results.JSON, []string{"application/json"}},
	{results.XML, []string{"application/xml", "text/xml"}},
	{results.CSV, nil},
	{results.TSV, nil},
}

// askOffers are the formats of ASK results: CSV and TSV have no standard
// boolean form, but ours (one column, one row) is what Jena and RDF4J send.
var askOffers = selectOffers

// graphOffers are the formats of CONSTRUCT and DESCRIBE results: every RDF
// format the server writes, Turtle first.
var graphOffers = []httpx.Rep{httpx.RepTurtle, httpx.RepJSONLD, httpx.RepNTriples, httpx.RepRDFXML, httpx.RepNQuads}

// negotiateResults picks a results format from an Accept header; ok is false
// when nothing offered is acceptable (406).
func negotiateResults(accept string, offers []resultOffer) (results.Format, bool) {
	ranges := httpx.ParseAccept(accept)
	if len(ranges) == 0 {
		return offers[0].format, true
	}
	best, bestQ := results.FormatUnknown, 0.0
	for _, o := range offers {
		mt := o.format.MediaType()
		typ, _, _ := strings.Cut(mt, "/")
		spec, q := -1, 0.0
		for _, mr := range ranges {
			s, mq := -1, mr.Q
			switch full := mr.Type + "/" + mr.Sub; {
			case mr.Type == "*":
				s = 0
			case mr.Sub == "*":
				if mr.Type == typ {
					s = 1
				}
			case full == mt:
				s = 2
			default:
				for _, a := range o.aliases {
					if full == a {
						// A generic type says less than the registered
						// one: halve it, as the document negotiation does.
						s, mq = 2, mq*httpx.AliasQuality
					}
				}
			}
			if s > spec || (s == spec && mq > q) {
				spec, q = s, mq
			}
		}
		if spec >= 0 && q > bestQ {
			best, bestQ = o.format, q
		}
	}
	return best, bestQ > 0
}

// resultFormatByName maps ?format= for SELECT and ASK: json, xml, csv, tsv,
// an extension or a media type.
func resultFormatByName(name string) (results.Format, bool) {
	f, err := results.ParseFormat(name)
	return f, err == nil
}

// graphFormatByName maps ?format= for CONSTRUCT and DESCRIBE.
func graphFormatByName(name string) (httpx.Rep, bool) {
	r, ok := httpx.RepForName(name)
	if !ok || r.HTML {
		return httpx.Rep{}, false
	}
	return r, true
}

// offeredTypes lists media types for a 406 answer.
func offeredTypes(res []resultOffer, graphs []httpx.Rep) []string {
	var out []string
	for _, o := range res {
		out = append(out, o.format.MediaType())
	}
	for _, g := range graphs {
		out = append(out, g.MediaType())
	}
	return out
}

// rdfFormats is the rdfio side of graphOffers, for the service description.
func rdfFormats() []rdfio.Format {
	out := make([]rdfio.Format, len(graphOffers))
	for i, g := range graphOffers {
		out[i] = g.Format
	}
	return out
}
