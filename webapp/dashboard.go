package webapp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/internal/svgchart"
	"github.com/stadleuven/maturity/private"
	"github.com/stadleuven/maturity/vocab"
)

// The dashboard's addresses (see doc.go): every page reads, none writes.
//
//	/dashboard                            the organisations and their years
//	/dashboard/{nis}                      → 302 to the latest year
//	/dashboard/{nis}/{year}               the dashboard
//	/dashboard/{nis}/{year}/rapport       the printable report (?versie=N: an older version)
//	/dashboard/{nis}/{year}/scores.csv    the scores as CSV (?versie=N likewise)
func (s *App) dashboardRoutes(r chi.Router) {
	get(r, "/dashboard", s.serveDashboardIndex)
	get(r, "/dashboard/{org}", s.serveDashboardOrg)
	get(r, "/dashboard/{org}/{year}", s.dashHandler(true, false, s.serveDashboard))
	get(r, "/dashboard/{org}/{year}/rapport", s.dashHandler(true, true, s.serveReport))
	get(r, "/dashboard/{org}/{year}/scores.csv", s.dashHandler(false, true, s.serveScoresCSV))
}

// dashHandler parses a request for an organisation and year, reads its
// data and hands both to serve; peers says whether the other
// organisations are read too, versions whether ?versie= may name an older
// version (the dashboard compares current versions only).
func (s *App) dashHandler(peers, versions bool, serve func(http.ResponseWriter, *http.Request, *dashData, *dashReq, uint64)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q, ok := s.parseDashReq(w, r, peers)
		if !ok {
			return
		}
		if q.version > 0 && !versions {
			s.site.Message(w, r, http.StatusBadRequest, i18n.T(q.lang, "dashBad"), false)
			return
		}
		d, gen, ok := s.loadDashReq(w, r, q)
		if !ok {
			return
		}
		serve(w, r, d, q, gen)
	}
}

// DashboardPath is the path (below the base) of an organisation's
// dashboard for a year: where the form sends the browser after publishing,
// and what the linked-data pages link to.
func DashboardPath(org string, year int) string {
	return "dashboard/" + org + "/" + strconv.Itoa(year)
}

// dashboardURL is the dashboard of org's assessment for year, in the
// form's language when the URL chose it.
func (s *App) dashboardURL(org string, year int, fc *formContext) string {
	u := s.base.URL(DashboardPath(org, year))
	if fc != nil && fc.langParam {
		u += "?lang=" + fc.lang
	}
	return u
}

// planDetailed is how many of the plan's domains the dashboard shows with
// their next step and actions; the others are a line each.
const planDetailed = 3

// scale15 is the maturity and need scale of the charts: 0 at the centre
// or the left, so that a 1 is still visible, gridlines at the levels.
var scale15 = svgchart.Scale{Min: 0, Max: 5, Ticks: []float64{1, 2, 3, 4, 5}}

// dashPage is the data of the dashboard templates: the site's frame and
// the page's own model.
type dashPage struct {
	htmlui.Chrome
	D      *dashView
	Report *reportView
	Index  *dashIndex
}

// dashReq is a request for one organisation and year, parsed.
type dashReq struct {
	org             string
	year, version   int
	lang            string
	langParam       bool
	withPeers       bool
	path, langQuery string
}

// parseDashReq reads the organisation, year and version of a request,
// answering 400 itself when they are malformed.
func (s *App) parseDashReq(w http.ResponseWriter, r *http.Request, withPeers bool) (*dashReq, bool) {
	q := &dashReq{org: chi.URLParam(r, "org"), withPeers: withPeers, path: httpx.RequestPath(r)}
	q.lang, q.langParam = s.site.PickLang(r)
	if q.langParam {
		q.langQuery = "lang=" + q.lang
	}
	y, err := strconv.Atoi(chi.URLParam(r, "year"))
	q.year = y
	bad := !private.NIS(q.org) || err != nil || y < 2000 || y > 2100
	if v := r.URL.Query().Get("versie"); v != "" {
		q.version, err = strconv.Atoi(v)
		bad = bad || err != nil || q.version < 1
	}
	if bad {
		s.site.Message(w, r, http.StatusBadRequest, i18n.T(q.lang, "dashBad"), false)
		return nil, false
	}
	return q, true
}

