// Package service answers SPARQL SERVICE clauses by sending the sub-query to
// a remote endpoint, but only to endpoints on an allow-list: an open SERVICE
// lets anyone who can query the server make it send requests anywhere (a
// server-side request forgery hole into the network it runs in).
//
// The HTTP exchange goes through github.com/knakk/sparql. Every request is
// bound to the query's context, so a timeout or a client that disconnects
// stops the remote call too, and a redirect to a host that is not allowed is
// refused before a connection is made.
package service
