package ldserver

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparqlhttp"
	"github.com/stadleuven/maturity/vocab"
)

// The shared model and ontology are served at this instance's local pages:
// the RDF keeps the shared IRIs, the HTML links the local pages, and what
// the data calls study text or our interpretation is marked so on the page.
func TestMirroredPages(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	kennis := e.base + "model/domein/kennis"

	resp, body := e.get(t, "GET", kennis, "Accept: text/turtle")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", kennis, resp.StatusCode)
	}
	qs := parseOurs(t, rdfio.Turtle, body, kennis)
	if !hasTriple(qs, vocab.Domain("kennis"), rdf.RDFType) {
		t.Errorf("the page does not describe the shared IRI %s", vocab.Domain("kennis"))
	}
	if !hasQuad(qs, kennis, nsFOAF+"primaryTopic", vocab.Domain("kennis")) {
		t.Errorf("the local page is not a document about the shared IRI")
	}
	for _, q := range qs {
		if strings.HasPrefix(q.S.Value, e.base+"model/") && q.S.Value != kennis || strings.HasPrefix(q.O.Value, e.base+"model/") && q.O.Value != kennis {
			t.Errorf("RDF names a local page instead of the shared IRI: %v", q)
		}
	}

	_, html := e.get(t, "GET", kennis, "Accept: text/html", "Accept-Language: nl")
	page := string(html)
	for _, want := range []string{
		`href="` + e.base + `model/actie/kennis/1"`,             // links to the local page
		`<code>` + vocab.Domain("kennis") + `</code>`,           // shows the shared IRI
		`class="basis basis-study">studietekst</small>`,         // the definition is the study's
		`class="basis basis-interpretation">onze interpretatie`, // the audience groups are ours
	} {
		if !strings.Contains(page, want) {
			t.Errorf("Dutch page lacks %q", want)
		}
	}
	if strings.Contains(page, `href="`+vocab.SharedBase) {
		t.Errorf("the page links a shared IRI instead of this instance's page")
	}
	_, en := e.get(t, "GET", kennis, "Accept: text/html", "Accept-Language: en")
	if !bytes.Contains(en, []byte(`class="basis basis-translation">our translation</small>`)) {
		t.Error("English page does not mark the translated definition as ours")
	}

	// The ontology's hash namespace: one document for every term.
	resp, body = e.get(t, "GET", e.base+"ns.ttl")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("ns.ttl: %d", resp.StatusCode)
	}
	qs = parseOurs(t, rdfio.Turtle, body, e.base+"ns")
	for _, term := range []string{vocab.Ontology, vocab.Mat("maturityScore"), vocab.Mat("agreement"), vocab.Mat("interpretedProperty")} {
		if !hasTriple(qs, term, rdf.RDFType) {
			t.Errorf("ns.ttl does not describe %s", term)
		}
	}
	for _, path := range []string{"model/", "model/domein/bestaat-niet", "ns/maturiteit", "nsx", "ns/maturiteit.ttl"} {
		if resp, _ := e.get(t, "GET", e.base+path, "Accept: text/turtle"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
		}
	}

	// A study finding: method and links to the model are our reading, the
	// source text is the study's.
	_, html = e.get(t, "GET", e.base+"model/studie/open-data-awareness/administratief/nood-ondersteuning-gdpr?lang=nl", "Accept: text/html")
	page = string(html)
	if !strings.Contains(page, `Ondersteuning GDPR (noot: interviews vs bevraging 48,6%)</span> <small class="basis basis-study">`) ||
		!strings.Contains(page, `<aside class="interpretation">`) || strings.Count(page, "basis-interpretation") < 3 {
		t.Errorf("finding page does not separate study text from interpretation:\n%s", page)
	}
}

// The landing page gives the study's definitions of data and open data
// (both conditions) and its conclusions, with our reading marked as such.
func TestLandingStudy(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	_, body := e.get(t, "GET", e.base+"?lang=nl", "Accept: text/html")
	page := string(body)
	for _, want := range []string{
		"Gegevens die door, over of in de stad gemeten, verzameld of gegenereerd worden.",
		"Juridisch: zowel commercieel als niet-commercieel hergebruik is toegestaan aan de hand van een open licentie.",
		"Technisch: beschikbaar in een open en machine-leesbaar formaat",
		"Resultaten &amp; discussies stuurgroep gaven aan dat niet alle steden dezelfde noden ervaren",
		"Nood aan bestek kennisopbouwtraject/kennisplatform geen gedeelde nood",
		"De steden verschillen te veel voor één gedeeld opleidingstraject.",
		`href="` + e.base + `model/definitie/open-data?lang=nl"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("landing page lacks %q", want)
		}
	}
	if strings.Index(page, "Data en open data volgens de studie") > strings.Index(page, "Organisaties") {
		t.Error("the definitions come after the organisations; staff need them first")
	}
}

// A namespace that would be served over one of the server's own routes is
// refused when the server starts.
func TestMirrorCollision(t *testing.T) {
	for _, ns := range []vocab.Namespace{
		{IRI: "https://elders.org/sparql/", Shared: "https://elders.org/"},
		{IRI: "https://elders.org/catalog#", Shared: "https://elders.org/"},
	} {
		ep, err := sparqlhttp.New(sparqlhttp.Config{Base: "http://localhost:8080/"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = New(Config{Base: "http://localhost:8080/", Namespaces: []vocab.Namespace{ns}, DumpDir: t.TempDir(), Apps: []App{ep}}, nil)
		if err == nil || !strings.Contains(err.Error(), "collides") {
			t.Errorf("%s: error %v, want a collision", ns.IRI, err)
		}
	}
}

func hasQuad(qs []rdf.Quad, s, p, o string) bool {
	for _, q := range qs {
		if q.S.Value == s && q.P.Value == p && q.O.Value == o {
			return true
		}
	}
	return false
}
