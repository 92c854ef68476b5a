package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/sitetest"
	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/vocab"
)

// e2eReport is what testdata/workspace-e2e.mjs found in the browser.
type e2eReport struct {
	Errors []string
	Axe    map[string][]sitetest.AxeViolation
	Steps  struct {
		AdminLoggedIn, EditorLanding, FormURL, AfterPublish, AfterWithdraw string
		AdminUsers                                                         []string
		Scales, ScoresKept, ComparisonRows, RadarSpokes, PDFPages          int
		Radar, CompareIntro                                                string
		SavedDraft, SecretDraftSaved, Tombstone                            bool
		SharedDraft, SurveyNotes                                           []string
		OtherFormStatus, OtherWithdrawStatus, OtherSaveStatus              int
		NoCSRFStatus, WithCSRFStatus, TombstoneStatus                      int
	}
}

// e2eClient reaches a server whose base is a public name (http://stad.test/)
// at its loopback address, as a reverse proxy would: every request
// carries the public Host, so none is "truly local".
func e2eClient(hostPort string) *http.Client {
	var d net.Dialer
	return &http.Client{
		Timeout: time.Minute,
		Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, hostPort)
		}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// e2eGet fetches u with an Accept header and returns the status, the
// Location and the body.
func e2eGet(t *testing.T, c *http.Client, u, accept string) (int, string, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Accept", accept)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	return resp.StatusCode, resp.Header.Get("Location"), b
}

// e2eAsk runs a SPARQL ASK query and returns its answer.
func e2eAsk(t *testing.T, c *http.Client, base, query string) bool {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"sparql", strings.NewReader(query))
	req.Header.Set("Content-Type", "application/sparql-query")
	req.Header.Set("Accept", "application/sparql-results+json")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct{ Boolean *bool }
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &r); err != nil || r.Boolean == nil || resp.StatusCode != 200 {
		t.Fatalf("ASK %s: %d %s", query, resp.StatusCode, b)
	}
	return *r.Boolean
}

// ntriples parses Turtle with rapper (Debian raptor2-utils), an
// independent parser, into N-Triples lines.
func ntriples(t *testing.T, turtle []byte, base string) string {
	t.Helper()
	cmd := exec.Command("rapper", "-q", "-i", "turtle", "-o", "ntriples", "-", base)
	cmd.Stdin = bytes.NewReader(turtle)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rapper: %v: %s\n%.400s", err, stderr.Bytes(), turtle)
	}
	return string(out)
}

