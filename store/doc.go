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
// every commit that changes quads. A compacted file may also have
// "dict:gone", tombstones of dropped IRIs (gone.go, Compaction below).
//
// # Writes
//
// Each write is one bbolt transaction. A batch is encoded once: its distinct
// terms are collected, looked up in hash order, new ones numbered in order of
// first appearance (which keeps ids of related terms close, and so index
// deltas small), and the quads are sorted per index (radix sort) and merged
// into the blocks. The primary SPOG index tells which quads are really new or
// really gone; only those reach the other three indexes and the counts.
// bbolt commits by writing new pages, syncing, then switching the meta page,
// so a failure or kill -9 at any point leaves the previous state.
//
// A transaction is written in one ascending pass per bucket, because bbolt
// splits nodes only at commit: a second pass over a bucket within the same
// transaction would insert into nodes already holding the first pass's keys
// and move their tails on every insert, which is quadratic. So a batch
// touches each bucket once, in key order, a node's in-transaction growth is
// appended, and pages are filled to 100 % because the keys come sorted.
// One bbolt defect shapes mergeBlocks: within a transaction that deleted
// every key of a bucket, Cursor.Last (and Prev) never return, so tuples past
// every block join the last block only in transactions without deletes.
//
// # Imports
//
// Import is all or nothing and kill -9 safe, and its memory stays within
// Options.ImportMemory (512 MiB by default) whatever the input size. It has
// two ways, chosen as the source is read (import.go):
//
//   - One transaction, for imports that fit: the quads are encoded in memory
//     (about 400 bytes a quad at peak, with four sorted orders and bbolt's
//     pages) and written as above. Small writes into a large store take this
//     way, as it touches only the blocks it changes.
//   - A bulk import, once the estimate passes the budget, or when the import
//     is at least as large as the store (and 50,000 quads): terms get their
//     ids as they come, in a compact table (intern.go, about 90 bytes a
//     distinct term); quads gather in a buffer of a quarter of the budget,
//     and each full buffer is sorted in the four orders and spilled as four
//     delta-encoded runs (runs.go) to files beside the store, unlinked at
//     once so that they vanish with the process. Then a new store file is
//     built: the old dictionary and the new terms, and per index a k-way
//     merge of the old blocks and the runs, packed into full blocks
//     (build.go). Other writers of the process wait meanwhile.
//
// The new file is written in many transactions, not one, because bbolt
// keeps every page a transaction writes in memory until commit: building
// the file of gen-data.py 1500 10 (10,044,981 triples, 227 MB) in a single
// transaction peaked at 766 MiB RSS (BenchmarkBuildOneTx), against 486 MiB
// with a commit every ImportMemory/16 bytes and no memory limit, and 392 to
// 426 MiB through the CLI, which sets the Go memory limit to three quarters
// of the budget. Committing in pieces into the live file would not be all
// or nothing, so the pieces go to a new file (Rebuilds, below). For a fresh
// store the bulk way is also the better one: at a million triples it is as
// fast as one transaction was (1.4 to 1.7 s against 1.2 to 2.2 s in the
// same run) in half the memory (213 MiB against 382 to 399) and writes a
// 17 % smaller file, its pages full. Ids come out exactly as one
// transaction gives them (TestBulkImportSameAsOneTx compares the two
// dictionary by dictionary).
//
// The term table holds distinct terms at about 90 bytes each (882,686 new
// terms at 10 M triples: 80 MB). Beyond 30 % of the budget it spills its new
// terms to disk in generations (intern.go): the encodings in id order and
// (hash, id) records in hash order, of which only a Bloom filter and every
// 64th hash stay in memory, about 1.5 bytes a term; a term of a spilled
// generation met again is found with two reads. What memory remains
// unbounded is those 1.5 bytes per distinct term, and the parser's and Go's
// own: about 40 MiB that do not shrink with the budget, so that a 10 M
// import peaks at 214 MiB with --mem 256MiB but at 145 MiB with 128MiB.
//
// # Rebuilds
//
// A bulk import and Compact write a whole new file, NAME.build-*, beside the
// store, in transactions of ImportMemory/16 bytes without fsync, then sync
// it, truncate bbolt's growth slack, and rename it over the store file. The
// old file stays untouched, and readable, until the rename, so a failure or
// a kill at any point leaves the old state or the new one, never a mix; the
// next writer to open the store removes a half-built file (TestImportKill9
// kills a child at every stage; bench/import-kill.sh does it at 10 M). The
// process keeps the new file open from the start, so its lock is held when
// the rename makes it the store, and the handle swap is atomic for the
// process: snapshots begun before go on reading the old file, which is
// closed when the last of them ends (handle in store.go). Another process
// that waited for the lock of the old file would get it on an unlinked
// inode; Open therefore checks, under the lock, that the path still names
// the file it locked, and starts over if not (lock.go). A rebuild needs
// free disk space for a second copy of the store plus the runs.
//
// # Compaction
//
// Deletes leave blocks thinned or empty and pages free, and harvest
// replacements leave terms no quad uses (new blank nodes every time). Compact
// rebuilds the file with every block packed full and the dictionary reduced
// to the terms in use. Ids, the generation and graph times do not change:
// the data is the same. Dropped IRIs keep a tombstone, packed like blocks at
// about 11 bytes each, so that Lookup still finds them and the server goes
// on answering 410 Gone (dataset.Dataset); without it a compacted store would
// answer 404 for deleted resources. After deleting half of a store's
// resources, compaction brings it within 8 % of a fresh import of what is
// left (TestCompact; the tombstones are the difference).
//
// # Damaged files
//
// bbolt trusts its files: a damaged page makes it read past a page or the
// file and fault, which no recover catches, or panic on a goroutine of its
// own. Open therefore takes the file's lock and walks the page tree with
// ReadAt before bbolt maps it (verify.go), and Restore verifies a backup so
// and with Check before renaming it into place, under the store's lock, so
// that it refuses while a server has the store open. TestDamagedBackups
// damages a backup at about 600 offsets and truncations: every one is
// refused with an error naming the damage or restores intact (the damage
// was in unused bytes), and none panics or leaves a file behind.
//
// # Memory
//
// bbolt reads through a shared memory map, and pages read stay in the
// process's resident set until the kernel needs them back. Opening for
// writing reads them all (bbolt rebuilds its free list so), as do Check, a
// rebuild and a dump, so each of those ends with madvise(MADV_DONTNEED) on
// the map (mmap_linux.go), as does closing a snapshot that read more than
// 4 M quads or terms. The data stays in the page cache; only RSS changes.
//
// # Measured
//
// On the shared 2-core machine (load average 3.5 to 7 during these runs;
// single times vary twofold, so compare within a run), importing the peers'
// gen-data.py files with bench/import-bench.sh, which runs `maturity
// import` beside the previous store code, Oxigraph 0.5.11 (npm, WebAssembly,
// in-process) and Virtuoso 7.2.5 (Debian, bulk loader), in the same run:
//
//	                     triples/s        bytes/triple  peak RSS
//	1 M   this store     593-732 k        22.3          213 MiB
//	      previous code  458-815 k        26.9          382-399 MiB
//	      Oxigraph WASM  113-175 k        (in memory)   755-763 MiB
//	      Virtuoso       144-283 k        64.9-71.1     635-733 MiB
//	10 M  this store     670-699 k        22.2          392-409 MiB
//	      previous code  665 k            23.0          3,635 MiB
//	      Virtuoso       103 k            16.7          822 MiB
//	      Oxigraph WASM  does not load it: "RuntimeError: unreachable" after
//	                     31 s at 5.0 GiB RSS (WebAssembly's 4 GiB memory)
//
// (1 M: gen-data.py 300 5, 1,002,202 triples, three rounds; 10 M:
// gen-data.py 1500 10, 10,044,981 triples; gen-data.py refuses more than
// 2000 cities.) Per CPU second the 10 M import costs 1.55 µs a triple,
// the previous code at 1 M 1.7 to 2.2. Check of the 10 M store takes 3 to
// 6 s, Backup 44 ms. Deleting half of the 1 M store (every resource whose
// subject hashes even) grows the file from 22.3 to 30.0 MB; Compact takes
// 0.2 s and leaves 11.8 MB, 1.04 times a fresh import of the 501,149
// triples left (11.3 MB; BenchmarkCompact1M). A bound-subject Match (13
// quads) runs about 100 thousand times a second and a bound
// predicate-object scan yields about 14 million quads a second
// (BenchmarkLookup1M).
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
//
// Within the process, writers take Store.wmu before their transaction: a
// rebuild spans many transactions on the new file, during which the old one
// must not change, so a bulk import or Compact makes other writes of the
// process wait (snapshots go on). Other processes are kept out by the
// file's lock: a writer (serve, import, compact, restore) holds it
// exclusively, readers (stats, export, backup) share it, and bbolt offers
// no way to read a file that a writer holds, so a backup from the command
// line asks the running server, which uses Store.Backup (cmd/maturity,
// adminsock.go).
//
// # Files
//
//	store.go     Open, the bbolt handles and their replacement, Close
//	lock.go      file locks, replaced-file detection, leftover files
//	verify.go    the page-structure check before bbolt maps a file
//	keys.go      id and tuple key encodings
//	termcodec.go stored terms and their hash
//	dict.go      term↔id resolution within a write
//	block.go     index blocks
//	index.go     the four orders, block merges
//	write.go     writes: Add, Remove, ReplaceGraph, ClearGraph
//	import.go    Import, one transaction or bulk
//	bulk.go      bulk import: term table use, spilling runs
//	intern.go    the bulk import's term table
//	runs.go      sorted runs on disk and their merge
//	sort.go      radix sorts
//	build.go     rebuilds: a new file in many transactions, renamed in
//	compact.go   Compact
//	gone.go      tombstones of dropped IRIs
//	snapshot.go  read views (dataset.Dataset), scan.go and estimate.go
//	quads.go     term-level reads, graph information, Stats
//	check.go     Check
//	backup.go    Backup, Restore
//	mmap_*.go    releasing mapped pages
package store
