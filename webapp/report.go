package webapp

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/svgchart"
	"github.com/stadleuven/maturity/vocab"
)

// reportView is the printable report of one version of an assessment and
// its plan: what a city hands to its board. It fits on about four A4
// pages for eleven domains (templates/report.tmpl, the print rules of
// dashboard.css).
type reportView struct {
	Title                string
	Meta                 []fact
	Older                string // set when the version is not the current one
	Radar                template.HTML
	Scores               []scoreRow
	Peers                int
	Plan                 []planLine
	Rest                 string
	Source               string // the version's IRI, printed so the paper leads back to the data
	Links                []link
	Printed              string
	Licence, LicenceName string
	Order                string
	Standing             bool // the scores table has the comparison columns
	PeersNote            string
}

// serveReport answers GET /dashboard/{nis}/{year}/rapport[?versie=N].
func (s *App) serveReport(w http.ResponseWriter, r *http.Request, d *dashData, q *dashReq, gen uint64) {
	rv := s.reportView(d, q)
	c := s.chrome(q, rv.Title)
	s.renderDash(w, r, "report", &dashPage{Chrome: c, Report: rv}, gen, q.lang)
}

func (s *App) reportView(d *dashData, q *dashReq) *reportView {
	lang := q.lang
	a := d.shown
	name := orgName(d, lang)
	rv := &reportView{Title: i18n.T(lang, "reportTitle", name, d.year), Peers: len(d.peers),
		Source: vocab.AssessmentVersion(s.base.IRI, d.org, d.year, a.Version), Order: i18n.T(lang, "planOrder")}
	rv.Meta = append(rv.Meta, fact{Label: i18n.T(lang, "organisation"), Value: name + " (" + d.org + ")"},
		fact{Label: i18n.T(lang, "year"), Value: strconv.Itoa(d.year)},
		fact{Label: i18n.T(lang, "versionLabel"), Value: strconv.Itoa(a.Version)})
	if m, ok := d.model.Methods[a.Method]; ok {
		rv.Meta = append(rv.Meta, fact{Label: i18n.T(lang, "method"), Value: m.In(lang)})
	}
	if !a.Generated.IsZero() {
		rv.Meta = append(rv.Meta, fact{Label: i18n.T(lang, "published"), Value: longDate(a.Generated.Year(), int(a.Generated.Month()), a.Generated.Day(), lang)})
	}
	if a.Author != "" {
		rv.Meta = append(rv.Meta, fact{Label: i18n.T(lang, "filledInBy"), Value: a.Author})
	}
	if a.Version != d.current {
		rv.Older = i18n.T(lang, "reportOlder", a.Version, d.current)
	}
	rv.Scores = scoreRows(s, d, q)
	if rv.Standing = len(d.peers) > 1; rv.Standing {
		rv.PeersNote = i18n.T(lang, "reportPeers", len(d.peers), d.year)
	}
	var axes []string
	var mat, need []float64
	for _, r := range rv.Scores {
		axes = append(axes, r.Domain)
		mat = append(mat, r.MaturityNum)
		need = append(need, r.NeedNum)
	}
	radar := svgchart.Radar{ID: "radar", Title: i18n.T(lang, "radarTitle", name, d.year), Desc: radarDesc(d, lang), Axes: axes, Scale: scale15,
		Num:    func(v float64) string { return fmtScore(v, lang) },
		Series: []svgchart.Series{{Name: i18n.T(lang, "maturityCol"), Values: mat}, {Name: i18n.T(lang, "needCol"), Values: need}}}
	rv.Radar = radar.SVG()
	rv.Plan = s.planLines(d, q, 0)
	var rest []string
	for _, it := range d.plan.Items {
		if it.Score.Gap() <= 0 {
			rest = append(rest, it.Domain.Label.In(lang))
		}
	}
	if len(rest) > 0 {
		rv.Rest = i18n.T(lang, "rest") + ": " + strings.Join(rest, ", ") + "."
	}
	dash := s.base.URL(DashboardPath(d.org, d.year))
	csvURL := dash + "/scores.csv"
	if q.version > 0 {
		csvURL += "?versie=" + strconv.Itoa(q.version)
	}
	rv.Links = []link{{Text: i18n.T(lang, "dashTitleShort"), Href: q.link(dash)}, {Text: i18n.T(lang, "dashCSV"), Href: q.link(csvURL)}}
	rv.Printed = i18n.T(lang, "reportPrint")
	rv.Licence, rv.LicenceName = s.site.Licence(), htmlui.LicenceName(s.site.Licence())
	return rv
}

