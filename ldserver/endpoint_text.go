package ldserver

// sparqlMsg names a user-facing text of the SPARQL endpoint and its query
// page; sparqlText holds it in Dutch and English. The endpoint keeps its own
// table so that the server's i18n table stays the linked-data pages' own.
type sparqlMsg int

const (
	smBadParams sparqlMsg = iota
	smMediaType
	smCharset
	smTooLarge
	smReadOnly
	smMethod
	smTwoQueries
	smBadGraph
	smSyntax
	smNoQuery
	smTimeout
	smTimeoutStream
	smQueryError
	smServiceRefused
	smNotAcceptable
	smTruncated
	smInternal
	smPageTitle
	smPageIntro
	smPageIntroOwn
	smPageExamples
	smPageSD
	smPageNoScript
	smPageLimits
	smBusy
	smBusyDetail
	smLimit
	smLimitStream
	smXMLChar
	smXMLCharDetail
	smXMLCharDoc
)

var sparqlText = map[string][]string{
	"nl": {
		smBadParams:      "Ongeldige parameters",
		smMediaType:      "Niet-ondersteund mediatype: stuur de query als ?query=, als formulier (application/x-www-form-urlencoded) of rechtstreeks (application/sparql-query)",
		smCharset:        "De query moet in UTF-8 zijn",
		smTooLarge:       "De query is te groot",
		smReadOnly:       "Dit eindpunt is alleen-lezen: SPARQL Update wordt niet aanvaard",
		smMethod:         "Methode niet toegestaan: gebruik GET of POST",
		smTwoQueries:     "Stuur precies één query",
		smBadGraph:       "default-graph-uri en named-graph-uri moeten absolute IRI's zijn",
		smSyntax:         "Syntaxfout in de query",
		smNoQuery:        "Geen query: stuur ?query= of een query in de body",
		smTimeout:        "De query duurde langer dan de toegestane tijd en werd afgebroken",
		smTimeoutStream:  "FOUT: de query werd afgebroken; het antwoord hierboven is onvolledig",
		smQueryError:     "De query kon niet uitgevoerd worden",
		smServiceRefused: "SERVICE naar dit eindpunt is niet toegestaan",
		smNotAcceptable:  "Geen aanvaardbaar formaat. Dit eindpunt biedt aan:",
		smTruncated:      "onvolledig: de server geeft niet meer rijen terug in één antwoord",
		smInternal:       "Interne fout",
		smPageTitle:      "SPARQL-eindpunt",
		smPageIntro:      "Bevraag alle gegevens van het open-data-maturiteitsmodel met SPARQL 1.1. Zonder FROM is de standaardgraaf de unie van alle grafen; GRAPH ?g doorloopt de benoemde grafen. Kies hieronder een voorbeeldquery om te beginnen.",
		smPageIntroOwn:   "Bevraag alle gegevens van het open-data-maturiteitsmodel met SPARQL 1.1. Zonder FROM is de standaardgraaf enkel de opgeslagen standaardgraaf; de gegevens staan in benoemde grafen: gebruik GRAPH ?g of FROM. Kies hieronder een voorbeeldquery om te beginnen.",
		smPageExamples:   "Voorbeeldquery's",
		smPageSD:         "Beschrijving van de dienst (SPARQL Service Description)",
		smPageNoScript:   "Deze editor heeft JavaScript nodig. Zonder JavaScript kan je het eindpunt rechtstreeks bevragen: /sparql?query=…",
		smPageLimits:     "Grenzen: %s per query, hoogstens %d rijen per antwoord.",
		smBusy:           "Het eindpunt is bezet: er wachten al te veel query's",
		smBusyDetail:     "probeer het over enkele seconden opnieuw (Retry-After)",
		smLimit:          "De query vraagt meer dan deze server één query toestaat",
		smLimitStream:    "FOUT: de query werd gestopt aan een grens; het antwoord hierboven is onvolledig",
		smXMLChar:        "Het antwoord bevat een teken dat XML 1.0 niet kan dragen",
		smXMLCharDetail:  "U+%04X; vraag een ander formaat: JSON (application/sparql-results+json), Turtle of N-Triples",
		smXMLCharDoc:     "U+%04X; vraag dit document als Turtle (.ttl), N-Triples (.nt) of JSON-LD (.jsonld)",
	},
	"en": {
		smBadParams:      "Invalid parameters",
		smMediaType:      "Unsupported media type: send the query as ?query=, as a form (application/x-www-form-urlencoded) or directly (application/sparql-query)",
		smCharset:        "The query must be UTF-8",
		smTooLarge:       "The query is too large",
		smReadOnly:       "This endpoint is read-only: SPARQL Update is not accepted",
		smMethod:         "Method not allowed: use GET or POST",
		smTwoQueries:     "Send exactly one query",
		smBadGraph:       "default-graph-uri and named-graph-uri must be absolute IRIs",
		smSyntax:         "Syntax error in the query",
		smNoQuery:        "No query: send ?query= or a query in the body",
		smTimeout:        "The query took longer than allowed and was stopped",
		smTimeoutStream:  "ERROR: the query was stopped; the answer above is incomplete",
		smQueryError:     "The query could not be evaluated",
		smServiceRefused: "SERVICE to this endpoint is not allowed",
		smNotAcceptable:  "No acceptable format. This endpoint offers:",
		smTruncated:      "truncated: the server returns no more rows in one answer",
		smInternal:       "Internal error",
		smPageTitle:      "SPARQL endpoint",
		smPageIntro:      "Query all data of the open data maturity model with SPARQL 1.1. Without FROM the default graph is the union of all graphs; GRAPH ?g ranges over the named graphs. Pick an example query below to start.",
		smPageIntroOwn:   "Query all data of the open data maturity model with SPARQL 1.1. Without FROM the default graph is only the stored default graph; the data is in named graphs: use GRAPH ?g or FROM. Pick an example query below to start.",
		smPageExamples:   "Example queries",
		smPageSD:         "Service description (SPARQL Service Description)",
		smPageNoScript:   "This editor needs JavaScript. Without it you can query the endpoint directly: /sparql?query=…",
		smPageLimits:     "Limits: %s per query, at most %d rows per answer.",
		smBusy:           "The endpoint is busy: too many queries are waiting already",
		smBusyDetail:     "try again in a few seconds (Retry-After)",
		smLimit:          "The query needs more than this server allows one query",
		smLimitStream:    "ERROR: the query was stopped at a limit; the answer above is incomplete",
		smXMLChar:        "The answer holds a character that XML 1.0 cannot carry",
		smXMLCharDetail:  "U+%04X; ask for another format: JSON (application/sparql-results+json), Turtle or N-Triples",
		smXMLCharDoc:     "U+%04X; ask for this document as Turtle (.ttl), N-Triples (.nt) or JSON-LD (.jsonld)",
	},
}

// smsg returns the text for key in lang, Dutch when lang is unknown.
func smsg(lang string, key sparqlMsg) string {
	if t, ok := sparqlText[lang]; ok && int(key) < len(t) && t[key] != "" {
		return t[key]
	}
	return sparqlText["nl"][key]
}