// load reads the request's data from a fresh view, answering 404, 503 or
// 500 itself on failure. It returns the view's generation for the ETag.
func (s *App) loadDashReq(w http.ResponseWriter, r *http.Request, q *dashReq) (*dashData, uint64, bool) {
	v, err := s.src.View(r.Context())
	if err != nil {
		s.log.ErrorContext(r.Context(), "open view", "err", err)
		s.site.Message(w, r, http.StatusServiceUnavailable, i18n.T(q.lang, "unavailable"), false)
		return nil, 0, false
	}
	defer v.Close()
	gen := v.Generation()
	d, err := loadDash(r.Context(), v, s.base.IRI, q.org, q.year, q.version, q.withPeers)
	switch {
	case errors.Is(err, errNoAssessment):
		msg := i18n.T(q.lang, "planNone", q.org, q.year)
		if q.version > 0 {
			msg = i18n.T(q.lang, "dashNoVersion", q.version, q.org, q.year)
		}
		s.site.Message(w, r, http.StatusNotFound, msg, false)
		return nil, 0, false
	case errors.Is(err, context.DeadlineExceeded):
		s.site.Message(w, r, http.StatusServiceUnavailable, i18n.T(q.lang, "timeout"), false)
		return nil, 0, false
	case err != nil:
		s.log.ErrorContext(r.Context(), "dashboard", "org", q.org, "year", q.year, "err", err)
		s.site.Message(w, r, http.StatusInternalServerError, i18n.T(q.lang, "internal"), false)
		return nil, 0, false
	}
	return d, gen, true
}

// serveDashboard answers GET /dashboard/{nis}/{year}.
func (s *App) serveDashboard(w http.ResponseWriter, r *http.Request, d *dashData, q *dashReq, gen uint64) {
	dv := s.dashView(d, q)
	c := s.chrome(q, dv.Title)
	s.renderDash(w, r, "dashboard", &dashPage{Chrome: c, D: dv}, gen, q.lang)
}

// chrome is the frame of a dashboard page, with its style sheet.
func (s *App) chrome(q *dashReq, title string) htmlui.Chrome {
	c := s.site.Chrome(q.lang, q.langParam, title, q.path)
	c.StyleSheets = []string{s.site.CSS("dashboard.css")}
	if q.version > 0 {
		c.LangSwitch = s.base.URL(q.path) + "?" + url.Values{"versie": {strconv.Itoa(q.version)}, "lang": {htmlui.Other(q.lang)}}.Encode()
	}
	return c
}

// renderDash executes a dashboard template and sends the page. The pages change only
// when the data does: the ETag is the view's generation with the language
// and the version of the templates, so a browser revalidates cheaply.
func (s *App) renderDash(w http.ResponseWriter, r *http.Request, name string, p *dashPage, gen uint64, lang string) {
	var buf bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&buf, name, p); err != nil {
		s.log.ErrorContext(r.Context(), "render "+name, "err", err)
		s.site.Message(w, r, http.StatusInternalServerError, i18n.T(lang, "internal"), false)
		return
	}
	own, _ := htmlui.Hash(templateFS, "templates")
	s.sendCached(w, r, "text/html; charset=utf-8", fmt.Sprintf(`"d%d-%s-%s%s"`, gen, lang, s.site.Version(), own), buf.Bytes())
}

