package evidence

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"
)

//go:embed report.html.tmpl
var reportFS embed.FS

var reportTmpl = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"stars": Stars,
	// t picks the Dutch or English text.
	"t": func(li int, nl, en string) string { return [2]string{nl, en}[li] },
	// pct writes a share with the language's decimal mark.
	"pct": func(li int, f float64) string {
		s := fmt.Sprintf("%.1f %%", f)
		if li == 0 {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	},
	"num": func(li int, f float64, prec int) string {
		s := fmt.Sprintf("%.*f", prec, f)
		if li == 0 {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	},
	"width": func(f float64) template.CSS { return template.CSS(fmt.Sprintf("width:%.1f%%", f)) },
}).ParseFS(reportFS, "report.html.tmpl"))

// HTMLOptions are what the report needs beyond the result.
type HTMLOptions struct {
	Lang     string // "nl" (default) or "en"
	Org      string // NIS code
	OrgName  string // the organisation's name, when known
	Year     int
	Findings []Finding // comparisons with the self-assessment, when there is one
	// MaxFixes bounds the fixes listed per dataset (default 3).
	MaxFixes int
}

// WriteHTML writes the evidence of a catalog as one self-contained HTML
// page (no scripts, no external files): the indicators, the metrics that
// cost the most points first, the datasets grouped by stars with what to
// fix in plain words, and the links that do not work. The server or the
// dashboard can serve it as it is.
func WriteHTML(w io.Writer, r *Result, o HTMLOptions) error {
	li := langIndex(o.Lang)
	if o.MaxFixes <= 0 {
		o.MaxFixes = 3
	}
	type dsView struct {
		*DatasetResult
		Title string
		Link  string // the dataset's IRI when it is a web address
		Band  string
		Fixes []string
		More  int
	}
	type group struct {
		Stars    int
		Datasets []dsView
	}
	var groups []group
	for s := 5; s >= 0; s-- {
		g := group{Stars: s}
		for _, d := range r.Datasets {
			if d.Stars != s {
				continue
			}
			fixes := d.Fixes(li, r.Checked)
			v := dsView{DatasetResult: d, Title: d.Title[li], Band: d.Band.Label(li)}
			if isHTTP(d.Node) {
				v.Link = d.ID
			}
			if v.Title == "" {
				v.Title = d.Title[0]
			}
			if v.Title == "" {
				v.Title = d.ID
			}
			v.Fixes = fixes[:min(len(fixes), o.MaxFixes)]
			v.More = len(fixes) - len(v.Fixes)
			g.Datasets = append(g.Datasets, v)
		}
		if len(g.Datasets) > 0 {
			groups = append(groups, g)
		}
	}
	type weak struct {
		Label, Fix, Name string
		Share, Lost      float64
		Failing, Points  int
	}
	var weaks []weak
	for _, wk := range r.Weaknesses() {
		weaks = append(weaks, weak{Label: wk.Metric.Label[li], Fix: wk.Metric.Fix[li], Name: wk.Metric.Name, Share: wk.Share, Lost: wk.PointsLost, Failing: wk.Failing, Points: wk.Metric.Points})
	}
	type level struct {
		Stars int
		Share float64
		Band  string
		Count int
	}
	var levels []level
	for s := 1; s <= 5; s++ {
		levels = append(levels, level{s, r.Indicators.AtLeast[s], ODMBand(r.Indicators.AtLeast[s]), r.Indicators.StarCounts[s]})
	}
	var findings []string
	for _, f := range o.Findings {
		findings = append(findings, f.Text[li])
	}
	bands := []struct {
		Label string
		Share float64
		Class string
	}{
		{BandExcellent.Label(li), r.Indicators.Bands[BandExcellent], "excellent"},
		{BandGood.Label(li), r.Indicators.Bands[BandGood], "good"},
		{BandSufficient.Label(li), r.Indicators.Bands[BandSufficient], "sufficient"},
		{BandBad.Label(li), r.Indicators.Bands[BandBad], "bad"},
	}
	data := map[string]any{
		"L":        li,
		"Lang":     [2]string{"nl", "en"}[li],
		"R":        r,
		"In":       r.Indicators,
		"Org":      o.Org,
		"OrgName":  o.OrgName,
		"Year":     o.Year,
		"Groups":   groups,
		"Weak":     weaks,
		"Levels":   levels,
		"Bands":    bands,
		"MeanBand": BandOf(int(r.Indicators.MeanMQA + 0.5)).Label(li),
		"V2Band":   V2BandOf(r.Indicators.MeanV2).Label(li),
		"Findings": findings,
		"Zero":     r.Indicators.StarCounts[0],
	}
	return reportTmpl.Execute(w, data)
}
