// Package mirror keeps a copy of the hub's graphs in an external SPARQL
// 1.1 store, for when one machine no longer answers the researchers'
// queries fast enough: Virtuoso, Oxigraph server, Apache Jena Fuseki and
// GraphDB through the Graph Store HTTP Protocol (PUT replaces a graph,
// DELETE drops one), any store through SPARQL 1.1 Update (DROP SILENT
// GRAPH, INSERT DATA in chunks) where the Graph Store Protocol is missing,
// and QLever, which is read-only and rebuilt by bulk loading, through a
// directory of N-Quads files, one per graph, that its index builder reads.
//
// Sync is incremental, idempotent and resumable: a state file records,
// per graph, the hub's modification time and triple count when the target
// got it; only graphs that changed since are written, each whole (writing
// one twice does no harm); graphs the hub dropped are dropped; the state is
// saved as it goes, so an interrupted sync resumes where it stopped. Then
// every graph's triple count at the target (one GROUP BY query) is compared
// with the hub's; a graph that differs is written again, and what still
// differs is reported. Credentials go by HTTP Basic or Digest, whichever
// the store asks for (Virtuoso's -auth endpoints use Digest).
//
// The mirror moves N-Triples bytes; it knows nothing of the store or of
// RDF terms. Virtuoso 7.2.5 normalises numeric literals: "2.0" and "2" of
// type xsd:decimal on the same subject and predicate become one triple
// there, and the counts would say so; the tool's data never has both.
//
// Layout:
//
//	target.go  Target and the presets of the stores
//	mirror.go  Sync, Check, Counts; the state file; the three protocols
//	auth.go    HTTP Basic and Digest
package mirror
