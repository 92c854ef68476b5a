package dcat

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Severity says whether a portal rejects the metadata (Error) or accepts it
// with less value for its users (Warning).
type Severity int

const (
	Error Severity = iota
	Warning
)

// Message is one finding of Validate, written for the city employee who
// maintains the metadata rather than for an RDF specialist.
type Message struct {
	Severity Severity
	Subject  string // the resource concerned: an IRI or _:label
	Property string // the property concerned (full IRI), "" for the document
	Rule     string // stable identifier, e.g. "dataset.title"
	Text     string // the explanation, in the language asked for
}

// String formats m as one line: severity, resource and explanation.
func (m Message) String() string { return m.Text }

// kinds of value a rule expects.
type valueKind int

const (
	anyValue  valueKind = iota
	langText            // a literal with a language tag
	literal             // any literal
	iriValue            // an IRI
	dateValue           // xsd:date, xsd:dateTime, xsd:gYear or xsd:gYearMonth
	intValue            // a non-negative whole number
	resource            // an IRI or a blank node
)

// rule is one constraint of DCAT-AP-VL 3 (mandatory properties are
// Errors, as in its SHACL shapes) or one of its usage notes (Warnings).
// sev is the severity of a missing value; more than max values is always
// an Error, as the shapes' sh:maxCount makes it.
type rule struct {
	id       string
	class    string
	prop     string
	min, max int // max 0: no maximum
	kind     valueKind
	sev      Severity
	what     [2]string // the property in words: nl, en
	hint     [2]string // how to fix it: nl, en
}

