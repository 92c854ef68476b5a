package svgchart

import (
	"html/template"
	"math"
	"strconv"
)

// Bars shows, per category, one horizontal bar per series, grouped, from
// Scale.Min, with the value written after each bar. The second series is
// hatched as well as coloured.
type Bars struct {
	ID          string
	Title, Desc string
	Categories  []string
	Series      []Series
	Scale       Scale
	Num         func(float64) string
	Width       float64 // of the whole chart; default 640
}

// The bars' layout.
const (
	barsLabelW = 175.0 // category labels
	barsValueW = 34.0  // values after the bars
	barsH      = 11.0  // one bar
	barsGap    = 2.0   // between the bars of a group
	barsPad    = 9.0   // above and below a group
	barsTop    = 22.0  // the tick labels' band
	barsFont   = 12.0
)

func (b *Bars) width() float64 {
	if b.Width > 0 {
		return b.Width
	}
	return 640
}

// plot is the horizontal extent of the value axis.
func (b *Bars) plot() (x0, x1 float64) { return barsLabelW + 10, b.width() - barsValueW - 6 }

// x is where value v lies on the axis.
func (b *Bars) x(v float64) float64 {
	x0, x1 := b.plot()
	return x0 + (x1-x0)*b.Scale.frac(v)
}

// rows lays the categories out: each row's top and height, and its label
// wrapped to the label column.
func (b *Bars) rows() (tops, heights []float64, labels [][]string) {
	y := barsTop
	group := float64(len(b.Series))*(barsH+barsGap) - barsGap
	for _, cat := range b.Categories {
		l := wrap(cat, barsFont, barsLabelW-8, 2)
		h := math.Max(group, float64(len(l))*barsFont*1.2) + 2*barsPad
		tops, heights, labels = append(tops, y), append(heights, h), append(labels, l)
		y += h
	}
	return tops, heights, labels
}

// SVG renders the chart.
func (b *Bars) SVG() template.HTML {
	tops, heights, labels := b.rows()
	w := b.width()
	bottom := barsTop
	if n := len(tops); n > 0 {
		bottom = tops[n-1] + heights[n-1]
	}
	h := bottom + radarLegend
	var cv canvas
	cv.open(b.ID, b.Title, b.Desc, w, h)
	if len(b.Series) > 1 {
		st := styleOf(1)
		cv.raw(`<defs><pattern id="` + esc(b.ID) + `-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`)
		cv.raw(`<rect width="6" height="6" fill="` + st.light + `"/><line x1="0" y1="0" x2="0" y2="6" stroke="` + st.colour + `" stroke-width="3"/></pattern></defs>`)
	}
	for _, t := range b.Scale.Ticks {
		x := b.x(t)
		cv.line(x, barsTop-4, x, bottom, grid, 0.75, "3 3")
		cv.text(x, barsTop-8, "middle", 10.5, muted, "", []string{num(b.Num, t)}, 0)
	}
	x0, _ := b.plot()
	cv.line(x0, barsTop-4, x0, bottom, grid, 1, "")
	group := float64(len(b.Series))*(barsH+barsGap) - barsGap
	for i, cat := range b.Categories {
		top, rh := tops[i], heights[i]
		if i%2 == 1 {
			cv.raw(`<rect x="0" y="` + c(top) + `" width="` + c(w) + `" height="` + c(rh) + `" fill="#f4f4ef"/>`)
			// Gridlines were drawn first; draw this band's again on top.
			for _, t := range b.Scale.Ticks {
				cv.line(b.x(t), top, b.x(t), top+rh, grid, 0.75, "3 3")
			}
			cv.line(x0, top, x0, top+rh, grid, 1, "")
		}
		ly := top + rh/2 + barsFont*0.35 - float64(len(labels[i])-1)*barsFont*0.6
		cv.text(barsLabelW, ly, "end", barsFont, ink, "", labels[i], barsFont*1.2)
		y := top + (rh-group)/2
		for si, s := range b.Series {
			st := styleOf(si)
			v := math.NaN()
			if i < len(s.Values) {
				v = s.Values[i]
			}
			tip := cat + ": " + s.Name + " " + num(b.Num, v)
			if !math.IsNaN(v) {
				fill := st.colour
				if si == 1 {
					fill = "url(#" + esc(b.ID) + "-hatch)"
				}
				bw := b.x(v) - x0
				cv.raw(`<rect x="` + c(x0) + `" y="` + c(y) + `" width="` + c(bw) + `" height="` + c(barsH) + `" fill="` + fill + `" stroke="` + st.colour + `" stroke-width="1">`)
				cv.raw(`<title>` + esc(tip) + `</title></rect>`)
			}
			cv.text(b.x(v)+4, y+barsH-1.5, "", 11, ink, "600", []string{num(b.Num, v)}, 0)
			y += barsH + barsGap
		}
	}
	if len(b.Series) > 0 {
		cv.barLegend(b.ID, (w-legendWidth(b.Series))/2, h-12, b.Series)
	}
	return cv.close()
}

// barLegend is legend with swatches in the bars' fills.
func (cv *canvas) barLegend(id string, x, y float64, series []Series) {
	for i, s := range series {
		st := styleOf(i)
		fill := st.colour
		if i == 1 {
			fill = "url(#" + esc(id) + "-hatch)"
		}
		cv.raw(`<rect x="` + c(x) + `" y="` + c(y-10) + `" width="28" height="11" fill="` + fill + `" stroke="` + st.colour + `"/>`)
		cv.text(x+34, y, "", 12, ink, "", []string{s.Name}, 0)
		x += 34 + textWidth(s.Name, 12) + 22
	}
}

// itoa is strconv.Itoa, short.
func itoa(n int) string { return strconv.Itoa(n) }
