package webapp

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/evidence"
	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// pdfCatalog is a city catalog of five datasets, four of them only as
// PDF: what a city that rates its Infrastructuur 4 must be told about.
const pdfCatalog = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://stad.example/catalogus> a dcat:Catalog ; dct:title "Catalogus"@nl ;
  dcat:dataset <https://stad.example/ds/1>, <https://stad.example/ds/2>, <https://stad.example/ds/3>, <https://stad.example/ds/4>, <https://stad.example/ds/5> .
<https://stad.example/ds/1> a dcat:Dataset ; dct:title "Begroting"@nl ; dcat:distribution <https://stad.example/dist/1> .
<https://stad.example/ds/2> a dcat:Dataset ; dct:title "Verslagen"@nl ; dcat:distribution <https://stad.example/dist/2> .
<https://stad.example/ds/3> a dcat:Dataset ; dct:title "Plannen"@nl ; dcat:distribution <https://stad.example/dist/3> .
<https://stad.example/ds/4> a dcat:Dataset ; dct:title "Jaarrapport"@nl ; dcat:distribution <https://stad.example/dist/4> .
<https://stad.example/ds/5> a dcat:Dataset ; dct:title "Parkeren"@nl ; dcat:distribution <https://stad.example/dist/5> .
<https://stad.example/dist/1> a dcat:Distribution ; dcat:downloadURL <https://stad.example/f/1.pdf> ; dct:format <http://publications.europa.eu/resource/authority/file-type/PDF> ; dct:license <http://creativecommons.org/publicdomain/zero/1.0/> .
<https://stad.example/dist/2> a dcat:Distribution ; dcat:downloadURL <https://stad.example/f/2.pdf> ; dct:format <http://publications.europa.eu/resource/authority/file-type/PDF> ; dct:license <http://creativecommons.org/publicdomain/zero/1.0/> .
<https://stad.example/dist/3> a dcat:Distribution ; dcat:downloadURL <https://stad.example/f/3.pdf> ; dct:format <http://publications.europa.eu/resource/authority/file-type/PDF> ; dct:license <http://creativecommons.org/publicdomain/zero/1.0/> .
<https://stad.example/dist/4> a dcat:Distribution ; dcat:downloadURL <https://stad.example/f/4.pdf> ; dct:format <http://publications.europa.eu/resource/authority/file-type/PDF> ; dct:license <http://creativecommons.org/publicdomain/zero/1.0/> .
<https://stad.example/dist/5> a dcat:Distribution ; dcat:downloadURL <https://stad.example/f/5.csv> ; dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ; dct:license <http://creativecommons.org/publicdomain/zero/1.0/> .
`

// measuredCatalog scores pdfCatalog as measured on date for org and year
// (0: no year) and returns the published graph.
func measuredCatalog(t testing.TB, base, org string, year int, date string) []rdf.Quad {
	t.Helper()
	var cat []rdf.Quad
	if err := rdfio.Parse(strings.NewReader(pdfCatalog), rdfio.Turtle, rdfio.ParseOptions{File: "catalogus.ttl"}, func(q rdf.Quad) error {
		cat = append(cat, q)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	at, err := time.Parse("2006-01-02", date)
	if err != nil {
		t.Fatal(err)
	}
	res, err := evidence.Score(context.Background(), evidence.NewCatalog(cat, "catalogus.ttl"), evidence.Options{Now: at})
	if err != nil {
		t.Fatal(err)
	}
	res.Started, res.Finished = at.Add(9*time.Hour), at.Add(9*time.Hour+time.Second)
	return res.Quads(evidence.Publication{Base: base, Org: org, Year: year})
}

// newDashEnv is the site over the examples plus three measurements of
// 99992's catalog: one for 2025 (the one the dashboard must show), an
// older one for 2024 and one of 2025 that names no year.
func newDashEnv(t *testing.T) *testEnv {
	return newTestEnv(t, func(base string) []rdf.Quad {
		var qs []rdf.Quad
		qs = append(qs, measuredCatalog(t, base, "99992", 2025, "2026-01-15")...)
		qs = append(qs, measuredCatalog(t, base, "99992", 2024, "2026-02-01")...)
		qs = append(qs, measuredCatalog(t, base, "99992", 0, "2025-06-01")...)
		return qs
	}, nil)
}

// section returns the HTML of the section whose heading has id.
func section(page, id string) string {
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		return ""
	}
	end := strings.Index(page[i:], "</section>")
	if end < 0 {
		return page[i:]
	}
	return page[i : i+end]
}

var rowHeads = regexp.MustCompile(`<th scope="row">(?:<a [^>]*>)?([^<]*)`)

// rowNames lists the row headers of the first table in s.
func rowNames(s string) []string {
	if i := strings.Index(s, "<tbody>"); i >= 0 {
		s = s[i:]
	}
	if i := strings.Index(s, "</tbody>"); i >= 0 {
		s = s[:i]
	}
	var out []string
	for _, m := range rowHeads.FindAllStringSubmatch(s, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

func TestDashboard(t *testing.T) {
	e := newDashEnv(t)
	resp, body := e.get(t, http.MethodGet, e.base+"dashboard/99992/2025", "Accept-Language: nl-BE,nl;q=0.9")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	page := string(body)
	if !strings.Contains(page, `<html lang="nl">`) || !strings.Contains(page, "<title>Demostad Zuid (fictief), 2025</title>") {
		t.Errorf("not the Dutch dashboard of Demostad Zuid 2025")
	}
	// The radar: an SVG labelled by its title and desc, eleven spokes, one
	// marker per domain and series.
	radar := page[strings.Index(page, `id="radar"`):]
	radar = radar[:strings.Index(radar, "</svg>")]
	if !strings.Contains(radar, `aria-labelledby="radar-title radar-desc"`) || !strings.Contains(radar, `<desc id="radar-desc">Radargrafiek over 11 domeinen`) {
		t.Errorf("radar lacks its text alternative: %.300s", radar)
	}
	if n := strings.Count(radar, "<title>"); n != 22+2 {
		t.Errorf("radar has %d marks with a tooltip, want 24 (11 domains × maturity and need, and the legend's two)", n)
	}
	// The scores in the model's order, the largest gap first in the plan.
	scores := section(page, "scores")
	if got := rowNames(scores); len(got) != 11 || got[0] != "Sponsoring" || got[10] != "Infrastructuur" {
		t.Errorf("score rows %q", got)
	}
	if !strings.Contains(html.UnescapeString(scores), `<td class="num gap-pos">+2,5</td>`) {
		t.Error("the gap of Dialoog & co-creatie (4,5 − 2) is not shown as +2,5")
	}
	plan := section(page, "plan")
	if i, j := strings.Index(plan, "Dialoog &amp; co-creatie hergebruikers"), strings.Index(plan, "Aankoopbeleid"); i < 0 || j < 0 || i > j {
		t.Errorf("plan does not start with the largest gap (Dialoog, +2,5) before Aankoopbeleid (+2)")
	}
	// The trend: both years of 99992, the means per year.
	trend := section(page, "trend")
	if !strings.Contains(trend, `<th scope="col" class="num">2024</th><th scope="col" class="num">2025</th>`) || !strings.Contains(trend, `id="trend"`) {
		t.Errorf("trend lacks the years 2024 and 2025")
	}
	// The comparison: both demo cities published for 2025.
	cmp := section(page, "vergelijking-kop")
	if !strings.Contains(cmp, "alle 2 organisaties") || !strings.Contains(cmp, `id="vergelijking"`) {
		t.Errorf("comparison does not name its 2 organisations or lacks its chart")
	}
	if got := rowNames(cmp); len(got) != 11 {
		t.Errorf("comparison rows %q, want 11", got)
	}
	// Infrastructuur: 99991 has 2, 99992 has 4: median 3, 99992 above it.
	table := cmp[strings.Index(cmp, "<tbody>"):]
	infra := table[strings.Index(table, ">Infrastructuur<"):]
	infra = infra[:strings.Index(infra, "</tr>")]
	for _, want := range []string{`<td class="num">4</td><td class="num">3</td>`, `<td class="num">2–4</td>`, "boven de mediaan", "Nood: interoperabiliteit: 89 % (technisch)"} {
		if !strings.Contains(html.UnescapeString(infra), html.UnescapeString(want)) {
			t.Errorf("Infrastructuur comparison lacks %q: %s", want, infra)
		}
	}
	// The evidence of 2025 beside the self-assessment, with the finding the
	// issue asks for.
	ev := html.UnescapeString(section(page, "bewijs-kop"))
	for _, want := range []string{
		"Infrastructuur kreeg score 4 in de zelfevaluatie, terwijl 80 % van de datasets alleen als PDF beschikbaar is.",
		"bij de meting van 15 januari 2026",
		`id="bewijs"`,
	} {
		if !strings.Contains(ev, want) {
			t.Errorf("evidence section lacks %q", want)
		}
	}
	if got := rowNames(ev); fmt.Sprint(got) != "[Infrastructuur (Open) Data governance Ondersteuning]" {
		t.Errorf("evidence rows %q", got)
	}
	// Links to the report, the CSV, the assessment and the organisation.
	for _, want := range []string{"dashboard/99992/2025/rapport", "dashboard/99992/2025/scores.csv", "doc/evaluatie/99992/2025", "doc/organisatie/99992"} {
		if !strings.Contains(page, `href="`+e.base+want+`"`) {
			t.Errorf("no link to %s", want)
		}
	}

	// Unchanged data: 304.
	resp, _ = e.get(t, http.MethodGet, e.base+"dashboard/99992/2025", "If-None-Match: "+resp.Header.Get("ETag"))
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d, want 304", resp.StatusCode)
	}
}

// The English dashboard is English throughout, and 99991 (no evidence)
// says how to measure its catalog.
func TestDashboardEnglish(t *testing.T) {
	e := newDashEnv(t)
	resp, body := e.get(t, http.MethodGet, e.base+"dashboard/99991/2025?lang=en")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	page := html.UnescapeString(string(body))
	for _, want := range []string{`<html lang="en">`, "Maturity and need per domain", "Comparison with the other organisations", "Knowledge", i18n.T("en", "evNone", "99991", 2025)} {
		if !strings.Contains(page, want) {
			t.Errorf("English dashboard lacks %q", want)
		}
	}
	for _, dutch := range []string{"Maturiteit en nood", "Vergelijking", "onder de mediaan", "Kennisdeling", "Volgende stap"} {
		if strings.Contains(page, dutch) {
			t.Errorf("English dashboard holds Dutch %q", dutch)
		}
	}
	if !strings.Contains(page, `href="`+e.base+`dashboard/99991/2024?lang=en"`) {
		t.Error("the year links do not keep ?lang=en")
	}
}

func TestDashboardAddresses(t *testing.T) {
	e := newDashEnv(t)
	for _, c := range []struct {
		path     string
		status   int
		location string
	}{
		{"dashboard", http.StatusOK, ""},
		{"dashboard/99991", http.StatusFound, "dashboard/99991/2025"},
		{"dashboard/99991?lang=en", http.StatusFound, "dashboard/99991/2025?lang=en"},
		{"dashboard/24062", http.StatusNotFound, ""}, // a real city without an assessment
		{"dashboard/2406", http.StatusBadRequest, ""},
		{"dashboard/99991/2030", http.StatusNotFound, ""},
		{"dashboard/99991/1999", http.StatusBadRequest, ""},
		{"dashboard/99991/twee", http.StatusBadRequest, ""},
		{"dashboard/99991/2025?versie=1", http.StatusBadRequest, ""}, // the dashboard shows the current version
		{"dashboard/99991/2025/rapport", http.StatusOK, ""},
		{"dashboard/99991/2025/rapport?versie=1", http.StatusOK, ""},
		{"dashboard/99991/2025/rapport?versie=3", http.StatusNotFound, ""},
		{"dashboard/99991/2025/rapport?versie=0", http.StatusBadRequest, ""},
		{"dashboard/99991/2025/scores.csv", http.StatusOK, ""},
	} {
		resp, body := e.get(t, http.MethodGet, e.base+c.path, "Accept: text/html")
		if resp.StatusCode != c.status {
			t.Errorf("%s: %d, want %d\n%.300s", c.path, resp.StatusCode, c.status, body)
		}
		if c.location != "" && resp.Header.Get("Location") != e.base+c.location {
			t.Errorf("%s: Location %q, want %q", c.path, resp.Header.Get("Location"), e.base+c.location)
		}
	}
	_, body := e.get(t, http.MethodGet, e.base+"dashboard")
	idx := string(body)
	for _, want := range []string{`href="` + e.base + `dashboard/99991/2024"`, `href="` + e.base + `dashboard/99992/2025"`, "Demostad Noord (fictief) (99991)"} {
		if !strings.Contains(idx, want) {
			t.Errorf("index lacks %q", want)
		}
	}
}

// The report of an older version is that version's, and says so.
func TestReport(t *testing.T) {
	e := newDashEnv(t)
	_, body := e.get(t, http.MethodGet, e.base+"dashboard/99991/2025/rapport?versie=1")
	page := html.UnescapeString(string(body))
	for _, want := range []string{i18n.T("nl", "reportOlder", 1, 2), "/id/evaluatie/99991/2025/v1", "Volgende stap", `id="radar"`} {
		if !strings.Contains(page, want) {
			t.Errorf("report of v1 lacks %q", want)
		}
	}
	// The plan in rank order: every recommendation's rank, ascending.
	var ranks []string
	for _, m := range regexp.MustCompile(`<span class="rank">(\d+)</span>`).FindAllStringSubmatch(page, -1) {
		ranks = append(ranks, m[1])
	}
	if len(ranks) < 5 || ranks[0] != "1" || ranks[len(ranks)-1] != fmt.Sprint(len(ranks)) {
		t.Errorf("report plan ranks %v", ranks)
	}
}

func TestScoresCSV(t *testing.T) {
	e := newDashEnv(t)
	for _, c := range []struct {
		url, header, name string
		version           string
	}{
		{"dashboard/99991/2025/scores.csv", "domein,maturiteit,nood,toelichting,bewijs,kloof,rang,domeinnaam,organisatie,nis,jaar,versie,evaluatie", "Sponsoring", "2"},
		{"dashboard/99991/2025/scores.csv?versie=1&lang=en", "domain,maturity,need,rationale,evidence,gap,rank,domain_name,organisation,nis,year,version,assessment", "Sponsorship", "1"},
	} {
		resp, body := e.get(t, http.MethodGet, e.base+c.url)
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Errorf("%s: Content-Type %q", c.url, ct)
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "scores-99991-2025-v"+c.version+".csv") {
			t.Errorf("%s: Content-Disposition %q", c.url, cd)
		}
		if !bytes.HasPrefix(body, []byte("\ufeff")) {
			t.Errorf("%s: no byte order mark", c.url)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", c.url, err)
		}
		if strings.Join(rows[0], ",") != c.header || len(rows) != 12 {
			t.Errorf("%s: header %q, %d rows", c.url, rows[0], len(rows))
		}
		if r := rows[1]; r[0] != "sponsoring" || r[7] != c.name || r[11] != c.version {
			t.Errorf("%s: first row %q", c.url, r)
		}
	}
}

func TestCSVCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"gewone tekst", "gewone tekst"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+32 16 27 20 00", "'+32 16 27 20 00"},
		{"-5 datasets", "'-5 datasets"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1", "'\r=1"},
		{"-1.5", "-1.5"}, // a negative gap stays a number
		{"3", "3"},
		{"-", "'-"},
		{"a=b", "a=b"},
	} {
		if got := csvCell(c.in); got != c.want {
			t.Errorf("csvCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Ensure that the CSV escapes what a user typed.
func TestScoresCSVEscapesFormulas(t *testing.T) {
	e := newDashEnv(t)
	v, err := e.src.View(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	d, err := loadDash(context.Background(), v, e.base, "99991", 2025, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	d.shown.Scores[0].Rationale = `=cmd|' /C calc'!A0`
	body, err := scoresCSV(d, e.base, "nl")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		if r[0] == d.shown.Scores[0].Domain && r[3] != `'=cmd|' /C calc'!A0` {
			t.Errorf("rationale written as %q", r[3])
		}
	}
}