var rules = []rule{
	{"catalog.title", dcatCatalog, nsDCT + "title", 1, 0, langText, Error, [2]string{"titel", "title"}, [2]string{"Geef een korte titel met taallabel, bv. \"…\"@nl.", "Give a short title with a language tag, e.g. \"…\"@nl."}},
	{"catalog.description", dcatCatalog, nsDCT + "description", 1, 0, langText, Error, [2]string{"beschrijving", "description"}, [2]string{"Beschrijf in een paar zinnen wat de catalogus bevat.", "Describe in a few sentences what the catalog holds."}},
	{"catalog.identifier", dcatCatalog, nsDCT + "identifier", 1, 1, literal, Error, [2]string{"identificator", "identifier"}, [2]string{"Geef precies één identificator als tekst, bv. de URI van de catalogus.", "Give exactly one identifier as text, e.g. the catalog's URI."}},
	{"catalog.publisher", dcatCatalog, nsDCT + "publisher", 1, 1, iriValue, Error, [2]string{"uitgever", "publisher"}, [2]string{"Vermeld precies één organisatie die de catalogus uitgeeft.", "Name exactly one organisation that publishes the catalog."}},
	{"catalog.contactPoint", dcatCatalog, nsDCAT + "contactPoint", 1, 1, anyValue, Error, [2]string{"contactpunt", "contact point"}, [2]string{"Vermeld precies één contactpunt (vCard) waar gebruikers terechtkunnen.", "Give exactly one contact point (vCard) users can turn to."}},
	{"catalog.license", dcatCatalog, nsDCT + "license", 1, 1, iriValue, Warning, [2]string{"licentie", "licence"}, [2]string{"DCAT-AP-VL vraagt de CC0-verklaring voor de metadata: " + FlemishCC0 + ".", "DCAT-AP-VL asks for the CC0 declaration on the metadata: " + FlemishCC0 + "."}},
	{"catalog.dataset", dcatCatalog, nsDCAT + "dataset", 1, 0, iriValue, Warning, [2]string{"datasets", "datasets"}, [2]string{"Een portaal oogst de datasets van een catalogus; zonder datasets valt er niets te vinden.", "A portal harvests a catalog's datasets; without datasets there is nothing to find."}},
	{"catalog.modified", dcatCatalog, nsDCT + "modified", 0, 1, dateValue, Error, [2]string{"wijzigingsdatum", "modification date"}, [2]string{"Gebruik een datum (xsd:date) of tijdstip (xsd:dateTime).", "Use a date (xsd:date) or a date-time (xsd:dateTime)."}},

	{"dataset.title", dcatDataset, nsDCT + "title", 1, 0, langText, Error, [2]string{"titel", "title"}, [2]string{"Geef een korte titel met taallabel, bv. \"…\"@nl.", "Give a short title with a language tag, e.g. \"…\"@nl."}},
	{"dataset.description", dcatDataset, nsDCT + "description", 1, 0, langText, Error, [2]string{"beschrijving", "description"}, [2]string{"Beschrijf in een paar zinnen wat de gegevens zijn en waarvoor ze dienen.", "Describe in a few sentences what the data are and what they are for."}},
	{"dataset.identifier", dcatDataset, nsDCT + "identifier", 1, 1, literal, Error, [2]string{"identificator", "identifier"}, [2]string{"Geef precies één identificator als tekst, bv. de URI van de dataset.", "Give exactly one identifier as text, e.g. the dataset's URI."}},
	{"dataset.publisher", dcatDataset, nsDCT + "publisher", 1, 1, iriValue, Error, [2]string{"uitgever", "publisher"}, [2]string{"Vermeld precies één organisatie die de dataset uitgeeft.", "Name exactly one organisation that publishes the dataset."}},
	{"dataset.contactPoint", dcatDataset, nsDCAT + "contactPoint", 1, 1, anyValue, Error, [2]string{"contactpunt", "contact point"}, [2]string{"Vermeld precies één contactpunt (vCard) voor vragen over de gegevens.", "Give exactly one contact point (vCard) for questions about the data."}},
	{"dataset.accessRights", dcatDataset, nsDCT + "accessRights", 1, 1, iriValue, Error, [2]string{"toegankelijkheid", "access rights"}, [2]string{"Open data zijn publiek: " + accessPublic.iri + ".", "Open data are public: " + accessPublic.iri + "."}},
	{"dataset.statuut", dcatDataset, mdcatStatuut, 1, 0, iriValue, Warning, [2]string{"statuut", "status (statuut)"}, [2]string{"Open data in Vlaanderen krijgen het statuut " + statuutOpenData.iri + ".", "Open data in Flanders get the status " + statuutOpenData.iri + "."}},
	{"dataset.theme", dcatDataset, nsDCAT + "theme", 1, 0, iriValue, Warning, [2]string{"thema", "theme"}, [2]string{"Kies minstens één EU-thema, bv. " + themeGOVE.iri + ".", "Choose at least one EU theme, e.g. " + themeGOVE.iri + "."}},
	{"dataset.distribution", dcatDataset, nsDCAT + "distribution", 1, 0, anyValue, Warning, [2]string{"distributie", "distribution"}, [2]string{"Zonder distributie kan niemand de gegevens downloaden.", "Without a distribution nobody can download the data."}},
	{"dataset.keyword", dcatDataset, nsDCAT + "keyword", 0, 0, langText, Error, [2]string{"trefwoord", "keyword"}, [2]string{"Geef elk trefwoord een taallabel, bv. \"open data\"@nl.", "Give every keyword a language tag, e.g. \"open data\"@en."}},
	{"dataset.issued", dcatDataset, nsDCT + "issued", 0, 1, dateValue, Error, [2]string{"uitgiftedatum", "issue date"}, [2]string{"Gebruik één datum (xsd:date) of tijdstip (xsd:dateTime).", "Use one date (xsd:date) or date-time (xsd:dateTime)."}},
	{"dataset.modified", dcatDataset, nsDCT + "modified", 0, 1, dateValue, Error, [2]string{"wijzigingsdatum", "modification date"}, [2]string{"Gebruik één datum (xsd:date) of tijdstip (xsd:dateTime).", "Use one date (xsd:date) or date-time (xsd:dateTime)."}},

	{"distribution.identifier", dcatDistribution, nsDCT + "identifier", 1, 1, literal, Error, [2]string{"identificator", "identifier"}, [2]string{"Geef precies één identificator als tekst.", "Give exactly one identifier as text."}},
	{"distribution.accessURL", dcatDistribution, nsDCAT + "accessURL", 1, 1, iriValue, Error, [2]string{"toegangs-URL", "access URL"}, [2]string{"Vermeld precies één webadres waar de gegevens te vinden zijn.", "Give exactly one web address where the data can be found."}},
	{"distribution.downloadURL", dcatDistribution, nsDCAT + "downloadURL", 1, 1, iriValue, Error, [2]string{"download-URL", "download URL"}, [2]string{"Vermeld precies één webadres dat het bestand zelf oplevert.", "Give exactly one web address that returns the file itself."}},
	{"distribution.license", dcatDistribution, nsDCT + "license", 1, 1, iriValue, Warning, [2]string{"licentie", "licence"}, [2]string{"Kies CC0 of een Vlaamse modellicentie, zodat hergebruikers weten wat mag.", "Choose CC0 or a Flemish model licence, so reusers know what they may do."}},
	{"distribution.format", dcatDistribution, nsDCT + "format", 1, 1, iriValue, Warning, [2]string{"formaat", "format"}, [2]string{"Kies het formaat uit de EU-lijst, bv. " + nsEU + "file-type/CSV.", "Choose the format from the EU list, e.g. " + nsEU + "file-type/CSV."}},
	{"distribution.mediaType", dcatDistribution, nsDCAT + "mediaType", 1, 1, iriValue, Warning, [2]string{"mediatype", "media type"}, [2]string{"Geef het IANA-mediatype, bv. " + nsIANA + "text/csv.", "Give the IANA media type, e.g. " + nsIANA + "text/csv."}},
	{"distribution.byteSize", dcatDistribution, nsDCAT + "byteSize", 0, 1, intValue, Error, [2]string{"bestandsgrootte", "file size"}, [2]string{"Geef de grootte in bytes als geheel getal.", "Give the size in bytes as a whole number."}},

	{"service.title", dcatDataService, nsDCT + "title", 1, 0, langText, Error, [2]string{"titel", "title"}, [2]string{"Geef een korte titel met taallabel.", "Give a short title with a language tag."}},
	{"service.identifier", dcatDataService, nsDCT + "identifier", 1, 1, literal, Error, [2]string{"identificator", "identifier"}, [2]string{"Geef precies één identificator als tekst.", "Give exactly one identifier as text."}},
	{"service.publisher", dcatDataService, nsDCT + "publisher", 1, 1, iriValue, Error, [2]string{"uitgever", "publisher"}, [2]string{"Vermeld precies één organisatie die de dienst aanbiedt.", "Name exactly one organisation that offers the service."}},
	{"service.contactPoint", dcatDataService, nsDCAT + "contactPoint", 1, 1, anyValue, Error, [2]string{"contactpunt", "contact point"}, [2]string{"Vermeld precies één contactpunt (vCard).", "Give exactly one contact point (vCard)."}},
	{"service.endpointURL", dcatDataService, nsDCAT + "endpointURL", 1, 1, iriValue, Error, [2]string{"endpoint-URL", "endpoint URL"}, [2]string{"Vermeld het webadres van de dienst.", "Give the web address of the service."}},
	{"service.endpointDescription", dcatDataService, nsDCAT + "endpointDescription", 1, 1, anyValue, Error, [2]string{"endpointbeschrijving", "endpoint description"}, [2]string{"Verwijs naar de technische beschrijving van de dienst (bv. de SPARQL-servicebeschrijving).", "Point to the technical description of the service (e.g. the SPARQL service description)."}},
	{"service.accessRights", dcatDataService, nsDCT + "accessRights", 1, 1, iriValue, Error, [2]string{"toegankelijkheid", "access rights"}, [2]string{"Een open dienst is publiek: " + accessPublic.iri + ".", "An open service is public: " + accessPublic.iri + "."}},
	{"service.description", dcatDataService, nsDCT + "description", 0, 0, langText, Error, [2]string{"beschrijving", "description"}, [2]string{"Geef de beschrijving een taallabel, bv. \"…\"@nl.", "Give the description a language tag, e.g. \"…\"@en."}},
	{"service.keyword", dcatDataService, nsDCAT + "keyword", 0, 0, langText, Error, [2]string{"trefwoord", "keyword"}, [2]string{"Geef elk trefwoord een taallabel, bv. \"open data\"@nl.", "Give every keyword a language tag, e.g. \"open data\"@en."}},
	{"service.license", dcatDataService, nsDCT + "license", 0, 1, iriValue, Error, [2]string{"licentie", "licence"}, [2]string{"Vermeld één licentie.", "Give one licence."}},

	{"dataset.version", dcatDataset, nsDCAT + "version", 0, 1, literal, Error, [2]string{"versie", "version"}, [2]string{"Geef één versienummer als tekst.", "Give one version number as text."}},
	{"distribution.title", dcatDistribution, nsDCT + "title", 0, 0, langText, Error, [2]string{"titel", "title"}, [2]string{"Geef de titel een taallabel, bv. \"…\"@nl.", "Give the title a language tag, e.g. \"…\"@en."}},
	{"distribution.description", dcatDistribution, nsDCT + "description", 0, 0, langText, Error, [2]string{"beschrijving", "description"}, [2]string{"Geef de beschrijving een taallabel, bv. \"…\"@nl.", "Give the description a language tag, e.g. \"…\"@en."}},

	{"agent.name", dctAgent, nsFOAF + "name", 1, 0, langText, Error, [2]string{"naam", "name"}, [2]string{"Geef de naam met taallabel, bv. \"Stad Leuven\"@nl.", "Give the name with a language tag, e.g. \"City of Leuven\"@en."}},
	{"contact.email", vcardKind, nsVCard + "hasEmail", 0, 1, iriValue, Error, [2]string{"e-mailadres", "e-mail address"}, [2]string{"Geef één e-mailadres als mailto:-adres, bv. mailto:opendata@stad.be.", "Give one e-mail address as a mailto: address, e.g. mailto:opendata@city.be."}},
	{"contact.page", vcardKind, nsFOAF + "page", 0, 1, iriValue, Error, [2]string{"webpagina", "web page"}, [2]string{"Geef één webpagina.", "Give one web page."}},
	{"period.start", dctPeriod, nsDCAT + "startDate", 0, 1, dateValue, Error, [2]string{"begindatum", "start date"}, [2]string{"Geef één datum (xsd:date) of tijdstip (xsd:dateTime).", "Give one date (xsd:date) or date-time (xsd:dateTime)."}},
	{"period.end", dctPeriod, nsDCAT + "endDate", 0, 1, dateValue, Error, [2]string{"einddatum", "end date"}, [2]string{"Geef één datum (xsd:date) of tijdstip (xsd:dateTime).", "Give one date (xsd:date) or date-time (xsd:dateTime)."}},
}

