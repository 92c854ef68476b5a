package ldserver

import (
	"fmt"
	"net/http"
)

// msgKey names a user-facing text; i18n holds it in Dutch and English.
type msgKey int

const (
	msgNotFound msgKey = iota
	msgGone
	msgNotAcceptable
	msgBadPage
	msgMethod
	msgUnavailable
	msgTimeout
	msgInternal
	msgProperties
	msgIncoming
	msgType
	msgValue
	msgProperty
	msgFormats
	msgLicence
	msgPage
	msgNext
	msgPrevious
	msgSubjects
	msgMore
	msgIntroTitle
	msgIntro
	msgOrganisations
	msgModel
	msgAssessments
	msgData
	msgDumps
	msgVoID
	msgSPARQL
	msgCatalog
	msgHubStatus
	msgHubCompare
	msgAssessForm
	msgContext
	msgVocabulary
	msgSkip
	msgGraphContent
	msgObservations
	msgDimensionsFixed
	msgHome
	msgDumpNQ
	msgDumpTTL
	msgInGraph
	msgConcepts
	msgEmpty
	msgLangSwitch
	msgTermsOf
	msgStudyText
	msgTranslation
	msgInterpretation
	msgStudyTitle
	msgDefinitions
	msgConclusions
	msgOurReading
)

var i18n = map[string][]string{
	"nl": {
		msgNotFound:        "Niet gevonden: deze URI is bij ons niet bekend.",
		msgGone:            "Verdwenen: deze resource bestond, maar is verwijderd of gearchiveerd.",
		msgNotAcceptable:   "Geen aanvaardbare voorstelling. Deze server biedt aan:",
		msgBadPage:         "Ongeldige pagina: ?page= verwacht een geheel getal vanaf 1.",
		msgMethod:          "Methode niet toegestaan.",
		msgUnavailable:     "De gegevens zijn tijdelijk niet beschikbaar.",
		msgTimeout:         "De aanvraag duurde te lang.",
		msgInternal:        "Interne fout.",
		msgProperties:      "Eigenschappen",
		msgIncoming:        "Verwijzen hiernaar",
		msgType:            "Type",
		msgValue:           "Waarde",
		msgProperty:        "Eigenschap",
		msgFormats:         "Ook als",
		msgLicence:         "Gegevens beschikbaar onder licentie",
		msgPage:            "Pagina",
		msgNext:            "volgende",
		msgPrevious:        "vorige",
		msgSubjects:        "Resources in deze graaf",
		msgMore:            "meer",
		msgIntroTitle:      "Open-data-maturiteit van Vlaamse steden",
		msgIntro:           "Steden en gemeenten meten hier hoe ver ze staan met open data: per domein van het maturiteitsmodel (van Sponsoring tot Infrastructuur) een score voor maturiteit en voor nood, het verschil daartussen en een actieplan. Alles is vijfsterren-linked-open-data: elke URI is opvraagbaar als webpagina en als RDF (Turtle, JSON-LD, N-Triples, RDF/XML).",
		msgOrganisations:   "Organisaties",
		msgModel:           "Het maturiteitsmodel",
		msgAssessments:     "Evaluaties en datasets",
		msgData:            "Gegevens en diensten",
		msgDumps:           "Volledige dataset downloaden",
		msgVoID:            "Beschrijving van de dataset (VoID)",
		msgSPARQL:          "SPARQL-eindpunt",
		msgCatalog:         "Catalogus (DCAT-AP Vlaanderen)",
		msgHubStatus:       "Oogst: de bronnen van deze hub",
		msgHubCompare:      "Steden naast elkaar per domein",
		msgAssessForm:      "Een evaluatie invullen of bijwerken",
		msgContext:         "JSON-LD-context",
		msgVocabulary:      "Ontologie",
		msgSkip:            "Naar de inhoud",
		msgGraphContent:    "Inhoud van de graaf",
		msgObservations:    "Scores",
		msgDimensionsFixed: "Voor alle rijen",
		msgHome:            "Start",
		msgDumpNQ:          "N-Quads met graafnamen, gzip",
		msgDumpTTL:         "Turtle, alle grafen samen, gzip",
		msgInGraph:         "graaf",
		msgConcepts:        "begrippen",
		msgEmpty:           "Nog niets gepubliceerd.",
		msgLangSwitch:      "English",
		msgTermsOf:         "Termen",
		msgStudyText:       "studietekst",
		msgTranslation:     "onze vertaling",
		msgInterpretation:  "onze interpretatie",
		msgStudyTitle:      "Wat de studie vond",
		msgDefinitions:     "Data en open data volgens de studie: lees dit eerst",
		msgConclusions:     "Conclusies van de studie",
		msgOurReading:      "Onze lezing",
	},
	"en": {
		msgNotFound:        "Not found: this URI is not known here.",
		msgGone:            "Gone: this resource existed but was removed or archived.",
		msgNotAcceptable:   "No acceptable representation. This server offers:",
		msgBadPage:         "Invalid page: ?page= expects a whole number from 1.",
		msgMethod:          "Method not allowed.",
		msgUnavailable:     "The data is temporarily unavailable.",
		msgTimeout:         "The request took too long.",
		msgInternal:        "Internal error.",
		msgProperties:      "Properties",
		msgIncoming:        "Referred to by",
		msgType:            "Type",
		msgValue:           "Value",
		msgProperty:        "Property",
		msgFormats:         "Also as",
		msgLicence:         "Data available under licence",
		msgPage:            "Page",
		msgNext:            "next",
		msgPrevious:        "previous",
		msgSubjects:        "Resources in this graph",
		msgMore:            "more",
		msgIntroTitle:      "Open data maturity of Flemish cities",
		msgIntro:           "Cities and municipalities measure here how far they have come with open data: for each domain of the maturity model (from Sponsorship to Infrastructure) a maturity score and a need score, the gap between them and an action plan. Everything is five-star linked open data: every URI can be looked up as a web page and as RDF (Turtle, JSON-LD, N-Triples, RDF/XML).",
		msgOrganisations:   "Organisations",
		msgModel:           "The maturity model",
		msgAssessments:     "Assessments and datasets",
		msgData:            "Data and services",
		msgDumps:           "Download the whole dataset",
		msgVoID:            "Dataset description (VoID)",
		msgSPARQL:          "SPARQL endpoint",
		msgCatalog:         "Catalog (DCAT-AP Flanders)",
		msgHubStatus:       "Harvest: the sources of this hub",
		msgHubCompare:      "Cities side by side per domain",
		msgAssessForm:      "Fill in or update an assessment",
		msgContext:         "JSON-LD context",
		msgVocabulary:      "Ontology",
		msgSkip:            "Skip to content",
		msgGraphContent:    "Content of the graph",
		msgObservations:    "Scores",
		msgDimensionsFixed: "For all rows",
		msgHome:            "Home",
		msgDumpNQ:          "N-Quads with graph names, gzip",
		msgDumpTTL:         "Turtle, all graphs merged, gzip",
		msgInGraph:         "graph",
		msgConcepts:        "concepts",
		msgEmpty:           "Nothing published yet.",
		msgLangSwitch:      "Nederlands",
		msgTermsOf:         "Terms",
		msgStudyText:       "study text",
		msgTranslation:     "our translation",
		msgInterpretation:  "our interpretation",
		msgStudyTitle:      "What the study found",
		msgDefinitions:     "Data and open data as the study defines them: read this first",
		msgConclusions:     "The study's conclusions",
		msgOurReading:      "Our reading",
	},
}

