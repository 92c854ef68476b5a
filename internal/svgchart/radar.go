package svgchart

import (
	"html/template"
	"math"
)

// Radar shows values per category on spokes around a centre: one spoke a
// category, clockwise from the top, Scale.Min at the centre and Scale.Max
// at the rim, one closed outline a series. It suits a profile over the
// eleven domains, where the shape shows at a glance where need outruns
// maturity.
type Radar struct {
	ID          string // unique on the page; the title and desc ids derive from it
	Title, Desc string
	Axes        []string // category labels, clockwise from the top
	Scale       Scale
	Series      []Series
	Num         func(float64) string // number format of tooltips and ring labels
}

// The radar's layout, in SVG units.
const (
	radarR      = 150.0 // radius of the rim
	radarPadX   = 135.0 // room for labels left and right of the rim
	radarPadTop = 52.0  // room for labels above the rim
	radarPadBot = 52.0  // and below it
	radarLegend = 34.0  // the legend's band under the chart
	radarLabel  = 12.5  // label font size
)

// size is the chart's width and height.
func (r *Radar) size() (w, h float64) {
	return 2 * (radarR + radarPadX), radarPadTop + 2*radarR + radarPadBot + radarLegend
}

// centre is the centre of the spokes.
func (r *Radar) centre() (cx, cy float64) { return radarPadX + radarR, radarPadTop + radarR }

// angle is the direction of spoke i in radians: spoke 0 points up, the
// others follow clockwise (SVG's y axis points down).
func (r *Radar) angle(i int) float64 {
	return -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(r.Axes))
}

// point is where value v lies on spoke i.
func (r *Radar) point(i int, v float64) (x, y float64) {
	cx, cy := r.centre()
	d := radarR * r.Scale.frac(v)
	a := r.angle(i)
	return cx + d*math.Cos(a), cy + d*math.Sin(a)
}

// SVG renders the chart.
func (r *Radar) SVG() template.HTML {
	w, h := r.size()
	cx, cy := r.centre()
	var cv canvas
	cv.open(r.ID, r.Title, r.Desc, w, h)
	n := len(r.Axes)
	// Rings at the ticks, as polygons through the spokes, and their values
	// beside the upward spoke.
	for _, t := range r.Scale.Ticks {
		pts := ""
		for i := 0; i < n; i++ {
			x, y := r.point(i, t)
			pts += c(x) + "," + c(y) + " "
		}
		cv.raw(`<polygon points="` + pts + `" fill="none" stroke="` + grid + `" stroke-width="0.75"/>`)
	}
	cv.raw(`<g class="spokes">`)
	for i := 0; i < n; i++ {
		x, y := r.point(i, r.Scale.Max)
		cv.line(cx, cy, x, y, grid, 0.75, "")
	}
	cv.raw(`</g>`)
	// The ring values sit halfway between the first two spokes, where no
	// marker is.
	half := &Radar{Axes: make([]string, 2*n), Scale: r.Scale}
	for _, t := range r.Scale.Ticks {
		x, y := half.point(1, t)
		cv.text(x, y+4, "middle", 10.5, muted, "", []string{num(r.Num, t)}, 0)
	}
	// The series, each an outline with a light fill and a marker per value.
	for si, s := range r.Series {
		st := styleOf(si)
		pts := ""
		for i := 0; i < n; i++ {
			v := r.Scale.Min
			if i < len(s.Values) && !math.IsNaN(s.Values[i]) {
				v = s.Values[i]
			}
			x, y := r.point(i, v)
			pts += c(x) + "," + c(y) + " "
		}
		cv.raw(`<polygon points="` + pts + `" fill="` + st.colour + `" fill-opacity="0.10" stroke="` + st.colour + `" stroke-width="2.5" stroke-linejoin="round"`)
		if st.dash != "" {
			cv.raw(` stroke-dasharray="` + st.dash + `"`)
		}
		cv.raw(`/>`)
	}
	for si, s := range r.Series {
		st := styleOf(si)
		for i := 0; i < n && i < len(s.Values); i++ {
			if math.IsNaN(s.Values[i]) {
				continue
			}
			x, y := r.point(i, s.Values[i])
			cv.marker(st, x, y, 4.5, r.Axes[i]+": "+s.Name+" "+num(r.Num, s.Values[i]))
		}
	}
	// The labels, outside the rim, anchored away from the centre.
	cv.raw(`<g class="axes">`)
	for i, label := range r.Axes {
		a := r.angle(i)
		cos, sin := math.Cos(a), math.Sin(a)
		x, y := cx+(radarR+10)*cos, cy+(radarR+10)*sin
		anchor := "middle"
		switch {
		case cos > 0.2:
			anchor = "start"
		case cos < -0.2:
			anchor = "end"
		}
		lines := wrap(label, radarLabel, radarPadX-14, 3)
		lh := radarLabel * 1.2
		switch {
		case sin < -0.6: // above: the last line sits on the rim
			y -= float64(len(lines)-1)*lh + 2
		case sin > 0.6: // below: the first line hangs from it
			y += radarLabel
		default: // beside: centred on the spoke
			y += radarLabel*0.35 - float64(len(lines)-1)*lh/2
		}
		cv.text(x, y, anchor, radarLabel, ink, "", lines, lh)
	}
	cv.raw(`</g>`)
	if len(r.Series) > 0 {
		lw := legendWidth(r.Series)
		cv.legend((w-lw)/2, h-12, r.Series)
	}
	return cv.close()
}

// legendWidth is the width canvas.legend takes for series.
func legendWidth(series []Series) float64 {
	w := 0.0
	for _, s := range series {
		w += 34 + textWidth(s.Name, 12) + 22
	}
	return w - 22
}
