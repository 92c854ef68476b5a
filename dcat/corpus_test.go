package dcat

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
)

// breakage is one way of breaking a good catalog.
type breakage struct {
	name  string
	apply func(qs []rdf.Quad) []rdf.Quad
}

// Edits of a document, for building breakages.
func dropAll(s, p string) func([]rdf.Quad) []rdf.Quad {
	return func(qs []rdf.Quad) []rdf.Quad {
		return slices.DeleteFunc(slices.Clone(qs), func(q rdf.Quad) bool { return q.S.Value == s && q.P.Value == p })
	}
}

func dropOne(s, p, o string) func([]rdf.Quad) []rdf.Quad {
	return func(qs []rdf.Quad) []rdf.Quad {
		return slices.DeleteFunc(slices.Clone(qs), func(q rdf.Quad) bool { return q.S.Value == s && q.P.Value == p && q.O.Value == o })
	}
}

func addOne(s, p string, o rdf.Term) func([]rdf.Quad) []rdf.Quad {
	return func(qs []rdf.Quad) []rdf.Quad {
		return append(slices.Clone(qs), rdf.Triple(rdf.IRI(s), rdf.IRI(p), o))
	}
}

func setOne(s, p string, o rdf.Term) func([]rdf.Quad) []rdf.Quad {
	return func(qs []rdf.Quad) []rdf.Quad { return addOne(s, p, o)(dropAll(s, p)(qs)) }
}

func untype(s, class string) func([]rdf.Quad) []rdf.Quad { return dropOne(s, rdfType, class) }

// both applies two edits in turn.
func both(a, b func([]rdf.Quad) []rdf.Quad) func([]rdf.Quad) []rdf.Quad {
	return func(qs []rdf.Quad) []rdf.Quad { return b(a(qs)) }
}

