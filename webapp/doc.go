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
// The dashboard reads only. Its addresses (DashboardPath builds the
// second; the linked-data pages link them once they are routed):
//
//	/dashboard                          the organisations with their years
//	/dashboard/{nis}/{year}             one organisation and year: maturity against need
//	                                    (radar), the gaps, the plan, the trend over the
//	                                    years, every organisation's median and spread per
//	                                    domain with the study's figures, and the evidence
//	                                    from the organisation's catalog beside the scores
//	/dashboard/{nis}                    302 to the latest year
//	/dashboard/{nis}/{year}/rapport     the printable report (?versie=N for an older version)
//	/dashboard/{nis}/{year}/scores.csv  the scores, one row per domain (?versie=N likewise)
//
// A successful publish sends the browser (303) to /dashboard/{nis}/{year}.
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
//	dashboard.go     the dashboard's routes, its view model and the index
//	dashdata.go      what the dashboard reads: assessments, peers, the evidence graph
//	dashevidence.go  the evidence beside the self-assessment (package evidence)
//	report.go        the printable report and the scores CSV
package webapp
