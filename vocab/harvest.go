package vocab

import "strings"

// A hub harvests other instances' catalogs (package harvest). What it
// holds of a source lives under the hub's own base, in graphs named after
// the source's id (a slug from the hub's source list) and the dataset's
// key (its path below id/dataset/ at the source, or a hash):
//
//	graph/oogst/{source}              the source's records: one per dataset, with provenance
//	graph/oogst/{source}/{key}        one harvested dataset, as its distribution holds it
//	graph/oogststatus/{source}        the last attempts: success, error, next try
//	id/oogstbron/{source}             the source
//	id/oogst/{source}/{key}           the record of one dataset (a dcat:CatalogRecord)
//	id/dataset/oogst/{source}/{key}   the hub's catalog entry for it
//
// The records graph changes only when the data does, so the hub's catalog
// and its ETags stay put when a harvest finds nothing new; the status
// graph changes on every attempt.

// HarvestGraph returns graph/oogst/{source}, the records of one source.
func HarvestGraph(base, source string) string { return join(base, "graph/oogst", source) }

// HarvestDataGraph returns graph/oogst/{source}/{key}, one harvested dataset.
func HarvestDataGraph(base, source, key string) string {
	return join(base, "graph/oogst", source, key)
}

// HarvestStatusGraph returns graph/oogststatus/{source}.
func HarvestStatusGraph(base, source string) string { return join(base, "graph/oogststatus", source) }

// HarvestSource returns id/oogstbron/{source}.
func HarvestSource(base, source string) string { return join(base, "id/oogstbron", source) }

// HarvestRecord returns id/oogst/{source}/{key}.
func HarvestRecord(base, source, key string) string { return join(base, "id/oogst", source, key) }

// ParseHarvestGraph splits a graph name under base into the source and the
// key: ("leuven", "", true) for a records graph, ("leuven",
// "evaluatie/24062/2025", true) for a dataset graph.
func ParseHarvestGraph(base, g string) (source, key string, ok bool) {
	rest, ok := strings.CutPrefix(g, join(base, "graph/oogst/"))
	if !ok || rest == "" {
		return "", "", false
	}
	source, key, _ = strings.Cut(rest, "/")
	return source, key, source != ""
}
