package sparqlhttp

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// TestTableCacheBetweenQueries: the endpoint keeps the hash tables of a
// query for the next ones over the same data (Config.TableCacheBytes), the
// answers staying the same, and keeps none when told so.
func TestTableCacheBetweenQueries(t *testing.T) {
	const ex = "http://example.org/"
	var quads []rdf.Quad
	for i := range 3000 {
		p := rdf.IRI(fmt.Sprintf("%sp/%d", ex, i))
		quads = append(quads, rdf.Triple(p, rdf.IRI(ex+"name"), rdf.Literal(fmt.Sprint("n", i))))
		if i%3 != 0 {
			quads = append(quads, rdf.Triple(p, rdf.IRI(ex+"age"), rdf.TypedLiteral(fmt.Sprint(i%70), rdf.XSDInteger)))
		}
	}
	q := `SELECT (COUNT(*) AS ?n) WHERE { ?p <` + ex + `name> ?name . ?p <` + ex + `age> ?a }`
	tests := []struct {
		name   string
		bytes  int64
		cached bool
	}{
		{"default size", 0, true},
		{"given size", 16 << 20, true},
		{"none", -1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := newSPARQLEnv(t, quads, func(c *Config) { c.TableCacheBytes = tc.bytes }, nil)
			var first []byte
			for i := range 3 {
				resp, body := env.query(t, q, "Accept: text/csv")
				if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("2000")) {
					t.Fatalf("run %d: %d %q", i, resp.StatusCode, body)
				}
				if i == 0 {
					first = body
				} else if !bytes.Equal(body, first) {
					t.Fatalf("run %d answered %q, the first %q", i, body, first)
				}
			}
			if !tc.cached {
				if env.ep.tables != nil {
					t.Fatal("a table cache although none was asked for")
				}
				return
			}
			if hits, _, size := env.ep.tables.Stats(); hits == 0 || size == 0 {
				t.Errorf("table cache: %d hits, %d bytes after three runs of one query", hits, size)
			}
		})
	}
}
