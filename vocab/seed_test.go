package vocab

import (
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
)

// seedDomain is what the seed slide deck says about one domain, extracted
// here independently of the Turtle files.
type seedDomain struct {
	name, definition, audience string
	principles                 []int
	principleLabels            map[int]string
	actions                    []string
}

type seedProfile struct {
	name, description string
	roles             []string
}

// joinLines joins the lines of a PDF-extracted paragraph: a word broken
// with a hyphen at the line end ("PSI-" + "directive") joins without a
// space, everything else with one, and runs of spaces collapse.
func joinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if i > 0 {
			prev := b.String()
			r := []rune(l)
			if !(strings.HasSuffix(prev, "-") && !strings.HasSuffix(prev, " -") && len(r) > 0 && unicode.IsLower(r[0])) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

var numbered = regexp.MustCompile(`^(\d+)\.\s*(.*)$`)

func parseSeedDomains(t *testing.T, seed string) []seedDomain {
	t.Helper()
	blocks := strings.Split(seed, "Maturiteitsdomein Actie(s)")[1:]
	var out []seedDomain
	for _, blk := range blocks {
		lines := nonEmptyLines(blk)
		d := seedDomain{principleLabels: map[int]string{}}
		i := 0
		name := []string{lines[0]}
		for i = 1; i < len(lines) && unicode.IsLower([]rune(lines[i])[0]); i++ {
			name = append(name, lines[i])
		}
		d.name = joinLines(name)
		var def []string
		for ; !strings.HasPrefix(strings.ToLower(lines[i]), "od charter"); i++ {
			def = append(def, lines[i])
		}
		d.definition = joinLines(def)
		i++
		var cur []string
		curN := 0
		flush := func() {
			if curN > 0 {
				d.principleLabels[curN] = strings.TrimSuffix(joinLines(cur), ".")
			}
		}
		for ; !strings.HasPrefix(lines[i], "Doelpubliek:"); i++ {
			if m := numbered.FindStringSubmatch(lines[i]); m != nil {
				flush()
				curN, _ = strconv.Atoi(m[1])
				cur = []string{m[2]}
				d.principles = append(d.principles, curN)
			} else {
				cur = append(cur, lines[i])
			}
		}
		flush()
		aud := []string{strings.TrimPrefix(lines[i], "Doelpubliek:")}
		for i++; !strings.HasPrefix(lines[i], "Omschrijving:"); i++ {
			aud = append(aud, lines[i])
		}
		d.audience = joinLines(aud)
		var bullet []string
		for i++; i < len(lines); i++ {
			if strings.HasPrefix(lines[i], "•") {
				if bullet != nil {
					d.actions = append(d.actions, joinLines(bullet))
				}
				bullet = []string{strings.TrimPrefix(lines[i], "•")}
			} else {
				bullet = append(bullet, lines[i])
			}
		}
		d.actions = append(d.actions, joinLines(bullet))
		out = append(out, d)
	}
	return out
}

func parseSeedProfiles(seed string) []seedProfile {
	sec := seed[strings.Index(seed, "\nGebruikersprofielen")+1 : strings.Index(seed, "Interviews & bevraging")]
	lines := nonEmptyLines(sec)[1:]
	var out []seedProfile
	prevBullet := true
	var desc []string
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "•"):
			if role := strings.TrimSpace(strings.TrimPrefix(l, "•")); role != "…" {
				out[len(out)-1].roles = append(out[len(out)-1].roles, role)
			}
			prevBullet = true
		case prevBullet:
			if len(out) > 0 && desc != nil {
				out[len(out)-1].description = joinLines(desc)
			}
			out = append(out, seedProfile{name: l})
			desc = []string{}
			prevBullet = false
		default:
			desc = append(desc, l)
		}
	}
	out[len(out)-1].description = joinLines(desc)
	return out
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

