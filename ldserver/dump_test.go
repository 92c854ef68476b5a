package ldserver

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/voidstats"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDumps checks that both dumps hold exactly the dataset, are served
// with validators, and are regenerated after a write.
func TestDumps(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	check := func() string {
		want := e.src.Visible()
		resp, body := e.get(t, "GET", e.base+"dumps/dataset.nq.gz")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/gzip" {
			t.Fatalf("nq dump: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		got := parseOurs(t, rdfio.NQuads, gunzip(t, body), e.base)
		if !rdf.Isomorphic(got, want) {
			t.Errorf("N-Quads dump: %d quads, dataset has %d", len(got), len(want))
		}
		if r, _ := e.get(t, "GET", e.base+"dumps/dataset.nq.gz", "If-None-Match: "+resp.Header.Get("ETag")); r.StatusCode != http.StatusNotModified {
			t.Errorf("dump If-None-Match: %d", r.StatusCode)
		}
		_, tbody := e.get(t, "GET", e.base+"dumps/dataset.ttl.gz")
		gotT := parseOurs(t, rdfio.Turtle, gunzip(t, tbody), e.base)
		if !rdf.Isomorphic(gotT, triples(want)) {
			t.Errorf("Turtle dump: %d triples, dataset has %d", len(gotT), len(triples(want)))
		}
		return resp.Header.Get("ETag")
	}
	first := check()
	g := rdf.IRI(e.base + "graph/extra")
	e.src.ReplaceGraph(g, []rdf.Quad{{S: rdf.IRI(e.base + "id/test/x"), P: rdf.IRI(rdfsLabel), O: rdf.Literal("nieuw"), G: g}}, time.Now())
	if second := check(); second == first {
		t.Errorf("dump ETag unchanged after a write: %s", second)
	}
}

// triples drops graph names and duplicates.
func triples(qs []rdf.Quad) []rdf.Quad {
	seen := map[rdf.Quad]bool{}
	var out []rdf.Quad
	for _, q := range qs {
		q.G = rdf.Term{}
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}

func TestVoID(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	resp, body := e.get(t, "GET", e.base+".well-known/void", "Accept: text/turtle")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d", resp.StatusCode)
	}
	quads := parseOurs(t, rdfio.Turtle, body, e.base)
	ds := e.base + ".well-known/void#dataset"
	value := func(s, p string) string {
		for _, q := range quads {
			if q.S.Value == s && q.P.Value == p {
				return q.O.Value
			}
		}
		return ""
	}
	visible := e.src.Visible()
	distinct := map[rdf.Quad]bool{}
	for _, q := range visible {
		distinct[q] = true
	}
	if got := value(ds, nsVOID+"triples"); got != strconv.Itoa(len(distinct)) {
		t.Errorf("void:triples %s, want %d distinct quads", got, len(distinct))
	}
	for _, p := range []string{"distinctSubjects", "classes", "properties", "uriSpace", "dataDump", "classPartition", "propertyPartition"} {
		if value(ds, nsVOID+p) == "" {
			t.Errorf("no void:%s", p)
		}
	}
	// The centre cities link to the address register's municipalities and Wikidata.
	for _, lt := range voidstats.LinkTargets {
		want := 0
		for q := range distinct {
			if (q.P.Value == nsOWL+"sameAs" || q.P.Value == nsSKOS+"exactMatch" || q.P.Value == nsSKOS+"closeMatch") && strings.HasPrefix(q.O.Value, lt.URISpace) {
				want++
			}
		}
		n, _ := strconv.Atoi(value(e.base+".well-known/void#linkset-"+lt.Frag, nsVOID+"triples"))
		if n != want || want == 0 {
			t.Errorf("linkset %s: %d links, data has %d", lt.Frag, n, want)
		}
	}
	// The endpoint is advertised exactly when it is routed.
	if got, routed := value(ds, nsVOID+"sparqlEndpoint"), e.ld.routed("/sparql"); (got != "") != routed || (routed && got != e.base+"sparql") {
		t.Errorf("void:sparqlEndpoint %q, /sparql routed: %v", got, routed)
	}
}

// TestLargeGraphStreams checks /graph/… for a graph above GraphStreamQuads:
// every format is streamed from a spooled file and says the same as the
// document built in memory, with and without gzip, with validators that
// answer 304, and the HTML page still lists the graph's resources.
func TestLargeGraphStreams(t *testing.T) {
	streamed := newTestEnv(t, nil, func(c *Config) { c.GraphStreamQuads = 5 })
	built := newTestEnv(t, nil, nil)
	for _, tc := range []struct {
		accept string
		f      rdfio.Format
	}{
		{"text/turtle", rdfio.Turtle},
		{"application/n-triples", rdfio.NTriples},
		{"application/n-quads", rdfio.NQuads},
		{"application/rdf+xml", rdfio.RDFXML},
		{"application/ld+json", rdfio.JSONLD},
	} {
		t.Run(tc.accept, func(t *testing.T) {
			parse := func(b []byte) []rdf.Quad {
				if tc.f == rdfio.NQuads || tc.f == rdfio.NTriples {
					return parseOurs(t, tc.f, b, built.base)
				}
				return parseExternal(t, tc.accept, b, built.base)
			}
			_, want := built.get(t, "GET", built.base+"graph/model", "Accept: "+tc.accept)
			wantQs := parse(want)
			for _, gz := range []bool{false, true} {
				h := []string{"Accept: " + tc.accept}
				if gz {
					h = append(h, "Accept-Encoding: gzip")
				}
				resp, body := streamed.get(t, "GET", streamed.base+"graph/model", h...)
				if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.accept) {
					t.Fatalf("gzip %v: %d %s %s", gz, resp.StatusCode, resp.Header.Get("Content-Type"), body)
				}
				if gz != (resp.Header.Get("Content-Encoding") == "gzip") {
					t.Fatalf("gzip %v: Content-Encoding %q", gz, resp.Header.Get("Content-Encoding"))
				}
				if gz {
					body = gunzip(t, body)
				}
				// The two servers have different bases: compare with the
				// built document moved to the streamed server's base.
				got := parse(bytes.ReplaceAll(body, []byte(streamed.base), []byte(built.base)))
				if len(got) < 10 || !rdf.Isomorphic(got, wantQs) {
					t.Errorf("gzip %v: streamed %d quads, built %d", gz, len(got), len(wantQs))
				}
				etag := resp.Header.Get("ETag")
				if !strings.HasPrefix(etag, `"m`) {
					t.Fatalf("gzip %v: ETag %s is not a streamed graph's", gz, etag)
				}
				r2, _ := streamed.get(t, "GET", streamed.base+"graph/model", append(h, "If-None-Match: "+etag)...)
				if etag == "" || r2.StatusCode != http.StatusNotModified {
					t.Errorf("gzip %v: If-None-Match %s: %d", gz, etag, r2.StatusCode)
				}
			}
		})
	}
	resp, body := streamed.get(t, "GET", streamed.base+"graph/model", "Accept: text/html")
	if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("<table")) {
		t.Errorf("HTML page of a large graph: %d", resp.StatusCode)
	}
}