// Classes the shapes require values to have.
const (
	dctAgent           = nsDCT + "Agent"
	dctLicenseDocument = nsDCT + "LicenseDocument"
	dctLocation        = nsDCT + "Location"
	dctPeriod          = nsDCT + "PeriodOfTime"
	skosConcept        = nsSKOS + "Concept"
	vcardKind          = nsVCard + "Kind"
)

// valueClasses are the shapes' sh:class constraints on values the catalog
// writes: the value must be described in the document with that type, so
// that a harvester that reads only this document knows what it is. (A
// catalog's datasets, services and distributions are checked by
// references, with their own wording.)
var valueClasses = []struct{ class, prop, valueClass string }{
	{dcatCatalog, nsDCT + "publisher", dctAgent},
	{dcatCatalog, nsDCAT + "contactPoint", vcardKind},
	{dcatCatalog, nsDCT + "license", dctLicenseDocument},
	{dcatDataset, nsDCT + "publisher", dctAgent},
	{dcatDataset, nsDCAT + "contactPoint", vcardKind},
	{dcatDataset, nsDCT + "accessRights", skosConcept},
	{dcatDataset, nsDCAT + "theme", skosConcept},
	{dcatDataset, mdcatStatuut, skosConcept},
	{dcatDataset, nsDCT + "spatial", dctLocation},
	{dcatDataset, nsDCAT + "landingPage", rdfsResource},
	{dcatDistribution, nsDCAT + "accessURL", rdfsResource},
	{dcatDistribution, nsDCAT + "downloadURL", rdfsResource},
	{dcatDistribution, nsDCT + "format", skosConcept},
	{dcatDistribution, nsDCT + "license", dctLicenseDocument},
	{dcatDataService, nsDCT + "publisher", dctAgent},
	{dcatDataService, nsDCAT + "contactPoint", vcardKind},
	{dcatDataService, nsDCT + "accessRights", skosConcept},
	{dcatDataService, nsDCAT + "theme", skosConcept},
	{dcatDataService, mdcatStatuut, skosConcept},
	{dcatDataService, nsDCT + "license", dctLicenseDocument},
	{dcatDataService, nsDCAT + "endpointURL", rdfsResource},
	{dcatDataService, nsDCAT + "endpointDescription", rdfsResource},
	{dcatDataService, nsDCAT + "landingPage", rdfsResource},
	{vcardKind, nsVCard + "hasEmail", rdfsResource},
	{vcardKind, nsFOAF + "page", rdfsResource},
}

