package assess

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// icCase is one line of the W3C Data Cube integrity-constraint suite: a
// query (IC number), fixture files loaded together, and whether the
// constraint is violated.
type icCase struct {
	query    string
	files    []string
	violated bool
}

func readICSuite(t *testing.T) (string, []icCase) {
	t.Helper()
	dir := testtool.Testdata(t, "datacube-ic")
	f, err := os.Open(filepath.Join(dir, "expected-results.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []icCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("bad line %q", line)
		}
		cases = append(cases, icCase{query: cols[0], files: strings.Fields(cols[1]), violated: cols[2] == "true"})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return dir, cases
}

func loadFixtures(t *testing.T, dir string, files []string) []rdf.Quad {
	t.Helper()
	var qs []rdf.Quad
	for i, name := range files {
		f, err := os.Open(filepath.Join(dir, "fixtures", name))
		if err != nil {
			t.Fatal(err)
		}
		err = rdfio.Parse(f, rdfio.Turtle, rdfio.ParseOptions{Base: "http://example.org/fixture/", File: name, BlankPrefix: string(rune('a'+i)) + "_"},
			func(q rdf.Quad) error { qs = append(qs, q); return nil })
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return qs
}

// icName maps "integrity-19a.sparql" to "IC-19".
func icName(query string) string {
	n := strings.TrimSuffix(strings.TrimPrefix(query, "integrity-"), ".sparql")
	return "IC-" + strings.TrimRight(n, "ab")
}

// The Go checker agrees with the W3C suite on every case.
func TestCheckIntegrityConformance(t *testing.T) {
	dir, cases := readICSuite(t)
	pass := 0
	for _, c := range cases {
		ic := icName(c.query)
		got := false
		for _, v := range CheckIntegrity(loadFixtures(t, dir, c.files)) {
			if v.IC == ic {
				got = true
			}
		}
		if got != c.violated {
			t.Errorf("%s on %v: violated = %v, want %v", c.query, c.files, got, c.violated)
			continue
		}
		pass++
	}
	testtool.Figure(t, "Data Cube IC-1..21 cases (W3C editor's suite), Go checker: %d/%d pass", pass, len(cases))
	if pass < len(cases) {
		t.Errorf("pass count %d below %d", pass, len(cases))
	}
}
