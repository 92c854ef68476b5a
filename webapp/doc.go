// Package webapp is the part of the site city staff work in: signing in,
// the self-assessment form at /evaluatie/nieuw (one fieldset per domain of
// the model, the levels labelled with the model's own descriptors), the
// upload of a filled-in sheet, the action plan at /evaluatie/plan and the
// administration of organisations and accounts at /beheer. It is routed
// beside the linked data (ldserver.Config.Apps), renders its pages in the
// site's frame (internal/htmlui) with the texts of package i18n, reads
// through a readview.Source and writes through a Writer; it never sees the
// store. Accounts, sessions and drafts are in package private's file,
// which no public path reads.
//
// Every publish is one atomic Writer.ReplaceGraphs of the graphs
// assess.BuildAssessment returns, after assess.CheckPublish: a new version,
// linked to the previous one by prov:wasRevisionOf.
//
//	app.go      Config, App, New, Routes
//	auth.go     who may do what: sessions, the edit token, truly local requests; the checks of every write
//	login.go    /login and /logout; the login's rate limit (limiter.go)
//	admin.go    /beheer: organisations and accounts
//	edit.go     the form, publishing and the sheet upload
//	form.go     the form's view model, pre-filling and validation
//	data.go     the organisations read for the form
//	plan.go     the action plan as a page, /evaluatie/plan?org=&year=
//	page.go     the pages' frame and templates (templates/)
package webapp
