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
	"rdf":        {"rdfio", "store", "sparql", "ldserver", "vocab", "mappings", "assess", "examples"},
	"rdfio":      {"store", "sparql", "ldserver", "vocab", "mappings", "assess", "examples"},
	"store":      {"sparql", "ldserver", "mappings", "assess", "examples"},
	"sparql":     {"store", "ldserver", "mappings", "assess", "examples", "vocab"},
	"vocab":      {"store", "ldserver", "sparql", "mappings", "assess", "examples"},
	"mappings":   {"store", "ldserver", "sparql", "assess", "examples"},
	"assess":     {"store", "ldserver"},
	"examples":   {"store", "ldserver"},
	"dcat":       {"store", "ldserver", "mappings"},
	"ldserver":   {"store", "sparqlhttp", "webapp", "mappings"},
	"sparqlhttp": {"store", "ldserver", "webapp", "mappings", "assess", "dcat"},
	"webapp":     {"store", "ldserver", "sparqlhttp"},
	// The shared plumbing of the HTTP packages and the message catalogue
	// know none of them.
	"i18n":               {"rdf", "rdfio", "store", "sparql", "ldserver", "sparqlhttp", "webapp", "vocab", "assess", "dcat"},
	"internal/httpx":     {"store", "sparql", "ldserver", "sparqlhttp", "webapp", "assess", "dcat"},
	"internal/htmlui":    {"store", "sparql", "ldserver", "sparqlhttp", "webapp", "assess", "dcat"},
	"internal/readview":  {"store", "ldserver", "sparqlhttp", "webapp", "assess", "dcat"},
	"internal/voidstats": {"store", "ldserver", "sparqlhttp", "webapp", "assess", "dcat"},
	// The evidence scorer reads catalogs and publishes quads; cmd/maturity
	// writes them to the store.
	"evidence": {"store", "ldserver", "mappings", "assess", "sparql/service"},
	// The known-truth generator must not compute its truth with the code
	// it checks.
	"evidence/evidencetest": {"evidence"},
	// Spreadsheet-safe CSV knows nothing of RDF or the project.
	"internal/sheet": {"rdf", "rdfio", "store", "sparql", "ldserver", "vocab", "mappings", "assess", "examples", "dcat", "evidence"},
	// The safe HTTP client knows nothing of RDF or the project.
	"internal/webfetch": {"rdf", "rdfio", "store", "sparql", "ldserver", "vocab", "mappings", "assess", "examples", "dcat", "evidence"},
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