// corpus is a good catalog and the breakages of it: every kind of
// constraint in the DCAT-AP-VL shapes (mandatory and at-most-one
// properties, language-tagged text, literals, one value per language,
// values of a class) on the catalog, a dataset, a distribution, the data
// service, the contact point and a publisher, and a few that only
// `maturity validate` knows (its usage notes, the byte size).
func corpus(t *testing.T) ([]rdf.Quad, []breakage) {
	c := build(t, exampleData(t), Config{ContactEmail: "opendata@example.org", Profile: ProfileDCATAP3})
	ds, _ := c.Dataset("evaluatie/99992/2024")
	dist := c.DistributionIRI(ds, formats[0])
	svc, cat, contact := c.ServiceIRI(), c.IRI, c.contactIRI()
	pub := ds.org.iri
	lit, nl, en := rdf.Literal, func(s string) rdf.Term { return rdf.LangLiteral(s, "nl") }, func(s string) rdf.Term { return rdf.LangLiteral(s, "en") }
	iri := rdf.IRI
	return c.Quads(), []breakage{
		{"catalogus zonder titel", dropAll(cat, nsDCT+"title")},
		{"catalogustitel zonder taal", setOne(cat, nsDCT+"title", lit("Catalogus"))},
		{"twee Nederlandse catalogustitels", addOne(cat, nsDCT+"title", nl("Nog een titel"))},
		{"catalogus zonder beschrijving", dropAll(cat, nsDCT+"description")},
		{"catalogus zonder identificator", dropAll(cat, nsDCT+"identifier")},
		{"catalogusidentificator als URI", setOne(cat, nsDCT+"identifier", iri(cat))},
		{"catalogus zonder uitgever", dropAll(cat, nsDCT+"publisher")},
		{"catalogus met twee uitgevers", addOne(cat, nsDCT+"publisher", iri(pub))},
		{"catalogus zonder contactpunt", dropAll(cat, nsDCAT+"contactPoint")},
		{"contactpunt zonder type", untype(contact, vcardKind)},
		{"contactpunt met twee e-mailadressen", both(addOne(contact, nsVCard+"hasEmail", iri("mailto:tweede@example.org")), addOne("mailto:tweede@example.org", rdfType, iri(rdfsResource)))},
		{"catalogus met onbeschreven dataset", addOne(cat, nsDCAT+"dataset", iri(testBase+"id/dataset/onbekend"))},
		{"cataloguslicentie niet beschreven", untype(FlemishCC0, dctLicenseDocument)},
		{"dataset zonder titel", dropAll(ds.IRI, nsDCT+"title")},
		{"twee Engelse datasettitels", addOne(ds.IRI, nsDCT+"title", en("Another title"))},
		{"dataset zonder beschrijving", dropAll(ds.IRI, nsDCT+"description")},
		{"datasetbeschrijving zonder taal", setOne(ds.IRI, nsDCT+"description", lit("Scores per domein"))},
		{"twee Nederlandse datasetbeschrijvingen", addOne(ds.IRI, nsDCT+"description", nl("Nog een beschrijving"))},
		{"dataset met twee identificatoren", addOne(ds.IRI, nsDCT+"identifier", lit("tweede"))},
		{"dataset zonder contactpunt", dropAll(ds.IRI, nsDCAT+"contactPoint")},
		{"dataset zonder toegankelijkheid", dropAll(ds.IRI, nsDCT+"accessRights")},
		{"toegankelijkheid niet beschreven", untype(accessPublic.iri, skosConcept)},
		{"dataset met twee toegankelijkheden", both(addOne(ds.IRI, nsDCT+"accessRights", iri(nsEU+"access-right/RESTRICTED")), addOne(nsEU+"access-right/RESTRICTED", rdfType, iri(skosConcept)))},
		{"wijzigingsdatum als URI", setOne(ds.IRI, nsDCT+"modified", iri(testBase+"gisteren"))},
		{"dataset met twee uitgiftedatums", addOne(ds.IRI, nsDCT+"issued", rdf.TypedLiteral("2020-01-01", xsdDate))},
		{"dataset met twee versies", addOne(ds.IRI, nsDCAT+"version", lit("99"))},
		{"trefwoord zonder taal", addOne(ds.IRI, nsDCAT+"keyword", lit("maturiteit"))},
		{"dataset zonder uitgever", dropAll(ds.IRI, nsDCT+"publisher")},
		{"uitgever zonder type", untype(pub, dctAgent)},
		{"uitgever zonder naam", dropAll(pub, nsFOAF+"name")},
		{"uitgever met twee Nederlandse namen", addOne(pub, nsFOAF+"name", nl("Stad Zuid"))},
		{"uitgeversnaam zonder taal", addOne(pub, nsFOAF+"name", lit("Demostad Zuid"))},
		{"thema niet beschreven", untype(themeGOVE.iri, skosConcept)},
		{"statuut niet beschreven", untype(statuutOpenData.iri, skosConcept)},
		{"dataset met onbeschreven distributie", addOne(ds.IRI, nsDCAT+"distribution", iri(ds.IRI+"#pdf"))},
		{"periode met twee begindatums", addOne(ds.IRI+"#periode", nsDCAT+"startDate", rdf.TypedLiteral("2023-01-01", xsdDate))},
		{"distributie zonder toegangs-URL", dropAll(dist, nsDCAT+"accessURL")},
		{"distributie zonder download-URL", dropAll(dist, nsDCAT+"downloadURL")},
		{"distributie met twee download-URL's", both(addOne(dist, nsDCAT+"downloadURL", iri(testBase+"ander.csv")), addOne(testBase+"ander.csv", rdfType, iri(rdfsResource)))},
		{"download-URL niet beschreven", untype(c.DownloadURL(ds, formats[0]), rdfsResource)},
		{"distributie zonder identificator", dropAll(dist, nsDCT+"identifier")},
		{"distributie met twee formaten", addOne(dist, nsDCT+"format", iri(nsEU+"file-type/JSON_LD"))},
		{"formaat niet beschreven", untype(nsEU+"file-type/CSV", skosConcept)},
		{"distributie met twee licenties", both(addOne(dist, nsDCT+"license", iri(FlemishCC0)), addOne(FlemishCC0, rdfType, iri(dctLicenseDocument)))},
		{"licentie niet beschreven", untype(CC0IRI, dctLicenseDocument)},
		{"twee Nederlandse distributietitels", addOne(dist, nsDCT+"title", nl("Nog een titel"))},
		{"distributiebeschrijving zonder taal", addOne(dist, nsDCT+"description", lit("Een tabel"))},
		{"bestandsgrootte in woorden", setOne(dist, nsDCAT+"byteSize", lit("12 kB"))},
		{"dienst zonder endpoint-URL", dropAll(svc, nsDCAT+"endpointURL")},
		{"dienst zonder endpointbeschrijving", dropAll(svc, nsDCAT+"endpointDescription")},
		{"dienst zonder titel", dropAll(svc, nsDCT+"title")},
		{"dienst zonder toegankelijkheid", dropAll(svc, nsDCT+"accessRights")},
		{"dienst zonder contactpunt", dropAll(svc, nsDCAT+"contactPoint")},
		{"dienst zonder uitgever", dropAll(svc, nsDCT+"publisher")},
		{"dienst met twee licenties", both(addOne(svc, nsDCT+"license", iri(FlemishCC0)), addOne(FlemishCC0, rdfType, iri(dctLicenseDocument)))},
		{"twee Engelse dienstbeschrijvingen", addOne(svc, nsDCT+"description", en("Another description"))},
		{"dienst met trefwoord zonder taal", addOne(svc, nsDCAT+"keyword", lit("sparql"))},
		{"endpoint-URL niet beschreven", untype(c.EndpointURL(), rdfsResource)},
		{"dataset niet publiek", both(setOne(ds.IRI, nsDCT+"accessRights", iri(nsEU+"access-right/NON_PUBLIC")), addOne(nsEU+"access-right/NON_PUBLIC", rdfType, iri(skosConcept)))},
		{"geen catalogus", untype(cat, dcatCatalog)},
	}
}

// key is what a SHACL finding and a validate message have in common: the
// resource at fault and the property.
func findingKey(focus, path string) string {
	return strings.Trim(focus, "<>") + " " + strings.Trim(path, "<>")
}

