// Package webapp is the part of the site city staff work in: the
// self-assessment form at /evaluatie/nieuw (one fieldset per domain of the
// model, the levels labelled with the model's own descriptors), the upload
// of a filled-in sheet, and the action plan at /evaluatie/plan. It is
// routed beside the linked data (ldserver.Config.Apps), renders its pages
// in the site's frame (internal/htmlui) with the texts of package i18n,
// reads through a readview.Source and writes through a Writer; it never
// sees the store.
//
// Every publish is one atomic Writer.ReplaceGraphs of the graphs
// assess.BuildAssessment returns, after assess.CheckPublish: a new version,
// linked to the previous one by prov:wasRevisionOf.
//
//	app.go     Config, App, New, Routes; the form, publishing and the sheet upload
//	access.go  who may edit: edit token or loopback, session cookie, cross-origin checks
//	form.go    the form's view model, pre-filling and validation
//	data.go    the organisations read for the form
//	plan.go    the action plan as a page, /evaluatie/plan?org=&year=
//	page.go    the pages' frame and templates (templates/)
package webapp
