package ldserver

import (
	"strings"

	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/httpx"
)

// docOffers is what every description document offers, in the server's order
// of preference: it breaks ties between equally acceptable types, so */* and
// a missing Accept header give Turtle.
var docOffers = []httpx.Rep{httpx.RepTurtle, httpx.RepJSONLD, httpx.RepHTML, httpx.RepNTriples, httpx.RepRDFXML}

// pageOffers is the order for pages meant for people first (the landing page).
var pageOffers = []httpx.Rep{httpx.RepHTML, httpx.RepTurtle, httpx.RepJSONLD, httpx.RepNTriples, httpx.RepRDFXML}

// alternates lists a page's RDF representations, each at href(httpx.Rep).
func alternates(href func(httpx.Rep) string) []htmlui.Alternate {
	var out []htmlui.Alternate
	for _, o := range docOffers {
		if !o.HTML {
			out = append(out, htmlui.Alternate{Name: strings.ToUpper(strings.TrimPrefix(o.Ext(), ".")), MediaType: o.MediaType(), Href: href(o)})
		}
	}
	return out
}
