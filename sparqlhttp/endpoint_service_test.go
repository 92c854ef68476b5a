package sparqlhttp

import (
	"net/http"
	"strings"
	"testing"
)

// TestEndpointService federates with a second instance of our own endpoint:
// SERVICE works only towards allow-listed endpoints.
func TestEndpointService(t *testing.T) {
	remote := newSPARQLEnv(t, endpointData(), nil, nil)
	open := newSPARQLEnv(t, grid(3, ex("lokaal")), func(c *Config) { c.ServiceAllow = []string{remote.endpoint} }, nil)
	closed := newSPARQLEnv(t, grid(3, ex("lokaal")), nil, nil)
	q := func(endpoint string, silent bool) string {
		s := "SERVICE"
		if silent {
			s += " SILENT"
		}
		return `SELECT ?v ?o WHERE { <http://example.org/s1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?v .
		  ` + s + ` <` + endpoint + `> { <http://example.org/c> <http://example.org/p> ?o } }`
	}
	cases := []struct {
		name       string
		env        *sparqlEnv
		query      string
		wantStatus int
		wantRows   int
	}{
		{"allowed endpoint answers", open, q(remote.endpoint, false), 200, 1},
		{"endpoint not on the list", open, q(closed.endpoint, false), http.StatusForbidden, 0},
		{"no allow-list refuses all", closed, q(remote.endpoint, false), http.StatusForbidden, 0},
		{"SILENT turns the refusal into one empty solution", closed, q(remote.endpoint, true), 200, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := c.env.query(t, c.query, "Accept-Language: en")
			if resp.StatusCode != c.wantStatus {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, c.wantStatus, body)
			}
			if c.wantStatus != 200 {
				if !strings.Contains(string(body), "not allowed") {
					t.Errorf("message: %s", body)
				}
				return
			}
			tab := readTable(t, resp, body)
			if len(tab.Rows) != c.wantRows {
				t.Fatalf("%d rows, want %d: %s", len(tab.Rows), c.wantRows, body)
			}
			o := tab.Rows[0][indexOf(tab.Vars, "o")]
			if c.name == "allowed endpoint answers" && o.Value != "42" {
				t.Errorf("?o = %v, want 42 from the remote", o)
			}
			if strings.Contains(c.name, "SILENT") && !o.IsZero() {
				t.Errorf("?o = %v, want unbound", o)
			}
		})
	}
}
