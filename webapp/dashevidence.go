package webapp

import (
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/evidence"
	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/svgchart"
)

// evidenceView is the organisation's catalog, measured, beside its
// self-assessment: per domain the evidence bears on, the self-assessed
// maturity, the level the catalog's indicators reach on the same scale
// and what they are, and the disagreements evidence.Compare finds.
type evidenceView struct {
	Date, Intro          string
	Catalog, ReportHref  string
	Chart                template.HTML
	Rows                 []evidenceRow
	Findings             []string
	NoFinding, Formats   string
	Datasets             int
	Checked              bool
	MethodNote, LevelKey string
}

// evidenceRow is one domain.
type evidenceRow struct {
	Domain, Href         string
	Self, Level, Weakest string
	Basis                []evidenceBasis
	Disagrees            bool
	SelfNum, LevelNum    float64
	Slug, Finding        string
}

// evidenceBasis is one indicator behind a domain's level.
type evidenceBasis struct{ Name, Value, Level string }

// evidenceDomains are the domains the evidence bears on, in the order
// the dashboard shows them.
var evidenceDomains = []string{evidence.DomainInfrastructure, evidence.DomainGovernance, evidence.DomainSupport}

// evidenceView builds the evidence section, nil when the organisation has
// no measurement for the year.
func (s *App) evidenceView(d *dashData, q *dashReq) *evidenceView {
	sum := d.evidence
	if sum == nil {
		return nil
	}
	lang := q.lang
	li := 0
	if lang == "en" {
		li = 1
	}
	num := func(v float64) string { return fmtScore(v, lang) }
	in := sum.Indicators
	ev := &evidenceView{Date: sum.Date, Catalog: sum.Catalog, Datasets: in.Datasets, Checked: sum.Checked,
		Intro: i18n.T(lang, "evIntro", in.Datasets, isoLongDate(sum.Date, lang))}
	if u, ok := s.base.DocURL(sum.Report); ok {
		ev.ReportHref = q.link(u)
	}
	ev.MethodNote = i18n.T(lang, "evLevels")
	if !sum.Checked {
		ev.MethodNote += " " + i18n.T(lang, "evUnchecked")
	}
	self := map[string]float64{}
	for _, sc := range d.shown.Scores {
		self[sc.Domain] = sc.Maturity
	}
	levels := evidence.EvidenceLevels(in)
	findings := evidence.Compare(in, self)
	byDomain := map[string]string{}
	for _, f := range findings {
		byDomain[f.Domain] = f.Text[li]
		ev.Findings = append(ev.Findings, f.Text[li])
	}
	if len(findings) == 0 {
		ev.NoFinding = i18n.T(lang, "evAgree", fmtScore(evidence.Gap, lang))
	}
	labels := metricLabels(li)
	var cats []string
	var selfVals, evVals []float64
	var parts []string
	for _, slug := range evidenceDomains {
		dom, ok := d.model.Domain(slug)
		if !ok {
			continue
		}
		lv := levels[slug]
		row := evidenceRow{Domain: dom.Label.In(lang), Href: s.doc(q, dom.IRI), Level: num(lv.Level), Weakest: num(lv.Min),
			LevelNum: lv.Level, Slug: slug, Finding: byDomain[slug], Disagrees: byDomain[slug] != ""}
		sv, scored := self[slug]
		row.Self, row.SelfNum = "–", math.NaN()
		if scored {
			row.Self, row.SelfNum = num(sv), sv
		}
		for _, b := range lv.Basis {
			name := labels[b.Name]
			if name == "" {
				name = i18n.T(lang, "evFindability")
			}
			val := fmtPct(b.Value, lang)
			if b.Name == "gemiddeldeMqa" {
				val = i18n.T(lang, "evMQAValue", strconv.Itoa(int(math.Round(b.Value))), evidence.BandOf(int(b.Value+0.5)).Label(li))
			}
			row.Basis = append(row.Basis, evidenceBasis{Name: name, Value: val, Level: num(b.Level)})
		}
		ev.Rows = append(ev.Rows, row)
		cats = append(cats, row.Domain)
		selfVals = append(selfVals, row.SelfNum)
		evVals = append(evVals, lv.Level)
		parts = append(parts, i18n.T(lang, "evPoint", row.Domain, row.Self, row.Level))
	}
	var fmts []string
	for i, f := range in.Formats {
		if i == 4 {
			break
		}
		name := string(f.Format)
		if name == "" {
			name = i18n.T(lang, "evUnknownFormat")
		}
		fmts = append(fmts, name+" "+fmtPct(f.Share, lang))
	}
	if len(fmts) > 0 {
		ev.Formats = strings.Join(fmts, ", ")
	}
	ch := svgchart.Bars{ID: "bewijs", Title: i18n.T(lang, "evChartTitle"), Categories: cats, Scale: scale15, Num: num,
		Series: []svgchart.Series{{Name: i18n.T(lang, "evSelf"), Values: selfVals}, {Name: i18n.T(lang, "evCatalog"), Values: evVals}}}
	ch.Desc = i18n.T(lang, "evChartDesc", strings.Join(parts, "; ")) + " " + i18n.T(lang, "chartTable")
	ev.Chart = ch.SVG()
	return ev
}

// metricLabels names the evidence metrics in language li (0 nl, 1 en).
func metricLabels(li int) map[string]string {
	out := map[string]string{}
	for _, m := range evidence.AllMetrics() {
		// The value beside the name says the unit: "… (%)" and "… (0–405)" go.
		l := m.Label[li]
		if i := strings.LastIndex(l, " ("); i > 0 && (strings.HasSuffix(l, "(%)") || strings.HasSuffix(l, "405)")) {
			l = l[:i]
		}
		out[m.Name] = l
	}
	return out
}

// isoLongDate writes a YYYY-MM-DD date as longDate does, or as it is.
func isoLongDate(iso, lang string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return longDate(t.Year(), int(t.Month()), t.Day(), lang)
}

// fmtPct writes a share: "80 %", "12,5 %".
func fmtPct(v float64, lang string) string {
	return fmtScore(math.Round(v*10)/10, lang) + " %"
}
