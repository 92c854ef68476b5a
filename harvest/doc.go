// Package harvest gathers other instances' DCAT catalogs into a hub: it
// reads each source's catalog (package catalogread: Turtle, RDF/XML,
// JSON-LD, N-Triples; one document or Hydra pages; any DCAT-AP catalog),
// fetches every dataset's RDF distribution with a conditional GET, and
// writes the source's new graphs, its records and its status in one
// transaction (Store.ReplaceGraphs): nothing half-harvested is ever
// visible.
//
// What the hub holds of a source (vocab/harvest.go names the graphs):
//
//   - one named graph per dataset with data, graph/oogst/{source}/{key},
//     exactly the triples of its distribution;
//   - the records graph graph/oogst/{source}: per dataset a
//     dcat:CatalogRecord with the source's own description of the dataset
//     (the catalog record it came from), and its provenance: the
//     distribution harvested (prov:wasDerivedFrom), when the hub's copy
//     last changed (prov:generatedAtTime), the ETag and Last-Modified for
//     the next conditional GET, a digest of the triples, the triple count;
//     a withdrawn dataset keeps a record with prov:invalidatedAtTime and
//     the reason. This graph changes only when the data does, so the hub's
//     own catalog (package dcat lists the harvested datasets with their
//     original publisher) and its ETags stay put across unchanged harvests;
//   - the status graph graph/oogststatus/{source}: the last attempt, the
//     last success, the last error, failures in a row, the next attempt
//     and the last attempt's traffic. ReadStatus reads both back for the
//     status page (package hub).
//
// The rules:
//
//   - Only URLs of the source list are fetched (SSRF): the catalog URL,
//     and next pages, distributions and redirects on its origin or on an
//     origin the operator allowed for that source (allow=). Addresses on
//     loopback, private and link-local networks are refused unless the
//     client allows them (internal/webfetch).
//   - Polite: a User-Agent, at most Options.Parallel distributions and the
//     client's PerHost requests per host at once, Retry-After honoured
//     (short waits by the client, long ones by the schedule), at most
//     Source.MaxBytes bytes per harvest of a source (the requests in
//     flight when the cap is met may overshoot it by their own bodies).
//   - Unchanged data is not transferred: catalog pages and distributions
//     are asked with If-None-Match / If-Modified-Since (the pages' last
//     bodies are kept in Options.CacheDir to be read again on 304); data
//     from a source without validators that comes back with the same
//     triples is not written again.
//   - A source that fails as a whole (its catalog, a page, the byte cap)
//     keeps its last good data; only its status changes, and the next
//     attempt waits 1, 2, 4 … minutes (Options.Backoff), at most the
//     source's interval, at least its Retry-After. A dataset that fails
//     alone keeps its last good data while the others are updated.
//   - A dataset answering 410 Gone, or gone from the catalog, is withdrawn
//     at the hub too: its graph is removed, its record says when and why.
//
// Layout:
//
//	sources.go       Source, ParseSources: the operator's list
//	harvest.go       Harvester, Harvest, Report: one harvest of one source
//	distribution.go  which distribution of a dataset to fetch
//	records.go       the records graph, dataset keys, digests
//	status.go        Status, ReadStatus: the status graph
//	cache.go         the catalog pages kept for 304 answers
//	schedule.go      Scheduler: every source at its interval, with backoff
package harvest
