// Package httpx is the HTTP plumbing the linked-data server (ldserver),
// the SPARQL endpoint (sparqlhttp) and the web app (webapp) share:
// reading Accept, Accept-Language and Accept-Encoding, choosing among RDF
// representations, mapping the public base to request paths and IRIs, and
// the middleware every request passes.
//
//	accept.go      Accept / Accept-Language / Accept-Encoding parsing, PickLang
//	rep.go         Rep (an RDF format or HTML), Negotiate over representations
//	base.go        Base: public base ↔ request path ↔ IRI, shared IRIs ↔ local pages
//	middleware.go  base-prefix stripping, CORS, timeout, request log
//	security.go    nosniff, Referrer-Policy, Content-Security-Policy
//	deadline.go    body and per-write deadlines (a trickled body is cut, a dump streams)
//	connlimit.go   a cap on open connections that closes the longest idle one
//	controls.go    control and bidi characters made visible in HTML
//	respond.go     plain-text errors, gzip of cached bodies
package httpx
