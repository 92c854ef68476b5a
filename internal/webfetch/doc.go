// Package webfetch is the HTTP client for fetching URLs taken from
// untrusted input: a city's catalog names the URLs we check and download,
// so a catalog could point us at the machine we run on, the local network
// or a cloud metadata endpoint. The client refuses those unless
// Options.AllowPrivate is set.
//
// What it guarantees, for every request and every redirect hop:
//
//   - only http and https; every address actually dialled is checked after
//     DNS resolution (a net.Dialer Control hook), so neither a redirect nor a
//     DNS answer that changes between lookup and connect (rebinding) reaches
//     a loopback, private, link-local, unspecified, multicast, CGNAT or
//     otherwise reserved address; proxies from the environment are not used,
//     because a proxy would dial on our behalf and hide the address;
//   - a User-Agent on every request; a timeout per request that covers
//     connecting, headers and body; a cap on the bytes read from a body;
//   - at most Options.PerHost requests in flight per host, and a 429 or 503
//     with Retry-After delays every later request to that host and is retried
//     once (waits longer than Options.MaxRetryWait are not honoured: the
//     response counts as it is).
//
// Check does what data.europa.eu's URL checker does to a distribution URL:
// HEAD, and for a server that refuses HEAD (403, 405, 501) a GET of the
// first bytes only. Get downloads a bounded sample for content sniffing.
// Fetch is the harvester's GET: conditional (If-None-Match,
// If-Modified-Since; 304 has no body), with the response headers, and with
// a rule of the caller's for every redirect (a source's own origin).
//
// The package is for every component that fetches what users name: the
// evidence scorer and the hub's harvester.
package webfetch
