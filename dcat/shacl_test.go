package dcat

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/assess"
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

// engines are the two independent SHACL validators the tests run side by
// side (tools/node/shacl-validate.mjs --engine).
var engines = []string{"rdf-validate-shacl", "shacl-engine"}

const (
	nsSH       = "http://www.w3.org/ns/shacl#"
	vannUsage  = "http://purl.org/vocab/vann/usageNote"
	perLangOne = "per taal slechts 1 waarde" // "only 1 value per language"
)

// normaliseVL makes the DCAT-AP-VL shapes strict SHACL, reading them the
// way their authors wrote them, and returns what it changed, for the log.
// The published file is not strict SHACL, and a validator that reads it
// literally checks less, or other things, than the profile asks:
//
//   - sh:minCount and sh:maxCount "1" are strings. SHACL requires an
//     xsd:integer; rdf-validate-shacl happens to coerce them with Number(),
//     another validator may ignore them. They become 1 (xsd:integer).
//   - sh:maxCount "n" (also typed as xsd:integer) means "no maximum". A
//     validator would compare with NaN; the triple is dropped.
//   - The usage note "per taal slechts 1 waarde" (one value per language)
//     is how the profile bounds multilingual properties whose maxCount is
//     "n". SHACL says that with sh:uniqueLang true, which is added to each
//     such property shape.
//
// Any other count that is not an xsd:integer stops the test: the file has
// changed and the reading must be reviewed.
func normaliseVL(t testing.TB, qs []rdf.Quad) ([]rdf.Quad, []string) {
	t.Helper()
	var out []rdf.Quad
	changed := map[string]int{}
	for _, q := range qs {
		if q.P.Value != nsSH+"minCount" && q.P.Value != nsSH+"maxCount" {
			out = append(out, q)
			continue
		}
		o, name := q.O, "sh:"+strings.TrimPrefix(q.P.Value, nsSH)
		switch {
		case o.Datatype == rdf.XSDInteger && o.Value != "n":
			out = append(out, q)
		case o.Value == "n" && name == "sh:maxCount":
			changed[fmt.Sprintf("dropped %s %s (no maximum)", name, o)]++
		case o.Datatype == rdf.XSDString && o.Value == "1":
			q.O = rdf.TypedLiteral("1", rdf.XSDInteger)
			out = append(out, q)
			changed[fmt.Sprintf("%s \"1\" (a string) made the integer 1", name)]++
		default:
			t.Fatalf("DCAT-AP-VL shapes: unexpected %s %s; review normaliseVL", name, o)
		}
	}
	for _, q := range qs {
		if q.P.Value == vannUsage && strings.Contains(q.O.Value, perLangOne) {
			out = append(out, rdf.Triple(q.S, rdf.IRI(nsSH+"uniqueLang"), rdf.TypedLiteral("true", rdf.XSDBoolean)))
			changed["sh:uniqueLang true added where the usage note says \""+perLangOne+"\""]++
		}
	}
	var log []string
	for what, n := range changed {
		log = append(log, fmt.Sprintf("%3d × %s", n, what))
	}
	sort.Strings(log)
	return out, log
}

// shapeFiles returns the files of a set, the DCAT-AP-VL file normalised
// (normaliseVL) into dir as N-Triples, with every change logged.
func shapeFiles(t *testing.T, dir string, s shapeSet) []string {
	t.Helper()
	var out []string
	for _, f := range s.files {
		p := testtool.Testdata(t, f)
		if strings.HasPrefix(f, "dcat-ap-vl/") {
			p = normalisedVL(t, dir, p)
		}
		out = append(out, p)
	}
	return out
}

