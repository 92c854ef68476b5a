package ldserver

import (
	"bytes"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

// kinds are one resource of every kind the server publishes: its own
// things relative to the base, and the model's and the ontology's shared
// IRIs (w3id.org), which it describes at the same path under its base.
var kinds = []struct {
	kind, iri string // iri relative to the base, or absolute when shared
}{
	{"domein", vocab.Domain("sponsoring")},
	{"actie", vocab.Action("sponsoring", 1)},
	{"profiel", vocab.Profile("data-expert")},
	{"principe", vocab.Principle(1)},
	{"organisatie", "id/organisatie/24062"},
	{"evaluatie", "id/evaluatie/99991/2025"},
	{"evaluatieversie", "id/evaluatie/99991/2025/v2"},
	{"observatie", "id/observatie/99991/2025/v2/kennis"},
	{"aanbeveling", "id/aanbeveling/99991/2025/v2/1"},
	{"bevraging", "id/bevraging/99991/2025/v1"},
	{"studiebevinding", vocab.Study("open-data-awareness", "alle", "risico-privacy")},
	{"dsd", vocab.DSD("evaluatie")},
	{"term", vocab.Mat("Domain")},
	{"definitie", vocab.ModelIRI("definitie", "open-data")},
}

// pageOf returns the IRI of a kind and the document that describes it: for
// a shared IRI, this instance's page at the same path under its base.
func (e *testEnv) pageOf(iri string) (thing, doc string) {
	if !strings.HasPrefix(iri, vocab.SharedBase) {
		iri = e.base + iri
		doc, _, _ = strings.Cut(iri, "#")
		return iri, doc
	}
	doc, _, _ = strings.Cut(e.base+strings.TrimPrefix(iri, vocab.SharedBase), "#")
	return iri, doc
}

// parseExternal parses a served document with an independent parser
// (rapper for Turtle, N-Triples and RDF/XML; jsonld.js for JSON-LD) and
// returns the triples it found.
func parseExternal(t *testing.T, mediaType string, body []byte, base string) []rdf.Quad {
	t.Helper()
	var cmd *exec.Cmd
	switch mediaType {
	case "application/ld+json":
		nm := testtool.NodeModules(t, "jsonld")
		cmd = exec.Command("node", filepath.Join(filepath.Dir(nm), "jsonld2nq.mjs"), base)
	default:
		syntax := map[string]string{"text/turtle": "turtle", "application/n-triples": "ntriples", "application/rdf+xml": "rdfxml"}[mediaType]
		cmd = exec.Command(testtool.Require(t, "rapper"), "-q", "-i", syntax, "-o", "ntriples", "-", base)
	}
	cmd.Stdin = bytes.NewReader(body)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: external parser failed: %v\n%s\n--- document:\n%s", mediaType, err, stderr.String(), body)
	}
	return parseOurs(t, rdfio.NQuads, out, base)
}

func parseOurs(t *testing.T, f rdfio.Format, b []byte, base string) []rdf.Quad {
	t.Helper()
	var qs []rdf.Quad
	err := rdfio.Parse(bytes.NewReader(b), f, rdfio.ParseOptions{Base: base}, func(q rdf.Quad) error { qs = append(qs, q); return nil })
	if err != nil {
		t.Fatalf("parse %v: %v\n%s", f, err, b)
	}
	return qs
}