// Ensure that the evidence set beside a year is that year's latest
// measurement, and never another year's.
func TestFindEvidence(t *testing.T) {
	e := newDashEnv(t)
	v, err := e.src.View(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	for _, c := range []struct {
		org  string
		year int
		date string // "" : none
	}{
		{"99992", 2025, "2026-01-15"}, // named for 2025, preferred to the year-less one of 2025-06-01
		{"99992", 2024, "2026-02-01"},
		{"99992", 2023, ""},
		{"99991", 2025, ""},
	} {
		s, err := findEvidence(context.Background(), v, e.base, c.org, c.year)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if s != nil {
			got = s.Date
			if s.Indicators.Datasets != 5 {
				t.Errorf("%s/%d: %d datasets read back, want 5", c.org, c.year, s.Indicators.Datasets)
			}
		}
		if got != c.date {
			t.Errorf("%s/%d: evidence of %q, want %q", c.org, c.year, got, c.date)
		}
	}
}

// Ensure that an assessment whose current version's graph is gone (a
// withdrawal) leaves the comparison, and that its own dashboard answers
// 404, while the others still work.
func TestDashboardWithoutAVersionGraph(t *testing.T) {
	e := newDashEnv(t)
	e.src.ReplaceGraph(rdf.IRI(e.base+"graph/evaluatie/99991/2025/v2"), nil, time.Now())
	resp, body := e.get(t, http.MethodGet, e.base+"dashboard/99992/2025")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("dashboard of 99992: %d", resp.StatusCode)
	}
	if !strings.Contains(html.UnescapeString(string(body)), i18n.T("nl", "compareAlone", 2025)) {
		t.Error("the comparison still counts the assessment whose version is gone")
	}
	if resp, _ := e.get(t, http.MethodGet, e.base+"dashboard/99991/2025"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("dashboard of the gone version: %d, want 404", resp.StatusCode)
	}
	if resp, _ := e.get(t, http.MethodGet, e.base+"dashboard/99991/2024"); resp.StatusCode != http.StatusOK {
		t.Errorf("dashboard of 99991's other year: %d, want 200", resp.StatusCode)
	}
}
