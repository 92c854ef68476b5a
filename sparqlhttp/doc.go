// Package sparqlhttp is the SPARQL 1.1 protocol endpoint at /sparql: query
// by GET, by form POST or by a direct POST body; answers streamed in the
// negotiated results or RDF format; the service description for a GET
// without a query; and the query page (YASGUI, vendored) for a browser.
// It uses the query engine through its front door only (package sparql,
// and sparql/results to write answers) and reads through a
// readview.Source, never the store.
//
// Every query is bounded: parsing and evaluation by sparql.Limits, the
// evaluation by a timeout, the answer by a row cap (signalled with
// X-SPARQL-Truncated, as a header or, once the answer streams, a
// trailer), and the server by admission: at most MaxQueries queries run at
// once, MaxQueued wait, the rest get 503 with Retry-After.
//
//	endpoint.go          Config, Endpoint, New, Routes; a query's way from request to answer; errors
//	endpoint_admit.go    how many queries run at once, the queue, 503 + Retry-After
//	endpoint_request.go  reading a protocol request (GET, form POST, sparql-query POST)
//	endpoint_conneg.go   choosing the results or RDF format of an answer
//	endpoint_write.go    streaming answers, signalling a cut answer
//	sd.go                the SPARQL service description (with VoID statistics)
//	yasgui.go            the query page (vendored YASGUI under yasgui/)
package sparqlhttp