// classWords describe what a value of a class is, and how to fix a value
// that is not described as one.
var classWords = map[string]struct{ what, hint [2]string }{
	dctAgent:           {[2]string{"een organisatie (dct:Agent)", "an organisation (dct:Agent)"}, [2]string{"Beschrijf de organisatie met type dct:Agent en een naam.", "Describe the organisation with type dct:Agent and a name."}},
	vcardKind:          {[2]string{"een contactpunt (vcard:Kind)", "a contact point (vcard:Kind)"}, [2]string{"Beschrijf het contactpunt met type vcard:Kind en een e-mailadres.", "Describe the contact point with type vcard:Kind and an e-mail address."}},
	dctLicenseDocument: {[2]string{"een licentie (dct:LicenseDocument)", "a licence (dct:LicenseDocument)"}, [2]string{"Beschrijf de licentie met type dct:LicenseDocument.", "Describe the licence with type dct:LicenseDocument."}},
	skosConcept:        {[2]string{"een waarde uit een codelijst (skos:Concept)", "a value from a code list (skos:Concept)"}, [2]string{"Neem de waarde op met haar type en naam, zoals de EU-codelijsten ze geven, zodat een portaal ze kan tonen.", "Include the value with its type and name, as the EU code lists give them, so that a portal can show it."}},
	dctLocation:        {[2]string{"een plaats (dct:Location)", "a place (dct:Location)"}, [2]string{"Beschrijf de plaats met type dct:Location.", "Describe the place with type dct:Location."}},
	rdfsResource:       {[2]string{"een webadres (rdfs:Resource)", "a web address (rdfs:Resource)"}, [2]string{"DCAT-AP-VL vraagt dat elk webadres in het document ook als rdfs:Resource beschreven is.", "DCAT-AP-VL asks that every web address in the document is also described as an rdfs:Resource."}},
}