// msg returns the text for key in lang (falling back to Dutch).
func (s *Server) msg(lang string, key msgKey) string {
	if t, ok := i18n[lang]; ok && int(key) < len(t) && t[key] != "" {
		return t[key]
	}
	return i18n["nl"][key]
}

// langsFor returns the supported languages with def first.
func langsFor(def string) []string {
	if def == "en" {
		return []string{"en", "nl"}
	}
	return []string{"nl", "en"}
}

// pickLang chooses the page language: ?lang= first (then links carry it
// on), else Accept-Language, else the configured default.
func (s *Server) pickLang(r *http.Request) (lang string, fromParam bool) {
	if l := r.URL.Query().Get("lang"); l == "nl" || l == "en" {
		return l, true
	}
	return negotiateLang(r.Header.Get("Accept-Language"), s.langs), false
}

// statusNL names the statuses this server answers with in Dutch;
// http.StatusText only knows English, which reads oddly as the headline of a
// Dutch error page.
var statusNL = map[int]string{
	http.StatusBadRequest:            "Ongeldige aanvraag",
	http.StatusUnauthorized:          "Niet aangemeld",
	http.StatusForbidden:             "Geen toegang",
	http.StatusNotFound:              "Niet gevonden",
	http.StatusMethodNotAllowed:      "Methode niet toegestaan",
	http.StatusNotAcceptable:         "Geen aanvaardbare voorstelling",
	http.StatusConflict:              "Conflict",
	http.StatusGone:                  "Verdwenen",
	http.StatusRequestEntityTooLarge: "Aanvraag te groot",
	http.StatusUnsupportedMediaType:  "Mediatype niet ondersteund",
	http.StatusUnprocessableEntity:   "Onvolledige of ongeldige gegevens",
	http.StatusTooManyRequests:       "Te veel aanvragen",
	http.StatusInternalServerError:   "Interne fout",
	http.StatusServiceUnavailable:    "Tijdelijk niet beschikbaar",
}

// statusTitle is the headline of an error page: the code and its name in
// lang.
func statusTitle(lang string, code int) string {
	name := http.StatusText(code)
	if n, ok := statusNL[code]; ok && lang != "en" {
		name = n
	}
	return fmt.Sprintf("%d — %s", code, name)
}