// TestEveryKindDereferences is the main check: for every kind of
// resource /id/ answers 303 to /doc/ (a shared IRI's local page answers
// directly; w3id.org does the 303 for the shared IRI), every format parses
// with a real parser to the same graph, with the shared IRIs kept, a
// conditional GET gives 304 and an Accept nobody can meet gives 406.
func TestEveryKindDereferences(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	formats := []string{"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"}
	for _, k := range kinds {
		t.Run(k.kind, func(t *testing.T) {
			iri, docURL := e.pageOf(k.iri)
			if rest, ok := strings.CutPrefix(k.iri, "id/"); ok {
				resp, _ := e.get(t, "GET", iri, "Accept: text/turtle")
				if resp.StatusCode != http.StatusSeeOther {
					t.Fatalf("GET %s: %d, want 303", iri, resp.StatusCode)
				}
				docURL = e.base + "doc/" + rest
				if loc := resp.Header.Get("Location"); loc != docURL {
					t.Fatalf("Location %q, want %q", loc, docURL)
				}
			}
			var ref []rdf.Quad
			for _, mt := range formats {
				resp, body := e.get(t, "GET", docURL, "Accept: "+mt)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("GET %s as %s: %d %s", docURL, mt, resp.StatusCode, body)
				}
				if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, mt) {
					t.Errorf("%s: Content-Type %q", mt, ct)
				}
				if !strings.Contains(resp.Header.Get("Vary"), "Accept") {
					t.Errorf("%s: Vary %q lacks Accept", mt, resp.Header.Get("Vary"))
				}
				got := parseExternal(t, mt, body, docURL)
				if !hasTriple(got, iri, rdf.RDFType) {
					t.Errorf("%s: no rdf:type of %s in\n%s", mt, iri, body)
				}
				if ref == nil {
					ref = got
					// Our own parser agrees with rapper on our Turtle.
					if ours := parseOurs(t, rdfio.Turtle, body, docURL); !rdf.Isomorphic(ours, ref) {
						t.Errorf("rdfio.Parse and rapper disagree on the Turtle of %s", docURL)
					}
					continue
				}
				if !rdf.Isomorphic(got, ref) {
					t.Errorf("%s gives a different graph than Turtle (%d vs %d triples)\n%s", mt, len(got), len(ref), body)
				}
			}
			resp, _ := e.get(t, "GET", docURL, "Accept: text/turtle")
			etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
			if etag == "" || lm == "" {
				t.Fatalf("ETag %q, Last-Modified %q", etag, lm)
			}
			if resp, _ := e.get(t, "GET", docURL, "Accept: text/turtle", "If-None-Match: "+etag); resp.StatusCode != http.StatusNotModified {
				t.Errorf("If-None-Match: %d, want 304", resp.StatusCode)
			}
			if resp, _ := e.get(t, "GET", docURL, "Accept: text/turtle", "If-Modified-Since: "+lm); resp.StatusCode != http.StatusNotModified {
				t.Errorf("If-Modified-Since: %d, want 304", resp.StatusCode)
			}
			if resp, _ := e.get(t, "GET", docURL, "Accept: application/ld+json", "If-None-Match: "+etag); resp.StatusCode != http.StatusOK {
				t.Errorf("the Turtle ETag matched the JSON-LD representation: %d", resp.StatusCode)
			}
			resp, body := e.get(t, "GET", docURL, "Accept: image/png, application/pdf;q=0.5")
			if resp.StatusCode != http.StatusNotAcceptable {
				t.Fatalf("Accept image/png: %d, want 406", resp.StatusCode)
			}
			for _, mt := range formats {
				if !bytes.Contains(body, []byte(mt)) {
					t.Errorf("406 body does not offer %s:\n%s", mt, body)
				}
			}
		})
	}
}

func hasTriple(qs []rdf.Quad, s, p string) bool {
	for _, q := range qs {
		if q.S.Value == s && q.P.Value == p {
			return true
		}
	}
	return false
}

// TestRapperDereferences lets rapper fetch /id/ IRIs itself, with its own
// Accept header (which ranks text/html among RDF types) and its own
// handling of the 303: it must get RDF it can parse, not HTML.
func TestRapperDereferences(t *testing.T) {
	rapper := testtool.Require(t, "rapper")
	e := newTestEnv(t, nil, nil)
	for _, args := range [][]string{
		{"-g"},             // guess the syntax from Content-Type: Accept lists every type rapper knows
		{"-i", "turtle"},   // Turtle parser's Accept
		{"-i", "rdfxml"},   // RDF/XML parser's Accept
		{"-i", "ntriples"}, // N-Triples parser's Accept
	} {
		// An instance thing through its 303, and a shared model IRI's
		// local page, which answers directly.
		for _, k := range []string{"id/evaluatie/99991/2025", vocab.Domain("sponsoring")} {
			iri, doc := e.pageOf(k)
			url := iri
			if strings.HasPrefix(k, vocab.SharedBase) {
				url = doc
			}
			cmd := exec.Command(rapper, append(append([]string{"-q"}, args...), "-o", "ntriples", url)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Errorf("rapper %v %s: %v\n%s", args, url, err, stderr.String())
				continue
			}
			if qs := parseOurs(t, rdfio.NTriples, out, url); !hasTriple(qs, iri, rdf.RDFType) {
				t.Errorf("rapper %v %s: no rdf:type of %s in %d triples", args, url, iri, len(qs))
			}
		}
	}
}
