package vocab

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

//go:embed ttl
var embedded embed.FS

// Files returns the embedded Turtle files: one directory per named graph
// (model, studie, organisaties).
func Files() fs.FS {
	sub, err := fs.Sub(embedded, "ttl")
	if err != nil {
		// fs.Sub fails only on an invalid path literal: a programming error.
		panic(err)
	}
	return sub
}

// Load parses every embedded Turtle file with base as the base IRI and
// emits its triples in the file's graph: ttl/model into base+"graph/model",
// ttl/studie into base+"graph/studie", ttl/organisaties into
// base+"graph/organisaties". The model's files name their own (shared)
// base; the organisations are the instance's.
func Load(base string, emit func(rdf.Quad) error) error {
	return LoadFS(base, Files(), emit)
}

// LoadFS loads a model from fsys: every *.ttl file in a top-level directory
// NAME goes into the graph base+"graph/NAME". Files at the top level are
// ignored, so a README can sit beside the directories. Files load in name
// order, so the output is deterministic.
func LoadFS(base string, fsys fs.FS, emit func(rdf.Quad) error) error {
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	dirs, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return fmt.Errorf("vocab: read model directory: %w", err)
	}
	n := 0
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		files, err := fs.Glob(fsys, path.Join(d.Name(), "*.ttl"))
		if err != nil {
			return fmt.Errorf("vocab: list %s: %w", d.Name(), err)
		}
		sort.Strings(files)
		graph := rdf.IRI(Graph(base, d.Name()))
		for _, name := range files {
			if err := loadFile(fsys, name, base, graph, emit); err != nil {
				return err
			}
			n++
		}
	}
	if n == 0 {
		return fmt.Errorf("vocab: no Turtle files in any graph directory")
	}
	return nil
}

func loadFile(fsys fs.FS, name, base string, graph rdf.Term, emit func(rdf.Quad) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("vocab: %w", err)
	}
	defer f.Close()
	opts := rdfio.ParseOptions{
		Base:  base,
		File:  name,
		Graph: graph,
		// One prefix per file: blank nodes of different files never merge.
		BlankPrefix: strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace(name) + "_",
	}
	if err := rdfio.Parse(f, rdfio.Turtle, opts, emit); err != nil {
		return fmt.Errorf("vocab: load %s: %w", name, err)
	}
	return nil
}

// Quads returns everything Load emits, for callers that want a slice.
func Quads(base string) ([]rdf.Quad, error) {
	var qs []rdf.Quad
	err := Load(base, func(q rdf.Quad) error { qs = append(qs, q); return nil })
	return qs, err
}
