package dcat

import (
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// TestValidateDCATAP3 checks our own catalog against the DCAT-AP 3.0.1
// rules, then breaks it one way at a time: each break gives exactly the
// expected rule, and what DCAT-AP-VL demands beyond DCAT-AP does not.
func TestValidateDCATAP3(t *testing.T) {
	c := build(t, exampleData(t), Config{})
	ds, _ := c.Dataset("evaluatie/99992/2024")
	dist := c.DistributionIRI(ds, formats[4])
	base := c.Quads()
	if ms := ValidateDCATAP3(base, "nl"); len(ms) != 0 {
		t.Fatalf("%d messages for our own catalog, first: %s", len(ms), ms[0])
	}
	edit := func(s, p string, o rdf.Term, keep bool) []rdf.Quad {
		var out []rdf.Quad
		for _, q := range base {
			if !(q.S.Value == s && q.P.Value == p) || keep {
				out = append(out, q)
			}
		}
		if !o.IsZero() {
			out = append(out, rdf.Quad{S: rdf.IRI(s), P: rdf.IRI(p), O: o})
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		quads []rdf.Quad
		rule  string // "" : no message
	}{
		{"no description", edit(ds.IRI, nsDCT+"description", rdf.Term{}, false), "dcatap.dataset.description"},
		{"no access URL", edit(dist, nsDCAT+"accessURL", rdf.Term{}, false), "dcatap.distribution.accessURL"},
		{"two issue dates", edit(ds.IRI, nsDCT+"issued", rdf.TypedLiteral("2020-01-01", xsdDate), true), "dcatap.dataset.issued"},
		{"size as text", edit(dist, nsDCAT+"byteSize", rdf.Literal("12 kB"), false), "dcatap.distribution.byteSize"},
		{"keyword as IRI", edit(ds.IRI, nsDCAT+"keyword", rdf.IRI("http://x/kw"), true), "dcatap.dataset.keyword"},
		{"theme as text", edit(ds.IRI, nsDCAT+"theme", rdf.Literal("Overheid"), true), "dcatap.dataset.theme"},
		{"format as text", edit(dist, nsDCT+"format", rdf.Literal("CSV"), false), "dcatap.distribution.format"},
		{"spatial as text", edit(ds.IRI, nsDCT+"spatial", rdf.Literal("Leuven"), true), "dcatap.dataset.spatial"},
		{"undescribed distribution", edit(ds.IRI, nsDCAT+"distribution", rdf.IRI("http://x/dist"), true), "reference.distribution"},
		{"title without language is fine", edit(ds.IRI, nsDCT+"title", rdf.Literal("Maturiteit"), false), ""},
		{"no identifier is fine", edit(ds.IRI, nsDCT+"identifier", rdf.Term{}, false), ""},
		{"no download URL is fine", edit(dist, nsDCAT+"downloadURL", rdf.Term{}, false), ""},
		{"no contact point is fine", edit(ds.IRI, nsDCAT+"contactPoint", rdf.Term{}, false), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms := ValidateDCATAP3(tc.quads, "en")
			if tc.rule == "" {
				if len(ms) != 0 {
					t.Fatalf("unexpected: %v", ms)
				}
				return
			}
			if len(ms) != 1 || ms[0].Rule != tc.rule || ms[0].Severity != Error {
				t.Fatalf("got %v, want one %s", ms, tc.rule)
			}
		})
	}
}
