// Package ldserver publishes the dataset as linked data: it answers every IRI
// minted under the public base with a content-negotiated description
// (Turtle, JSON-LD, N-Triples, RDF/XML or an HTML page in Dutch or English),
// following the Flemish URI standard (/id/ → 303 → /doc/, vocabularies under
// /ns/, 404 for unknown and 410 for removed terms).
//
// The server never sees the store: it reads through Source, which hands out
// consistent read views (View). cmd/maturity adapts the store's snapshots.
//
// Layout, one concept per file:
//
//	server.go     Config, Source/View, New and the chi router (routes())
//	paths.go      public base ↔ request path ↔ IRI
//	conneg.go     Accept / Accept-Language / Accept-Encoding parsing and selection
//	format.go     the representations offered (rdfio's format table + HTML)
//	reader.go     a request's view: id/term memo, graphs that contributed
//	describe.go   what a description holds (outgoing, blank closure, labels, incoming pages)
//	hash.go       hash namespaces: /ns/maturiteit describes every ns/maturiteit#term
//	resource.go   /id/ (303), /doc/ and /ns/ handlers, the cached serving path
//	graph.go      /graph/… : the content of a named graph
//	render.go     serialising a description in an RDF format
//	html.go       HTML rendering (templates/ and static/ are embedded)
//	page.go       the HTML view model: resources, properties, values, labels
//	tables.go     score tables from Data Cube datasets, tables of linked resources
//	stdlabels.go  Dutch and English names of standard vocabulary terms
//	landing.go    the landing page /
//	void.go       VoID at /.well-known/void
//	dump.go       gzipped whole-dataset dumps under /dumps/
//	warm.go       Warm: the catalog and statistics built before requests and after changes
//	context.go    the JSON-LD context at /ns/context.jsonld
//	cache.go      the response cache, ETag/Last-Modified, conditional requests
//	middleware.go request logging, timeout, CORS
//	i18n.go       Dutch and English user-facing text
//	vocab.go      IRIs of the standard vocabularies the server reads
//	edit.go       the self-assessment form: Writer, /evaluatie/nieuw, POST /evaluatie, CSV upload
//	edit_access.go who may edit: edit token or loopback, session cookie, cross-origin checks
//	edit_form.go  the form's view model, pre-filling and validation
//	edit_data.go  organisations and scale-level definitions read for the form
//	edit_plan.go  the action plan as a page, /evaluatie/plan?org=&year=
//	edit_text.go  Dutch and English text of the form and the plan
//	endpoint.go          the SPARQL 1.1 protocol endpoint at /sparql: limits, timeout, row cap
//	endpoint_admit.go    how many queries run at once, the queue, 503 + Retry-After
//	endpoint_request.go  reading a protocol request (GET, form POST, sparql-query POST)
//	endpoint_conneg.go   choosing the results or RDF format of an answer
//	endpoint_write.go    streaming answers, signalling a cut answer
//	endpoint_text.go     Dutch and English endpoint messages
//	sd.go                the SPARQL service description (with VoID statistics)
//	yasgui.go            the query page (vendored YASGUI under yasgui/)
//	catalog.go           the DCAT-AP Vlaanderen catalog, Hydra pages and downloads (built by package dcat)
//
// Editing is off unless Config.Writer is set. Then city staff fill in an
// assessment at /evaluatie/nieuw (one fieldset per domain of the model, the
// levels labelled with the model's own descriptors) and every publish is one
// atomic Writer.ReplaceGraphs of the graphs assess.BuildAssessment returns:
// a new version, linked to the previous one by prov:wasRevisionOf. With
// Config.EditToken empty only loopback clients may edit; behind a reverse
// proxy every client looks local, so such a server must set a token.
//
// A document's ETag and Last-Modified come from the modification times of
// the graphs its quads were read from, so importing one assessment changes
// the validators of the pages that show it and of no other. Rendered
// responses (plain and gzipped) are cached per path, format, language and
// page, valid while the store's generation is unchanged.
//
// The SPARQL protocol endpoint (/sparql) and the DCAT catalog (/catalog) are
// added in their own files that register routes from routes() in server.go;
// the landing page and VoID link them as soon as their routes exist.
//
// Content negotiation default: a request without Accept, with an empty one or
// with only wildcards (curl sends */*) gets Turtle for data documents and HTML
// for the landing page; browsers name text/html explicitly and get HTML.
// Ties between equally acceptable types go to the server's order: Turtle,
// JSON-LD, HTML, N-Triples, RDF/XML (N-Quads where graphs are offered).
package ldserver