// oneValuePerLanguage lists the properties whose usage note in DCAT-AP-VL
// says "per taal slechts 1 waarde": one value per language.
var oneValuePerLanguage = []struct {
	class, prop string
	what        [2]string
}{
	{dcatCatalog, nsDCT + "title", [2]string{"titel", "title"}},
	{dcatCatalog, nsDCT + "description", [2]string{"beschrijving", "description"}},
	{dcatDataset, nsDCT + "title", [2]string{"titel", "title"}},
	{dcatDataset, nsDCT + "description", [2]string{"beschrijving", "description"}},
	{dcatDistribution, nsDCT + "title", [2]string{"titel", "title"}},
	{dcatDistribution, nsDCT + "description", [2]string{"beschrijving", "description"}},
	{dcatDataService, nsDCT + "title", [2]string{"titel", "title"}},
	{dcatDataService, nsDCT + "description", [2]string{"beschrijving", "description"}},
	{dctAgent, nsFOAF + "name", [2]string{"naam", "name"}},
}

// classNames name the kinds of resource in messages.
var classNames = map[string][2]string{
	dcatCatalog:      {"De catalogus", "The catalog"},
	dcatDataset:      {"De dataset", "The dataset"},
	dcatDistribution: {"De distributie", "The distribution"},
	dcatDataService:  {"De dataservice", "The data service"},
	dctAgent:         {"De organisatie", "The organisation"},
	vcardKind:        {"Het contactpunt", "The contact point"},
	dctPeriod:        {"De periode", "The period"},
}

// graphIndex indexes the triples of a document by subject and predicate.
type graphIndex map[rdf.Term]map[string][]rdf.Term

func (g graphIndex) objs(s rdf.Term, p string) []rdf.Term { return g[s][p] }