// TestStaleDumpsRemoved checks that a server removes what an earlier one
// left in its dump directory (dumps of old versions, and the temporary file
// of a dump it was killed writing), and nothing else there.
func TestStaleDumpsRemoved(t *testing.T) {
	dir := t.TempDir()
	first := newTestEnv(t, nil, func(c *Config) { c.DumpDir, c.GraphStreamQuads = dir, 5 })
	for _, u := range []string{"dumps/dataset.nq.gz", "dumps/dataset.ttl.gz", "graph/model"} {
		if resp, body := first.get(t, "GET", first.base+u, "Accept: text/turtle"); resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", u, resp.StatusCode, body)
		}
	}
	for _, name := range []string{"dataset.nq.gz.812736455.tmp", "graph-0123456789abcdef01234567.nt.gz.99.tmp", "notes.txt", "dataset.nq.gz.bak"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	names := func() (out []string) {
		es, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			out = append(out, e.Name())
		}
		return out
	}
	before := names()
	if len(before) != 7 {
		t.Fatalf("the first server left %v, want three dumps beside the four files of the test", before)
	}
	newTestEnv(t, nil, func(c *Config) { c.DumpDir = dir })
	if after := names(); !slices.Equal(after, []string{"dataset.nq.gz.bak", "notes.txt"}) {
		t.Errorf("after a restart the dump directory holds %v (before: %v)", after, before)
	}
}
