package webapp

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/private"
)

// Nothing private reaches a public path: not the accounts, not a session
// or its CSRF token, not a draft. The test signs in, saves a draft with
// a marker in it, and then looks for each secret in SPARQL answers, both
// dumps, the catalog and every /doc page the dump names.
func TestNothingPrivateIsPublic(t *testing.T) {
	acc := withAccounts(t)
	var db *private.DB
	e := newEditEnv(t, func(c *Config) { acc(c); db = c.Private })
	s := e.login(t, "noord@demo.be", pw, http.StatusSeeOther)
	const marker = "GEHEIM-CONCEPT-7f3a"
	if _, err := db.SaveDraft(private.Draft{Org: "99991", Year: 2027, Method: "zelfevaluatie",
		Scores: []private.DraftScore{{Domain: "kennis", Maturity: 2, Rationale: marker}}}, "noord@demo.be"); err != nil {
		t.Fatal(err)
	}
	// Publish once, so the data changed while a session existed.
	if resp, _ := e.post(t, "evaluatie", s.form(e.validForm("99991", "2027")), s.header()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.StatusCode)
	}
	secrets := []string{"noord@demo.be", "zuid@demo.be", "admin@demo.be", "demo.be", marker, s.cookie.Value, s.csrf, "argon2id"}
	check := func(where string, body []byte) {
		t.Helper()
		for _, x := range secrets {
			if bytes.Contains(body, []byte(x)) {
				t.Errorf("%s holds %q", where, x)
			}
		}
	}
	for _, q := range []string{
		`SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isLiteral(?o) && (CONTAINS(STR(?o), "@") || CONTAINS(STR(?o), "GEHEIM"))) }`,
		`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g`,
		`CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }`,
	} {
		resp, body := e.get(t, http.MethodGet, e.base+"sparql?query="+url.QueryEscape(q), "Accept: text/csv, text/turtle;q=0.9", s.header())
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", q, resp.StatusCode, body)
		}
		check("/sparql "+q[:20], body)
	}
	var subjects []string
	for _, d := range []string{"dataset.nq.gz", "dataset.ttl.gz"} {
		resp, gz := e.get(t, http.MethodGet, e.base+"dumps/"+d)
		if resp.StatusCode != 200 {
			t.Fatalf("dump %s: %d", d, resp.StatusCode)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		check("dump "+d, body)
		// The check can fail: the author published with the form is in
		// the dump, found by the same comparison.
		if !bytes.Contains(body, []byte("Dienst Data")) {
			t.Errorf("dump %s lacks the published author; the search finds nothing", d)
		}
		if d == "dataset.nq.gz" {
			seen := map[string]bool{}
			for _, m := range regexp.MustCompile(`<(`+regexp.QuoteMeta(e.base)+`id/[^>#]+)>`).FindAllSubmatch(body, -1) {
				if !seen[string(m[1])] {
					seen[string(m[1])] = true
					subjects = append(subjects, string(m[1]))
				}
			}
		}
	}
	for _, p := range []string{"catalog", "catalog.ttl", ".well-known/void", ""} {
		_, body := e.get(t, http.MethodGet, e.base+p, "Accept: text/turtle")
		check("/"+p, body)
	}
	if len(subjects) < 100 {
		t.Fatalf("the dump names %d resources; the crawl below would prove little", len(subjects))
	}
	for _, iri := range subjects {
		doc := strings.Replace(iri, "/id/", "/doc/", 1)
		for _, accept := range []string{"text/turtle", "text/html"} {
			resp, body := e.get(t, http.MethodGet, doc, "Accept: "+accept, s.header())
			if resp.StatusCode != 200 && resp.StatusCode != 404 {
				t.Errorf("%s (%s): %d", doc, accept, resp.StatusCode)
			}
			check(doc, body)
		}
	}
	t.Logf("%d secrets looked for in 3 SPARQL answers, 2 dumps, the catalog, VoID and %d documents (Turtle and HTML)", len(secrets), 2*len(subjects))
}
