package sparqlhttp

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

func TestServiceDescription(t *testing.T) {
	for _, c := range []struct {
		name        string
		tweak       func(*Config)
		defTriples  string
		union, fedQ bool
	}{
		{"union", nil, "3", true, false},
		{"own", func(c *Config) { c.DefaultGraphOwn = true }, "1", false, false},
		{"federated", func(c *Config) { c.ServiceAllow = []string{"https://query.wikidata.org/sparql"} }, "3", true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			env := newSPARQLEnv(t, endpointData(), c.tweak, nil)
			resp, body := env.get(t, http.MethodGet, env.endpoint)
			if resp.StatusCode != 200 || rdfio.FormatForMediaType(mediaTypeOf(resp)) != rdfio.Turtle {
				t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			g := graph{}
			err := rdfio.Parse(bytes.NewReader(body), rdfio.Turtle, rdfio.ParseOptions{Base: env.base}, func(q rdf.Quad) error {
				if g[q.S] == nil {
					g[q.S] = map[string][]rdf.Term{}
				}
				g[q.S][q.P.Value] = append(g[q.S][q.P.Value], q.O)
				return nil
			})
			if err != nil {
				t.Fatalf("parse: %v\n%s", err, body)
			}
			svc := rdf.IRI(env.endpoint)
			if g.one(svc, nsSD+"endpoint") != svc {
				t.Fatalf("no sd:endpoint:\n%s", body)
			}
			features := map[string]bool{}
			for _, f := range g[svc][nsSD+"feature"] {
				features[f.Value] = true
			}
			if features[nsSD+"UnionDefaultGraph"] != c.union || features[nsSD+"BasicFederatedQuery"] != c.fedQ {
				t.Errorf("features %v", features)
			}
			if n := len(g[svc][nsSD+"resultFormat"]); n != 9 {
				t.Errorf("%d result formats, want 9", n)
			}
			ds := g.one(svc, nsSD+"defaultDataset")
			if got := g.one(ds, nsVOID+"triples").Value; got != "3" {
				t.Errorf("dataset void:triples %s, want 3", got)
			}
			if got := g.one(g.one(ds, nsSD+"defaultGraph"), nsVOID+"triples").Value; got != c.defTriples {
				t.Errorf("default graph void:triples %s, want %s", got, c.defTriples)
			}
			names := map[string]string{}
			for _, ng := range g[ds][nsSD+"namedGraph"] {
				names[g.one(ng, nsSD+"name").Value] = g.one(g.one(ng, nsSD+"graph"), nsVOID+"triples").Value
			}
			if len(names) != 2 || names["http://example.org/g1"] != "1" || names["http://example.org/g2"] != "1" {
				t.Errorf("named graphs %v", names)
			}
		})
	}
	env := newSPARQLEnv(t, endpointData(), nil, nil)
	resp, _ := env.get(t, http.MethodGet, env.endpoint, "Accept: application/ld+json")
	if rdfio.FormatForMediaType(mediaTypeOf(resp)) != rdfio.JSONLD {
		t.Errorf("JSON-LD asked, got %s", resp.Header.Get("Content-Type"))
	}
}

func mediaTypeOf(resp *http.Response) string {
	ct := resp.Header.Get("Content-Type")
	if i := bytes.IndexByte([]byte(ct), ';'); i >= 0 {
		ct = ct[:i]
	}
	return ct
}
