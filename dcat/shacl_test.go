package dcat

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// shapeSet is one official set of SHACL shapes and the profile our output
// must follow to meet it.
type shapeSet struct {
	name    string
	profile Profile
	files   []string // under testdata/
}

var shapeSets = []shapeSet{
	{"DCAT-AP 2.1.1", ProfileDCATAP2, []string{
		"dcat-ap/2.1.1/dcat-ap_2.1.1_shacl_shapes.ttl",
		"dcat-ap/2.1.1/dcat-ap_2.1.1_shacl_range.ttl",
		"dcat-ap/2.1.1/dcat-ap_2.1.1_shacl_mdr-vocabularies.shape.ttl",
	}},
	{"DCAT-AP 3.0.1", ProfileDCATAP3, []string{
		"dcat-ap/3.0.1/shacl/dcat-ap-SHACL.ttl",
		"dcat-ap/3.0.1/html/shacl/mdr-vocabularies.shape.ttl",
	}},
	{"DCAT-AP-VL 3", ProfileDCATAP3, []string{"dcat-ap-vl/DCAT-AP-VL-SHACL.ttl"}},
}

// shaclResult is one result of shacl-validate.mjs --json.
type shaclResult struct {
	Severity  string   `json:"severity"`
	Focus     string   `json:"focusNode"`
	Path      string   `json:"path"`
	Value     string   `json:"value"`
	Message   []string `json:"message"`
	Component string   `json:"sourceConstraintComponent"`
}

// unboundedMax matches DCAT-AP-VL's sh:maxCount "n" ("no maximum"). SHACL
// requires an xsd:integer there, so the published file is an ill-formed
// shapes graph: rdf-validate-shacl compares with Number("n"), NaN, and
// reports every such property as a violation, even when it is absent. The
// line is dropped, which is what "n" means; nothing else is changed.
var unboundedMax = regexp.MustCompile(`(?m)^\s*shacl:maxCount "n"(\^\^xsd:integer)?;\n`)

// shapeFiles returns the files of a set, repairing the DCAT-AP-VL file.
func shapeFiles(t *testing.T, dir string, s shapeSet) []string {
	t.Helper()
	var out []string
	for _, f := range s.files {
		p := testtool.Testdata(t, f)
		if strings.HasPrefix(f, "dcat-ap-vl/") {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			n := len(unboundedMax.FindAll(b, -1))
			if n == 0 {
				t.Fatalf("%s: no sh:maxCount \"n\" found; has the file been fixed upstream?", f)
			}
			t.Logf("%s: dropped %d ill-formed sh:maxCount \"n\" (no maximum)", f, n)
			p = filepath.Join(dir, "dcat-ap-vl-shacl.ttl")
			if err := os.WriteFile(p, unboundedMax.ReplaceAll(b, nil), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, p)
	}
	return out
}

// shaclValidate runs rdf-validate-shacl on quads and returns its results.
func shaclValidate(t *testing.T, dir string, quads []rdf.Quad, shapes []string) []shaclResult {
	t.Helper()
	testtool.NodeModules(t, "rdf-validate-shacl")
	script := filepath.Join(testtool.RepoRoot(t), "tools", "node", "shacl-validate.mjs")
	data, err := os.CreateTemp(dir, "catalog-*.nt")
	if err != nil {
		t.Fatal(err)
	}
	if err := rdfio.WriteAll(data, rdfio.NTriples, quads, rdfio.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	data.Close()
	cmd := exec.Command("node", append(append([]string{script, data.Name()}, shapes...), "--json")...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 1) {
		t.Fatalf("shacl-validate: %v\n%s", err, stderr.String())
	}
	var rep struct {
		Conforms bool          `json:"conforms"`
		Results  []shaclResult `json:"results"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("shacl-validate output: %v\n%s", err, stdout.String())
	}
	t.Logf("shacl-validate: %s", strings.TrimSpace(stderr.String()))
	return rep.Results
}

// expectedWarnings are the warnings that remain by design (doc.go): the
// publisher is no EU corporate body and the municipality no EU place.
var expectedWarnings = map[string]bool{
	"<" + nsDCT + "publisher>": true,
	"<" + nsDCT + "spatial>":   true,
}

// summarise groups results by severity, path and message; a warning that
// is not expected counts as a violation, so new ones cannot creep in.
func summarise(rs []shaclResult) (violations int, lines []string) {
	count := map[string]int{}
	for _, r := range rs {
		if r.Severity != "Warning" || !expectedWarnings[r.Path] {
			violations++
		}
		key := fmt.Sprintf("%s %s %s: %s", r.Severity, r.Path, r.Component, strings.Join(r.Message, " | "))
		count[key]++
	}
	for k, n := range count {
		lines = append(lines, fmt.Sprintf("%4d × %s", n, k))
	}
	sort.Strings(lines)
	return violations, lines
}

// TestOfficialShapes validates the catalog, with the example data and with
// 500 generated assessments added, against the official DCAT-AP 2.1.1,
// DCAT-AP 3.0.1 and DCAT-AP-VL 3 shapes: zero violations. Warnings are
// listed; see the package documentation for why they remain.
func TestOfficialShapes(t *testing.T) {
	testtool.NodeModules(t, "rdf-validate-shacl")
	cases := []struct {
		name string
		n    int
	}{{"voorbeelden", 0}, {"500 evaluaties", 500}} // n: with500
	if testing.Short() {
		cases = cases[:1]
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := exampleData(t)
			if tc.n > 0 {
				d = with500(t)
			}
			v := d.view()
			sizes := NewSizeCache()
			// The three validations are independent node processes: run
			// them side by side.
			for _, set := range shapeSets {
				t.Run(set.name, func(t *testing.T) {
					t.Parallel()
					c, err := Build(context.Background(), v, Config{Base: testBase, ContactEmail: "opendata@example.org", Profile: set.profile}, sizes)
					if err != nil {
						t.Fatal(err)
					}
					if want := 7 + tc.n; len(c.Datasets) != want {
						t.Fatalf("%d datasets, want %d", len(c.Datasets), want)
					}
					dir := t.TempDir()
					rs := shaclValidate(t, dir, c.Quads(), shapeFiles(t, dir, set))
					viol, lines := summarise(rs)
					t.Logf("%s, %d datasets: %d results, %d violations\n%s", set.name, len(c.Datasets), len(rs), viol, strings.Join(lines, "\n"))
					if viol != 0 {
						t.Errorf("%s: %d violations, want 0", set.name, viol)
					}
					if c.PageCount() < 2 {
						return
					}
					// A Hydra page is a catalog of its own for the harvesters
					// that page: it must validate alone too.
					page, _ := c.PageQuads(2, testBase+"catalog", func(k int) string { return testBase + "catalog?page=" + strconv.Itoa(k) })
					viol, lines = summarise(shaclValidate(t, dir, page, shapeFiles(t, dir, set)))
					t.Logf("%s, page 2 of %d: %d violations\n%s", set.name, c.PageCount(), viol, strings.Join(lines, "\n"))
					if viol != 0 {
						t.Errorf("%s, page 2: %d violations, want 0", set.name, viol)
					}
				})
			}
		})
	}
}
