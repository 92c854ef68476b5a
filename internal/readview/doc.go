// Package readview is the contract between the store and the HTTP
// packages (ldserver, sparqlhttp, webapp): they read the dataset through a
// Source of consistent read views and never see the store; cmd/maturity
// adapts the store's snapshots.
//
//	view.go    Source and View
//	memory.go  Memory, an in-memory Source that behaves like the store
//	           (generations, graph modification times, dropped graphs, open
//	           views counted, writes that wait for them), for the HTTP
//	           packages' tests
package readview
