package svgchart

import (
	"encoding/xml"
	"html/template"
	"io"
	"math"
	"strings"
	"testing"
)

var scale05 = Scale{Min: 0, Max: 5, Ticks: []float64{1, 2, 3, 4, 5}}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestRadarPoint(t *testing.T) {
	r := &Radar{Axes: []string{"n", "e", "s", "w"}, Scale: scale05}
	cx, cy := r.centre()
	for _, tc := range []struct {
		name   string
		axis   int
		v      float64
		wx, wy float64
	}{
		{"top at max", 0, 5, cx, cy - radarR},
		{"right at max", 1, 5, cx + radarR, cy},
		{"bottom at max", 2, 5, cx, cy + radarR},
		{"left at max", 3, 5, cx - radarR, cy},
		{"min is the centre", 2, 0, cx, cy},
		{"half way", 1, 2.5, cx + radarR/2, cy},
		{"above max clamps", 0, 9, cx, cy - radarR},
		{"below min clamps", 3, -2, cx, cy},
	} {
		x, y := r.point(tc.axis, tc.v)
		if !near(x, tc.wx) || !near(y, tc.wy) {
			t.Errorf("%s: point(%d, %g) = (%g, %g), want (%g, %g)", tc.name, tc.axis, tc.v, x, y, tc.wx, tc.wy)
		}
	}
	// Eleven spokes: spoke k of n lies 360°·k/n clockwise from the top.
	r.Axes = make([]string, 11)
	for k := 0; k < 11; k++ {
		x, y := r.point(k, 5)
		a := math.Atan2(x-cx, -(y - cy)) // clockwise from the top
		if a < 0 {
			a += 2 * math.Pi
		}
		if want := 2 * math.Pi * float64(k) / 11; math.Abs(a-want) > 1e-9 {
			t.Errorf("spoke %d at %.4f rad, want %.4f", k, a, want)
		}
	}
}

func TestScaleFrac(t *testing.T) {
	for _, tc := range []struct {
		s    Scale
		v    float64
		want float64
	}{
		{Scale{Min: 0, Max: 5}, 0, 0},
		{Scale{Min: 0, Max: 5}, 5, 1},
		{Scale{Min: 1, Max: 5}, 3, 0.5},
		{Scale{Min: 0, Max: 100}, 80, 0.8},
		{Scale{Min: 0, Max: 5}, 7, 1},
		{Scale{Min: 5, Max: 5}, 5, 0}, // an empty scale puts everything at its start
	} {
		if got := tc.s.frac(tc.v); !near(got, tc.want) {
			t.Errorf("%+v.frac(%g) = %g, want %g", tc.s, tc.v, got, tc.want)
		}
	}
}

func TestBarsGeometry(t *testing.T) {
	b := &Bars{Scale: scale05, Categories: []string{"a", "b", "c"}, Series: []Series{{Name: "m"}, {Name: "n"}}}
	x0, x1 := b.plot()
	for _, tc := range []struct{ v, want float64 }{{0, x0}, {5, x1}, {2.5, (x0 + x1) / 2}, {6, x1}} {
		if got := b.x(tc.v); !near(got, tc.want) {
			t.Errorf("x(%g) = %g, want %g", tc.v, got, tc.want)
		}
	}
	tops, heights, _ := b.rows()
	for i := 1; i < len(tops); i++ {
		if !near(tops[i], tops[i-1]+heights[i-1]) {
			t.Errorf("row %d starts at %g, the row before ends at %g", i, tops[i], tops[i-1]+heights[i-1])
		}
	}
	if group := 2*(barsH+barsGap) - barsGap; heights[0] < group {
		t.Errorf("row height %g cannot hold two bars (%g)", heights[0], group)
	}
}

