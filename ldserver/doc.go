// Package ldserver publishes the dataset as linked data: it answers every IRI
// minted under the public base with a content-negotiated description
// (Turtle, JSON-LD, N-Triples, RDF/XML or an HTML page in Dutch or English),
// following the Flemish URI standard (/id/ → 303 → /doc/, 404 for unknown
// and 410 for removed terms). The shared ontology and model
// (https://w3id.org/open-data-maturiteit/…, Config.Namespaces) are
// described at the same path under the base ({base}ns, {base}model/…): the
// RDF keeps the shared IRIs, HTML links the local pages. It also serves the
// landing page, VoID, the dumps, named graphs, the JSON-LD context and the
// DCAT-AP Vlaanderen catalog (built by package dcat).
//
// The server never sees the store: it reads through a readview.Source,
// which hands out consistent read views; cmd/maturity adapts the store's
// snapshots. The rest of the site is routed beside it (Config.Apps): the
// SPARQL endpoint (package sparqlhttp) and the web app (package webapp).
// None of the three imports another; they share the HTTP plumbing of
// internal/httpx, the page frame of internal/htmlui and the message
// catalogue of package i18n.
//
// Layout, one concept per file:
//
//	server.go     Config, App, New and the chi router (routes())
//	format.go     the representations each kind of document offers
//	reader.go     a request's view: id/term memo, graphs that contributed
//	describe.go   what a description holds (outgoing, blank closure, labels, incoming pages)
//	hash.go       hash namespaces: /ns describes every …/ns#term
//	resource.go   /id/ (303), /doc/, /ns/ and mirrored (/ns, /model/…) handlers, the cached serving path, error answers
//	graph.go      /graph/… : the content of a named graph
//	render.go     serialising a description in an RDF format
//	html.go       HTML rendering: templates/ on the site's layout (internal/htmlui)
//	page.go       the HTML view model: resources, properties, values, labels,
//	              study-text / translation / interpretation badges
//	tables.go     score tables from Data Cube datasets, tables of linked resources
//	scores.go     an assessment's cube as charts and a table; links to the dashboard
//	stdlabels.go  Dutch and English names of standard vocabulary terms
//	landing.go    the landing page /, with the study's definitions and conclusions
//	void.go       VoID at /.well-known/void (counts from internal/voidstats)
//	dump.go       gzipped whole-dataset dumps under /dumps/
//	warm.go       Warm: the catalog and statistics built before requests and after changes
//	context.go    the JSON-LD context at /ns/context.jsonld
//	cache.go      the response cache, ETag/Last-Modified, conditional requests
//	catalog.go    the DCAT-AP Vlaanderen catalog, Hydra pages and downloads
//	vocab.go      IRIs of the standard vocabularies the server reads
//
// A document's ETag and Last-Modified come from the modification times of
// the graphs its quads were read from, so importing one assessment changes
// the validators of the pages that show it and of no other. Rendered
// responses (plain and gzipped) are cached per path, format, language and
// page, valid while the store's generation is unchanged.
//
// Content negotiation default: a request without Accept, with an empty one or
// with only wildcards (curl sends */*) gets Turtle for data documents and HTML
// for the landing page; browsers name text/html explicitly and get HTML.
// Ties between equally acceptable types go to the server's order: Turtle,
// JSON-LD, HTML, N-Triples, RDF/XML (N-Quads where graphs are offered).
package ldserver
