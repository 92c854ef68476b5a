// Package service answers SPARQL SERVICE clauses by sending the sub-query to
// a remote endpoint, but only to endpoints on an allow-list: an open SERVICE
// lets anyone who can query the server make it send requests anywhere (a
// server-side request forgery hole into the network it runs in).
//
// The HTTP exchange goes through github.com/knakk/sparql; the answer is
// read here, as it streams, through a byte cap (Limits.ServiceBytes), so a
// huge answer is refused before it is held in memory. Every request is
// bound to the query's context, so a timeout or a client that disconnects
// stops the remote call too. No redirect is followed, not even to another
// path of the same host: the allow-list names endpoints, not hosts.
//
// Left open: an endpoint that answers with an error status has its whole
// body read by the knakk library (to quote it in the error), bounded only
// by the query's timeout. Allowed endpoints are the operator's choice.
package service
