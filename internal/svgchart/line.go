package svgchart

import (
	"html/template"
	"math"
)

// Line shows series over ordered steps (years), evenly spaced, each step's
// value a marker with its number, consecutive values joined. A lone step
// sits in the middle.
type Line struct {
	ID          string
	Title, Desc string
	Steps       []string
	Series      []Series
	Scale       Scale
	Num         func(float64) string
}

// The line chart's layout.
const (
	lineW      = 560.0
	lineH      = 250.0
	lineLeft   = 44.0
	lineRight  = 30.0
	lineTop    = 22.0
	lineBottom = 40.0 // step labels
)

// x is the position of step i.
func (l *Line) x(i int) float64 {
	n := len(l.Steps)
	x0, x1 := lineLeft+24, lineW-lineRight-24
	if n <= 1 {
		return (x0 + x1) / 2
	}
	return x0 + (x1-x0)*float64(i)/float64(n-1)
}

// y is the height of value v.
func (l *Line) y(v float64) float64 {
	return lineH - lineBottom - (lineH-lineBottom-lineTop)*l.Scale.frac(v)
}

// SVG renders the chart.
func (l *Line) SVG() template.HTML {
	h := lineH + radarLegend
	var cv canvas
	cv.open(l.ID, l.Title, l.Desc, lineW, h)
	for _, t := range l.Scale.Ticks {
		y := l.y(t)
		cv.line(lineLeft, y, lineW-lineRight, y, grid, 0.75, "3 3")
		cv.text(lineLeft-8, y+4, "end", 10.5, muted, "", []string{num(l.Num, t)}, 0)
	}
	base := lineH - lineBottom
	cv.line(lineLeft, base, lineW-lineRight, base, grid, 1, "")
	for i, s := range l.Steps {
		cv.text(l.x(i), base+20, "middle", 12.5, ink, "600", []string{s}, 0)
	}
	for si, s := range l.Series {
		st := styleOf(si)
		path := ""
		for i := 0; i < len(l.Steps) && i < len(s.Values); i++ {
			v := s.Values[i]
			if math.IsNaN(v) {
				continue
			}
			cmd := "L"
			if path == "" {
				cmd = "M"
			}
			path += cmd + c(l.x(i)) + " " + c(l.y(v))
		}
		if path != "" {
			cv.raw(`<path d="` + path + `" fill="none" stroke="` + st.colour + `" stroke-width="2.5" stroke-linejoin="round"`)
			if st.dash != "" {
				cv.raw(` stroke-dasharray="` + st.dash + `"`)
			}
			cv.raw(`/>`)
		}
	}
	for si, s := range l.Series {
		st := styleOf(si)
		for i := 0; i < len(l.Steps) && i < len(s.Values); i++ {
			v := s.Values[i]
			if math.IsNaN(v) {
				continue
			}
			x, y := l.x(i), l.y(v)
			cv.marker(st, x, y, 5, l.Steps[i]+": "+s.Name+" "+num(l.Num, v))
			// The first series' numbers above its markers, the others' below.
			dy := -10.0
			if si > 0 {
				dy = 20
			}
			cv.text(x, y+dy, "middle", 11, st.colour, "700", []string{num(l.Num, v)}, 0)
		}
	}
	if len(l.Series) > 0 {
		cv.legend((lineW-legendWidth(l.Series))/2, h-12, l.Series)
	}
	return cv.close()
}
