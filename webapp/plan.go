package webapp

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/private"
	"github.com/stadleuven/maturity/vocab"
)

// planView is the action plan as the plan page shows it.
type planView struct {
	Title, Method, Order string
	Items                []planItem // domains with a gap, largest first
	Rest                 string     // the domains without a gap, one line
	DocHref, EditHref    string
}

// planItem is one domain with a gap: why, where it stands, what to do.
type planItem struct {
	Rank                 int
	Domain, DomainHref   string
	Gap, Need, Maturity  string
	Why, Goal, Now, Next string
	Rationale            string
	Evidence             []string
	Actions              []planAction
	Involve              []link
	Audience             string
	Principles           []link
	Baseline             []link // the study's findings on this domain (assess.Recommendation.Baseline)
	LevelNow, LevelNext  int
	NameNow, NameNext    string
	MatPct, NeedPct      int // of the top of the scale, for the bars
}

// link is a hyperlink with its text.
type link struct{ Text, Href string }

// planAction is one of the model's actions for a domain.
type planAction struct{ Text, Name, Href string }

// servePlan shows the action plan of an organisation's current assessment
// for a year: GET /evaluatie/plan?org=NIS&year=YYYY.
func (s *App) servePlan(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	org := q.Get("org")
	year, err := strconv.Atoi(q.Get("year"))
	if !private.NIS(org) || err != nil || year < 2000 || year > 2100 {
		s.message(w, r, http.StatusBadRequest, "planBad")
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
	if next == 1 {
		s.site.Message(w, r, http.StatusNotFound, i18n.T(fc.lang, "planNone", org, year), true)
		return
	}
	p := s.page(r, fc.lang, fc.langParam, i18n.T(fc.lang, "planTitle"), nil)
	p.Plan = fc.planView(assess.NewPlan(fc.model, a), s.cfg.Writer != nil)
	p.Title = p.Plan.Title
	s.render(w, r, http.StatusOK, "editplan", p)
}

// planView turns a plan into page text, as assess.Plan.WriteText does for
// the terminal.
func (fc *formContext) planView(p *assess.Plan, editing bool) *planView {
	lang, a := fc.lang, p.Assessment
	name := a.OrgLabel.In(lang)
	if name == "" {
		name = a.Org
	}
	pv := &planView{
		Title:   i18n.T(lang, "planOf", name, a.Year, a.Version),
		Order:   i18n.T(lang, "planOrder"),
		DocHref: docHref(fc.site, vocab.Assessment(fc.base, a.Org, a.Year), fc),
	}
	if m, ok := p.Model.Methods[a.Method]; ok {
		pv.Method = m.In(lang)
	}
	if editing {
		pv.EditHref = fc.base + "evaluatie/nieuw?" + url.Values{"org": {a.Org}, "year": {strconv.Itoa(a.Year)}, "lang": {lang}}.Encode()
	}
	num := func(v float64) string { return fmtScore(v, lang) }
	level := func(n int) string { return p.Model.Scales["maturiteit"][n].In(lang) }
	var rest []string
	for _, r := range p.Items {
		sc := r.Score
		if sc.Gap() <= 0 {
			rest = append(rest, fmt.Sprintf("%s (%s %s, %s %s)", r.Domain.Label.In(lang),
				i18n.T(lang, "needShort"), num(sc.Need), i18n.T(lang, "maturityShort"), num(sc.Maturity)))
			continue
		}
		it := planItem{Rank: r.Rank, Domain: r.Domain.Label.In(lang), DomainHref: docHref(fc.site, r.Domain.IRI, fc),
			Gap: num(sc.Gap()), Need: num(sc.Need), Maturity: num(sc.Maturity),
			Why:       i18n.T(lang, "whyText", num(sc.Need), num(sc.Gap()), num(sc.Maturity)),
			Goal:      r.Domain.Definition.In(lang),
			Rationale: sc.Rationale, Evidence: sc.Evidence, Audience: r.Domain.AudienceText.In(lang)}
		it.MatPct, it.NeedPct = int(sc.Maturity*100/maxScore), int(sc.Need*100/maxScore)
		cur := int(math.Floor(sc.Maturity))
		it.LevelNow, it.NameNow, it.Now = cur, level(cur), r.Domain.Levels[cur].In(lang)
		if cur < maxScore {
			it.LevelNext, it.NameNext, it.Next = cur+1, level(cur+1), r.Domain.Levels[cur+1].In(lang)
		}
		for _, act := range r.Domain.Actions {
			it.Actions = append(it.Actions, planAction{Text: act.Description.In(lang), Name: act.Label.In(lang), Href: docHref(fc.site, act.IRI, fc)})
		}
		for _, pr := range r.Profiles {
			it.Involve = append(it.Involve, link{Text: pr.Label.In(lang), Href: docHref(fc.site, pr.IRI, fc)})
		}
		for _, pr := range r.Principles {
			it.Principles = append(it.Principles, link{Text: fmt.Sprintf("%d. %s", pr.Number, pr.Label.In(lang)),
				Href: fmt.Sprintf("%s#%d", vocab.Charter, pr.Number)})
		}
		for _, f := range r.Baseline {
			it.Baseline = append(it.Baseline, link{Text: p.Cite(f, lang), Href: docHref(fc.site, f.IRI, fc)})
		}
		pv.Items = append(pv.Items, it)
	}
	if len(rest) == 0 {
		rest = []string{i18n.T(lang, "restNone")}
	}
	pv.Rest = i18n.T(lang, "rest") + ": " + strings.Join(rest, "; ") + "."
	return pv
}

// fmtScore writes a score as people read it: "3", "3,5" in Dutch.
func fmtScore(v float64, lang string) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
