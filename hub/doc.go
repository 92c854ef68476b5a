// Package hub serves a hub's own pages, beside the linked-data server
// (cmd/maturity mounts them): the harvest status of every source (/oogst,
// HTML or JSON) and the cross-city view (/vergelijking, HTML, JSON or
// CSV): every organisation's latest scores side by side per domain of the
// maturity model, filtered by year and province, with the median, the
// interquartile range and the range per domain. Every figure links to the
// observation it comes from, at the source instance's own URI.
//
// The province of an organisation follows from its NIS code (province.go):
// 11–13 Antwerpen, 23–24 Vlaams-Brabant, 31–38 West-Vlaanderen, 41–46
// Oost-Vlaanderen, 71–73 Limburg; 21 is the Brussels-Capital Region and 25,
// 5x–9x are Walloon, none of them Flemish. The NIS code is the publisher's
// dct:identifier in the source's catalog record, or the municipality of
// the address register in skos:exactMatch.
//
// Pages are server-rendered, in Dutch unless the request asks for English
// (?lang=en or Accept-Language), one language per page; the tables have a
// caption and row and column headers.
//
// Layout:
//
//	compare.go   Compare: the cross-city table from SPARQL over a view
//	stats.go     median and quartiles
//	province.go  NIS code → province
//	web.go       the handlers: content negotiation, filters, JSON, CSV
//	text.go      the pages' words in Dutch and English
//	templates/   the HTML
package hub
