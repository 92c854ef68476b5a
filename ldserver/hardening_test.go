package ldserver

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// hostileText adds free text a careless or hostile city could type into an
// explanation of the fixture's assessment: a spreadsheet formula, a
// right-to-left override and C0 controls.
func hostileText(base string) []rdf.Quad {
	// An example assessment the catalog offers for download.
	obs := rdf.IRI(vocab.Observation(base, "99992", 2025, 1, "kennis"))
	return []rdf.Quad{
		{S: obs, P: rdf.IRI(vocab.Mat("rationale")), O: rdf.LangLiteral(`=HYPERLINK("http://evil.example/","klik")`, "nl"), G: rdf.IRI(vocab.AssessmentGraph(base, "99992", 2025, 1))},
		{S: rdf.IRI(base + "id/organisatie/99993"), P: rdf.IRI(nsRDFS + "comment"), O: rdf.LangLiteral("Rapport\u202Etxt.exe\x01\x1b[31m", "nl"), G: rdf.IRI(base + assessGraph)},
	}
}

// Issue 11, finding 10: content pages carry a Content-Security-Policy and
// nosniff, with a Referrer-Policy and no framing; data carries a policy
// under which nothing in it could run.
func TestSecurityHeaders(t *testing.T) {
	env := newTestEnv(t, nil, nil)
	for _, c := range []struct{ path, accept, csp string }{
		{"", "text/html", httpx.PageCSP},
		{"doc/organisatie/24062", "text/html", httpx.PageCSP},
		{"catalog", "text/html", httpx.PageCSP},
		{"doc/bestaat/niet", "text/html", httpx.PageCSP},
		{"doc/organisatie/24062", "text/turtle", httpx.DataCSP},
		{"dumps/dataset.nq.gz", "", httpx.DataCSP},
		{"download/evaluatie/99992/2025.ttl", "", httpx.DataCSP},
		{"ns/context.jsonld", "", httpx.DataCSP},
	} {
		resp, _ := env.get(t, http.MethodGet, env.base+c.path, "Accept: "+c.accept)
		h := resp.Header
		if got := h.Get("Content-Security-Policy"); got != c.csp {
			t.Errorf("/%s (%s): Content-Security-Policy %q, want %q", c.path, c.accept, got, c.csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "strict-origin-when-cross-origin" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("/%s: %v", c.path, h)
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("/%s: framing allowed", c.path)
		}
	}
}

// Issue 11, finding 10: U+202E and C0 controls of the data were written raw
// into HTML, so a label could show its text in another order. The page
// shows them as visible stand-ins; the RDF keeps them exact, and so does
// the page's embedded JSON-LD, with escapes.
func TestControlsVisibleInHTML(t *testing.T) {
	env := newTestEnv(t, hostileText, nil)
	for _, p := range []string{"doc/organisatie/99993", "doc/evaluatie/99993/2024", assessGraph, "doc/observatie/99992/2025/v1/kennis"} {
		_, body := env.get(t, http.MethodGet, env.base+p, "Accept: text/html")
		for _, raw := range []string{"\u202E", "\x01", "\x1b"} {
			if bytes.Contains(body, []byte(raw)) {
				t.Errorf("/%s: %q written raw into HTML", p, raw)
			}
		}
		if p == "doc/organisatie/99993" {
			if !bytes.Contains(body, []byte("Rapport[U+202E]txt.exe\u2401\u241b[31m")) {
				t.Errorf("/%s: the label is not shown with visible stand-ins:\n%s", p, body)
			}
			if !bytes.Contains(body, []byte(`Rapport\u202etxt.exe\u0001\u001b[31m`)) {
				t.Errorf("/%s: the embedded JSON-LD does not keep the label exact", p)
			}
		}
	}
	_, nt := env.get(t, http.MethodGet, env.base+"doc/organisatie/99993", "Accept: application/n-triples")
	if !bytes.Contains(nt, []byte("Rapport\u202Etxt.exe")) && !bytes.Contains(nt, []byte(`Rapport\u202Etxt.exe`)) {
		t.Errorf("the RDF lost the character:\n%s", nt)
	}
}

// Issue 11, finding 10: free text went into the CSV downloads as it was,
// so a cell "=HYPERLINK(…)" ran as a formula in the city's spreadsheet;
// and the download's file name came from the raw request path.
func TestCSVDownloadSafe(t *testing.T) {
	env := newTestEnv(t, hostileText, nil)
	resp, body := env.get(t, http.MethodGet, env.base+"download/evaluatie/99992/2025.csv")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, rec := range recs {
		for _, cell := range rec {
			if strings.HasPrefix(cell, "=") || strings.HasPrefix(cell, "+") || strings.HasPrefix(cell, "@") {
				t.Errorf("cell %q would run as a formula", cell)
			}
			found = found || strings.HasPrefix(cell, `'=HYPERLINK(`)
		}
	}
	if !found {
		t.Errorf("the explanation is missing from the CSV:\n%s", body)
	}
	if got := resp.Header.Get("Content-Disposition"); got != `attachment; filename="evaluatie-99992-2025.csv"` {
		t.Errorf("Content-Disposition %q", got)
	}
	resp, _ = env.get(t, http.MethodGet, env.base+`download/a";b=c%0d%0aX:y.csv`)
	if resp.StatusCode != http.StatusNotFound || resp.Header.Get("Content-Disposition") != "" {
		t.Errorf("unknown download: %d, Content-Disposition %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
}

func TestAttachmentName(t *testing.T) {
	for in, want := range map[string]string{
		"evaluatie/99993/2024.csv":    `attachment; filename="evaluatie-99993-2024.csv"`,
		`a";b=c` + "\r\nX: y.csv":     `attachment; filename="a-b-c-X-y.csv"`,
		"../../etc/passwd":            `attachment; filename="etc-passwd"`,
		"Évaluatie \u202Etxt.exe.csv": `attachment; filename="valuatie-txt.exe.csv"`,
		"":                            `attachment; filename="download"`,
	} {
		if got := httpx.Attachment(in); got != want {
			t.Errorf("Attachment(%q) = %s, want %s", in, got, want)
		}
	}
}
