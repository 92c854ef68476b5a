package ldserver

import (
	"html"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
)

func TestNaturalLess(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"aanbeveling 9: x", "aanbeveling 10: y", true},
		{"aanbeveling 10: y", "aanbeveling 9: x", false},
		{"aanbeveling 1: z", "aanbeveling 10: a", true},
		{"aanbeveling 2", "aanbeveling 2", false},
		{"v2", "v10", true},
		{"007", "7a", true}, // equal numbers: the shorter text first
		{"a", "b", true},
		{"b", "a", false},
		{"abc", "abcd", true},
		{"x99999999999999999999", "x100000000000000000000", true}, // longer than any integer type
	} {
		if got := naturalLess(c.a, c.b); got != c.want {
			t.Errorf("naturalLess(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	labels := []string{"Aanbeveling 10: Kennisdeling", "Aanbeveling 1: Governance", "Aanbeveling 11: Infrastructuur", "Aanbeveling 2: Visie", "Aanbeveling 9: Inspiratie"}
	vals := make([]value, len(labels))
	for i, l := range labels {
		vals[i] = value{Text: l}
	}
	sort.SliceStable(vals, func(i, j int) bool { return lessValue(vals[i], vals[j]) })
	var got []string
	for _, v := range vals {
		got = append(got, v.Text[:strings.Index(v.Text, ":")])
	}
	if strings.Join(got, ",") != "Aanbeveling 1,Aanbeveling 2,Aanbeveling 9,Aanbeveling 10,Aanbeveling 11" {
		t.Errorf("recommendations sort as %v", got)
	}
}

// dashboardStub routes the web app's dashboard addresses, so the pages
// link them (they link only what is routed).
type dashboardStub struct{}

func (dashboardStub) Routes(r chi.Router) {
	ok := func(w http.ResponseWriter, r *http.Request) {}
	r.Get("/dashboard", ok)
	r.Get("/dashboard/{org}", ok)
	r.Get("/dashboard/{org}/{year}", ok)
	r.Get("/dashboard/{org}/{year}/rapport", ok)
	r.Get("/dashboard/{org}/{year}/scores.csv", ok)
}

// The assessment's page shows its scores as charts and a table in the
// model's order, its recommendations by rank, and links the dashboard,
// report and CSV once the web app routes them.
func TestAssessmentPageScores(t *testing.T) {
	t.Parallel()
	for _, withApp := range []bool{false, true} {
		var tweak func(*Config)
		if withApp {
			tweak = func(c *Config) { c.Apps = append(c.Apps, dashboardStub{}) }
		}
		e := newTestEnv(t, nil, tweak)
		for _, path := range []string{"doc/evaluatie/99991/2025/v2", "doc/evaluatie/99991/2025"} {
			resp, body := e.get(t, http.MethodGet, e.base+path, "Accept: text/html")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", path, resp.StatusCode)
			}
			page := string(body)
			i := strings.Index(page, `<section class="group scoreview">`)
			if i < 0 {
				t.Fatalf("%s: no score view", path)
			}
			sv := page[i : i+strings.Index(page[i:], "</section>")]
			for _, want := range []string{`role="img"`, `aria-labelledby="radar-`, `<desc id="staven-`, "Radargrafiek over 11 domeinen", `class="num gap-pos"`} {
				if !strings.Contains(sv, want) {
					t.Errorf("%s: score view lacks %q", path, want)
				}
			}
			var rows []string
			for _, m := range regexp.MustCompile(`<th scope="row"><a href="[^"]*/doc/observatie/99991/2025/v2/([^"]+)"`).FindAllStringSubmatch(sv, -1) {
				rows = append(rows, m[1])
			}
			want := "sponsoring visie-strategie attitude-awareness kennis inspiratie-concept dialoog-co-creatie-hergebruikers ondersteuning kennisdeling open-data-governance aankoopbeleid infrastructuur"
			if strings.Join(rows, " ") != want {
				t.Errorf("%s: rows %v\nwant the model's order %s", path, rows, want)
			}
			if n := strings.Count(page, "<h2>Scores: "); n != 1 {
				t.Errorf("%s: %d score sections, want 1 (the generic cube table must give way to the score view)", path, n)
			}
			links := strings.Contains(page, `href="`+e.base+`dashboard/99991/2025"`) &&
				strings.Contains(page, `href="`+e.base+`dashboard/99991/2025/rapport?versie=2"`) &&
				strings.Contains(page, `href="`+e.base+`dashboard/99991/2025/scores.csv?versie=2"`)
			if links != withApp {
				t.Errorf("%s: dashboard links present %v, routed %v", path, links, withApp)
			}
		}
		// The version's recommendations, in its property list, by rank.
		_, body := e.get(t, http.MethodGet, e.base+"doc/evaluatie/99991/2025/v2", "Accept: text/html")
		page := html.UnescapeString(string(body))
		i9, i10, i1 := strings.Index(page, ">Aanbeveling 9:"), strings.Index(page, ">Aanbeveling 10:"), strings.Index(page, ">Aanbeveling 1:")
		if i1 < 0 || i9 < 0 || i10 < 0 || !(i1 < i9 && i9 < i10) {
			t.Errorf("recommendations not in rank order: 1 at %d, 9 at %d, 10 at %d", i1, i9, i10)
		}
		// The organisation's page and the landing page lead to the
		// dashboards when they are routed; an organisation without an
		// assessment gets no link.
		_, org := e.get(t, http.MethodGet, e.base+"doc/organisatie/99991", "Accept: text/html")
		if got := strings.Contains(string(org), `href="`+e.base+`dashboard/99991"`); got != withApp {
			t.Errorf("organisation page links its dashboard: %v, routed %v", got, withApp)
		}
		_, leuven := e.get(t, http.MethodGet, e.base+"doc/organisatie/24062", "Accept: text/html")
		if strings.Contains(string(leuven), "dashboard/24062") {
			t.Error("an organisation without an assessment links a dashboard")
		}
		_, landing := e.get(t, http.MethodGet, e.base, "Accept: text/html")
		if got := strings.Contains(string(landing), `href="`+e.base+`dashboard"`); got != withApp {
			t.Errorf("landing page links the dashboards: %v, routed %v", got, withApp)
		}
	}
}
