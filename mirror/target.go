package mirror

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Protocol is how a target store receives a graph.
type Protocol string

// The protocols.
const (
	// GSP is the SPARQL 1.1 Graph Store HTTP Protocol: PUT replaces a
	// graph with a document, DELETE drops it. One request per graph.
	GSP Protocol = "gsp"
	// Update is SPARQL 1.1 Update, for a store without the Graph Store
	// Protocol: DROP SILENT GRAPH, then INSERT DATA in chunks.
	Update Protocol = "update"
	// Dump writes one N-Quads file per graph into a directory, for a
	// read-only store that is rebuilt by bulk loading (QLever).
	Dump Protocol = "dump"
)

// Target is the external SPARQL 1.1 store the hub mirrors into.
type Target struct {
	Store    string   // the preset used ("virtuoso", …) or "custom"
	Protocol Protocol // how graphs are written
	// GraphStore is the Graph Store Protocol endpoint; GraphParam names
	// its graph parameter ("graph" in the recommendation, "graph-uri" in
	// Virtuoso).
	GraphStore string
	GraphParam string
	UpdateURL  string // SPARQL Update endpoint
	QueryURL   string // SPARQL query endpoint: the per-graph triple counts
	Dir        string // Dump: the directory of the N-Quads files
	User       string
	Password   string
	// Chunk is the number of triples of one INSERT DATA (Update; default
	// 20000).
	Chunk int
	// Timeout bounds one request (default 5 minutes: a large graph).
	Timeout time.Duration
}

// Stores lists the presets Preset knows, with the URL each expects.
var Stores = []struct{ Name, URL, Note string }{
	{"virtuoso", "http://host:8890", "Graph Store Protocol at /sparql-graph-crud-auth (graph-uri=), HTTP Digest as a user with SPARQL_UPDATE (dba); counts at /sparql"},
	{"oxigraph", "http://host:7878", "Oxigraph server: Graph Store Protocol at /store, update at /update, queries at /query"},
	{"fuseki", "http://host:3030/DATASET", "Apache Jena Fuseki: Graph Store Protocol at DATASET/data, update at DATASET/update, queries at DATASET/query; HTTP Basic when secured"},
	{"graphdb", "http://host:7200/repositories/REPO", "GraphDB: Graph Store Protocol at REPO/rdf-graphs/service, update at REPO/statements, queries at REPO"},
	{"qlever", "DIR", "QLever is read-only: one N-Quads file per graph in DIR, rebuilt into an index with qlever index; counts from --query URL when given"},
	{"update", "http://host/update", "any SPARQL 1.1 Update endpoint (with --query for the counts)"},
}

// Preset returns the target for a known store at base (a URL, or a
// directory for qlever).
func Preset(store, base string) (Target, error) {
	b := strings.TrimSuffix(base, "/")
	t := Target{Store: store, GraphParam: "graph"}
	switch store {
	case "virtuoso":
		t.Protocol, t.GraphStore, t.GraphParam, t.UpdateURL, t.QueryURL = GSP, b+"/sparql-graph-crud-auth", "graph-uri", b+"/sparql-auth", b+"/sparql"
	case "oxigraph":
		t.Protocol, t.GraphStore, t.UpdateURL, t.QueryURL = GSP, b+"/store", b+"/update", b+"/query"
	case "fuseki":
		t.Protocol, t.GraphStore, t.UpdateURL, t.QueryURL = GSP, b+"/data", b+"/update", b+"/query"
	case "graphdb":
		t.Protocol, t.GraphStore, t.UpdateURL, t.QueryURL = GSP, b+"/rdf-graphs/service", b+"/statements", b
	case "update":
		t.Protocol, t.UpdateURL = Update, b
	case "qlever":
		t.Protocol, t.Dir = Dump, base
		return t, nil
	default:
		return Target{}, fmt.Errorf("mirror: unknown store %q: choose virtuoso, oxigraph, fuseki, graphdb, qlever or update", store)
	}
	if _, err := url.ParseRequestURI(b); err != nil || !strings.HasPrefix(b, "http") {
		return Target{}, fmt.Errorf("mirror: %q is not an http(s) URL", base)
	}
	return t, nil
}

// id names the target in the state file: a state kept for another target
// is not this one's.
func (t Target) id() string {
	switch t.Protocol {
	case Dump:
		return "dump " + t.Dir
	case Update:
		return "update " + t.UpdateURL
	}
	return "gsp " + t.GraphStore
}
