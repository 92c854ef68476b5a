package svgchart

import (
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Series is one named set of values, one per category (or step) of the
// chart, in the chart's order. NaN marks a missing value: it is drawn as
// nothing and its <title> says so.
type Series struct {
	Name   string
	Values []float64
}

// Scale is the value axis: Min at the centre or the left, Max at the rim
// or the right, gridlines at Ticks.
type Scale struct {
	Min, Max float64
	Ticks    []float64
}

// frac is v's position on the scale, 0 at Min and 1 at Max, clamped.
func (s Scale) frac(v float64) float64 {
	if s.Max <= s.Min {
		return 0
	}
	f := (v - s.Min) / (s.Max - s.Min)
	return math.Max(0, math.Min(1, f))
}

// style is how one series is told apart: colour, line pattern and marker
// shape, so that no series depends on colour alone.
type style struct {
	colour string // at least 4.5:1 against white
	light  string // the colour's tint, for areas and hatching
	dash   string // stroke-dasharray; "" solid
	marker string // circle, square, diamond
}

var palette = []style{
	{colour: "#0b4f8a", light: "#d5e3f0", marker: "circle"},              // 8.6:1
	{colour: "#a34700", light: "#f6dcc8", dash: "7 4", marker: "square"}, // 6.1:1
	{colour: "#2e6b30", light: "#d6ead6", dash: "2 3", marker: "diamond"},
}

func styleOf(i int) style { return palette[i%len(palette)] }

// Colours of the frame, text and neutral marks.
const (
	ink   = "#1d1d1b" // text: 16:1
	muted = "#5b5b57" // secondary text and the spread's lines: 6.7:1
	grid  = "#8f8f89" // gridlines and axes: 3.3:1, the minimum for a graphical object
	band  = "#e4e4de" // the quartile box's fill, behind a muted outline
)

// fmtNum is the default number format: as short as exact.
func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// num formats v with f, or the default; a NaN is a dash.
func num(f func(float64) string, v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	if f == nil {
		return fmtNum(v)
	}
	return f(v)
}

// canvas writes one SVG document.
type canvas struct {
	b  strings.Builder
	id string
}

// c formats a coordinate with at most one decimal.
func c(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64) }

// esc escapes text for XML content and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// open starts the document: role img, labelled by its title and desc.
func (cv *canvas) open(id, title, desc string, w, h float64) {
	cv.id = id
	cv.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" id="` + esc(id) + `"`)
	cv.b.WriteString(` viewBox="0 0 ` + c(w) + ` ` + c(h) + `" width="` + c(w) + `" height="` + c(h) + `"`)
	cv.b.WriteString(` aria-labelledby="` + esc(id) + `-title ` + esc(id) + `-desc" focusable="false"`)
	cv.b.WriteString(` font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="12">`)
	cv.b.WriteString(`<title id="` + esc(id) + `-title">` + esc(title) + `</title>`)
	cv.b.WriteString(`<desc id="` + esc(id) + `-desc">` + esc(desc) + `</desc>`)
}

// close ends the document. The text was escaped as it was written.
func (cv *canvas) close() template.HTML {
	cv.b.WriteString(`</svg>`)
	return template.HTML(cv.b.String())
}

func (cv *canvas) raw(s string) { cv.b.WriteString(s) }

// line draws a line segment.
func (cv *canvas) line(x1, y1, x2, y2 float64, colour string, width float64, dash string) {
	cv.b.WriteString(`<line x1="` + c(x1) + `" y1="` + c(y1) + `" x2="` + c(x2) + `" y2="` + c(y2) + `" stroke="` + colour + `" stroke-width="` + c(width) + `"`)
	if dash != "" {
		cv.b.WriteString(` stroke-dasharray="` + dash + `"`)
	}
	cv.b.WriteString(`/>`)
}

