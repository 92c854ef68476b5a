package sparqlhttp

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/rdf"
)

// longLabels is n subjects with a label of about a kilobyte each: an
// answer larger than what the sockets between server and client buffer.
func longLabels(n int) []rdf.Quad {
	long := strings.Repeat("x", 1000)
	var out []rdf.Quad
	for i := range n {
		out = append(out, rdf.Quad{S: ex("s" + itoa(i)), P: ex("label"), O: rdf.Literal(long + itoa(i))})
	}
	return out
}

// slowRequest sends q and returns the response without reading its body.
func slowRequest(t *testing.T, env *sparqlEnv, q string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, env.endpoint+"?query="+url.QueryEscape(q), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/csv")
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := env.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// write replaces a graph of env's source as a commit would and reports
// how long it waited for the open views.
func write(t *testing.T, env *sparqlEnv, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	done := make(chan struct{})
	go func() {
		env.src.ReplaceGraph(ex("g"), []rdf.Quad{{S: ex("nieuw"), P: ex("label"), O: rdf.Literal("nieuw"), G: ex("g")}}, time.Now())
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(limit):
		t.Fatalf("the write still waits after %v: %d read views open", limit, env.src.Open())
	}
	return time.Since(start)
}

const labelsQuery = `SELECT ?s ?l WHERE { ?s <http://example.org/label> ?l }`

// Issue 11, finding 3: the /sparql stream held its read view while writing
// to the client, so a client that stops reading held it indefinitely, and
// with it every commit that must grow the memory map and every read
// behind that commit. The answer now goes through a relay: the view and
// the query's turn are given back when the evaluation ends, and the
// client still gets the whole answer, from the snapshot it asked.
func TestSlowClientReleasesView(t *testing.T) {
	const n = 30000 // about 31 MB of CSV
	env := newSPARQLEnv(t, longLabels(n), func(c *Config) { c.MaxQueries = 1 }, nil)
	env.src.WaitForViews = true
	resp := slowRequest(t, env, labelsQuery)
	waited := write(t, env, 20*time.Second)
	t.Logf("the write waited %v for the evaluation", waited)
	// The turn is free too: another query runs while the first client
	// still reads nothing.
	r2, body := env.query(t, `SELECT ?l WHERE { <http://example.org/nieuw> <http://example.org/label> ?l }`, "Accept: text/csv")
	if r2.StatusCode != http.StatusOK || !strings.Contains(string(body), "nieuw") {
		t.Fatalf("second query: %d\n%s", r2.StatusCode, body)
	}
	all, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("the slow client's answer: %v after %d bytes", err, len(all))
	}
	if rows := bytes.Count(all, []byte("\n")) - 1; rows != n {
		t.Fatalf("the slow client got %d rows, want %d", rows, n)
	}
	if bytes.Contains(all, []byte("nieuw")) {
		t.Fatal("the answer mixes in data written after its snapshot")
	}
	if open := env.src.Open(); open != 0 {
		t.Fatalf("%d views open", open)
	}
}

// When the answers waiting for slow clients fill the spool, the
// evaluation waits for its client after all, but only until the query's
// timeout: then the view is closed and the client's stream is cut.
func TestSlowClientFullSpool(t *testing.T) {
	env := newSPARQLEnv(t, longLabels(30000), func(c *Config) {
		c.MaxSpool = 1 << 20
		c.Timeout = 2 * time.Second
	}, nil)
	env.src.WaitForViews = true
	resp := slowRequest(t, env, labelsQuery)
	waited := write(t, env, 20*time.Second)
	if waited < time.Second {
		t.Errorf("the write waited %v: was the spool bounded?", waited)
	}
	all, err := io.ReadAll(resp.Body)
	if err == nil && !bytes.Contains(all, []byte("timeout")) && !bytes.Contains(all, []byte("time")) {
		t.Fatalf("a cut answer read as whole: %d bytes", len(all))
	}
}