func readSeed(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(testtool.Testdata(t, "study", "open-data-awareness.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The model read back from the embedded Turtle is the seed's model: every
// domain with its definition, audience, charter numbers and every action
// bullet in order; every profile with description and example roles.
func TestModelMatchesSeed(t *testing.T) {
	seed := readSeed(t)
	quads, err := Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(quads)
	if err != nil {
		t.Fatal(err)
	}
	want := parseSeedDomains(t, seed)
	if len(want) != 11 || len(m.Domains) != 11 {
		t.Fatalf("seed has %d domains, model %d; want 11 each", len(want), len(m.Domains))
	}
	ix := newIndex(quads)
	actions := 0
	for i, w := range want {
		d := m.Domains[i]
		if d.Slug != slug(w.name) || d.Order != i+1 {
			t.Errorf("domain %d: slug %q order %d, seed name %q", i+1, d.Slug, d.Order, w.name)
			continue
		}
		if d.IRI != Domain(d.Slug) || !strings.HasPrefix(d.IRI, SharedBase) {
			t.Errorf("domain %s is %s, not at its shared IRI %s", d.Slug, d.IRI, Domain(d.Slug))
		}
		for _, p := range append(append([]string{}, d.Profiles...), d.Principles...) {
			if !strings.HasPrefix(p, ModelNS) {
				t.Errorf("%s: target profile or principle %s is not a shared model IRI", d.Slug, p)
			}
		}
		if slug(d.Label["nl"]) != slug(w.name) || d.Label["en"] == "" {
			t.Errorf("%s: labels %v, seed %q", d.Slug, d.Label, w.name)
		}
		if d.Definition["nl"] != w.definition || d.Definition["en"] == "" {
			t.Errorf("%s: definition\n got %q\nwant %q", d.Slug, d.Definition["nl"], w.definition)
		}
		if d.AudienceText["nl"] != w.audience || d.AudienceText["en"] == "" {
			t.Errorf("%s: audience %q, seed %q", d.Slug, d.AudienceText["nl"], w.audience)
		}
		var got []int
		for _, p := range d.Principles {
			got = append(got, m.Principles[p].Number)
			n := m.Principles[p].Number
			labels := ix.text(p, NS+"charterLabel")
			if labels["nl"] != w.principleLabels[n] {
				t.Errorf("%s: principle %d named %q in the model, %q in the seed", d.Slug, n, labels["nl"], w.principleLabels[n])
			}
		}
		if !equalInts(got, w.principles) {
			t.Errorf("%s: charter principles %v, seed %v", d.Slug, got, w.principles)
		}
		if len(d.Actions) != len(w.actions) {
			t.Errorf("%s: %d actions, seed %d", d.Slug, len(d.Actions), len(w.actions))
			continue
		}
		for j, a := range d.Actions {
			actions++
			if a.IRI != Action(d.Slug, j+1) {
				t.Errorf("action IRI %s, want %s", a.IRI, Action(d.Slug, j+1))
			}
			if a.Description["nl"] != w.actions[j] {
				t.Errorf("%s action %d:\n got %q\nwant %q", d.Slug, j+1, a.Description["nl"], w.actions[j])
			}
			if a.Description["en"] == "" || a.Label["nl"] == "" || a.Label["en"] == "" {
				t.Errorf("%s action %d lacks an English text or a label", d.Slug, j+1)
			}
		}
		// Target profiles: every named audience group occurs in the seed's
		// wording, and together they cover at least one profile.
		for _, a := range ix.iris(d.IRI, NS+"targetAudience") {
			first := strings.ToLower(strings.Fields(ix.text(a, SKOS+"prefLabel")["nl"])[0])
			if !strings.Contains(strings.ToLower(w.audience), first) {
				t.Errorf("%s: audience group %s (%q) is not in the seed's %q", d.Slug, a, first, w.audience)
			}
		}
		if len(d.Profiles) == 0 {
			t.Errorf("%s: no target profiles", d.Slug)
		}
		for l := 1; l <= 5; l++ {
			if d.Levels[l]["nl"] == "" || d.Levels[l]["en"] == "" {
				t.Errorf("%s: maturity level %d lacks a descriptor in nl or en", d.Slug, l)
			}
		}
	}
	t.Logf("seed: %d domains, %d actions matched, at the shared IRIs under %s", len(want), actions, ModelNS)
	// Another instance base gives the very same model IRIs.
	other, err := Quads("https://data.andere-stad.example/maturiteit/")
	if err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(other)
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Domains {
		if m.Domains[i].IRI != m2.Domains[i].IRI || m.Domains[i].Actions[0].IRI != m2.Domains[i].Actions[0].IRI {
			t.Errorf("domain %s has another IRI under another base: %s", m.Domains[i].Slug, m2.Domains[i].IRI)
		}
	}

	profiles := parseSeedProfiles(seed)
	if len(profiles) != 5 || len(m.Profiles) != 5 {
		t.Fatalf("seed has %d profiles, model %d; want 5", len(profiles), len(m.Profiles))
	}
	byOrder := make([]*ProfileDef, 0, 5)
	for _, p := range m.Profiles {
		byOrder = append(byOrder, p)
	}
	sort.Slice(byOrder, func(i, j int) bool { return byOrder[i].Order < byOrder[j].Order })
	for i, w := range profiles {
		p := byOrder[i]
		if p.Label["nl"] != w.name || p.Label["en"] == "" {
			t.Errorf("profile %d: label %v, seed %q", i+1, p.Label, w.name)
		}
		if p.Definition["nl"] != w.description || p.Definition["en"] == "" {
			t.Errorf("profile %s:\n got %q\nwant %q", p.Slug, p.Definition["nl"], w.description)
		}
		if strings.Join(p.Roles["nl"], "|") != strings.Join(w.roles, "|") || len(p.Roles["en"]) != len(w.roles) {
			t.Errorf("profile %s: roles %v / %v, seed %v", p.Slug, p.Roles["nl"], p.Roles["en"], w.roles)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The 20 charter principles are there, numbered 1..20, each linked to its
// anchor on the charter page and labelled in both languages.
func TestPrinciples(t *testing.T) {
	quads, err := Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(quads)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Principles) != 20 {
		t.Fatalf("%d principles, want 20", len(m.Principles))
	}
	ix := newIndex(quads)
	for n := 1; n <= 20; n++ {
		iri := Principle(n)
		p, ok := m.Principles[iri]
		if !ok || p.Number != n {
			t.Errorf("principle %d missing or misnumbered", n)
			continue
		}
		if p.Label["nl"] == "" || p.Label["en"] == "" {
			t.Errorf("principle %d: labels %v", n, p.Label)
		}
		match := ix.iris(iri, SKOS+"exactMatch")
		if len(match) != 1 || match[0] != Charter+"#"+strconv.Itoa(n) {
			t.Errorf("principle %d: exactMatch %v", n, match)
		}
	}
}

// Every class and property of our ontology, and every concept of the model,
// has a label in Dutch and in English; ontology terms also a comment in both.
func TestLabelsInBothLanguages(t *testing.T) {
	quads, err := Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	ix := newIndex(quads)
	ns := NS
	checked := 0
	for s := range ix {
		types := ix.iris(s, rdf.RDFType)
		onto := strings.HasPrefix(s, ns)
		concept := false
		for _, ty := range types {
			if ty == SKOS+"Concept" || ty == SKOS+"ConceptScheme" || ty == ns+"Action" || ty == ns+"SurveyItem" || ty == QB+"DataStructureDefinition" {
				concept = true
			}
		}
		if !onto && !concept {
			continue
		}
		checked++
		label := ix.text(s, RDFS+"label")
		if len(label) == 0 {
			label = ix.text(s, SKOS+"prefLabel")
		}
		if label["nl"] == "" || label["en"] == "" {
			t.Errorf("%s: label %v lacks nl or en", s, label)
		}
		if onto {
			if c := ix.text(s, RDFS+"comment"); c["nl"] == "" || c["en"] == "" {
				t.Errorf("%s: comment lacks nl or en", s)
			}
		}
	}
	if checked < 100 {
		t.Errorf("checked only %d resources", checked)
	}
	t.Logf("%d labelled resources checked", checked)
}
