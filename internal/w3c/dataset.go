package w3c

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
)

// DataFile is one document of a test's dataset and the graph it fills
// (zero: the default graph).
type DataFile struct {
	Path  string
	Graph rdf.Term
}

// DataFiles lists the test's documents: qt:data into the default graph,
// qt:graphData and the query's FROM / FROM NAMED files (when they exist)
// into named graphs named by their IRIs.
func DataFiles(tc QueryTest, q *algebra.Query) ([]DataFile, error) {
	var files []DataFile
	add := func(iri string, g rdf.Term) error {
		path, ok := LocalPath(iri)
		if !ok {
			return fmt.Errorf("data %s is not a file", iri)
		}
		files = append(files, DataFile{path, g})
		return nil
	}
	for _, d := range tc.Data {
		if err := add(d, rdf.Term{}); err != nil {
			return nil, err
		}
	}
	named := map[rdf.Term]bool{}
	for _, d := range tc.GraphData {
		if err := add(d.File, d.Name); err != nil {
			return nil, err
		}
		named[d.Name] = true
	}
	for _, g := range append(slices.Clone(q.From), q.FromNamed...) {
		if named[g] {
			continue
		}
		named[g] = true
		if path, ok := LocalPath(g.Value); ok {
			if _, err := os.Stat(path); err == nil {
				files = append(files, DataFile{path, g})
			}
		}
	}
	return files, nil
}

// DatasetKey names the dataset the files make up, the same for any order
// of the same files, so that callers can visit each dataset once.
func DatasetKey(files []DataFile) string {
	parts := make([]string, len(files))
	for i, f := range files {
		parts[i] = f.Path + "|" + f.Graph.String()
	}
	slices.Sort(parts)
	return strings.Join(parts, "\n")
}

// LoadQuads parses the files into memory, each with blank nodes of its own.
func LoadQuads(files []DataFile) ([]rdf.Quad, error) {
	var quads []rdf.Quad
	for i, f := range files {
		qs, err := ReadData(f.Path, f.Graph, fmt.Sprintf("d%d_", i))
		if err != nil {
			return nil, err
		}
		quads = append(quads, qs...)
	}
	return quads, nil
}