// sendCached sends body with an ETag, answering 304 to a matching
// If-None-Match.
func (s *App) sendCached(w http.ResponseWriter, r *http.Request, ctype, etag string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Accept-Language")
	h.Set("ETag", etag)
	if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// link adds the page's ?lang= to u when the language came from the URL.
func (q *dashReq) link(u string) string {
	if q.langQuery == "" {
		return u
	}
	if strings.Contains(u, "?") {
		return u + "&" + q.langQuery
	}
	return u + "?" + q.langQuery
}

// doc is the local page of an IRI (a model resource's mirror, or one of
// ours), in the page's language.
func (s *App) doc(q *dashReq, iri string) string {
	u, ok := s.base.DocURL(iri)
	if !ok {
		return iri
	}
	return q.link(u)
}

// dashView is the dashboard as the template shows it.
type dashView struct {
	Title, OrgName, Org string
	Year, Version       int
	Intro               string
	Years               []yearLink
	Links               []link
	Facts               []fact
	Radar               template.HTML
	RadarCaption        string
	Scores              []scoreRow
	Plan, PlanRest      []planLine // the first planDetailed in full, the rest in a table
	PlanHref, NoGap     string
	Trend               template.HTML
	TrendYears          []string
	TrendRows           []trendRow
	TrendNote           string
	Compare             template.HTML
	CompareRows         []compareRow
	CompareIntro        string
	Evidence            *evidenceView
	EvidenceNone        string
}

// yearLink is one year of the organisation's, linked unless it is shown.
type yearLink struct {
	Year    int
	Href    string
	Current bool
}

// fact is one key figure of the summary; Name marks a value that is a
// name rather than a number.
type fact struct {
	Label, Value, Note string
	Name               bool
}

// scoreRow is one domain's scores.
type scoreRow struct {
	Domain, Href          string
	Maturity, Need, Gap   string
	MatLevel, NeedLevel   string
	GapClass              string // "pos" for a gap, "none" for none
	Rationale             string
	Median, Standing      string // beside the other organisations (report)
	StandingClass, Rank   string
	MaturityNum, NeedNum  float64
	GapNum                float64
	EvidenceURLs          []string
	RationaleShort        string
	DomainSlug, DomainIRI string
}

// planLine is one domain with a gap, in the plan's order.
type planLine struct {
	Rank                 int
	Domain, Href, Gap    string
	Next, NextName, Why  string
	Actions              []string
	Involve              []link
	Anchor               string
	Rationale            string
	Maturity, Need, Goal string
}

// trendRow is one domain's maturity and need per year.
type trendRow struct {
	Domain string
	Cells  []string
	Mean   bool
}

// compareRow is one domain beside the other organisations.
type compareRow struct {
	Domain, Href                string
	Value, Median, Middle, Span string
	Standing, StandingClass     string
	Study                       []link
	StudyMore                   int
	StudyHref                   string
}

// dashView builds the dashboard from the data, in the request's language.
func (s *App) dashView(d *dashData, q *dashReq) *dashView {
	lang := q.lang
	num := func(v float64) string { return fmtScore(v, lang) }
	a := d.shown
	name := orgName(d, lang)
	v := &dashView{
		Title:   i18n.T(lang, "dashTitle", name, d.year),
		OrgName: name, Org: d.org, Year: d.year, Version: a.Version,
	}
	v.Intro = i18n.T(lang, "dashIntro", a.Version)
	if m, ok := d.model.Methods[a.Method]; ok {
		v.Intro = i18n.T(lang, "dashIntroMethod", a.Version, strings.ToLower(m.In(lang)))
	}
	if a.Partial {
		// The data records that some domains were left out on purpose.
		v.Intro += " · " + i18n.T(lang, "partialShort")
	}
	for _, y := range d.years {
		v.Years = append(v.Years, yearLink{Year: y.Year, Href: q.link(s.base.URL(DashboardPath(d.org, y.Year))), Current: y.Year == d.year})
	}
	v.Links = s.dashLinks(d, q)
	v.Scores = scoreRows(s, d, q)
	v.Facts = facts(d, lang)

	// Maturity against need, on the radar.
	var axes []string
	var mat, need []float64
	for _, r := range v.Scores {
		axes = append(axes, r.Domain)
		mat = append(mat, r.MaturityNum)
		need = append(need, r.NeedNum)
	}
	radar := svgchart.Radar{ID: "radar", Title: i18n.T(lang, "radarTitle", name, d.year), Axes: axes, Scale: scale15, Num: num,
		Series: []svgchart.Series{{Name: i18n.T(lang, "maturityCol"), Values: mat}, {Name: i18n.T(lang, "needCol"), Values: need}}}
	radar.Desc = radarDesc(d, lang)
	v.Radar = radar.SVG()
	v.RadarCaption = radar.Desc

	// The plan: the domains with a gap, largest first.
	v.Plan = s.planLines(d, q, 2)
	if len(v.Plan) > planDetailed {
		v.PlanRest = v.Plan[planDetailed:]
		v.Plan = v.Plan[:planDetailed]
	}
	v.PlanHref = q.link(s.base.URL("evaluatie/plan") + "?" + url.Values{"org": {d.org}, "year": {strconv.Itoa(d.year)}}.Encode())
	if len(v.Plan) == 0 {
		v.NoGap = i18n.T(lang, "dashNoGap")
	}

	s.trend(v, d, lang)
	s.compare(v, d, q)
	v.Evidence = s.evidenceView(d, q)
	if v.Evidence == nil {
		v.EvidenceNone = i18n.T(lang, "evNone", d.org, d.year)
	}
	return v
}

// orgName is the organisation's name in lang, else its NIS code.
func orgName(d *dashData, lang string) string {
	if n := d.orgLabel.In(lang); n != "" {
		return n
	}
	return d.org
}

// dashLinks are the ways on from the dashboard.
func (s *App) dashLinks(d *dashData, q *dashReq) []link {
	lang := q.lang
	base := s.base.URL(DashboardPath(d.org, d.year))
	ls := []link{
		{Text: i18n.T(lang, "dashReport"), Href: q.link(base + "/rapport")},
		{Text: i18n.T(lang, "dashCSV"), Href: q.link(base + "/scores.csv")},
		{Text: i18n.T(lang, "dashDoc"), Href: s.doc(q, vocab.Assessment(s.base.IRI, d.org, d.year))},
		{Text: i18n.T(lang, "dashOrg"), Href: s.doc(q, vocab.Organisation(s.base.IRI, d.org))},
	}
	if s.cfg.Writer != nil {
		ls = append(ls, link{Text: i18n.T(lang, "newVersion"), Href: q.link(s.base.URL("evaluatie/nieuw") + "?" + url.Values{"org": {d.org}, "year": {strconv.Itoa(d.year)}}.Encode())})
	}
	return ls
}

// scoreRows lists the shown assessment's scores in the model's order of
// domains, with the level names and, when the other organisations were
// read, the median and where this one stands.
func scoreRows(s *App, d *dashData, q *dashReq) []scoreRow {
	lang := q.lang
	num := func(v float64) string { return fmtScore(v, lang) }
	rank := map[string]int{}
	for _, it := range d.plan.Items {
		rank[it.Domain.Slug] = it.Rank
	}
	bench := map[string]assess.DomainSpread{}
	for _, b := range d.bench {
		bench[b.Domain] = b
	}
	var out []scoreRow
	for _, dom := range d.model.Domains {
		sc, ok := scoreOf(d.shown, dom.Slug)
		if !ok {
			continue
		}
		r := scoreRow{Domain: dom.Label.In(lang), Href: s.doc(q, dom.IRI), DomainSlug: dom.Slug, DomainIRI: dom.IRI,
			Maturity: num(sc.Maturity), Need: num(sc.Need), Gap: signed(sc.Gap(), lang),
			MaturityNum: sc.Maturity, NeedNum: sc.Need, GapNum: sc.Gap(), Rationale: sc.Rationale, EvidenceURLs: sc.Evidence,
			MatLevel: levelName(d.model, "maturiteit", sc.Maturity, lang), NeedLevel: levelName(d.model, "nood", sc.Need, lang),
			GapClass: "none", Rank: strconv.Itoa(rank[dom.Slug])}
		if sc.Gap() > 0 {
			r.GapClass = "pos"
		}
		r.RationaleShort = shorten(sc.Rationale, 140)
		if b, ok := bench[dom.Slug]; ok && b.Maturity.N > 1 {
			r.Median = fmtScore(math.Round(b.Maturity.Median*10)/10, lang)
			r.Standing, r.StandingClass = standing(b.Maturity, sc.Maturity, lang)
		}
		out = append(out, r)
	}
	return out
}

// scoreOf finds a domain's score in an assessment.
func scoreOf(a *assess.Assessment, slug string) (assess.Score, bool) {
	for _, s := range a.Scores {
		if s.Domain == slug {
			return s, true
		}
	}
	return assess.Score{}, false
}

// levelName is the name of the level a score reaches on a scale
// ("Herhaalbaar"), for a score between levels the lower one's.
func levelName(m *vocab.Model, scale string, v float64, lang string) string {
	return m.Scales[scale][int(math.Floor(v))].In(lang)
}

// signed writes a gap with its sign: "+2", "0", "−1".
func signed(v float64, lang string) string {
	switch {
	case v > 0:
		return "+" + fmtScore(v, lang)
	case v < 0:
		return "−" + fmtScore(-v, lang)
	}
	return "0"
}

// shorten cuts s at a word boundary to at most n runes, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// standing says in words where v lies among the organisations.
func standing(sp assess.Spread, v float64, lang string) (text, class string) {
	switch sp.Standing(v) {
	case -2:
		return i18n.T(lang, "standLowest"), "low"
	case -1:
		return i18n.T(lang, "standBelow"), "below"
	case 1:
		return i18n.T(lang, "standAbove"), "above"
	case 2:
		return i18n.T(lang, "standHighest"), "high"
	}
	return i18n.T(lang, "standAt"), "at"
}

// facts are the key figures above the charts.
func facts(d *dashData, lang string) []fact {
	num := func(v float64) string { return fmtScore(v, lang) }
	var sumM, sumN float64
	gaps := 0
	for _, sc := range d.shown.Scores {
		sumM += sc.Maturity
		sumN += sc.Need
		if sc.Gap() > 0 {
			gaps++
		}
	}
	n := float64(len(d.shown.Scores))
	fs := []fact{
		{Label: i18n.T(lang, "factMaturity"), Value: num(math.Round(sumM/n*10) / 10), Note: i18n.T(lang, "factOf5")},
		{Label: i18n.T(lang, "factNeed"), Value: num(math.Round(sumN/n*10) / 10), Note: i18n.T(lang, "factOf5")},
		{Label: i18n.T(lang, "factGaps"), Value: strconv.Itoa(gaps), Note: i18n.T(lang, "factOfDomains", len(d.shown.Scores))},
	}
	if len(d.plan.Items) > 0 && d.plan.Items[0].Score.Gap() > 0 {
		top := d.plan.Items[0]
		fs = append(fs, fact{Label: i18n.T(lang, "factTopGap"), Value: top.Domain.Label.In(lang), Name: true, Note: i18n.T(lang, "gap") + " " + signed(top.Score.Gap(), lang)})
	}
	if len(d.peers) > 1 {
		above := 0
		for _, b := range d.bench {
			if sc, ok := scoreOf(d.shown, b.Domain); ok && b.Maturity.N > 1 && sc.Maturity > b.Maturity.Median {
				above++
			}
		}
		fs = append(fs, fact{Label: i18n.T(lang, "factAbove"), Value: strconv.Itoa(above), Note: i18n.T(lang, "factPeers", len(d.bench), len(d.peers))})
	}
	return fs
}

// radarDesc says in words what the radar shows: the text alternative.
func radarDesc(d *dashData, lang string) string {
	num := func(v float64) string { return fmtScore(v, lang) }
	desc := i18n.T(lang, "radarDesc", len(d.shown.Scores))
	var big []string
	for _, it := range d.plan.Items {
		if it.Score.Gap() <= 0 || len(big) == 3 {
			break
		}
		big = append(big, i18n.T(lang, "radarGap", it.Domain.Label.In(lang), num(it.Score.Need), num(it.Score.Maturity)))
	}
	if len(big) > 0 {
		desc += " " + i18n.T(lang, "radarBiggest", strings.Join(big, "; "))
	} else {
		desc += " " + i18n.T(lang, "dashNoGap")
	}
	return desc + " " + i18n.T(lang, "chartTable")
}

// planLines lists the domains with a gap in the plan's order, each with
// its next level and up to maxActions of the model's actions (all when 0).
func (s *App) planLines(d *dashData, q *dashReq, maxActions int) []planLine {
	lang := q.lang
	num := func(v float64) string { return fmtScore(v, lang) }
	var out []planLine
	for _, it := range d.plan.Items {
		sc := it.Score
		if sc.Gap() <= 0 {
			continue
		}
		pl := planLine{Rank: it.Rank, Domain: it.Domain.Label.In(lang), Href: s.doc(q, it.Domain.IRI), Gap: signed(sc.Gap(), lang),
			Anchor: "aanbeveling-" + strconv.Itoa(it.Rank), Maturity: num(sc.Maturity), Need: num(sc.Need),
			Why: i18n.T(lang, "whyText", num(sc.Need), num(sc.Gap()), num(sc.Maturity)), Rationale: sc.Rationale,
			Goal: it.Domain.Definition.In(lang)}
		cur := int(math.Floor(sc.Maturity))
		if cur < 5 {
			pl.NextName = i18n.T(lang, "levelN", cur+1, d.model.Scales["maturiteit"][cur+1].In(lang))
			pl.Next = it.Domain.Levels[cur+1].In(lang)
		} else {
			pl.Next = i18n.T(lang, "top")
		}
		for i, act := range it.Domain.Actions {
			if maxActions > 0 && i == maxActions {
				break
			}
			pl.Actions = append(pl.Actions, act.Description.In(lang))
		}
		for _, pr := range it.Profiles {
			pl.Involve = append(pl.Involve, link{Text: pr.Label.In(lang), Href: s.doc(q, pr.IRI)})
		}
		out = append(out, pl)
	}
	return out
}

// trend fills in the organisation's years: the mean maturity and need per
// year as a line, every domain per year in the table.
func (s *App) trend(v *dashView, d *dashData, lang string) {
	num := func(x float64) string { return fmtScore(x, lang) }
	mean := func(a *assess.Assessment, need bool) float64 {
		t := 0.0
		for _, sc := range a.Scores {
			if need {
				t += sc.Need
			} else {
				t += sc.Maturity
			}
		}
		return math.Round(t/float64(len(a.Scores))*10) / 10
	}
	var mat, need []float64
	var steps []string
	for _, a := range d.years {
		steps = append(steps, strconv.Itoa(a.Year))
		mat = append(mat, mean(a, false))
		need = append(need, mean(a, true))
	}
	v.TrendYears = steps
	var parts []string
	for i := range steps {
		parts = append(parts, i18n.T(lang, "trendPoint", steps[i], num(mat[i]), num(need[i])))
	}
	line := svgchart.Line{ID: "trend", Title: i18n.T(lang, "trendTitle", v.OrgName), Steps: steps, Scale: scale15, Num: num,
		Desc:   i18n.T(lang, "trendDesc", strings.Join(parts, "; ")) + " " + i18n.T(lang, "chartTable"),
		Series: []svgchart.Series{{Name: i18n.T(lang, "meanMaturity"), Values: mat}, {Name: i18n.T(lang, "meanNeed"), Values: need}}}
	v.Trend = line.SVG()
	if len(d.years) < 2 {
		v.TrendNote = i18n.T(lang, "trendOne", d.year)
	}
	for _, dom := range d.model.Domains {
		row := trendRow{Domain: dom.Label.In(lang)}
		for _, a := range d.years {
			cell := "–"
			if sc, ok := scoreOf(a, dom.Slug); ok {
				cell = num(sc.Maturity) + " / " + num(sc.Need)
			}
			row.Cells = append(row.Cells, cell)
		}
		v.TrendRows = append(v.TrendRows, row)
	}
	row := trendRow{Domain: i18n.T(lang, "meanRow"), Mean: true}
	for i := range d.years {
		row.Cells = append(row.Cells, num(mat[i])+" / "+num(need[i]))
	}
	v.TrendRows = append(v.TrendRows, row)
}

// compare sets the organisation beside every organisation that published
// an assessment for the year: per domain the spread of maturity, where
// this one stands, and what the study measured on the domain.
func (s *App) compare(v *dashView, d *dashData, q *dashReq) {
	lang := q.lang
	num := func(x float64) string { return fmtScore(x, lang) }
	stat := func(x float64) string { return fmtScore(math.Round(x*10)/10, lang) }
	v.CompareIntro = i18n.T(lang, "compareIntro", len(d.peers), d.year)
	if len(d.peers) < 2 {
		v.CompareIntro = i18n.T(lang, "compareAlone", d.year)
	}
	var cats []string
	var boxes []svgchart.Box
	var vals []float64
	above, below := 0, 0
	for _, b := range d.bench {
		dom, _ := d.model.Domain(b.Domain)
		sc, ok := scoreOf(d.shown, b.Domain)
		if !ok {
			continue
		}
		row := compareRow{Domain: dom.Label.In(lang), Href: s.doc(q, dom.IRI), Value: num(sc.Maturity)}
		if b.Maturity.N > 0 {
			m := b.Maturity
			row.Median = stat(m.Median)
			row.Middle = "–"
			if m.N >= svgchart.MinBox {
				row.Middle = stat(m.Q1) + "–" + stat(m.Q3)
			}
			row.Span = num(m.Min) + "–" + num(m.Max)
			if m.N > 1 {
				row.Standing, row.StandingClass = standing(m, sc.Maturity, lang)
				switch {
				case sc.Maturity > m.Median:
					above++
				case sc.Maturity < m.Median:
					below++
				}
			}
		}
		fs := studyFigures(d.model, dom)
		for i, f := range fs {
			if i == 2 {
				row.StudyMore = len(fs) - 2
				row.StudyHref = s.doc(q, dom.IRI)
				break
			}
			row.Study = append(row.Study, link{Text: studyText(f, lang), Href: s.doc(q, f.IRI)})
		}
		v.CompareRows = append(v.CompareRows, row)
		cats = append(cats, row.Domain)
		boxes = append(boxes, svgchart.Box{N: b.Maturity.N, Min: b.Maturity.Min, Q1: b.Maturity.Q1, Median: b.Maturity.Median, Q3: b.Maturity.Q3, Max: b.Maturity.Max})
		vals = append(vals, sc.Maturity)
	}
	if len(d.peers) < 2 {
		return
	}
	ch := svgchart.Ranges{ID: "vergelijking", Title: i18n.T(lang, "compareTitle", v.OrgName, len(d.peers), d.year),
		Categories: cats, Boxes: boxes, Values: vals, Scale: scale15, Num: stat,
		ValueName: v.OrgName, MedianName: i18n.T(lang, "median"), BoxName: i18n.T(lang, "middleHalf"), RangeName: i18n.T(lang, "lowHigh")}
	ch.Desc = i18n.T(lang, "compareDesc", len(d.peers), d.year, v.OrgName, above, below) + " " + i18n.T(lang, "chartTable")
	v.Compare = ch.SVG()
}

// studyFigures are the study's findings on a domain, everyone's first:
// the figures the study measured that bear on it.
func studyFigures(m *vocab.Model, dom *vocab.DomainDef) []vocab.Finding {
	fs := m.FindingsFor(dom.Slug, nil)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].GroupOrder < fs[j].GroupOrder })
	return fs
}

