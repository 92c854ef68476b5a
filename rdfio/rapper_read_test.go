package rdfio

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
)

// TestReadersAgainstRapper parses the Turtle and RDF/XML files of the other
// suites in testdata/ (SPARQL test data, shapes, Data Cube fixtures) with our readers and with rapper,
// the Raptor reference tool, and requires the same graph wherever rapper
// accepts the file. Language tags are compared in lower case, as rapper
// normalises them.
func TestReadersAgainstRapper(t *testing.T) {
	t.Run("turtle", func(t *testing.T) { compareWithRapper(t, ".ttl", Turtle, "turtle") })
	t.Run("rdfxml", func(t *testing.T) { compareWithRapper(t, ".rdf", RDFXML, "rdfxml") })
}

func compareWithRapper(t *testing.T, ext string, f Format, rapperName string) {
	// Where rapper is the one that is wrong.
	knownDiff := map[string]string{
		"sparql10/i18n/normalization-02.ttl": "rapper removes dot segments from an absolute IRI; Turtle keeps IRIs as written, and the SPARQL test that uses this file expects exactly that",
	}
	rapper := testtool.Require(t, "rapper")
	root := testtool.Testdata(t)
	var files []string
	for _, suite := range []string{"sparql11", "sparql10", "dcat-ap", "dcat-ap-vl", "datacube-ic"} {
		_ = filepath.WalkDir(filepath.Join(root, suite), func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ext) {
				files = append(files, path)
			}
			return nil
		})
	}
	if testing.Short() && len(files) > 60 {
		files = files[:60]
	}
	same, skipped, known := 0, 0, 0
	for _, path := range files {
		base := "http://example.org/base/" + filepath.Base(path)
		var out bytes.Buffer
		cmd := exec.Command(rapper, "-q", "-i", rapperName, "-o", "ntriples", path, base)
		cmd.Stdout = &out
		if cmd.Run() != nil {
			skipped++ // rapper refuses it; nothing to compare with
			continue
		}
		want, err := readTestString(out.String(), NTriples, ParseOptions{})
		if err != nil {
			t.Errorf("%s: rapper output: %v", path, err)
			continue
		}
		got, err := readTestFile(path, f, ParseOptions{Base: base})
		if err != nil {
			t.Errorf("%s: rapper accepts it, we do not: %v", path, err)
			continue
		}
		rel, _ := filepath.Rel(root, path)
		if why, ok := knownDiff[filepath.ToSlash(rel)]; ok {
			if rdf.Isomorphic(lowerLangs(got), lowerLangs(want)) {
				t.Errorf("%s: listed as a known difference (%s) but now the same; remove it", rel, why)
			}
			known++
			continue
		}
		if !rdf.Isomorphic(lowerLangs(got), lowerLangs(want)) {
			t.Errorf("%s: graphs differ\nours:\n%s\nrapper:\n%s", path, readNQuadsOf(got), readNQuadsOf(want))
			continue
		}
		same++
	}
	t.Logf("%v vs rapper: %d files the same, %d known differences, %d refused by rapper, of %d", f, same, known, skipped, len(files))
	if same == 0 {
		t.Error("no file compared")
	}
}

func lowerLangs(qs []rdf.Quad) []rdf.Quad {
	out := make([]rdf.Quad, len(qs))
	for i, q := range qs {
		q.O.Lang = strings.ToLower(q.O.Lang)
		out[i] = q
	}
	return out
}
