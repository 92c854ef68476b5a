package sparqlhttp

import (
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// BenchmarkEndpoint measures a whole protocol round trip over loopback
// HTTP: parse, plan, evaluate and serialise 100 rows. The engine's own
// cost is benchmarked in sparql/eval; the difference is the endpoint's.
func BenchmarkEndpoint(b *testing.B) {
	env := newSPARQLEnv(b, grid(1000, rdf.Term{}), nil, nil)
	q := url.QueryEscape(`SELECT ?s ?v WHERE { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?v } LIMIT 100`)
	c := env.client()
	for _, accept := range []string{"application/sparql-results+json", "text/csv"} {
		b.Run(accept, func(b *testing.B) {
			for b.Loop() {
				req, _ := http.NewRequest(http.MethodGet, env.endpoint+"?query="+q, nil)
				req.Header.Set("Accept", accept)
				resp, err := c.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Fatal(resp.Status)
				}
			}
		})
	}
}