// studyText is a finding as one short line: "Positieve attitude: 79 %
// (alle respondenten)"; its page says how it was measured.
func studyText(f vocab.Finding, lang string) string {
	pct := f.Percentage
	if lang != "en" {
		pct = strings.Replace(pct, ".", ",", 1)
	}
	return f.Indicator.In(lang) + ": " + pct + " % (" + strings.ToLower(f.GroupLabel.In(lang)) + ")"
}

// dashIndex lists the organisations with published assessments.
type dashIndex struct {
	Orgs []indexOrg
}

type indexOrg struct {
	Name, Href string
	Years      []yearLink
}

// serveDashboardIndex answers GET /dashboard: every organisation with a
// published assessment and its years.
func (s *App) serveDashboardIndex(w http.ResponseWriter, r *http.Request) {
	lang, langParam := s.site.PickLang(r)
	q := &dashReq{lang: lang, langParam: langParam, path: httpx.RequestPath(r)}
	if langParam {
		q.langQuery = "lang=" + lang
	}
	v, err := s.src.View(r.Context())
	if err != nil {
		s.site.Message(w, r, http.StatusServiceUnavailable, i18n.T(lang, "unavailable"), false)
		return
	}
	defer v.Close()
	all, err := assess.ListPublished(r.Context(), v, s.base.IRI)
	if err != nil {
		s.log.ErrorContext(r.Context(), "dashboard index", "err", err)
		s.site.Message(w, r, http.StatusInternalServerError, i18n.T(lang, "internal"), false)
		return
	}
	idx := &dashIndex{}
	byOrg := map[string]*indexOrg{}
	for _, p := range all {
		o := byOrg[p.Org]
		if o == nil {
			names, err := assess.OrgLabel(r.Context(), v, s.base.IRI, p.Org)
			if err != nil {
				s.log.ErrorContext(r.Context(), "dashboard index", "err", err)
				s.site.Message(w, r, http.StatusInternalServerError, i18n.T(lang, "internal"), false)
				return
			}
			name := names.In(lang)
			if name == "" {
				name = p.Org
			}
			o = &indexOrg{Name: name + " (" + p.Org + ")"}
			byOrg[p.Org] = o
		}
		o.Years = append(o.Years, yearLink{Year: p.Year, Href: q.link(s.base.URL(DashboardPath(p.Org, p.Year)))})
		o.Href = o.Years[len(o.Years)-1].Href
	}
	for _, o := range byOrg {
		idx.Orgs = append(idx.Orgs, *o)
	}
	sort.Slice(idx.Orgs, func(i, j int) bool { return idx.Orgs[i].Name < idx.Orgs[j].Name })
	c := s.chrome(q, i18n.T(lang, "dashIndexTitle"))
	gen := v.Generation()
	v.Close() // before the page goes out: a slow client holds no read transaction
	s.renderDash(w, r, "dashindex", &dashPage{Chrome: c, Index: idx}, gen, lang)
}

