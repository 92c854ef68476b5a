package deps

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/stadleuven/maturity/"

// forbidden lists, per package prefix of ours, the packages of ours it must
// never import, directly or indirectly. Storage is wired in by cmd/maturity
// only: the query engine, the HTTP packages and the mappers see
// interfaces. The three HTTP packages (the linked-data server, the SPARQL
// endpoint, the web app) stand side by side: none imports another, and
// cmd/maturity routes them together.
var forbidden = map[string][]string{
	"rdf": {"rdfio", "store", "sparql", "ldserver", "vocab", "mappings", "assess", "examples"},
	// The storage interface knows only RDF terms: the store implements it,
	// everything else reads through it.
	"dataset":  {"rdfio", "store", "sparql", "ldserver", "sparqlhttp", "webapp", "vocab", "mappings", "assess", "examples", "dcat", "harvest", "hub", "mirror"},
	"rdfio":    {"store", "sparql", "ldserver", "vocab", "mappings", "assess", "examples"},
	"store":    {"sparql", "ldserver", "mappings", "assess", "examples"},
	"sparql":   {"store", "ldserver", "mappings", "assess", "examples", "vocab"},
	"vocab":    {"store", "ldserver", "sparql", "mappings", "assess", "examples"},
	"mappings": {"store", "ldserver", "sparql", "assess", "examples"},
	"assess":   {"store", "ldserver"},
	"examples": {"store", "ldserver"},
	"dcat":     {"store", "ldserver", "mappings", "harvest", "hub", "mirror"},
	// The public side never sees the private file (accounts, sessions,
	// drafts): only the web app and cmd/maturity open it.
	"ldserver":   {"store", "sparqlhttp", "webapp", "mappings", "harvest", "hub", "mirror", "private"},
	"sparqlhttp": {"store", "ldserver", "webapp", "mappings", "assess", "dcat", "harvest", "hub", "mirror", "private"},
	"private":    {"rdf", "rdfio", "store", "sparql", "ldserver", "sparqlhttp", "webapp", "vocab", "assess", "dcat", "mappings", "examples", "harvest", "hub", "mirror", "dataset"},
	"webapp":     {"store", "ldserver", "sparqlhttp", "harvest", "hub", "mirror"},
	// The shared plumbing of the HTTP packages and the message catalogue
	// know none of them.
	"i18n":               {"rdf", "rdfio", "store", "sparql", "ldserver", "sparqlhttp", "webapp", "vocab", "assess", "dcat"},
	"internal/httpx":     {"store", "sparql", "ldserver", "sparqlhttp", "webapp", "assess", "dcat"},
	"internal/htmlui":    {"store", "sparql", "ldserver", "sparqlhttp", "webapp", "assess", "dcat"},
	"internal/readview":  {"store", "ldserver", "sparqlhttp", "webapp", "assess", "dcat"},
	"internal/voidstats": {"store", "ldserver", "sparqlhttp", "webapp", "assess", "dcat"},
	// Reading other catalogs is shared by the scorer and the harvester,
	// and depends on neither.
	"catalogread": {"store", "ldserver", "sparql", "mappings", "assess", "examples", "dcat", "evidence", "harvest", "hub", "mirror"},
	// The harvester fetches, records and writes through its Store
	// interface; it evaluates no queries and builds no catalog.
	"harvest": {"store", "ldserver", "sparql/eval", "sparql/parse", "sparql/service", "mappings", "assess", "examples", "dcat", "evidence", "hub", "mirror"},
	// The hub's pages read views and the harvest status; never the store,
	// and none of the other HTTP packages (cmd/maturity routes them).
	"hub": {"store", "ldserver", "sparqlhttp", "webapp", "mappings", "dcat", "evidence", "mirror"},
	// The mirror moves N-Triples between the hub and an external store by
	// HTTP; it knows nothing of our RDF code or the store.
	"mirror": {"store", "ldserver", "sparql", "rdf", "rdfio", "vocab", "mappings", "assess", "examples", "dcat", "evidence", "harvest", "hub"},
	// The evidence scorer reads catalogs and publishes quads; cmd/maturity
	// writes them to the store.
	"evidence": {"store", "ldserver", "mappings", "assess", "sparql/service", "harvest", "hub", "mirror"},
	// The known-truth generator must not compute its truth with the code
	// it checks.
	"evidence/evidencetest": {"evidence"},
	// Spreadsheet-safe CSV knows nothing of RDF or the project.
	"internal/sheet": {"rdf", "rdfio", "store", "sparql", "ldserver", "vocab", "mappings", "assess", "examples", "dcat", "evidence"},
	// The safe HTTP client knows nothing of RDF or the project.
	"internal/webfetch": {"rdf", "rdfio", "store", "sparql", "ldserver", "vocab", "mappings", "assess", "examples", "dcat", "evidence", "catalogread", "harvest", "hub", "mirror"},
	// The Virtuoso test helper starts a process; it uses none of our code
	// but testtool.
	"internal/virtuosotest": {"rdf", "rdfio", "store", "sparql", "ldserver", "vocab", "dcat", "harvest", "hub", "mirror"},
	// The W3C harness judges the engine and the store alike, so it must
	// not depend on the store itself.
	"internal/w3c": {"store", "ldserver", "vocab", "mappings", "assess", "examples"},
}

// facadeOnly lists the packages that use the query engine through its
// front door only: they import sparql (and sparql/results, which writes
// answers), never its parts.
var facadeOnly = []string{"ldserver", "sparqlhttp", "webapp"}

// engineParts are the parts of the query engine behind the facade.
var engineParts = []string{"sparql/algebra", "sparql/eval", "sparql/parse", "sparql/budget", "sparql/service", "sparql/fn"}

// Ensure that no package reaches a package it must not depend on.
func TestImportDirections(t *testing.T) {
	cmd := exec.Command("go", "list", "-e", "-deps", "-json", module+"...")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(out)
	var seen int
	for {
		var p struct {
			ImportPath string
			Deps       []string
			Imports    []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		rel, ok := strings.CutPrefix(p.ImportPath, module)
		if !ok {
			continue
		}
		seen++
		for _, f := range facadeOnly {
			if rel != f {
				continue
			}
			for _, imp := range p.Imports {
				for _, part := range engineParts {
					if imp == module+part {
						t.Errorf("%s imports %s; it must use the facade, package sparql", rel, part)
					}
				}
			}
		}
		for prefix, bad := range forbidden {
			if rel != prefix && !strings.HasPrefix(rel, prefix+"/") {
				continue
			}
			for _, d := range p.Deps {
				dr, ok := strings.CutPrefix(d, module)
				if !ok || dr == prefix || strings.HasPrefix(dr, prefix+"/") {
					// A package's own subtree is never forbidden to it.
					continue
				}
				for _, b := range bad {
					if dr == b || strings.HasPrefix(dr, b+"/") {
						t.Errorf("%s imports %s (directly or through another package); %s must not depend on %s", rel, dr, prefix, b)
					}
				}
			}
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("go list: %v", err)
	}
	if seen < 3 {
		t.Fatalf("go list saw only %d packages of the module", seen)
	}
}
