package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/evidence"
	"github.com/stadleuven/maturity/evidence/evidencetest"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

const brussels = "../../evidence/testdata/brussel/catalogus.nt.gz"

func TestEvidenceCommand(t *testing.T) {
	runCases(t, []cliCase{
		{"no catalog", []string{"evidence", "--org", "21004"}, 1, "", "precies één CATALOGUS-URL of BESTAND"},
		{"bad NIS code", []string{"evidence", brussels, "--org", "Brussel"}, 1, "", "NIS-code van vijf cijfers"},
		{"bad format", []string{"evidence", brussels, "--org", "21004", "--format", "pdf"}, 1, "", "kies text, csv, html"},
		{"bad language", []string{"evidence", brussels, "--org", "21004", "--lang", "fr"}, 1, "", "kies nl of en"},
		{"missing file", []string{"evidence", "geen-bestand.ttl", "--org", "21004"}, 1, "", "geen-bestand.ttl"},
		{"text, Dutch", []string{"evidence", brussels, "--org", "21004"}, 0, "Vijf sterren (genest, met de banden van de EU Open Data Maturity)", "214 datasets"},
		{"text, English", []string{"evidence", brussels, "--org", "21004", "--lang", "en"}, 0, "Five stars (nested, with the EU Open Data Maturity bands)", ""},
		{"CSV", []string{"evidence", brussels, "--org", "21004", "--format", "csv"}, 0, "dataset,stars,mqa_points,mqa_band\nhttp://data.gov.be/dataset/brussels/", ""},
		{"HTML", []string{"evidence", brussels, "--org", "21004", "--format", "html"}, 0, "<h1>Wat de open-data-catalogus laat zien</h1>", ""},
	})
	// A syntax error names the file, line and column and nothing is scored.
	bad := filepath.Join(t.TempDir(), "kapot.ttl")
	os.WriteFile(bad, []byte("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<a> a dcat:Dataset\n<b> a dcat:Dataset .\n"), 0o644)
	code, out, errs := runCLI(t, "evidence", bad, "--org", "24062", "--format", "csv")
	if code == 0 || !strings.Contains(errs, "kapot.ttl:3:") || out != "" {
		t.Errorf("syntax error: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// TestEvidenceRefusesPrivateAddresses: a catalog on loopback is refused
// unless --allow-private is given.
func TestEvidenceRefusesPrivateAddresses(t *testing.T) {
	srv, err := evidencetest.Start(3, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	code, _, errs := runCLI(t, "evidence", srv.Catalog, "--org", "24062")
	if code == 0 || !strings.Contains(errs, "refused to contact 127.0.0.1 (loopback address") {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
}

// TestEvidenceKnownTruthCLI: `maturity evidence --check-urls --format csv`
// on 1,000 generated datasets served on loopback gives exactly the stars
// and MQA points the generator knows.
func TestEvidenceKnownTruthCLI(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 200
	}
	srv, err := evidencetest.Start(n, 42)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	start := time.Now()
	code, out, errs := runCLI(t, "evidence", srv.Catalog, "--org", "24062", "--check-urls", "--allow-private", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows := readRows(t, out)
	truth := srv.Truth()
	if len(rows) != n {
		t.Fatalf("%d rows, want %d", len(rows), n)
	}
	wrong := 0
	for _, r := range rows {
		want, ok := truth[r[0]]
		stars, _ := strconv.Atoi(r[1])
		points, _ := strconv.Atoi(r[2])
		if !ok || stars != want.Stars || points != want.MQA || r[3] != string(evidence.BandOf(want.MQA)) {
			wrong++
			if wrong < 10 {
				t.Errorf("%v, want %+v", r, want)
			}
		}
	}
	if wrong > 0 {
		t.Fatalf("%d of %d rows wrong", wrong, n)
	}
	t.Logf("%d datasets exact in %s (load average %s)", n, time.Since(start).Round(time.Millisecond), loadavg())
}

func readRows(t *testing.T, out string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != "dataset,stars,mqa_points,mqa_band" {
		t.Fatalf("header %v", recs)
	}
	return recs[1:]
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// BenchmarkEvidenceKnownTruth1000 times the documented run: 1,000
// generated datasets on loopback, URLs checked, CSV out.
//
//	go test ./cmd/maturity -run '^$' -bench EvidenceKnownTruth1000 -benchtime 3x
func BenchmarkEvidenceKnownTruth1000(b *testing.B) {
	srv, err := evidencetest.Start(1000, 42)
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	for b.Loop() {
		var out, errb bytes.Buffer
		if code := run(context.Background(), []string{"evidence", srv.Catalog, "--org", "24062", "--check-urls", "--allow-private", "--format", "csv"},
			stdio{in: strings.NewReader(""), out: &out, err: &errb}); code != 0 {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/run")
}

// TestEvidenceOwnCatalog measures the tool by itself: a store with a real
// city's assessment (no evidence links of its own) and a published
// evidence graph, served on loopback; `maturity evidence --check-urls`
// on its /catalog must give every dataset five stars and the MQA band
// Excellent.
func TestEvidenceOwnCatalog(t *testing.T) {
	data := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	base := "http://" + addr + "/"
	sheet := filepath.Join(t.TempDir(), "zelfevaluatie.csv")
	var b strings.Builder
	b.WriteString("domein,maturiteit,nood,toelichting,bewijs\n")
	for i, d := range []string{"sponsoring", "visie-strategie", "attitude-awareness", "kennis", "inspiratie-concept", "dialoog-co-creatie-hergebruikers", "ondersteuning", "kennisdeling", "open-data-governance", "aankoopbeleid", "infrastructuur"} {
		fmt.Fprintf(&b, "%s,%d,%d,,\n", d, 1+i%5, 1+(i+2)%5)
	}
	os.WriteFile(sheet, []byte(b.String()), 0o644)
	gen, err := evidencetest.Start(20, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer gen.Close()
	runCases(t, []cliCase{
		{"import Leuven", []string{"assess", "import", sheet, "--org", "24062", "--year", "2025", "--data", data, "--base", base}, 0, "", "geïmporteerd"},
		{"publish evidence", []string{"evidence", gen.Catalog, "--allow-private", "--org", "11002", "--publish", "--data", data, "--format", "csv"}, 0, "dataset,stars", "gepubliceerd in " + base + "graph/bewijs/11002/"},
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var serveErr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--data", data}, stdio{in: strings.NewReader(""), out: &bytes.Buffer{}, err: &serveErr})
	}()
	defer func() {
		cancel()
		<-done
	}()
	for i := 0; ; i++ {
		resp, err := http.Get(base + "catalog")
		if err == nil {
			resp.Body.Close()
			break
		}
		if i > 100 {
			t.Fatalf("server did not start: %v\n%s", err, serveErr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	code, out, errs := runCLI(t, "evidence", base+"catalog", "--org", "24062", "--check-urls", "--allow-private", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows := readRows(t, out)
	kinds := map[string]bool{}
	for _, r := range rows {
		if r[1] != "5" || r[3] != "excellent" {
			t.Errorf("%s: %s stars, MQA %s (%s); want 5 and excellent", r[0], r[1], r[2], r[3])
		}
		for _, k := range []string{"evaluatie/24062", "bewijs/11002", "maturiteitsmodel", "bevraging", "studie"} {
			kinds[k] = kinds[k] || strings.Contains(r[0], k)
		}
	}
	for k, seen := range kinds {
		if !seen {
			t.Errorf("no dataset %s in the catalog", k)
		}
	}
	t.Logf("%d datasets of our own catalog: all ★★★★★ and Excellent", len(rows))

	// The evidence of our own catalog passes the DQV check.
	_, out, _ = runCLI(t, "evidence", base+"catalog", "--org", "24062", "--check-urls", "--allow-private", "--format", "nq", "--data", data)
	var quads []rdf.Quad
	if err := rdfio.Parse(strings.NewReader(out), rdfio.NQuads, rdfio.ParseOptions{}, func(q rdf.Quad) error { quads = append(quads, q); return nil }); err != nil {
		t.Fatal(err)
	}
	model, err := vocab.Quads(base)
	if err != nil {
		t.Fatal(err)
	}
	if v := evidence.CheckDQV(quads, model); len(quads) == 0 || len(v) > 0 {
		t.Fatalf("%d quads, DQV violations %v", len(quads), v)
	}
}

// TestEvidenceCompare: a city that rates its Infrastructuur 4 while its
// catalog offers PDFs only gets that pointed out, in the text and the HTML.
func TestEvidenceCompare(t *testing.T) {
	data := t.TempDir()
	dir := t.TempDir()
	sheet := filepath.Join(dir, "zelfevaluatie.csv")
	var b strings.Builder
	b.WriteString("domein,maturiteit,nood,toelichting,bewijs\n")
	for _, d := range []string{"sponsoring", "visie-strategie", "attitude-awareness", "kennis", "inspiratie-concept", "dialoog-co-creatie-hergebruikers", "ondersteuning", "kennisdeling", "open-data-governance", "aankoopbeleid"} {
		fmt.Fprintf(&b, "%s,3,3,,\n", d)
	}
	b.WriteString("infrastructuur,4,4,,\n")
	os.WriteFile(sheet, []byte(b.String()), 0o644)
	var cat strings.Builder
	cat.WriteString("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n")
	cat.WriteString("<https://data.stad.example/catalogus> a dcat:Catalog ; dct:title \"Catalogus\"@nl .\n")
	for i := range 5 {
		fmt.Fprintf(&cat, "<https://data.stad.example/ds/%d> a dcat:Dataset ; dct:title \"Verslag %d\"@nl ; dct:description \"Een verslag.\"@nl ; dcat:distribution <https://data.stad.example/ds/%d/pdf> .\n", i, i, i)
		fmt.Fprintf(&cat, "<https://data.stad.example/ds/%d/pdf> a dcat:Distribution ; dcat:accessURL <https://data.stad.example/verslag-%d.pdf> ; dct:license <http://creativecommons.org/publicdomain/zero/1.0/> ; dct:format <http://publications.europa.eu/resource/authority/file-type/PDF> .\n", i, i)
	}
	file := filepath.Join(dir, "catalogus.ttl")
	os.WriteFile(file, []byte(cat.String()), 0o644)
	runCases(t, []cliCase{
		{"import", []string{"assess", "import", sheet, "--org", "44021", "--year", "2025", "--data", data}, 0, "", "geïmporteerd"},
		{"text", []string{"evidence", file, "--org", "44021", "--year", "2025", "--compare", "--data", data}, 0,
			"Infrastructuur kreeg score 4 in de zelfevaluatie, terwijl 100 % van de datasets alleen als PDF beschikbaar is.", ""},
		{"html, English", []string{"evidence", file, "--org", "44021", "--year", "2025", "--compare", "--data", data, "--format", "html", "--lang", "en"}, 0,
			"<div class=\"finding\">Infrastructure was rated 4 in the self-assessment, while 100 % of the datasets are only available as PDF.</div>", ""},
		{"no assessment that year", []string{"evidence", file, "--org", "44021", "--year", "2019", "--compare", "--data", data}, 1, "", "geen evaluatie van organisatie 44021 voor 2019"},
	})
}