// jargon is SHACL's vocabulary, which a city employee should not have to
// read in a message.
var jargon = []string{"sh:", "shacl", "Constraint", "minCount", "maxCount", "nodeKind", "langString", "uniqueLang", "focus"}

// TestValidateAgreesWithShapes runs `maturity validate` (dcat.Validate)
// and the official DCAT-AP-VL 3 shapes, with both SHACL validators, over a
// good catalog and over each breakage of it. The good catalog passes all
// three. On every broken one, the two validators find the same violations;
// every violation they find is also reported by Validate, as an error on
// the same resource and property, in Dutch by default and in English with
// lang "en", in words without SHACL's jargon; and Validate notices every
// breakage, the shapes' or not.
func TestValidateAgreesWithShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("validates 61 catalogs three ways; the full run does")
	}
	good, breaks := corpus(t)
	if len(breaks) < 30 {
		t.Fatalf("only %d kinds of breakage", len(breaks))
	}
	docs := [][]rdf.Quad{good}
	for _, b := range breaks {
		broken := b.apply(good)
		if len(broken) == len(good) && rdf.Isomorphic(broken, good) {
			t.Fatalf("%s: breaks nothing", b.name)
		}
		docs = append(docs, broken)
	}
	dir := t.TempDir()
	shapes := shapeFiles(t, dir, shapeSets[2])
	if shapeSets[2].name != "DCAT-AP-VL 3" {
		t.Fatalf("shape set %s", shapeSets[2].name)
	}
	found := map[string][][]shaclResult{}
	for _, engine := range engines {
		found[engine] = shaclBatch(t, dir, engine, docs, shapes)
	}
	shapesFound, shaclTotal, agreed := 0, 0, 0
	for i, qs := range docs {
		name := "goede catalogus"
		if i > 0 {
			name = breaks[i-1].name
		}
		first, second := found[engines[0]][i], found[engines[1]][i]
		if d := diffFindings(findings(first), findings(second)); d != "" {
			t.Errorf("%s: the SHACL validators disagree (%s, %s):\n%s", name, engines[0], engines[1], d)
		} else {
			agreed++
		}
		nl, en := Validate(qs, "nl"), Validate(qs, "en")
		if len(nl) != len(en) {
			t.Errorf("%s: %d messages in Dutch, %d in English", name, len(nl), len(en))
			continue
		}
		if i == 0 {
			if len(first)+len(second)+len(nl) != 0 {
				t.Errorf("the good catalog: %d and %d SHACL results, %d messages", len(first), len(second), len(nl))
			}
			continue
		}
		if len(nl) == 0 {
			t.Errorf("%s: validate reports nothing", name)
		}
		reported := map[string][]int{}
		for j, m := range nl {
			if m.Severity == Error {
				k := findingKey(m.Subject, m.Property)
				reported[k] = append(reported[k], j)
			}
		}
		if len(first) > 0 {
			shapesFound++
		}
		var lines []string
		for _, r := range first {
			shaclTotal++
			js, ok := reported[findingKey(r.Focus, r.Path)]
			if !ok {
				t.Errorf("%s: the shapes find %s on %s %s (%s), validate does not report it:\n%s", name, r.Severity, r.Focus, r.Path, strings.Join(r.Message, " | "), messages(nl))
				continue
			}
			for _, j := range js {
				checkWords(t, name, nl[j], en[j])
				lines = append(lines, fmt.Sprintf("%s\n      %s", strings.TrimPrefix(r.Component, nsSH), nl[j].Text))
			}
		}
		sort.Strings(lines)
		lines = slices.Compact(lines)
		if n := len(lines); n > 3 {
			lines = append(lines[:3], fmt.Sprintf("… and %d more", n-3))
		}
		if len(first) == 0 {
			lines = []string{"(no SHACL violation) " + nl[0].Text}
		}
		t.Logf("%s: %d SHACL violation(s), %d message(s)\n    %s", name, len(first), len(nl), strings.Join(lines, "\n    "))
	}
	testtool.Figure(t, "maturity validate vs DCAT-AP-VL 3 shapes: %d kinds of breakage; %s and %s agree on %d of %d documents; the shapes find %d violations in %d breakages, validate reports every one of them and notices all %d breakages",
		len(breaks), engines[0], engines[1], agreed, len(docs), shaclTotal, shapesFound, len(breaks))
}

// checkWords holds a message to plain words in both languages.
func checkWords(t *testing.T, name string, nl, en Message) {
	t.Helper()
	if nl.Text == en.Text || !strings.HasPrefix(nl.Text, "FOUT: ") || !strings.HasPrefix(en.Text, "ERROR: ") {
		t.Errorf("%s: not one message in Dutch and one in English:\n%s\n%s", name, nl.Text, en.Text)
	}
	for _, w := range jargon {
		if strings.Contains(nl.Text, w) || strings.Contains(en.Text, w) {
			t.Errorf("%s: jargon %q in %q / %q", name, w, nl.Text, en.Text)
		}
	}
}

func messages(ms []Message) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "    %s %s [%s] %s\n", m.Subject, m.Property, m.Rule, m.Text)
	}
	return b.String()
}
