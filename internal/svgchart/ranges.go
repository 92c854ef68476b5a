package svgchart

import (
	"html/template"
	"math"
)

// Box is the spread of a population on one category: its extremes,
// quartiles and median (a box plot's five numbers) and its size.
type Box struct {
	N                        int
	Min, Q1, Median, Q3, Max float64
}

// MinBox is the smallest population that gets a box: the quartiles of two
// or three values say little more than the values themselves.
const MinBox = 4

// Ranges shows per category where one member of a population stands: a
// thin line from the lowest to the highest value, a box over the middle
// half (first to third quartile, for a population of MinBox or more), a
// bar at the median, and the member's value as a marker with its number.
// A category whose population is empty shows the member alone.
type Ranges struct {
	ID          string
	Title, Desc string
	Categories  []string
	Boxes       []Box     // per category
	Values      []float64 // the member's, per category; NaN: none
	Scale       Scale
	Num         func(float64) string
	// Legend texts: the member, the median, the middle half, the extremes.
	ValueName, MedianName, BoxName, RangeName string
}

// The ranges' layout, on the bars' grid.
const (
	rangesRow = 30.0
	rangesBox = 14.0
)

func (r *Ranges) bars() *Bars {
	return &Bars{Scale: r.Scale, Categories: r.Categories}
}

// SVG renders the chart.
func (r *Ranges) SVG() template.HTML {
	geo := r.bars()
	w := geo.width()
	x0, _ := geo.plot()
	labels := make([][]string, len(r.Categories))
	tops := make([]float64, len(r.Categories))
	y := barsTop
	for i, cat := range r.Categories {
		labels[i] = wrap(cat, barsFont, barsLabelW-8, 2)
		tops[i] = y
		y += math.Max(rangesRow, float64(len(labels[i]))*barsFont*1.2+10)
	}
	bottom := y
	h := bottom + 2*radarLegend
	var cv canvas
	cv.open(r.ID, r.Title, r.Desc, w, h)
	for _, t := range r.Scale.Ticks {
		x := geo.x(t)
		cv.line(x, barsTop-4, x, bottom, grid, 0.75, "3 3")
		cv.text(x, barsTop-8, "middle", 10.5, muted, "", []string{num(r.Num, t)}, 0)
	}
	cv.line(x0, barsTop-4, x0, bottom, grid, 1, "")
	member := styleOf(0)
	for i, cat := range r.Categories {
		rh := bottom - tops[i]
		if i+1 < len(tops) {
			rh = tops[i+1] - tops[i]
		}
		mid := tops[i] + rh/2
		cv.text(barsLabelW, mid+barsFont*0.35-float64(len(labels[i])-1)*barsFont*0.6, "end", barsFont, ink, "", labels[i], barsFont*1.2)
		if i < len(r.Boxes) && r.Boxes[i].N > 0 {
			b := r.Boxes[i]
			tip := cat + ": " + r.MedianName + " " + num(r.Num, b.Median) + ", "
			if b.N >= MinBox {
				tip += r.BoxName + " " + num(r.Num, b.Q1) + "–" + num(r.Num, b.Q3) + ", "
			}
			tip += r.RangeName + " " + num(r.Num, b.Min) + "–" + num(r.Num, b.Max)
			cv.raw(`<g><title>` + esc(tip) + `</title>`)
			cv.line(geo.x(b.Min), mid, geo.x(b.Max), mid, muted, 1.5, "")
			cv.line(geo.x(b.Min), mid-5, geo.x(b.Min), mid+5, muted, 1.5, "")
			cv.line(geo.x(b.Max), mid-5, geo.x(b.Max), mid+5, muted, 1.5, "")
			if b.N >= MinBox {
				bx := geo.x(b.Q1)
				bw := math.Max(geo.x(b.Q3)-bx, 0)
				cv.raw(`<rect x="` + c(bx) + `" y="` + c(mid-rangesBox/2) + `" width="` + c(bw) + `" height="` + c(rangesBox) + `" fill="` + band + `" stroke="` + muted + `" stroke-width="1"/>`)
			}
			cv.line(geo.x(b.Median), mid-rangesBox/2-3, geo.x(b.Median), mid+rangesBox/2+3, ink, 3, "")
			cv.raw(`</g>`)
		}
		if i < len(r.Values) && !math.IsNaN(r.Values[i]) {
			v := r.Values[i]
			cv.marker(member, geo.x(v), mid, 6, cat+": "+r.ValueName+" "+num(r.Num, v))
			cv.text(geo.x(v)+10, mid-7, "", 11, member.colour, "700", []string{num(r.Num, v)}, 0)
		}
	}
	// The legend, in two rows: the member and the median, then the box (when
	// one was drawn) and the extremes.
	ly := bottom + 22
	x := 20.0
	cv.marker(member, x+6, ly-4, 6, r.ValueName)
	cv.text(x+18, ly, "", 12, ink, "", []string{r.ValueName}, 0)
	x += 18 + textWidth(r.ValueName, 12) + 24
	cv.line(x+6, ly-13, x+6, ly+5, ink, 3, "")
	cv.text(x+16, ly, "", 12, ink, "", []string{r.MedianName}, 0)
	ly += 24
	x = 20.0
	anyBox := false
	for _, b := range r.Boxes {
		anyBox = anyBox || b.N >= MinBox
	}
	if anyBox {
		cv.raw(`<rect x="` + c(x) + `" y="` + c(ly-11) + `" width="26" height="14" fill="` + band + `" stroke="` + muted + `"/>`)
		cv.text(x+32, ly, "", 12, ink, "", []string{r.BoxName}, 0)
		x += 32 + textWidth(r.BoxName, 12) + 24
	}
	cv.line(x, ly-4, x+26, ly-4, muted, 1.5, "")
	cv.line(x, ly-9, x, ly+1, muted, 1.5, "")
	cv.line(x+26, ly-9, x+26, ly+1, muted, 1.5, "")
	cv.text(x+32, ly, "", 12, ink, "", []string{r.RangeName}, 0)
	return cv.close()
}
