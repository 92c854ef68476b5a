// Package store keeps RDF quads in one bbolt file, dictionary-encoded, in
// four sorted indexes, and serves consistent read snapshots that implement
// the SPARQL evaluator's Dataset interface.
//
// # Layout
//
// Every term is stored once and numbered: bucket "dict:id" maps an id key
// to the term's stored form (a tag byte, then the lexical form, language tag
// and datatype exactly as given; common datatypes get a one-byte code), and
// bucket "dict:hash" maps an 8-byte hash of that form to the ids that have
// it. A lookup verifies each candidate against "dict:id", so collisions cost
// a comparison and never a wrong answer, while the hash keeps the reverse
// map's keys short and fixed (long IRIs would otherwise be stored twice).
// Id 1 is reserved for the stored default graph, the zero rdf.Term.
//
// Id keys are one length byte and the minimal big-endian bytes. That
// encoding sorts like the numbers and is prefix-free, so a concatenation of
// ids sorts like the tuple and a prefix scan over its first k ids is exact.
//
// Quads live in four indexes, SPOG, POSG, OSPG and GSPO (bucket "ix:NAME").
// Every pattern of bound and unbound components is a range scan of one of
// them: the index is chosen to bind the longest prefix, and the remaining
// bound components are filtered inside that range. Twelve of the sixteen
// patterns are whole prefixes of an index (none, s, p, o, g, sp, po, os, gs,
// spo, gsp, spog); the other four (pg, og, pog, sog) read the p, o, po or
// os range and filter the graph. Most queries read the union of all graphs
// (graph unbound), and the server's graph reads bind the graph alone, so
// those four are rare; six indexes (adding GPOS and GOSP) would make them
// pure prefixes too, at half as much again in import time and space.
//
// An index does not store one bbolt key per quad: bbolt spends 16 bytes of
// element header on each key, which alone would be 64 bytes per quad over
// four indexes. Instead the sorted quads are packed in blocks of at most
// about 960 bytes (four to a 4 KiB page), keyed by their last quad
// (block.go), so that the block holding a quad is the one bbolt's Seek
// finds: Prev, which first-quad keys would need, misreads leaves emptied
// earlier in the same transaction. Each quad is delta-encoded against its predecessor (the
// position of the first differing id and the increase there, then the
// following ids as uvarints), which takes 3 to 7 bytes, since neighbours
// share their leading ids. Ids must stay below 2^62, as the increase shares
// its uvarint with the position; they are handed out one by one, so they
// do. Writes decode the touched blocks, merge, and re-split them evenly
// (blocks nothing changed in are not rewritten); a bulk load into an empty
// range therefore writes full blocks in key order, which bbolt appends with
// pages filled to 100 %.
//
// Reads decode a block at a time into a reused buffer (blockscan.go):
// Match and MatchBlocks, which hands the caller a block's matching quads
// as one slice, cost about 9 ns a quad where decoding a tuple per call
// cost 28.
//
// Bucket "graphs" keeps per graph its quad count and the time of its last
// write (for ETag and Last-Modified), and "meta" the layout version, the
// next free id, the total quad count and a generation that increases with
// every commit that changes quads.
//
// # Writes
//
// Each write is one bbolt transaction. A batch is encoded once: its distinct
// terms are collected, looked up in hash order, new ones numbered in order of
// first appearance (which keeps ids of related terms close, and so index
// deltas small), and the quads are sorted per index (radix sort) and merged
// into the blocks. The primary SPOG index tells which quads are really new or
// really gone; only those reach the other three indexes and the counts.
//
// Import streams a parser's quads into one transaction: the parser runs on
// its own goroutine while the caller interns terms, and nothing is written to
// the file before commit. bbolt commits by writing new pages, syncing, then
// switching the meta page, so a failure or kill -9 at any point leaves the
// previous state (crash_test.go proves it by killing a child process
// mid-import and at fractions of the commit). The price of one transaction
// is memory: the import is encoded whole (16 bytes per quad while parsing,
// about 200 while sorting) and bbolt keeps every page it writes in memory
// until commit. It is written in one ascending pass per bucket, because
// bbolt splits nodes only at commit: a second pass over a bucket within the
// same transaction would insert into nodes already holding the first pass's
// keys and move their tails on every insert, which is quadratic.
//
// The same reasoning explains the write order in general: a batch touches
// each bucket once, in key order, so a node's in-transaction growth is
// appended, and pages are filled to 100 % because the keys come sorted.
//
// # Measured
//
// One million triples (the peers' gen-data.py 300 5: 131 MB of N-Triples,
// 90 thousand distinct terms) parsed with rdfio and imported with fsync on,
// on the shared 2-core machine while other jobs kept its load average
// between 3 and 23, so single times vary fivefold and only interleaved
// comparisons mean much. In twelve rounds of store, Oxigraph 0.5.11 (npm,
// WebAssembly, in-process; into its in-memory store) and the bulk loader
// of Virtuoso 7.2.5 (Debian) on the same file the median times were 8.2 s,
// 31 s and 19 s; the median per-round rate was 4.7 times Oxigraph's and 2.2
// times Virtuoso's (faster than Virtuoso in 9 of 12 rounds); the best times
// were 1.9 s, 9.3 s and 5.0 s. The file holds 27 bytes per triple
// (Virtuoso's database 63 to 69), peak RSS is 380 to 440 MiB (Oxigraph
// 780 MiB), Check takes 0.3 to 1.4 s and Backup 4 to 30 ms. A
// bound-subject Match (13 quads) runs about 100 thousand times a second and
// a bound predicate-object scan yields about 14 million quads a second.
// BenchmarkImport1M and BenchmarkLookup1M measure these.
//
// # Concurrency
//
// bbolt allows one writer and any number of readers. A Snapshot is a read
// transaction and sees the state at its start for its whole life. The rule:
// do not write from a goroutine while it holds an open Snapshot, and close
// snapshots promptly. When a commit has to grow the memory map, bbolt waits
// until every read transaction has ended, so a writer waiting on a snapshot
// held by its own goroutine deadlocks, and a long-lived snapshot stalls
// writers (and, behind them, new snapshots). The store maps 1 GiB up front
// (Options.MmapSize), so remapping only happens when the file outgrows it.
// A long-lived snapshot also keeps the pages it reads from being reused,
// which makes the file grow under a steady write load.
package store