// serveDashboardOrg answers GET /dashboard/{nis} with a redirect to the
// organisation's latest year.
func (s *App) serveDashboardOrg(w http.ResponseWriter, r *http.Request) {
	lang, langParam := s.site.PickLang(r)
	org := chi.URLParam(r, "org")
	if !private.NIS(org) {
		s.site.Message(w, r, http.StatusBadRequest, i18n.T(lang, "dashBad"), false)
		return
	}
	v, err := s.src.View(r.Context())
	if err != nil {
		s.site.Message(w, r, http.StatusServiceUnavailable, i18n.T(lang, "unavailable"), false)
		return
	}
	all, err := assess.ListPublished(r.Context(), v, s.base.IRI)
	v.Close()
	if err != nil {
		s.log.ErrorContext(r.Context(), "dashboard", "org", org, "err", err)
		s.site.Message(w, r, http.StatusInternalServerError, i18n.T(lang, "internal"), false)
		return
	}
	latest := 0
	for _, p := range all {
		if p.Org == org && p.Year > latest {
			latest = p.Year
		}
	}
	if latest == 0 {
		s.site.Message(w, r, http.StatusNotFound, i18n.T(lang, "dashNoOrg", org), false)
		return
	}
	u := s.base.URL(DashboardPath(org, latest))
	if langParam {
		u += "?lang=" + lang
	}
	http.Redirect(w, r, u, http.StatusFound)
}
