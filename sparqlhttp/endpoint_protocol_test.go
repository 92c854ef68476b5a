package sparqlhttp

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql/results"
)

// Vocabularies of the W3C protocol test manifest.
const (
	nsMF  = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
	nsHT  = "http://www.w3.org/2011/http#"
	nsCNT = "http://www.w3.org/2011/content#"
	nsHTS = "http://www.w3.org/2011/http-statusCodes#"
	nsUT  = "http://www.w3.org/2009/sparql/tests/test-update#"
)

// protocolPassFloor is how many of the W3C protocol tests passed when the
// endpoint was written; the test fails if fewer pass.
const protocolPassFloor = 27 // 20 query tests + 7 bad_*update* tests

// graph is a manifest held as subject → predicate → objects.
type graph map[rdf.Term]map[string][]rdf.Term

func (g graph) one(s rdf.Term, p string) rdf.Term {
	if o := g[s][p]; len(o) > 0 {
		return o[0]
	}
	return rdf.Term{}
}

func (g graph) list(head rdf.Term) []rdf.Term {
	var out []rdf.Term
	for head.IsBlank() || (head.IsIRI() && head.Value != rdf.RDFNil) {
		out = append(out, g.one(head, rdf.RDFFirst))
		head = g.one(head, rdf.RDFRest)
	}
	return out
}

// protoStep is one HTTP request of a protocol test and what must come back.
type protoStep struct {
	method, path string
	headers      [][2]string
	body         []byte
	statuses     []string // StatusCode2xx …
	format       string   // boolean, tabular, RDF or empty
	boolean      *bool
}

type protoTest struct {
	name   string
	id     string
	graphs map[string]string // graph IRI → data file
	steps  []protoStep
}

func loadProtocolManifest(t *testing.T, dir string) []protoTest {
	t.Helper()
	file := filepath.Join(dir, "manifest.ttl")
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	base := "file://" + file
	g := graph{}
	err = rdfio.Parse(f, rdfio.Turtle, rdfio.ParseOptions{Base: base, File: file}, func(q rdf.Quad) error {
		if g[q.S] == nil {
			g[q.S] = map[string][]rdf.Term{}
		}
		g[q.S][q.P.Value] = append(g[q.S][q.P.Value], q.O)
		return nil
	})
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	var tests []protoTest
	for _, e := range g.list(g.one(rdf.IRI(base), nsMF+"entries")) {
		pt := protoTest{id: strings.TrimPrefix(e.Value[strings.LastIndex(e.Value, "#")+1:], ""), name: g.one(e, nsMF+"name").Value, graphs: map[string]string{}}
		for _, gd := range g[e][nsUT+"graphData"] {
			pt.graphs[g.one(gd, rdf.RDFSNS+"label").Value] = strings.TrimPrefix(g.one(gd, nsUT+"graph").Value, "file://")
		}
		action := g.one(e, nsMF+"action")
		for _, rq := range g.list(g.one(action, nsHT+"requests")) {
			st := protoStep{
				method: g.one(rq, nsHT+"methodName").Value,
				path:   g.one(rq, nsHT+"absolutePath").Value,
			}
			for _, h := range g.list(g.one(rq, nsHT+"headers")) {
				st.headers = append(st.headers, [2]string{g.one(h, nsHT+"fieldName").Value, g.one(h, nsHT+"fieldValue").Value})
			}
			if b := g.one(rq, nsHT+"body"); !b.IsZero() {
				chars := g.one(b, nsCNT+"chars").Value
				if strings.EqualFold(g.one(b, nsCNT+"characterEncoding").Value, "UTF-16") {
					st.body = utf16Bytes(chars)
				} else {
					st.body = []byte(chars)
				}
			}
			resp := g.one(rq, nsHT+"resp")
			for _, s := range g[resp][nsMF+"expectedStatus"] {
				st.statuses = append(st.statuses, strings.TrimPrefix(s.Value, nsHTS))
			}
			st.format = g.one(resp, nsMF+"expectedFormat").Value
			if b := g.one(resp, nsMF+"expectedBoolean"); !b.IsZero() {
				v := b.Value == "true"
				st.boolean = &v
			}
			pt.steps = append(pt.steps, st)
		}
		tests = append(tests, pt)
	}
	return tests
}

// utf16Bytes encodes s as UTF-16 (big-endian, with a byte-order mark).
func utf16Bytes(s string) []byte {
	out := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	return out
}

// needsUpdate reports a test of a successful SPARQL Update. The endpoint is
// read-only, so such a test cannot pass; what it must do instead is refuse
// the update with a client error, which the test checks.
func needsUpdate(pt protoTest) bool { return strings.HasPrefix(pt.id, "update_") }

