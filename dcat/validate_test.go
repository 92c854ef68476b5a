package dcat

import (
	"context"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// TestValidateOwnCatalog: our own catalog and each of its Hydra pages pass,
// with and without a contact e-mail address, for the examples and 500
// assessments.
func TestValidateOwnCatalog(t *testing.T) {
	d := exampleData(t)
	if !testing.Short() {
		d = with500(t)
	}
	v, sizes := d.view(), NewSizeCache()
	for _, cfg := range []Config{{Base: testBase}, {Base: testBase, ContactEmail: "opendata@example.org", Licence: "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0"}} {
		c, err := Build(context.Background(), v, cfg, sizes)
		if err != nil {
			t.Fatal(err)
		}
		if ms := Validate(c.Quads(), "nl"); len(ms) != 0 {
			t.Errorf("%d messages for our own catalog, first: %s", len(ms), ms[0])
		}
		for p := 1; p <= c.PageCount(); p++ {
			qs, _ := c.PageQuads(p, testBase+"catalog", func(k int) string { return testBase + "catalog?page=" + string(rune('0'+k)) })
			if ms := Validate(qs, "nl"); len(ms) != 0 {
				t.Errorf("page %d: %d messages, first: %s", p, len(ms), ms[0])
			}
		}
	}
}

// TestValidateFindsProblems breaks our catalog in one way at a time; each
// break gives exactly the expected rule, with a message that names the
// dataset by its title.
func TestValidateFindsProblems(t *testing.T) {
	c := build(t, exampleData(t), Config{})
	ds, _ := c.Dataset("evaluatie/99992/2024")
	dist := c.DistributionIRI(ds, formats[4])
	base := c.Quads()
	without := func(s, p string) func([]rdf.Quad) []rdf.Quad {
		return func(qs []rdf.Quad) []rdf.Quad {
			var out []rdf.Quad
			for _, q := range qs {
				if !(q.S.Value == s && q.P.Value == p) {
					out = append(out, q)
				}
			}
			return out
		}
	}
	replace := func(s, p string, o rdf.Term) func([]rdf.Quad) []rdf.Quad {
		return func(qs []rdf.Quad) []rdf.Quad {
			return append(without(s, p)(qs), rdf.Quad{S: rdf.IRI(s), P: rdf.IRI(p), O: o})
		}
	}
	add := func(s, p string, o rdf.Term) func([]rdf.Quad) []rdf.Quad {
		return func(qs []rdf.Quad) []rdf.Quad {
			return append(append([]rdf.Quad(nil), qs...), rdf.Quad{S: rdf.IRI(s), P: rdf.IRI(p), O: o})
		}
	}
	tests := []struct {
		name   string
		break_ func([]rdf.Quad) []rdf.Quad
		rule   string
		sev    Severity
		nl, en string // fragments of the message
	}{
		{"no title", without(ds.IRI, nsDCT+"title"), "dataset.title", Error, "heeft geen titel (dct:title)", "has no title (dct:title)"},
		{"title without language", replace(ds.IRI, nsDCT+"title", rdf.Literal("Maturiteit")), "dataset.title", Error, "moet tekst met een taallabel", "must be text with a language tag"},
		{"two identifiers", add(ds.IRI, nsDCT+"identifier", rdf.Literal("x")), "dataset.identifier", Error, "heeft 2 keer identificator", "has 2 values for identifier"},
		{"no contact point", without(ds.IRI, nsDCAT+"contactPoint"), "dataset.contactPoint", Error, "heeft geen contactpunt", "has no contact point"},
		{"no access rights", without(ds.IRI, nsDCT+"accessRights"), "dataset.accessRights", Error, "heeft geen toegankelijkheid", "has no access rights"},
		{"restricted", func(qs []rdf.Quad) []rdf.Quad {
			restricted := nsEU + "access-right/RESTRICTED"
			return add(restricted, rdfType, rdf.IRI(skosConcept))(replace(ds.IRI, nsDCT+"accessRights", rdf.IRI(restricted))(qs))
		}, "dataset.accessRights.public", Warning, "is niet publiek", "is not public"},
		{"no statuut", without(ds.IRI, mdcatStatuut), "dataset.statuut", Warning, "heeft geen statuut", "has no status"},
		{"bad date", replace(ds.IRI, nsDCT+"modified", rdf.Literal("gisteren")), "dataset.modified", Error, "moet een datum of tijdstip", "must be a date or date-time"},
		{"no download URL", without(dist, nsDCAT+"downloadURL"), "distribution.downloadURL", Error, "heeft geen download-URL", "has no download URL"},
		{"size in words", replace(dist, nsDCAT+"byteSize", rdf.Literal("12 kB")), "distribution.byteSize", Error, "moet een geheel getal", "must be a whole number"},
		{"undescribed dataset", add(c.IRI, nsDCAT+"dataset", rdf.IRI(testBase+"id/dataset/onbekend")), "reference.dataset", Error, "wordt nergens beschreven", "is not described anywhere"},
		{"catalog licence", replace(c.IRI, nsDCT+"license", rdf.IRI(CC0IRI)), "catalog.license.cc0", Warning, "vraagt voor de metadata de CC0-verklaring", "asks for the CC0 declaration"},
		{"publisher without name", without(ds.org.iri, nsFOAF+"name"), "agent.name", Error, "heeft geen naam (foaf:name)", "has no name (foaf:name)"},
		{"no catalog", without(c.IRI, rdfType), "document.catalog", Error, "bevat geen catalogus", "holds no catalog"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := tc.break_(base)
			for li, lang := range []string{"nl", "en"} {
				ms := Validate(qs, lang)
				var found *Message
				for i := range ms {
					if ms[i].Rule == tc.rule {
						found = &ms[i]
					} else if tc.rule != "document.catalog" {
						t.Errorf("unexpected %s: %s", ms[i].Rule, ms[i])
					}
				}
				if found == nil {
					t.Fatalf("no %s among %v", tc.rule, ms)
				}
				want := []string{tc.nl, tc.en}[li]
				if found.Severity != tc.sev || !strings.Contains(found.Text, want) {
					t.Errorf("%s: %q; want severity %d and %q", lang, found.Text, tc.sev, want)
				}
				if strings.HasPrefix(tc.rule, "dataset.") && !strings.Contains(found.Text, ds.Title[lang]) && tc.rule != "dataset.title" {
					t.Errorf("%s: the message does not name the dataset by its title %q: %s", lang, ds.Title[lang], found.Text)
				}
			}
		})
	}
}

const CC0IRI = "http://creativecommons.org/publicdomain/zero/1.0/"
