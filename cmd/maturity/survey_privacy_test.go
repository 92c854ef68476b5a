package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
)

// Issue 11, finding 9, through the command: the example survey is
// imported, then again with one late respondent in the largest group. The
// second version publishes neither that group nor the total (their figures
// beside version 1's would give the late respondent's answers away), says
// why, and still publishes the groups that did not change; version 1 stays
// as it was.
func TestSurveyImportAgainstDifferencing(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	src, err := os.ReadFile(filepath.Join(testtool.RepoRoot(t), "examples", "data", "bevraging-99991-2025.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(src), "\n"), "\n")
	var late string
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "beleidsmedewerker,") {
			late = l
		}
	}
	v1 := filepath.Join(dir, "v1.csv")
	v2 := filepath.Join(dir, "v2.csv")
	if err := os.WriteFile(v1, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(v2, []byte(strings.Join(append(lines, late), "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	q := filepath.Join(dir, "groups.rq")
	if err := os.WriteFile(q, []byte(`PREFIX mat: <https://w3id.org/open-data-maturiteit/ns#>
PREFIX qb: <http://purl.org/linked-data/cube#>
SELECT ?v (COUNT(?o) AS ?n) WHERE {
  ?o a qb:Observation ; qb:dataSet ?ds ; mat:respondentGroup ?g .
  ?ds mat:versionNumber ?v ; mat:organisation ?org .
  FILTER(CONTAINS(STR(?org), "99990"))
  FILTER(?g = <https://w3id.org/open-data-maturiteit/model/profiel/beleidsmedewerker> || STRENDS(STR(?g), "/alle"))
} GROUP BY ?v ORDER BY ?v
`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "detail.rq"), []byte(`PREFIX mat: <https://w3id.org/open-data-maturiteit/ns#>
PREFIX qb: <http://purl.org/linked-data/cube#>
SELECT ?o ?n ?a WHERE {
  ?o a qb:Observation ; qb:dataSet ?ds ; mat:respondentGroup ?g ; mat:respondentCount ?n ; mat:agreement ?a .
  FILTER(CONTAINS(STR(?o), "/99990/2025/"))
  FILTER(?g = <https://w3id.org/open-data-maturiteit/model/profiel/beleidsmedewerker> || STRENDS(STR(?g), "/alle"))
} ORDER BY ?o
`), 0o644); err != nil {
		t.Fatal(err)
	}
	note := filepath.Join(dir, "note.rq")
	if err := os.WriteFile(note, []byte(`PREFIX mat: <https://w3id.org/open-data-maturiteit/ns#>
SELECT DISTINCT ?note WHERE { ?f a mat:SuppressedFigure ; mat:note ?note . FILTER(CONTAINS(STR(?f), "/99990/2025/v2/")) FILTER(LANG(?note) = "en") }
`), 0o644); err != nil {
		t.Fatal(err)
	}
	others := filepath.Join(dir, "others.rq")
	if err := os.WriteFile(others, []byte(`PREFIX mat: <https://w3id.org/open-data-maturiteit/ns#>
PREFIX qb: <http://purl.org/linked-data/cube#>
ASK { ?o a qb:Observation ; mat:respondentGroup <https://w3id.org/open-data-maturiteit/model/profiel/data-expert> . FILTER(CONTAINS(STR(?o), "/99990/2025/v2/")) }
`), 0o644); err != nil {
		t.Fatal(err)
	}
	runCases(t, []cliCase{
		{name: "v1", args: []string{"survey", "import", v1, "--org", "99990", "--create-org", "Testgemeente (fictief)", "--year", "2025", "--data", data}, wantErrs: "(versie 1)"},
		{name: "v2", args: []string{"survey", "import", v2, "--org", "99990", "--year", "2025", "--data", data}, wantErrs: "(versie 2)"},
		// Version 1 publishes the group and the total for every item.
		{name: "published", args: []string{"query", "--data", data, "--format", "csv", q}, wantOut: "v,n\r\n1,"},
		{name: "why", args: []string{"query", "--data", data, "--format", "csv", note}, wantOut: "beside an earlier published version"},
		{name: "the rest", args: []string{"query", "--data", data, "--format", "csv", others}, wantOut: "true"},
	})
	// Where version 2 still publishes the group or the total, the late
	// respondent left that item unanswered: the figures are version 1's,
	// and tell nothing new.
	_, out, _ := runCLI(t, "query", "--data", data, "--format", "csv", filepath.Join(dir, "detail.rq"))
	v1rows := map[string]string{}
	var v2rows []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		l = strings.TrimSpace(l)
		o, rest, _ := strings.Cut(l, ",")
		if key, ok := strings.CutPrefix(o[strings.Index(o, "/99990/2025/"):], "/99990/2025/v1/"); ok {
			v1rows[key] = rest
		} else {
			v2rows = append(v2rows, l)
		}
	}
	for _, l := range v2rows {
		o, rest, _ := strings.Cut(l, ",")
		key := o[strings.Index(o, "/v2/")+4:]
		if v1rows[key] != rest {
			t.Errorf("version 2 publishes %s as %s, version 1 as %s: the difference is one respondent's answer", key, rest, v1rows[key])
		}
	}
	if len(v1rows) < 40 || len(v2rows) > 4 {
		t.Errorf("%d cells of the group and the total in version 1, %d in version 2", len(v1rows), len(v2rows))
	}
}