// TestW3CProtocol runs the SPARQL 1.1 Protocol tests against the live
// endpoint over HTTP. The data files are loaded as the named graphs the
// manifest names; the endpoint runs with the W3C default graph (own).
func TestW3CProtocol(t *testing.T) {
	dir := testtool.Testdata(t, "sparql11", "protocol")
	tests := loadProtocolManifest(t, dir)
	if len(tests) == 0 {
		t.Fatal("no tests in the manifest")
	}
	var quads []rdf.Quad
	loaded := map[string]bool{}
	for _, pt := range tests {
		for iri, file := range pt.graphs {
			if loaded[iri] {
				continue
			}
			loaded[iri] = true
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			err = rdfio.Parse(f, rdfio.NTriples, rdfio.ParseOptions{File: file, Graph: rdf.IRI(iri)}, func(q rdf.Quad) error {
				quads = append(quads, q)
				return nil
			})
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	env := newSPARQLEnv(t, quads, func(c *Config) { c.DefaultGraphOwn = true }, nil)
	pass, refusedOnly, refusedUpdates := 0, 0, 0
	for _, pt := range tests {
		t.Run(pt.id, func(t *testing.T) {
			if needsUpdate(pt) {
				// The first request is the update; the later ones query
				// its effect, which a read-only endpoint cannot have.
				st := pt.steps[0]
				st.statuses = []string{"StatusCode4xx"}
				if err := runProtocolStep(env, st); err != nil {
					t.Errorf("%s: the read-only endpoint must refuse the update: %v", pt.name, err)
					return
				}
				refusedOnly++
				return
			}
			for i, st := range pt.steps {
				if err := runProtocolStep(env, st); err != nil {
					t.Errorf("%s, request %d: %v", pt.name, i+1, err)
					return
				}
			}
			pass++
			if strings.HasPrefix(pt.id, "bad_") && strings.Contains(pt.id, "update") {
				refusedUpdates++
			}
		})
	}
	testtool.Figure(t, "W3C SPARQL 1.1 protocol, live endpoint: %d/%d passed (%d of them bad_update_* tests, met by refusing every update); %d update_* tests need SPARQL Update, which the read-only endpoint refuses (checked: 4xx)",
		pass, len(tests), refusedUpdates, refusedOnly)
	if pass+refusedOnly != len(tests) {
		t.Errorf("%d passed and %d refused of %d tests", pass, refusedOnly, len(tests))
	}
	if pass < protocolPassFloor {
		t.Errorf("only %d protocol tests passed, want at least %d", pass, protocolPassFloor)
	}
}

func runProtocolStep(env *sparqlEnv, st protoStep) error {
	path := strings.Replace(st.path, "/sparql/", "/sparql", 1)
	req, err := http.NewRequest(st.method, strings.TrimSuffix(env.base, "/")+path, bytes.NewReader(st.body))
	if err != nil {
		return err
	}
	if st.body == nil {
		req.Body = nil
	}
	for _, h := range st.headers {
		req.Header.Set(h[0], h[1])
	}
	resp, err := env.client().Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	class := fmt.Sprintf("StatusCode%dxx", resp.StatusCode/100)
	okStatus := false
	for _, s := range st.statuses {
		okStatus = okStatus || s == class
	}
	if !okStatus {
		return fmt.Errorf("status %d, want %v: %s", resp.StatusCode, st.statuses, body)
	}
	if resp.StatusCode >= 300 {
		return nil
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch st.format {
	case "boolean", "tabular":
		f, err := results.ParseFormat(mt)
		if err != nil {
			return fmt.Errorf("content type %q is not a results format", mt)
		}
		tab, err := results.Read(bytes.NewReader(body), f)
		if err != nil {
			return fmt.Errorf("read %s results: %v", f, err)
		}
		if st.format == "boolean" && tab.Boolean == nil {
			return fmt.Errorf("want a boolean result, got %s", body)
		}
		if st.format == "tabular" && tab.Boolean != nil {
			return fmt.Errorf("want a table, got a boolean")
		}
		if st.boolean != nil && *tab.Boolean != *st.boolean {
			return fmt.Errorf("boolean %v, want %v", *tab.Boolean, *st.boolean)
		}
	case "RDF":
		f := rdfio.FormatForMediaType(mt)
		if f == rdfio.FormatUnknown {
			return fmt.Errorf("content type %q is not an RDF format", mt)
		}
		if err := rdfio.Parse(bytes.NewReader(body), f, rdfio.ParseOptions{Base: env.base}, func(rdf.Quad) error { return nil }); err != nil {
			return fmt.Errorf("parse %s: %v", f, err)
		}
	}
	return nil
}
