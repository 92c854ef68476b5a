package ldserver

import (
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/svgchart"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// An assessment's own page (a qb:DataSet whose observations carry a
// maturity and a need score per domain, or the assessment that points to
// it as its current version) shows its scores as people read them: a
// radar and bars of maturity against need, and a table in the model's
// order of domains with the gap, the rationale and the evidence. This is
// the one place the pages name our ontology's measures; a cube without
// them keeps the generic table (tables.go).

// scoreView is one assessment cube as charts and a table.
type scoreView struct {
	Title      string
	Columns    []value // domain, maturity, need, gap, rationale, evidence: the properties' own labels
	Rows       []scoreViewRow
	Radar      template.HTML
	Bars       template.HTML
	Links      []value // the dashboard, the report, the CSV, when routed
	Caption    string
	RadarLabel string
	BarsLabel  string
}

// scoreViewRow is one observation.
type scoreViewRow struct {
	Obs                 value // the observation, linked; its text is the domain's name
	Domain              value
	Maturity, Need, Gap value
	GapPos              bool
	Rationale           []value
	Evidence            []value
	order               float64
	mat, need           float64
}

// scoreMeasures are the observation properties a score view reads.
var scoreMeasures = struct{ domain, maturity, need, gap, rationale, evidence string }{
	vocab.Mat("domain"), vocab.Mat("maturityScore"), vocab.Mat("needScore"), vocab.Mat("gap"), vocab.Mat("rationale"), vocab.Mat("evidence"),
}

// scoreView builds the view of cube ds from its observations obs, or
// returns nil when they are not an assessment's (some observation lacks a
// domain, a maturity or a need score).
func (pb *pageBuilder) scoreView(ds uint64, obs []uint64) (*scoreView, error) {
	if len(obs) == 0 {
		return nil, nil
	}
	lang := pb.dr.lang
	sv := &scoreView{}
	m := scoreMeasures
	for _, o := range obs {
		qs, err := pb.subjectQuads(o)
		if err != nil {
			return nil, err
		}
		by := map[string][]rdf.Term{}
		for _, q := range qs {
			by[q.P.Value] = append(by[q.P.Value], q.O)
		}
		if len(by[m.domain]) != 1 || len(by[m.maturity]) != 1 || len(by[m.need]) != 1 {
			return nil, nil
		}
		mat, err1 := strconv.ParseFloat(by[m.maturity][0].Value, 64)
		need, err2 := strconv.ParseFloat(by[m.need][0].Value, 64)
		if err1 != nil || err2 != nil {
			return nil, nil
		}
		ot, err := pb.rd.term(o)
		if err != nil {
			return nil, err
		}
		r := scoreViewRow{mat: mat, need: need}
		if r.Domain, err = pb.value(by[m.domain][0], 1); err != nil {
			return nil, err
		}
		if r.order, _, err = pb.orderOf(by[m.domain][0]); err != nil {
			return nil, err
		}
		r.Obs = value{Text: r.Domain.Text, Href: pb.href(ot.Value), IRI: ot.Value}
		if r.Maturity, err = pb.value(by[m.maturity][0], 1); err != nil {
			return nil, err
		}
		if r.Need, err = pb.value(by[m.need][0], 1); err != nil {
			return nil, err
		}
		gap := math.Round((need-mat)*100) / 100
		if g := by[m.gap]; len(g) == 1 {
			if r.Gap, err = pb.value(g[0], 1); err != nil {
				return nil, err
			}
		} else {
			r.Gap = value{Text: strconv.FormatFloat(gap, 'f', -1, 64)}
		}
		r.GapPos = gap > 0
		if r.Rationale, err = pb.values(by[m.rationale]); err != nil {
			return nil, err
		}
		if r.Evidence, err = pb.values(by[m.evidence]); err != nil {
			return nil, err
		}
		sv.Rows = append(sv.Rows, r)
	}
	sort.SliceStable(sv.Rows, func(i, j int) bool {
		if sv.Rows[i].order != sv.Rows[j].order {
			return sv.Rows[i].order < sv.Rows[j].order
		}
		return sv.Rows[i].Domain.Text < sv.Rows[j].Domain.Text
	})
	for _, p := range []string{m.domain, m.maturity, m.need, m.gap, m.rationale, m.evidence} {
		l, err := pb.label(rdf.IRI(p))
		if err != nil {
			return nil, err
		}
		sv.Columns = append(sv.Columns, value{Text: htmlui.UpperFirst(l), Href: pb.href(p), IRI: p})
	}
	dst, err := pb.rd.term(ds)
	if err != nil {
		return nil, err
	}
	name, err := pb.label(dst)
	if err != nil {
		return nil, err
	}
	sv.Title = i18n.T(lang, "observations") + ": " + name
	sv.Caption = i18n.T(lang, "scoresCaption")
	num := func(v float64) string {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if lang != "en" {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	}
	var axes []string
	var mat, need []float64
	var big []string
	for _, r := range sv.Rows {
		axes = append(axes, r.Domain.Text)
		mat, need = append(mat, r.mat), append(need, r.need)
		if r.need-r.mat >= 2 {
			big = append(big, i18n.T(lang, "radarGap", r.Domain.Text, num(r.need), num(r.mat)))
		}
	}
	series := []svgchart.Series{{Name: i18n.T(lang, "maturityCol"), Values: mat}, {Name: i18n.T(lang, "needCol"), Values: need}}
	scale := svgchart.Scale{Min: 0, Max: 5, Ticks: []float64{1, 2, 3, 4, 5}}
	desc := i18n.T(lang, "radarDesc", len(sv.Rows))
	if len(big) > 0 {
		desc += " " + i18n.T(lang, "pageGaps", strings.Join(big, "; "))
	}
	desc += " " + i18n.T(lang, "chartTableBelow")
	if len(sv.Rows) >= 3 {
		sv.Radar = (&svgchart.Radar{ID: "radar-" + strconv.FormatUint(ds, 36), Title: i18n.T(lang, "scoresTitle"), Desc: desc,
			Axes: axes, Scale: scale, Series: series, Num: num}).SVG()
		sv.RadarLabel = i18n.T(lang, "radarCaption")
	}
	sv.Bars = (&svgchart.Bars{ID: "staven-" + strconv.FormatUint(ds, 36), Title: i18n.T(lang, "scoresTitle"),
		Desc:       i18n.T(lang, "barsDesc", len(sv.Rows)) + " " + i18n.T(lang, "chartTableBelow"),
		Categories: axes, Scale: scale, Series: series, Num: num}).SVG()
	sv.BarsLabel = i18n.T(lang, "barsCaption")
	sv.Links = pb.assessmentLinks(dst.Value)
	return sv, nil
}

// assessmentLinks leads from an assessment version's page to the web
// app's views of it, where they are routed: the dashboard of the
// organisation and year, the printable report and the CSV of this version.
func (pb *pageBuilder) assessmentLinks(version string) []value {
	rest, ok := strings.CutPrefix(version, pb.s.base.IRI+"id/evaluatie/")
	if !ok {
		return nil
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || !strings.HasPrefix(parts[2], "v") {
		return nil
	}
	dash := "dashboard/" + parts[0] + "/" + parts[1]
	if !pb.s.routed("/" + dash) {
		return nil
	}
	lang := pb.dr.lang
	q := "?versie=" + strings.TrimPrefix(parts[2], "v")
	lq := ""
	if pb.dr.langParam {
		lq = "lang=" + lang
	}
	with := func(u, sep string) string {
		if lq == "" {
			return u
		}
		return u + sep + lq
	}
	return []value{
		{Text: i18n.T(lang, "dashTitleShort"), Href: with(pb.s.base.URL(dash), "?")},
		{Text: i18n.T(lang, "dashReport"), Href: with(pb.s.base.URL(dash+"/rapport")+q, "&")},
		{Text: i18n.T(lang, "dashCSV"), Href: with(pb.s.base.URL(dash+"/scores.csv")+q, "&")},
	}
}

// orgLinks leads from an organisation's page to its dashboard, when the
// dashboard is routed and the organisation has published an assessment.
func (pb *pageBuilder) orgLinks(subject uint64, iri string) ([]value, error) {
	nis, ok := strings.CutPrefix(iri, pb.s.base.IRI+"id/organisatie/")
	if !ok || strings.Contains(nis, "/") || !pb.s.routed("/dashboard/"+nis) {
		return nil, nil
	}
	p, err := pb.rd.iriID(vocab.Mat("organisation"))
	if err != nil || p == 0 {
		return nil, err
	}
	has, err := pb.rd.exists(0, p, subject, 0)
	if err != nil || !has {
		return nil, err
	}
	u := pb.s.base.URL("dashboard/" + nis)
	if pb.dr.langParam {
		u += "?lang=" + pb.dr.lang
	}
	return []value{{Text: i18n.T(pb.dr.lang, "dashOrgLink"), Href: u}}, nil
}