func (g graphIndex) instances(class string) []rdf.Term {
	var out []rdf.Term
	for s, props := range g {
		for _, t := range props[rdfType] {
			if t.Value == class {
				out = append(out, s)
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// Validate checks a DCAT document (graph names are ignored) against the
// mandatory rules of DCAT-AP-VL 3 and its usage notes, and explains each
// problem in lang ("nl", the default, or "en"). Errors are what a portal
// such as Metadata Vlaanderen rejects; warnings make the metadata less
// useful. No messages means the document is fine.
func Validate(quads []rdf.Quad, lang string) []Message {
	v := newValidation(quads, lang)
	if len(v.g.instances(dcatCatalog)) == 0 {
		v.add(Error, "", "", "document.catalog", [2]string{
			"Het document bevat geen catalogus (dcat:Catalog): een portaal oogst een catalogus met daarin de datasets.",
			"The document holds no catalog (dcat:Catalog): a portal harvests a catalog that lists the datasets.",
		})
	}
	v.run(rules)
	v.vlRules()
	v.agents()
	v.usageNotes()
	return v.sorted()
}

// newValidation indexes the triples of a document (graph names ignored).
func newValidation(quads []rdf.Quad, lang string) *validation {
	li := 0
	if lang == "en" {
		li = 1
	}
	g := graphIndex{}
	for _, q := range quads {
		if g[q.S] == nil {
			g[q.S] = map[string][]rdf.Term{}
		}
		if !contains(g[q.S][q.P.Value], q.O) {
			g[q.S][q.P.Value] = append(g[q.S][q.P.Value], q.O)
		}
	}
	return &validation{g: g, li: li}
}

// run checks every rule and the references between the resources.
func (v *validation) run(rs []rule) {
	for _, r := range rs {
		for _, s := range v.g.instances(r.class) {
			v.check(r, s)
		}
	}
	v.references()
}

// vlRules checks what DCAT-AP-VL adds to the cardinalities: values that
// must be described with a given class, and one value per language where
// its usage notes ask for it.
func (v *validation) vlRules() {
	for _, c := range valueClasses {
		for _, s := range v.g.instances(c.class) {
			v.valueClass(c.class, c.prop, c.valueClass, s)
		}
	}
	for _, u := range oneValuePerLanguage {
		for _, s := range v.g.instances(u.class) {
			v.uniqueLang(u.class, u.prop, u.what, s)
		}
	}
}

// sorted returns the messages, errors first, by subject.
func (v *validation) sorted() []Message {
	sort.SliceStable(v.out, func(i, j int) bool {
		a, b := v.out[i], v.out[j]
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		return a.Subject < b.Subject
	})
	return v.out
}

type validation struct {
	g   graphIndex
	li  int
	out []Message
}

func (v *validation) add(sev Severity, subject, prop, rule string, text [2]string) {
	v.out = append(v.out, Message{Severity: sev, Subject: subject, Property: prop, Rule: rule, Text: severityWord(sev, v.li) + text[v.li]})
}

func severityWord(s Severity, li int) string {
	if s == Error {
		return [2]string{"FOUT: ", "ERROR: "}[li]
	}
	return [2]string{"WAARSCHUWING: ", "WARNING: "}[li]
}

// name describes a resource for people: its kind, its title and its IRI.
func (v *validation) name(s rdf.Term, class string) string {
	kind := classNames[class][v.li]
	title := ""
	for _, p := range []string{nsDCT + "title", nsFOAF + "name", nsVCard + "fn"} {
		t := pickLang(v.g.objs(s, p), [2]string{"nl", "en"}[v.li])
		if t != "" {
			title = t
			break
		}
	}
	if title != "" {
		return fmt.Sprintf("%s %q (%s)", kind, title, termText(s))
	}
	return fmt.Sprintf("%s %s", kind, termText(s))
}

func (v *validation) check(r rule, s rdf.Term) {
	vals := v.g.objs(s, r.prop)
	subject := termText(s)
	who := v.name(s, r.class)
	curie := shortIRI(r.prop)
	switch {
	case len(vals) < r.min:
		v.add(r.sev, subject, r.prop, r.id, [2]string{
			fmt.Sprintf("%s heeft geen %s (%s). %s", who, r.what[0], curie, r.hint[0]),
			fmt.Sprintf("%s has no %s (%s). %s", who, r.what[1], curie, r.hint[1]),
		})
		return
	case r.max > 0 && len(vals) > r.max:
		v.add(Error, subject, r.prop, r.id, [2]string{
			fmt.Sprintf("%s heeft %d keer %s (%s), maar mag er maar %d hebben. %s", who, len(vals), r.what[0], curie, r.max, r.hint[0]),
			fmt.Sprintf("%s has %d values for %s (%s), but may have only %d. %s", who, len(vals), r.what[1], curie, r.max, r.hint[1]),
		})
	}
	for _, o := range vals {
		if ok, want := kindOK(r.kind, o); !ok {
			v.add(Error, subject, r.prop, r.id, [2]string{
				fmt.Sprintf("%s: %s (%s) is %s, maar moet %s zijn. %s", who, r.what[0], curie, termText(o), want[0], r.hint[0]),
				fmt.Sprintf("%s: %s (%s) is %s, but must be %s. %s", who, r.what[1], curie, termText(o), want[1], r.hint[1]),
			})
		}
	}
}

// valueClass reports each IRI or blank-node value of s's prop that the
// document does not describe as valueClass. (A literal value is the
// rules' business: it has the wrong kind.)
func (v *validation) valueClass(class, prop, valueClass string, s rdf.Term) {
	words := classWords[valueClass]
	for _, o := range v.g.objs(s, prop) {
		if o.IsLiteral() || hasType(v.g, o, valueClass) {
			continue
		}
		who, curie := v.name(s, class), shortIRI(prop)
		v.add(Error, termText(s), prop, "class."+localName(prop), [2]string{
			fmt.Sprintf("%s: %s verwijst naar %s, maar dat staat in het document niet beschreven als %s. %s", who, curie, termText(o), words.what[0], words.hint[0]),
			fmt.Sprintf("%s: %s points to %s, but the document does not describe it as %s. %s", who, curie, termText(o), words.what[1], words.hint[1]),
		})
	}
}

// uniqueLang reports each language in which s has more than one value of
// prop.
func (v *validation) uniqueLang(class, prop string, what [2]string, s rdf.Term) {
	count := map[string]int{}
	for _, o := range v.g.objs(s, prop) {
		if o.IsLiteral() && o.Lang != "" {
			count[strings.ToLower(o.Lang)]++
		}
	}
	langs := make([]string, 0, len(count))
	for l := range count {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	who, curie := v.name(s, class), shortIRI(prop)
	for _, l := range langs {
		if n := count[l]; n > 1 {
			v.add(Error, termText(s), prop, "uniqueLang."+localName(prop), [2]string{
				fmt.Sprintf("%s heeft %d keer een %s (%s) in het %s; per taal mag er maar één zijn. Houd er per taal één over.", who, n, what[0], curie, languageName(l, 0)),
				fmt.Sprintf("%s has %d values for %s (%s) in %s; only one per language is allowed. Keep one per language.", who, n, what[1], curie, languageName(l, 1)),
			})
		}
	}
}

// languageName names a language tag in words.
func languageName(tag string, li int) string {
	names := map[string][2]string{"nl": {"Nederlands", "Dutch"}, "en": {"Engels", "English"}, "fr": {"Frans", "French"}, "de": {"Duits", "German"}}
	if n, ok := names[tag]; ok {
		return n[li]
	}
	return [2]string{"taal ", "language "}[li] + tag
}

// kindOK checks a value against the kind a rule wants.
func kindOK(k valueKind, o rdf.Term) (bool, [2]string) {
	switch k {
	case langText:
		return o.IsLiteral() && o.Lang != "", [2]string{"tekst met een taallabel (bv. @nl)", "text with a language tag (e.g. @nl)"}
	case literal:
		return o.IsLiteral(), [2]string{"tekst", "text"}
	case iriValue:
		return o.IsIRI(), [2]string{"een webadres (URI)", "a web address (URI)"}
	case dateValue:
		return validDate(o), [2]string{"een datum of tijdstip (bv. \"2025-03-14\"^^xsd:date)", "a date or date-time (e.g. \"2025-03-14\"^^xsd:date)"}
	case intValue:
		ok := o.IsLiteral() && o.Value != "" && strings.Trim(o.Value, "0123456789") == ""
		return ok, [2]string{"een geheel getal", "a whole number"}
	case resource:
		return o.IsIRI() || o.IsBlank(), [2]string{"een resource (URI of lege knoop)", "a resource (IRI or blank node)"}
	}
	return true, [2]string{}
}

func validDate(o rdf.Term) bool {
	if !o.IsLiteral() {
		return false
	}
	layouts := map[string][]string{
		xsdDate:              {"2006-01-02", "2006-01-02Z07:00"},
		xsdDateTime:          {time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999"},
		nsXSD + "gYear":      {"2006"},
		nsXSD + "gYearMonth": {"2006-01"},
	}
	for _, l := range layouts[o.Datatype] {
		if _, err := time.Parse(l, o.Value); err == nil {
			return true
		}
	}
	return false
}

// references checks that what the catalog points to is described: a
// harvester ignores a dataset it only knows by name.
func (v *validation) references() {
	for _, ref := range []struct {
		class, prop, target string
	}{
		{dcatCatalog, nsDCAT + "dataset", dcatDataset},
		{dcatCatalog, nsDCAT + "service", dcatDataService},
		{dcatDataset, nsDCAT + "distribution", dcatDistribution},
	} {
		for _, s := range v.g.instances(ref.class) {
			for _, o := range v.g.objs(s, ref.prop) {
				if !hasType(v.g, o, ref.target) {
					kind := classNames[ref.target]
					v.add(Error, termText(s), ref.prop, "reference."+localName(ref.prop), [2]string{
						fmt.Sprintf("%s verwijst naar %s, maar die wordt nergens beschreven (er is geen %s met dat adres in het document).", v.name(s, ref.class), termText(o), strings.ToLower(kind[0])),
						fmt.Sprintf("%s points to %s, but it is not described anywhere (there is no %s with that address in the document).", v.name(s, ref.class), termText(o), strings.ToLower(kind[1])),
					})
				}
			}
		}
	}
}

// agents checks every publisher that is not described as a dct:Agent
// (the rules check those): DCAT-AP-VL wants a name with a language.
func (v *validation) agents() {
	seen := map[rdf.Term]bool{}
	for s, props := range v.g {
		for _, o := range props[nsDCT+"publisher"] {
			if seen[o] || hasType(v.g, o, dctAgent) {
				continue // an Agent's name is the agent.name rule's
			}
			seen[o] = true
			names := v.g.objs(o, nsFOAF+"name")
			withLang := false
			for _, n := range names {
				withLang = withLang || (n.IsLiteral() && n.Lang != "")
			}
			if !withLang {
				v.add(Error, termText(o), nsFOAF+"name", "agent.name", [2]string{
					fmt.Sprintf("De uitgever %s (van %s) heeft geen naam met taallabel (foaf:name). Voeg bv. \"Stad Leuven\"@nl toe.", termText(o), termText(s)),
					fmt.Sprintf("The publisher %s (of %s) has no name with a language tag (foaf:name). Add e.g. \"City of Leuven\"@en.", termText(o), termText(s)),
				})
			}
		}
	}
}

// usageNotes checks the values DCAT-AP-VL prescribes.
func (v *validation) usageNotes() {
	for _, s := range v.g.instances(dcatCatalog) {
		for _, l := range v.g.objs(s, nsDCT+"license") {
			if l.Value != FlemishCC0 {
				v.add(Warning, termText(s), nsDCT+"license", "catalog.license.cc0", [2]string{
					fmt.Sprintf("%s heeft licentie %s; DCAT-AP-VL vraagt voor de metadata de CC0-verklaring %s.", v.name(s, dcatCatalog), l.Value, FlemishCC0),
					fmt.Sprintf("%s has licence %s; DCAT-AP-VL asks for the CC0 declaration %s on the metadata.", v.name(s, dcatCatalog), l.Value, FlemishCC0),
				})
			}
		}
	}
	for _, s := range v.g.instances(dcatDataset) {
		for _, a := range v.g.objs(s, nsDCT+"accessRights") {
			if a.Value != accessPublic.iri {
				v.add(Warning, termText(s), nsDCT+"accessRights", "dataset.accessRights.public", [2]string{
					fmt.Sprintf("%s is niet publiek (%s); open data horen publiek te zijn (%s).", v.name(s, dcatDataset), a.Value, accessPublic.iri),
					fmt.Sprintf("%s is not public (%s); open data should be public (%s).", v.name(s, dcatDataset), a.Value, accessPublic.iri),
				})
			}
		}
		if st := v.g.objs(s, mdcatStatuut); len(st) > 0 && !contains(st, rdf.IRI(statuutOpenData.iri)) {
			v.add(Warning, termText(s), mdcatStatuut, "dataset.statuut.vlopendata", [2]string{
				fmt.Sprintf("%s heeft niet het statuut Vlaamse open data (%s), waarop de Vlaamse portalen open data herkennen.", v.name(s, dcatDataset), statuutOpenData.iri),
				fmt.Sprintf("%s lacks the status Flemish open data (%s), by which the Flemish portals recognise open data.", v.name(s, dcatDataset), statuutOpenData.iri),
			})
		}
		if themes := v.g.objs(s, nsDCAT+"theme"); len(themes) > 0 && !anyPrefix(themes, nsEU+"data-theme/") {
			v.add(Warning, termText(s), nsDCAT+"theme", "dataset.theme.eu", [2]string{
				fmt.Sprintf("%s heeft geen thema uit de EU-lijst (%sdata-theme); data.europa.eu toont de dataset dan onder geen enkel thema.", v.name(s, dcatDataset), nsEU),
				fmt.Sprintf("%s has no theme from the EU list (%sdata-theme); data.europa.eu then shows it under no theme.", v.name(s, dcatDataset), nsEU),
			})
		}
	}
	for _, s := range v.g.instances(nsVCard + "Kind") {
		if len(v.g.objs(s, nsVCard+"hasEmail"))+len(v.g.objs(s, nsVCard+"hasURL"))+len(v.g.objs(s, nsFOAF+"page")) == 0 {
			v.add(Warning, termText(s), nsVCard+"hasEmail", "contact.reachable", [2]string{
				fmt.Sprintf("Het contactpunt %s heeft geen e-mailadres of webpagina: gebruikers kunnen niemand bereiken.", termText(s)),
				fmt.Sprintf("The contact point %s has no e-mail address or web page: users cannot reach anyone.", termText(s)),
			})
		}
	}
}

func anyPrefix(ts []rdf.Term, prefix string) bool {
	for _, t := range ts {
		if strings.HasPrefix(t.Value, prefix) {
			return true
		}
	}
	return false
}

func hasType(g graphIndex, s rdf.Term, class string) bool {
	return contains(g.objs(s, rdfType), rdf.IRI(class))
}

func contains(ts []rdf.Term, t rdf.Term) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

func pickLang(ts []rdf.Term, lang string) string {
	t := vocab.Text{}
	for _, x := range ts {
		if x.IsLiteral() {
			l := x.Lang
			if l == "" {
				l = "und"
			}
			t[l] = x.Value
		}
	}
	return t.In(lang)
}

func termText(t rdf.Term) string {
	switch {
	case t.IsIRI():
		return "<" + t.Value + ">"
	case t.IsBlank():
		return "_:" + t.Value
	case t.IsZero():
		return ""
	}
	return t.String()
}

var curies = []struct{ ns, prefix string }{
	{nsDCAT, "dcat:"}, {nsDCT, "dct:"}, {nsFOAF, "foaf:"}, {nsMDCAT, "mdcat:"}, {nsVCard, "vcard:"},
}

func shortIRI(iri string) string {
	for _, c := range curies {
		if rest, ok := strings.CutPrefix(iri, c.ns); ok {
			return c.prefix + rest
		}
	}
	return "<" + iri + ">"
}