func TestLineGeometry(t *testing.T) {
	l := &Line{Scale: scale05, Steps: []string{"2024"}}
	if got, want := l.x(0), (lineLeft+24+lineW-lineRight-24)/2; !near(got, want) {
		t.Errorf("a lone step at %g, want the middle %g", got, want)
	}
	l.Steps = []string{"2023", "2024", "2025"}
	if !(l.x(0) < l.x(1) && l.x(1) < l.x(2)) || !near(l.x(1)-l.x(0), l.x(2)-l.x(1)) {
		t.Errorf("steps not evenly spaced left to right: %g %g %g", l.x(0), l.x(1), l.x(2))
	}
	if l.y(5) >= l.y(0) || !near(l.y(0), lineH-lineBottom) || !near(l.y(5), lineTop) {
		t.Errorf("y(0) = %g, y(5) = %g: want the axis at the bottom, the maximum at the top", l.y(0), l.y(5))
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		s        string
		width    float64
		max      int
		want     []string
		lastCut  bool
		wantLens int
	}{
		{s: "Sponsoring", width: 100, want: []string{"Sponsoring"}},
		{s: "Dialoog & co-creatie hergebruikers", width: 120, want: []string{"Dialoog & co-creatie", "hergebruikers"}},
		{s: "one two three four five six seven", width: 40, max: 2, lastCut: true, wantLens: 2},
		{s: "Onoverzichtelijklangwoord", width: 20, want: []string{"Onoverzichtelijklangwoord"}},
		{s: "", width: 50, want: []string{""}},
	} {
		got := wrap(tc.s, 12, tc.width, tc.max)
		if tc.want != nil && strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrap(%q, %g) = %q, want %q", tc.s, tc.width, got, tc.want)
		}
		if tc.lastCut && (len(got) != tc.wantLens || !strings.HasSuffix(got[len(got)-1], "…")) {
			t.Errorf("wrap(%q, %g, max %d) = %q, want %d lines, the last cut with …", tc.s, tc.width, tc.max, got, tc.wantLens)
		}
	}
}

// svgDoc is what the accessibility checks read from a chart.
type svgDoc struct {
	role, labelledBy string
	ids              map[string]string // id → element name
	titles           []string          // <title> texts, the chart's first
	markers          int               // elements with a <title> of their own, besides the chart
	text             []string
}

// parseSVG checks that a chart is well-formed XML and collects what the
// tests assert.
func parseSVG(t *testing.T, h template.HTML) svgDoc {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(h)))
	doc := svgDoc{ids: map[string]string{}}
	var stack []string
	var buf strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, h)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				if e.Name.Local != "svg" {
					t.Fatalf("root is <%s>", e.Name.Local)
				}
				for _, a := range e.Attr {
					switch a.Name.Local {
					case "role":
						doc.role = a.Value
					case "aria-labelledby":
						doc.labelledBy = a.Value
					}
				}
			}
			for _, a := range e.Attr {
				if a.Name.Local == "id" {
					doc.ids[a.Value] = e.Name.Local
				}
			}
			if e.Name.Local == "title" && len(stack) > 1 {
				doc.markers++
			}
			stack = append(stack, e.Name.Local)
			buf.Reset()
		case xml.CharData:
			buf.Write(e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			switch e.Name.Local {
			case "title":
				doc.titles = append(doc.titles, buf.String())
			case "text", "tspan":
				if s := strings.TrimSpace(buf.String()); s != "" {
					doc.text = append(doc.text, s)
				}
			}
			buf.Reset()
		}
	}
	if doc.role != "img" {
		t.Errorf("role %q, want img", doc.role)
	}
	for _, id := range strings.Fields(doc.labelledBy) {
		if doc.ids[id] != "title" && doc.ids[id] != "desc" {
			t.Errorf("aria-labelledby names %q, which is no title or desc of the chart", id)
		}
	}
	if len(strings.Fields(doc.labelledBy)) != 2 {
		t.Errorf("aria-labelledby %q: want the title and the desc", doc.labelledBy)
	}
	return doc
}

func elevenDomains() []string {
	return []string{"Sponsoring", "Visie/strategie", "Attitude & Awareness", "Kennis", "Inspiratie & concept",
		"Dialoog & co-creatie hergebruikers", "Ondersteuning", "Kennisdeling", "(Open) Data governance", "Aankoopbeleid", "Infrastructuur"}
}