// longDate writes a date as people read it: "2 april 2025", "2 April 2025".
func longDate(y, m, d int, lang string) string {
	months := [2][]string{
		{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	}
	li := 0
	if lang == "en" {
		li = 1
	}
	return fmt.Sprintf("%d %s %d", d, months[li][m-1], y)
}

// serveScoresCSV answers GET /dashboard/{nis}/{year}/scores.csv: one row
// per domain in the model's order. The first columns are those of the
// self-assessment sheet (domein, maturiteit, nood, toelichting, bewijs),
// so the download can be filled in again and uploaded as next year's
// sheet; the header is English for an English request, which the sheet
// reader accepts too.
func (s *App) serveScoresCSV(w http.ResponseWriter, r *http.Request, d *dashData, q *dashReq, gen uint64) {
	body, err := scoresCSV(d, s.base.IRI, q.lang)
	if err != nil {
		s.log.ErrorContext(r.Context(), "scores csv", "err", err)
		s.site.Message(w, r, http.StatusInternalServerError, i18n.T(q.lang, "internal"), false)
		return
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="scores-%s-%d-v%d.csv"`, d.org, d.year, d.shown.Version))
	s.sendCached(w, r, "text/csv; charset=utf-8; header=present", fmt.Sprintf(`"c%d-%s-%d"`, gen, q.lang, d.shown.Version), body)
}

// csvHeader names the CSV's columns per language.
var csvHeader = map[string][]string{
	"nl": {"domein", "maturiteit", "nood", "toelichting", "bewijs", "kloof", "rang", "domeinnaam", "organisatie", "nis", "jaar", "versie", "evaluatie"},
	"en": {"domain", "maturity", "need", "rationale", "evidence", "gap", "rank", "domain_name", "organisation", "nis", "year", "version", "assessment"},
}

// scoresCSV writes the scores: UTF-8 with a byte order mark (so that
// Excel reads the accents right), comma-separated, numbers with a decimal
// point, every text cell guarded against formula injection (csvCell).
func scoresCSV(d *dashData, base, lang string) ([]byte, error) {
	if lang != "en" {
		lang = "nl"
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	if err := cw.Write(csvHeader[lang]); err != nil {
		return nil, err
	}
	a := d.shown
	rank := map[string]int{}
	for _, it := range d.plan.Items {
		rank[it.Domain.Slug] = it.Rank
	}
	name := orgName(d, lang)
	dec := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, dom := range d.model.Domains {
		sc, ok := scoreOf(a, dom.Slug)
		if !ok {
			continue
		}
		row := []string{dom.Slug, dec(sc.Maturity), dec(sc.Need), sc.Rationale, strings.Join(sc.Evidence, " "),
			dec(sc.Gap()), strconv.Itoa(rank[dom.Slug]), dom.Label.In(lang), name, d.org, strconv.Itoa(d.year),
			strconv.Itoa(a.Version), vocab.AssessmentVersion(base, d.org, d.year, a.Version)}
		for i := range row {
			row[i] = csvCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

// plainNumber matches the numbers the CSV writes itself.
var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// csvCell guards a cell against formula injection (OWASP, "CSV
// Injection"): a spreadsheet runs a cell that starts with =, +, -, @, a
// tab or a carriage return as a formula, so such a cell gets a leading
// apostrophe, which spreadsheets show as text. A plain number, such as a
// negative gap, is left as it is: it is no formula and must stay a number.
func csvCell(s string) string {
	if s == "" || plainNumber.MatchString(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
