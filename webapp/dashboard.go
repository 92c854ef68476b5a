package webapp

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/private"
	"github.com/stadleuven/maturity/vocab"
)

// The dashboard of an organisation and year, /dashboard/{nis}/{year}: where
// an editor lands after publishing, and what the landing page and the
// organisation's page link. This is the slot the dashboard fills (a radar
// chart of maturity against need, the gaps, the plan, the trend over the
// years, the comparison with every published organisation and the study,
// all as server-side SVG with data tables): for now it shows the scores
// as a table and links the assessment, the plan and the form.
//
// dashboardView is what the page shows.
type dashboardView struct {
	Title, Org      string
	Year, Version   int
	Rows            []dashboardRow
	Doc, Plan, Edit string
	Partial         bool
}

type dashboardRow struct {
	Domain, Href        string
	Maturity, Need, Gap string
}

// dashboardURL is the dashboard of org's assessment for year.
func (s *App) dashboardURL(org string, year int, fc *formContext) string {
	u := s.base.URL("dashboard/" + org + "/" + strconv.Itoa(year))
	if fc != nil && fc.langParam {
		u += "?lang=" + fc.lang
	}
	return u
}

// serveDashboard shows the dashboard of an organisation's current
// assessment for a year. It is public, as the data is.
func (s *App) serveDashboard(w http.ResponseWriter, r *http.Request) {
	org := chi.URLParam(r, "nis")
	year, err := strconv.Atoi(chi.URLParam(r, "year"))
	if !private.NIS(org) || err != nil {
		s.message(w, r, http.StatusNotFound, "notFound")
		return
	}
	fc, ok := s.formContext(w, r)
	if !ok {
		return
	}
	v, ok := s.view(w, r)
	if !ok {
		return
	}
	next, err := assess.NextAssessmentVersion(r.Context(), v, s.base.IRI, org, year)
	var a *assess.Assessment
	if err == nil && next > 1 {
		a, err = assess.LoadAssessment(r.Context(), v, s.base.IRI, org, year)
	}
	v.Close()
	if err != nil {
		s.failed(w, r, err)
		return
	}
	if a == nil {
		s.site.Message(w, r, http.StatusNotFound, i18n.T(fc.lang, "planNone", org, year), false)
		return
	}
	lang := fc.lang
	name := a.OrgLabel.In(lang)
	if name == "" {
		name = org
	}
	dv := &dashboardView{Title: i18n.T(lang, "dashboardOf", name, year), Org: org, Year: year, Version: a.Version, Partial: a.Partial,
		Doc:  docHref(fc.site, vocab.Assessment(s.base.IRI, org, year), fc),
		Plan: fc.planURL(org, year)}
	if s.cfg.Writer != nil {
		dv.Edit = s.base.URL("evaluatie/nieuw") + "?" + url.Values{"org": {org}, "year": {strconv.Itoa(year)}}.Encode()
	}
	scored := map[string]assess.Score{}
	for _, sc := range a.Scores {
		scored[sc.Domain] = sc
	}
	for _, d := range fc.model.Domains {
		row := dashboardRow{Domain: d.Label.In(lang), Href: docHref(fc.site, d.IRI, fc), Maturity: "–", Need: "–", Gap: "–"}
		if sc, ok := scored[d.Slug]; ok {
			row.Maturity, row.Need, row.Gap = fmtScore(sc.Maturity, lang), fmtScore(sc.Need, lang), fmtScore(sc.Gap(), lang)
		}
		dv.Rows = append(dv.Rows, row)
	}
	u, _ := s.identify(w, r)
	p := s.page(r, lang, fc.langParam, dv.Title, u)
	p.Dashboard = dv
	s.render(w, r, http.StatusOK, "dashboard", p)
}