// text writes lines of text from (x, y), the first line's baseline at y,
// each next line lh lower.
func (cv *canvas) text(x, y float64, anchor string, size float64, colour, weight string, lines []string, lh float64) {
	cv.b.WriteString(`<text x="` + c(x) + `" y="` + c(y) + `" fill="` + colour + `"`)
	if anchor != "" && anchor != "start" {
		cv.b.WriteString(` text-anchor="` + anchor + `"`)
	}
	if size != 12 {
		cv.b.WriteString(` font-size="` + c(size) + `"`)
	}
	if weight != "" {
		cv.b.WriteString(` font-weight="` + weight + `"`)
	}
	cv.b.WriteString(`>`)
	if len(lines) == 1 {
		cv.b.WriteString(esc(lines[0]))
	} else {
		for i, l := range lines {
			dy := "0"
			if i > 0 {
				dy = c(lh)
			}
			cv.b.WriteString(`<tspan x="` + c(x) + `" dy="` + dy + `">` + esc(l) + `</tspan>`)
		}
	}
	cv.b.WriteString(`</text>`)
}

// marker draws a series' marker centred on (x, y), radius r, with a
// tooltip.
func (cv *canvas) marker(st style, x, y, r float64, tip string) {
	attrs := ` fill="` + st.colour + `" stroke="#fff" stroke-width="1.5"`
	switch st.marker {
	case "square":
		cv.b.WriteString(`<rect x="` + c(x-r) + `" y="` + c(y-r) + `" width="` + c(2*r) + `" height="` + c(2*r) + `"` + attrs + `>`)
		cv.b.WriteString(`<title>` + esc(tip) + `</title></rect>`)
	case "diamond":
		r *= 1.3
		cv.b.WriteString(`<path d="M` + c(x) + ` ` + c(y-r) + `L` + c(x+r) + ` ` + c(y) + `L` + c(x) + ` ` + c(y+r) + `L` + c(x-r) + ` ` + c(y) + `Z"` + attrs + `>`)
		cv.b.WriteString(`<title>` + esc(tip) + `</title></path>`)
	default:
		cv.b.WriteString(`<circle cx="` + c(x) + `" cy="` + c(y) + `" r="` + c(r) + `"` + attrs + `>`)
		cv.b.WriteString(`<title>` + esc(tip) + `</title></circle>`)
	}
}

// legend writes one entry per series in a row from (x, y): a line in the
// series' pattern with its marker, then its name. It returns the width
// used.
func (cv *canvas) legend(x, y float64, series []Series) float64 {
	x0 := x
	for i, s := range series {
		st := styleOf(i)
		cv.line(x, y-4, x+28, y-4, st.colour, 2.5, st.dash)
		cv.marker(st, x+14, y-4, 4.5, s.Name)
		cv.text(x+34, y, "", 12, ink, "", []string{s.Name}, 0)
		x += 34 + textWidth(s.Name, 12) + 22
	}
	return x - x0
}

// textWidth estimates the width of s in a sans-serif font of size px: the
// average glyph is a little over half the size. Layout only needs it to
// wrap labels and space legends, not to be exact.
func textWidth(s string, size float64) float64 {
	n := 0.0
	for _, r := range s {
		switch {
		case r == ' ' || r == 'i' || r == 'l' || r == 'j' || r == 't' || r == 'f' || r == 'r' || r == '(' || r == ')' || r == '/' || r == '.' || r == ',':
			n += 0.32
		case r == 'm' || r == 'w' || r == 'M' || r == 'W':
			n += 0.85
		case r >= 'A' && r <= 'Z':
			n += 0.66
		default:
			n += 0.55
		}
	}
	return n * size
}

// wrap breaks s at spaces into lines no wider than width (a single word
// wider than that stays whole), at most maxLines; a cut last line ends
// with an ellipsis.
func wrap(s string, size, width float64, maxLines int) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for _, w := range words {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if cur != "" && textWidth(try, size) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] += "…"
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}