// normalisedVL writes the normalised DCAT-AP-VL shapes into dir and
// returns the file's path.
func normalisedVL(t *testing.T, dir, src string) string {
	t.Helper()
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []rdf.Quad
	if err := rdfio.Parse(f, rdfio.Turtle, rdfio.ParseOptions{File: src}, func(q rdf.Quad) error { qs = append(qs, q); return nil }); err != nil {
		t.Fatal(err)
	}
	qs, changes := normaliseVL(t, qs)
	t.Logf("%s normalised to strict SHACL:\n%s", filepath.Base(src), strings.Join(changes, "\n"))
	p := filepath.Join(dir, "dcat-ap-vl-normalised.nt")
	out, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := rdfio.WriteAll(out, rdfio.NTriples, qs, rdfio.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	return p
}

// shaclValidate runs one engine on quads and returns its results.
func shaclValidate(t *testing.T, dir, engine string, quads []rdf.Quad, shapes []string) []shaclResult {
	t.Helper()
	return shaclBatch(t, dir, engine, [][]rdf.Quad{quads}, shapes)[0]
}

// shaclBatch validates several documents with one engine in one node
// process (the shapes are parsed once) and returns each one's results.
func shaclBatch(t *testing.T, dir, engine string, docs [][]rdf.Quad, shapes []string) [][]shaclResult {
	t.Helper()
	testtool.NodeModules(t, engine)
	script := filepath.Join(testtool.RepoRoot(t), "tools", "node", "shacl-validate.mjs")
	var list strings.Builder
	for _, qs := range docs {
		data, err := os.CreateTemp(dir, "doc-*.nt")
		if err != nil {
			t.Fatal(err)
		}
		if err := rdfio.WriteAll(data, rdfio.NTriples, qs, rdfio.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		data.Close()
		list.WriteString(data.Name() + "\n")
	}
	listFile, err := os.CreateTemp(dir, "batch-*.txt")
	if err != nil {
		t.Fatal(err)
	}
	listFile.WriteString(list.String())
	listFile.Close()
	cmd := exec.Command("node", append([]string{script, "--engine", engine, "--batch", listFile.Name()}, shapes...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("shacl-validate %s: %v\n%s", engine, err, stderr.String())
	}
	var rep struct {
		Engine  string `json:"engine"`
		Reports []struct {
			Conforms bool          `json:"conforms"`
			Results  []shaclResult `json:"results"`
		} `json:"reports"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("shacl-validate output: %v\n%s", err, stdout.String())
	}
	if rep.Engine != engine || len(rep.Reports) != len(docs) {
		t.Fatalf("shacl-validate: engine %q, %d reports for %d documents", rep.Engine, len(rep.Reports), len(docs))
	}
	out := make([][]shaclResult, len(docs))
	for i, r := range rep.Reports {
		if r.Conforms != (len(r.Results) == 0) {
			t.Fatalf("%s: conforms %v with %d results", engine, r.Conforms, len(r.Results))
		}
		out[i] = r.Results
	}
	return out
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

// findings lists results as "severity focus path component", sorted: what
// two validators must agree on (their messages are worded differently).
func findings(rs []shaclResult) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = fmt.Sprintf("%s %s %s %s", r.Severity, r.Focus, r.Path, strings.TrimPrefix(r.Component, nsSH))
	}
	sort.Strings(out)
	return out
}

// diffFindings describes how two sorted finding lists differ, "" if not.
func diffFindings(a, b []string) string {
	if slices.Equal(a, b) {
		return ""
	}
	count := map[string]int{}
	for _, f := range a {
		count[f]++
	}
	for _, f := range b {
		count[f]--
	}
	var lines []string
	for f, n := range count {
		switch {
		case n > 0:
			lines = append(lines, fmt.Sprintf("  only the first: %d × %s", n, f))
		case n < 0:
			lines = append(lines, fmt.Sprintf("  only the second: %d × %s", -n, f))
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestOfficialShapes validates the catalog, with the example data and with
// 500 generated assessments added, and its second Hydra page on its own,
// against the official DCAT-AP 2.1.1, DCAT-AP 3.0.1 and DCAT-AP-VL 3 shapes
// with both SHACL validators: zero violations from each, and the same
// results from both. Warnings are listed; see the package documentation for
// why they remain.
func TestOfficialShapes(t *testing.T) {
	cases := []struct {
		name     string
		n        int  // generated assessments (with500)
		withdraw bool // the examples with one assessment withdrawn
	}{{"voorbeelden", 0, false}, {"voorbeelden, één ingetrokken", 0, true}, {"500 evaluaties", 500, false}}
	if testing.Short() {
		cases = cases[:2]
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := exampleData(t)
			if tc.n > 0 {
				d = with500(t)
			}
			want := 7 + tc.n
			if tc.withdraw {
				withdrawExample(t, d)
				want--
			}
			v := d.view()
			sizes := NewSizeCache()
			// The validations are independent node processes: run the
			// shape sets side by side.
			for _, set := range shapeSets {
				t.Run(set.name, func(t *testing.T) {
					t.Parallel()
					c, err := Build(context.Background(), v, Config{Base: testBase, ContactEmail: "opendata@example.org", Profile: set.profile}, sizes)
					if err != nil {
						t.Fatal(err)
					}
					if len(c.Datasets) != want {
						t.Fatalf("%d datasets, want %d", len(c.Datasets), want)
					}
					if tc.withdraw && len(c.Withdrawn) != 1 {
						t.Fatalf("%d withdrawal records, want 1", len(c.Withdrawn))
					}
					docs := [][]rdf.Quad{c.Quads()}
					if c.PageCount() >= 2 {
						// A Hydra page is a catalog of its own for the
						// harvesters that page: it must validate alone too.
						page, _ := c.PageQuads(2, testBase+"catalog", func(k int) string { return testBase + "catalog?page=" + strconv.Itoa(k) })
						docs = append(docs, page)
					}
					dir := t.TempDir()
					shapes := shapeFiles(t, dir, set)
					verdicts := make([][]string, len(docs)) // per document, the first engine's findings
					for _, engine := range engines {
						for i, rs := range shaclBatch(t, dir, engine, docs, shapes) {
							what := "the whole catalog"
							if i == 1 {
								what = fmt.Sprintf("page 2 of %d", c.PageCount())
							}
							viol, lines := summarise(rs)
							t.Logf("%s, %s, %d datasets: %d results, %d violations\n%s", engine, what, len(c.Datasets), len(rs), viol, strings.Join(lines, "\n"))
							if viol != 0 {
								t.Errorf("%s, %s, %s: %d violations, want 0", set.name, engine, what, viol)
							}
							if i == 0 {
								testtool.Figure(t, "%s shapes, catalog with %d datasets (%s): %s %d violations", set.name, len(c.Datasets), tc.name, engine, viol)
							}
							if engine == engines[0] {
								verdicts[i] = findings(rs)
							} else if d := diffFindings(verdicts[i], findings(rs)); d != "" {
								t.Errorf("%s, %s: the validators disagree (%s, %s):\n%s", set.name, what, engines[0], engine, d)
							}
						}
					}
				})
			}
		})
	}
}

// withdrawExample withdraws the example assessment of 99992 for 2025, as
// the web app does (assess.Withdraw).
func withdrawExample(t *testing.T, d *graphSet) {
	t.Helper()
	gs, err := assess.Withdraw(context.Background(), d.view(), testBase, "99992", 2025, "Per vergissing gepubliceerd", "nl", t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if len(g.Quads) == 0 {
			delete(d.graphs, g.IRI)
			continue
		}
		d.put(g.IRI, g.Quads, t0.Add(time.Hour))
	}
}