// windows1252Survey is the example survey of a demo city as Excel saves it
// in Flanders with "CSV (puntkomma)": semicolons, CRLF, Windows-1252,
// with a remark column whose é and en dash are single bytes.
func windows1252Survey(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repo, "examples", "data", "bevraging-99991-2025.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		out.WriteString(strings.ReplaceAll(line, ",", ";"))
		if i == 0 {
			out.WriteString(";opmerking\r\n")
			continue
		}
		out.WriteString(";geen tijd \x96 \xe9\xe9n idee\r\n") // "geen tijd – één idee"
	}
	f := filepath.Join(t.TempDir(), "bevraging proefstad.csv")
	if err := os.WriteFile(f, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestWorkspaceEndToEnd is issue 12's walk through the workspace in
// headless Chromium against `maturity serve` over a real store, with a
// public base: an administrator creates an organisation and editors, an
// editor fills in all 11 domains, uploads an Excel survey and publishes;
// the assessment is then linked data (Turtle, the catalog, SPARQL) and on
// the dashboard; another organisation's editor and a POST without the
// CSRF token are refused; nothing private reaches /sparql, the dump or
// any /doc page; withdrawing answers 410 and takes the dataset out of the
// catalog. The screenshots and the report's PDF go to SCREENSHOTS when it
// names a directory.
func TestWorkspaceEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("a browser run of a minute: the full pass runs it")
	}
	testtool.Require(t, "chromium")
	testtool.Require(t, "rapper")
	nm := testtool.NodeModules(t, "playwright-core")
	testtool.NodeModules(t, "axe-core")
	const base = "http://stad.test/"
	const pw = "een lang wachtwoord 42"
	const admin = "beheer@stad.test"
	data := cityStore(t, base, "99991", true)
	if code, out, errs := runCLI(t, "assess", "import", filepath.Join(repo, "examples", "data", "zelfevaluatie-99992-2025.csv"), "--data", data, "--org", "99992", "--year", "2025"); code != 0 {
		t.Fatalf("import 99992: %s%s", out, errs)
	}
	if code, _, errs := runCLIStdin(t, pw+"\n", "user", "add", "--email", admin, "--org", "99991", "--role", "admin", "--data", data); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	survey := windows1252Survey(t)
	addr, _ := startServe(t, data, "--base", base, "--publisher", "99991")
	u, _ := url.Parse(addr)
	c := e2eClient(u.Host)
	out := os.Getenv("SCREENSHOTS")
	if out == "" {
		out = t.TempDir()
	}
	script, _ := filepath.Abs(filepath.Join("testdata", "workspace-e2e.mjs"))
	cmd := exec.Command("node", script, nm, out, base, u.Host, survey, admin, pw)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	lines.Buffer(make([]byte, 1<<20), 1<<20)
	var last string
	published := false
	for lines.Scan() {
		last = lines.Text()
		if last == "PUBLISHED" {
			published = true
			checkPublished(t, c, base, []string{admin, "redacteur1@proefstad.test", "redacteur2@proefstad.test", "redacteur@demostad-zuid.test", pw, "GEHEIM-CONCEPT-7f3a", "$argon2id$"})
			fmt.Fprintln(stdin, "go on")
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	var got e2eReport
	if err := json.Unmarshal([]byte(last), &got); err != nil {
		t.Fatalf("%v: %s\n%s", err, last, stderr.Bytes())
	}
	t.Logf("browser: %+v", got.Steps)
	if len(got.Errors) > 0 {
		t.Errorf("errors in the browser: %q", got.Errors)
	}
	if !published {
		t.Fatal("the browser never published")
	}
	// Accessibility of the workspace's pages (the dashboard's own are
	// checked in package webapp).
	sitetest.CheckAxe(t, got.Axe, 4) // login, beheer, evaluatie, formulier
	s := got.Steps
	// 1. The administrator's work.
	for _, want := range []string{"redacteur1@proefstad.test", "redacteur2@proefstad.test", "redacteur@demostad-zuid.test"} {
		if !contains(s.AdminUsers, want) {
			t.Errorf("the admin page lists %q, not %s", s.AdminUsers, want)
		}
	}
	// 2. The editor's.
	if s.Scales != 22 || s.ScoresKept != 22 {
		t.Errorf("scales %d, kept after the survey upload %d; want 22 (11 domains × maturity and need)", s.Scales, s.ScoresKept)
	}
	if !s.SavedDraft || len(s.SharedDraft) == 0 {
		t.Errorf("draft saved %v; the second editor sees %q", s.SavedDraft, s.SharedDraft)
	}
	if len(s.SurveyNotes) != 3 {
		t.Errorf("the survey upload says only %q of Windows-1252, puntkomma, respondenten", s.SurveyNotes)
	}
	if s.AfterPublish != base+"dashboard/99995/2025" {
		t.Errorf("after publishing the browser is at %s", s.AfterPublish)
	}
	// 4. The dashboard.
	if s.Radar == "" || s.RadarSpokes != 11 || s.ComparisonRows != 11 || !strings.Contains(s.CompareIntro, "3 organisaties") {
		t.Errorf("dashboard: radar %q with %d spokes, comparison rows %d (want 11 each), %q (want the three of 2025)", s.Radar, s.RadarSpokes, s.ComparisonRows, s.CompareIntro)
	}
	if s.PDFPages < 1 || s.PDFPages > 4 {
		t.Errorf("the report prints on %d pages", s.PDFPages)
	}
	// 5. and 6. Refusals.
	if s.OtherFormStatus != http.StatusForbidden || s.OtherWithdrawStatus != http.StatusForbidden || s.OtherSaveStatus != http.StatusForbidden {
		t.Errorf("another organisation's editor: form %d, withdraw %d, save %d; want 403", s.OtherFormStatus, s.OtherWithdrawStatus, s.OtherSaveStatus)
	}
	if s.NoCSRFStatus != http.StatusForbidden || s.WithCSRFStatus != http.StatusUnprocessableEntity {
		t.Errorf("POST without the CSRF token: %d, want 403; with it (and no reason): %d, want 422", s.NoCSRFStatus, s.WithCSRFStatus)
	}
	if !s.SecretDraftSaved {
		t.Error("the second editor's draft was not saved")
	}
	// 7. Withdrawn.
	if s.TombstoneStatus != http.StatusGone || !s.Tombstone {
		t.Errorf("after withdrawing: %d, reason shown %v", s.TombstoneStatus, s.Tombstone)
	}
	ds := base + "id/dataset/evaluatie/99995/2025"
	// The version's URI still sends to its document, which is gone and
	// says when and why (a tombstone in Turtle too).
	st, loc, _ := e2eGet(t, c, base+"id/evaluatie/99995/2025/v1", "text/turtle")
	if st != http.StatusSeeOther {
		t.Fatalf("the withdrawn version's URI answers %d, want 303", st)
	}
	st, _, ttl := e2eGet(t, c, loc, "text/turtle")
	if st != http.StatusGone || !strings.Contains(ntriples(t, ttl, loc), "invalidatedAtTime") {
		t.Errorf("the withdrawn version's document %s answers %d, want 410 with a tombstone:\n%.400s", loc, st, ttl)
	}
	_, _, cat := e2eGet(t, c, base+"catalog", "text/turtle")
	nt := ntriples(t, cat, base+"catalog")
	if strings.Contains(nt, "<"+ds+"> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset>") {
		t.Error("the catalog still lists the withdrawn dataset")
	}
	if !strings.Contains(nt, "<http://purl.org/adms/changetype/deleted>") || !strings.Contains(nt, "Dubbel ingevoerd") {
		t.Error("the catalog keeps no record of the withdrawal")
	}
}

// checkPublished checks the published assessment as linked data, and that
// none of secrets is public.
func checkPublished(t *testing.T, c *http.Client, base string, secrets []string) {
	t.Helper()
	// 3. Turtle at its URI, through the 303.
	id := base + "id/evaluatie/99995/2025"
	st, loc, _ := e2eGet(t, c, id, "text/turtle")
	if st != http.StatusSeeOther || !strings.HasPrefix(loc, base+"doc/evaluatie/99995/2025") {
		t.Fatalf("GET %s: %d → %q, want 303 to its /doc/", id, st, loc)
	}
	st, _, ttl := e2eGet(t, c, loc, "text/turtle")
	nt := ntriples(t, ttl, loc)
	if st != 200 || !strings.Contains(nt, "<"+id+"> <"+vocab.Mat("currentVersion")+">") {
		t.Errorf("the assessment as Turtle (%d) lacks its current version:\n%.600s", st, nt)
	}
	t.Logf("%s: %d triples (rapper)", loc, strings.Count(nt, "\n"))
	// In the catalog.
	_, _, cat := e2eGet(t, c, base+"catalog", "text/turtle")
	ds := base + "id/dataset/evaluatie/99995/2025"
	if !strings.Contains(ntriples(t, cat, base+"catalog"), "<"+ds+"> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset>") {
		t.Errorf("the catalog lacks %s", ds)
	}
	// In SPARQL.
	if !e2eAsk(t, c, base, `ASK { GRAPH ?g { <`+id+`> <`+vocab.Mat("currentVersion")+`> ?v } }`) {
		t.Error("SPARQL does not find the assessment")
	}
	// 8. Nothing private: the harness must see what is public (the
	// published rationale), or its silence proves nothing.
	const public = "Toelichting bij sponsoring"
	find := func(s string) string {
		return `ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER(CONTAINS(STR(?s), "` + s + `") || CONTAINS(STR(?o), "` + s + `")) }`
	}
	if !e2eAsk(t, c, base, find(public)) {
		t.Fatalf("SPARQL does not find the published rationale %q: the privacy check would prove nothing", public)
	}
	for _, s := range secrets {
		if e2eAsk(t, c, base, find(strings.ReplaceAll(s, `"`, `\"`))) {
			t.Errorf("SPARQL finds private data: %q", s)
		}
	}
	st, _, gz := e2eGet(t, c, base+"dumps/dataset.nq.gz", "*/*")
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if st != 200 || err != nil {
		t.Fatalf("dump: %d %v", st, err)
	}
	dump, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(dump, []byte(public)) {
		t.Fatal("the dump lacks the published rationale: the privacy check would prove nothing")
	}
	for _, s := range secrets {
		if bytes.Contains(dump, []byte(s)) {
			t.Errorf("the dump holds private data: %q", s)
		}
	}
	// Every /doc page of every resource of the instance.
	subj := regexp.MustCompile(`<` + regexp.QuoteMeta(base) + `id/([^>#]+)>`)
	seen := map[string]bool{}
	for _, m := range subj.FindAllSubmatch(dump, -1) {
		seen[string(m[1])] = true
	}
	var paths []string
	for p := range seen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	paths = append(paths, "evaluatie/99995/2026") // the secret draft's year
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	pages, leaks := 0, 0
	for _, p := range paths {
		wg.Add(1)
		sem <- struct{}{}
		go func(p string) {
			defer func() { <-sem; wg.Done() }()
			st, _, body := e2eGet(t, c, base+"doc/"+p, "text/html")
			mu.Lock()
			defer mu.Unlock()
			if st == 200 {
				pages++
			}
			for _, s := range secrets {
				if bytes.Contains(body, []byte(s)) {
					leaks++
					t.Errorf("/doc/%s (%d) shows private data %q", p, st, s)
				}
			}
		}(p)
	}
	wg.Wait()
	if pages < 50 {
		t.Errorf("only %d /doc pages answered 200", pages)
	}
	t.Logf("privacy: %d secrets absent from SPARQL, the dump (%d bytes) and %d /doc pages (%d leaks)", len(secrets), len(dump), pages, leaks)
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if strings.TrimSpace(l) == s {
			return true
		}
	}
	return false
}
