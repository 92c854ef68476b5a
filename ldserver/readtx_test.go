package ldserver

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/rdf"
)

// viewCheck is a ResponseWriter that records how many read views were
// open when the response was first written to.
type viewCheck struct {
	*httptest.ResponseRecorder
	src        *readview.Memory
	written    bool
	openAtSend int
}

func (c *viewCheck) note() {
	if !c.written {
		c.written = true
		c.openAtSend = c.src.Open()
	}
}

func (c *viewCheck) WriteHeader(code int) { c.note(); c.ResponseRecorder.WriteHeader(code) }

func (c *viewCheck) Write(b []byte) (int, error) { c.note(); return c.ResponseRecorder.Write(b) }

// Issue 11, finding 3: a document is read and rendered with the read view
// open, and the view is closed before the first byte goes to the client,
// so a slow client holds no read transaction (a commit that must grow the
// store's memory map waits for every one). Every kind of document, every
// status, cached or not, as HTML and as RDF.
func TestViewClosedBeforeWriting(t *testing.T) {
	env := newTestEnv(t, nil, nil)
	paths := []string{
		"/", "/?format=ttl", "/doc/organisatie/24062", "/doc/evaluatie/99993/2024", "/ns", "/model/domein/kennis",
		"/catalog", "/catalog?page=1", "/catalog.rdf", "/doc/catalogus", "/doc/dataset/evaluatie/99992/2025",
		"/download/evaluatie/99992/2025.csv", "/download/evaluatie/99992/2025.ttl", "/download/bestaat/niet.csv",
		"/graph/model", "/graph/verwijderd", "/graph/bestaat-niet", "/.well-known/void",
		"/dumps/dataset.nq.gz", "/ns/context.jsonld", "/doc/bestaat/niet", "/id/domein/kennis",
		"/doc/domein/verwijderd",
	}
	for round := 0; round < 2; round++ { // the second round is served from the cache
		for _, p := range paths {
			for _, accept := range []string{"text/html", "text/turtle", "application/rdf+xml"} {
				rec := &viewCheck{ResponseRecorder: httptest.NewRecorder(), src: env.src}
				req := httptest.NewRequest(http.MethodGet, p, nil)
				req.Header.Set("Accept", accept)
				env.ld.Handler().ServeHTTP(rec, req)
				if !rec.written {
					t.Errorf("%s (%s): nothing written", p, accept)
				}
				if rec.openAtSend != 0 {
					t.Errorf("round %d, %s (%s): %d read views open when the %d answer was written", round, p, accept, rec.openAtSend, rec.Code)
				}
				if n := env.src.Open(); n != 0 {
					t.Errorf("%s (%s): %d read views left open", p, accept, n)
				}
			}
		}
	}
}

// With writes that wait for open views (as a commit that grows the
// store's memory map does), a client that reads a page slowly does not
// hold up a write, and the pages after it see the new data.
func TestSlowClientDoesNotHoldWrites(t *testing.T) {
	// A document of about 24 MB, more than the sockets buffer, which the
	// client does not read for a while.
	big := func(base string) []rdf.Quad {
		var qs []rdf.Quad
		long := strings.Repeat("x", 1000)
		for i := 0; i < 24000; i++ {
			qs = append(qs, rdf.Quad{S: rdf.IRI(base + "id/groot/1"), P: rdf.IRI(fmt.Sprintf("%sid/eigenschap/%d", base, i)), O: rdf.Literal(long), G: rdf.IRI(base + "graph/groot")})
		}
		return qs
	}
	env := newTestEnv(t, big, nil)
	env.src.WaitForViews = true
	req, err := http.NewRequest(http.MethodGet, env.base+"doc/groot/1", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/n-triples")
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := env.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	done := make(chan struct{})
	go func() {
		env.src.ReplaceGraph(rdf.IRI(env.base+"graph/traag"), []rdf.Quad{{S: rdf.IRI(env.base + "id/traag/1"), P: rdf.IRI(rdf.RDFType), O: rdf.IRI(skosConcept), G: rdf.IRI(env.base + "graph/traag")}}, time.Now())
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("the write waits for a client that reads slowly (%d views open)", env.src.Open())
	}
	_, body := env.get(t, http.MethodGet, env.base+"doc/traag/1", "Accept: text/turtle")
	if !strings.Contains(string(body), "traag/1") {
		t.Errorf("the page after the write does not show it:\n%s", body)
	}
}