func TestChartsAreAccessibleSVG(t *testing.T) {
	doms := elevenDomains()
	mat := []float64{3, 2, 2, 3, 2, 1, 3, 1, 2, 2, 2}
	need := []float64{4, 4, 3, 4, 3, 2, 4, 3, 5, 4, 3}
	withGap := append([]float64(nil), mat...)
	withGap[4] = math.NaN()
	for _, tc := range []struct {
		name    string
		svg     template.HTML
		markers int // marks with a tooltip
		texts   []string
	}{
		{"radar", (&Radar{ID: "r", Title: "Maturiteit en nood", Desc: "d", Axes: doms, Scale: scale05,
			Series: []Series{{"Maturiteit", mat}, {"Nood", need}}}).SVG(), 22 + 2, doms[:1]},
		{"radar with a missing value", (&Radar{ID: "r", Title: "t", Desc: "d", Axes: doms, Scale: scale05,
			Series: []Series{{"Maturiteit", withGap}}}).SVG(), 10 + 1, nil},
		{"bars", (&Bars{ID: "b", Title: "t", Desc: "d", Categories: doms, Scale: scale05,
			Series: []Series{{"Maturiteit", mat}, {"Nood", need}}}).SVG(), 22, []string{"Sponsoring", "Attitude & Awareness"}},
		{"ranges", (&Ranges{ID: "g", Title: "t", Desc: "d", Categories: doms[:3], Scale: scale05,
			Boxes:  []Box{{N: 4, Min: 1, Q1: 2, Median: 2.5, Q3: 3, Max: 4}, {N: 1, Min: 2, Q1: 2, Median: 2, Q3: 2, Max: 2}, {}},
			Values: []float64{3, 2, math.NaN()}, ValueName: "Deze stad", MedianName: "Mediaan", BoxName: "Middelste helft", RangeName: "Laagste–hoogste"}).SVG(),
			2 + 2 + 1, []string{"Deze stad", "Mediaan"}},
		{"line", (&Line{ID: "l", Title: "t", Desc: "d", Steps: []string{"2024", "2025"}, Scale: scale05,
			Num:    func(v float64) string { return strings.Replace(fmtNum(v), ".", ",", 1) },
			Series: []Series{{"Maturiteit", []float64{2, 2.5}}, {"Nood", []float64{3.5, math.NaN()}}}}).SVG(), 3 + 2, []string{"2024", "2025", "2,5"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := parseSVG(t, tc.svg)
			if doc.markers != tc.markers {
				t.Errorf("%d elements with a tooltip, want %d", doc.markers, tc.markers)
			}
			all := strings.Join(doc.text, "|")
			for _, w := range tc.texts {
				if !strings.Contains(all, w) {
					t.Errorf("text %q missing from %q", w, all)
				}
			}
		})
	}
}

// Ensure that the eleven spokes of a radar are drawn and labelled.
func TestRadarSpokes(t *testing.T) {
	doms := elevenDomains()
	h := string((&Radar{ID: "r", Title: "t", Desc: "d", Axes: doms, Scale: scale05}).SVG())
	// One spoke per axis from the centre; rings are polygons.
	cx, cy := (&Radar{}).centre()
	from := `<line x1="` + c(cx) + `" y1="` + c(cy) + `"`
	if n := strings.Count(h, from); n != 11 {
		t.Errorf("%d spokes from the centre, want 11", n)
	}
	if n := strings.Count(h, "<polygon"); n != 5 {
		t.Errorf("%d rings, want 5 (one per tick)", n)
	}
	if !strings.Contains(h, "Attitude &amp;") {
		t.Error("a label with & is not escaped")
	}
}

// Ensure that text cannot break out of the SVG.
func TestEscaping(t *testing.T) {
	evil := `</title><script>alert(1)</script>"`
	for _, h := range []template.HTML{
		(&Radar{ID: "r", Title: evil, Desc: evil, Axes: []string{evil, "b", "c"}, Scale: scale05, Series: []Series{{evil, []float64{1, 2, 3}}}}).SVG(),
		(&Bars{ID: "b", Title: evil, Desc: evil, Categories: []string{evil}, Scale: scale05, Series: []Series{{evil, []float64{1}}, {evil, []float64{2}}}}).SVG(),
	} {
		if strings.Contains(string(h), "<script>") {
			t.Errorf("unescaped text in %s", h)
		}
		parseSVG(t, h)
	}
}
