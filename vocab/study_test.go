package vocab

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

func parseTurtle(t *testing.T, ttl string) []rdf.Quad {
	t.Helper()
	var qs []rdf.Quad
	err := rdfio.Parse(strings.NewReader(ttl), rdfio.Turtle, rdfio.ParseOptions{Base: testBase}, func(q rdf.Quad) error {
		qs = append(qs, q)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// normalise joins a text the way the seed's slides are read: line breaks
// and runs of spaces become one space, a hyphen at a line end before a
// lower-case word joins without one.
func normalise(s string) string { return joinLines(nonEmptyLines(s)) }

// Every value the data calls the study's text (the Dutch values of each
// mat:verbatimProperty) occurs in the seed, word for word.
func TestVerbatimTextsInSeed(t *testing.T) {
	seed := normalise(readSeed(t))
	qs, err := Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	ix := newIndex(qs)
	checked := 0
	for s := range ix {
		for _, p := range ix.iris(s, Mat("verbatimProperty")) {
			vals := 0
			for _, o := range ix.objects(s, p) {
				if !o.IsLiteral() || o.Lang != "nl" {
					continue
				}
				vals++
				checked++
				if !strings.Contains(seed, normalise(o.Value)) {
					t.Errorf("%s %s: %q is not in the seed", s, p, o.Value)
				}
			}
			if vals == 0 {
				t.Errorf("%s names %s verbatim but has no Dutch value for it", s, p)
			}
		}
		// A property is study text or interpretation, never both.
		for _, p := range ix.iris(s, Mat("interpretedProperty")) {
			for _, v := range ix.iris(s, Mat("verbatimProperty")) {
				if p == v {
					t.Errorf("%s: %s is both verbatim and interpreted", s, p)
				}
			}
			if len(ix.text(s, Mat("interpretation"))) == 0 && !strings.Contains(s, "/domein/") {
				t.Errorf("%s interprets %s without saying why (mat:interpretation)", s, p)
			}
		}
	}
	if checked < 150 {
		t.Errorf("only %d verbatim texts checked", checked)
	}
	t.Logf("%d verbatim texts found in the seed", checked)
}

// The study's cube: every observation states its method (the two
// interview figures as interviews), knowledge is three indicators, and
// every finding bears on at least one domain.
func TestStudyFindings(t *testing.T) {
	qs, err := Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	ix := newIndex(qs)
	obs := 0
	methods := map[string]int{}
	for _, o := range ix.subjectsOfType(QB + "Observation") {
		if len(ix.iris(o, Mat("indicator"))) == 0 {
			continue
		}
		obs++
		m := ix.iris(o, Mat("method"))
		if len(m) != 1 {
			t.Errorf("%s: methods %v, want exactly one", o, m)
			continue
		}
		methods[lastSegment(m[0])]++
		if src := ix.text(o, Mat("sourceText"))["nl"]; strings.Contains(src, "- interviews") != (lastSegment(m[0]) == "interviews") {
			t.Errorf("%s: method %s for %q", o, m[0], src)
		}
		if len(ix.iris(o, Mat("relatedDomain"))) == 0 {
			t.Errorf("%s bears on no domain", o)
		}
	}
	if obs != 33 || methods["interviews"] != 1 || methods["bevraging"] != 32 {
		t.Errorf("%d observations, methods %v", obs, methods)
	}
	m, err := ReadModel(qs)
	if err != nil {
		t.Fatal(err)
	}
	kennis := map[string][]string{}
	for _, f := range m.Findings {
		if strings.Contains(f.IRI, "/kennis-") {
			kennis[f.Indicator["nl"]] = append(kennis[f.Indicator["nl"]], f.Percentage)
		}
	}
	want := map[string]string{"Kennis is aanwezig": "80", "Beperktere kennis open data": "60", "Gevorderde kennis open data": "89 90 95"}
	for ind, pcts := range want {
		if got := strings.Join(kennis[ind], " "); got != pcts {
			t.Errorf("indicator %q: %s, want %s", ind, got, pcts)
		}
	}
	if len(kennis) != 3 {
		t.Errorf("knowledge indicators %v, want three", kennis)
	}
	// The plan's baseline: Kennis for the administrative profile.
	got := m.FindingsFor("kennis", []string{Profile("stadsmedewerker")})
	var texts []string
	for _, f := range got {
		texts = append(texts, f.SourceText)
	}
	if j := strings.Join(texts, " | "); !strings.Contains(j, "Beperktere kennis open data (60%)") || !strings.Contains(j, "Kennis is aanwezig (80%)") || strings.Contains(j, "(89%)") {
		t.Errorf("findings for kennis/stadsmedewerker: %s", j)
	}
	// The model rests on the study's two definitions, open data with its
	// legal and technical condition.
	if len(m.Definitions) != 2 || m.Definitions[1].Label["nl"] != "Open data" || len(m.Definitions[1].Conditions) != 2 ||
		!strings.HasPrefix(m.Definitions[1].Conditions[0]["nl"], "Juridisch:") || !strings.HasPrefix(m.Definitions[1].Conditions[1]["nl"], "Technisch:") {
		t.Errorf("definitions %+v", m.Definitions)
	}
	// The survey reuses the study's statement with its figure.
	for _, it := range m.Items {
		if it.Informs == "" {
			if len(it.Baseline) != 1 || !strings.HasSuffix(it.Baseline[0], "/alle/attitude") {
				t.Errorf("item %s informs no score and has baseline %v", it.IRI, it.Baseline)
			}
			if !strings.Contains(ix.text(it.Baseline[0], Mat("sourceText"))["nl"], it.Label["nl"]) {
				t.Errorf("item %s is not the study's statement", it.IRI)
			}
		}
	}
}

var pct = regexp.MustCompile(`(\d+(?:,\d+)?)%`)

// The findings cube holds exactly the study's numbers: every percentage on
// the seed's findings slides, in the right respondent group, and no other.
func TestStudyMatchesSeed(t *testing.T) {
	seed := readSeed(t)
	seed = seed[:strings.Index(seed, "Conclusies?")]
	groups := map[string]string{"Algemeen": "alle", "Administratief": "administratief", "Beleid": "beleid", "Technisch": "technisch", "Aankoop": "aankoop"}
	want := map[string][]string{} // group → percentages as in the seed
	for _, slide := range strings.Split(seed, "\nBevindingen\n")[1:] {
		lines := strings.Fields(strings.TrimSpace(slide))
		title := lines[len(lines)-1]
		g, ok := groups[title]
		if !ok {
			t.Fatalf("findings slide with unknown title %q", title)
		}
		for _, m := range pct.FindAllStringSubmatch(slide, -1) {
			want[g] = append(want[g], strings.Replace(m[1], ",", ".", 1))
		}
	}
	all, err := Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	var study []rdf.Quad
	for _, q := range all {
		if q.G.Value == StudyGraph(testBase) {
			study = append(study, q)
		}
	}
	type obs struct{ group, pct, src string }
	byObs := map[string]*obs{}
	get := func(s string) *obs {
		if byObs[s] == nil {
			byObs[s] = &obs{}
		}
		return byObs[s]
	}
	for _, q := range study {
		switch q.P.Value {
		case Mat("respondentGroup"):
			get(q.S.Value).group = q.O.Value[strings.LastIndex(q.O.Value, "/")+1:]
		case Mat("percentage"):
			get(q.S.Value).pct = q.O.Value
		case Mat("sourceText"):
			get(q.S.Value).src = q.O.Value
		}
	}
	got := map[string][]string{}
	flat := strings.Join(strings.Fields(seed), " ")
	for iri, o := range byObs {
		got[o.group] = append(got[o.group], o.pct)
		if !strings.Contains(flat, o.src) {
			t.Errorf("%s: source text %q is not in the seed", iri, o.src)
		}
		if !strings.Contains(o.src, strings.Replace(o.pct, ".", ",", 1)+"%") {
			t.Errorf("%s: percentage %s is not the one in its source text %q", iri, o.pct, o.src)
		}
	}
	total := 0
	for g := range groups {
		w, gg := want[groups[g]], got[groups[g]]
		sort.Strings(w)
		sort.Strings(gg)
		if strings.Join(w, " ") != strings.Join(gg, " ") {
			t.Errorf("%s: cube %v, seed %v", g, gg, w)
		}
		total += len(w)
	}
	t.Logf("study cube: %d percentages in 5 groups match the seed", total)
	if total < 30 {
		t.Errorf("only %d percentages found in the seed", total)
	}
}

// Every domain has its own ladder: five maturity descriptors, each with an
// example of acceptable evidence, and five need descriptors of its own (no
// generic text shared between domains).
func TestLevelsPerDomain(t *testing.T) {
	qs, err := Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(qs)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, d := range m.Domains {
		for l := 1; l <= 5; l++ {
			for _, lang := range []string{"nl", "en"} {
				if d.Levels[l][lang] == "" || d.Evidence[l][lang] == "" || d.NeedLevels[l][lang] == "" {
					t.Errorf("%s level %d (%s): descriptor %q, evidence %q, need %q", d.Slug, l, lang, d.Levels[l][lang], d.Evidence[l][lang], d.NeedLevels[l][lang])
				}
			}
			for _, text := range []string{d.Levels[l]["nl"], d.NeedLevels[l]["nl"], d.Evidence[l]["nl"]} {
				if other, ok := seen[text]; ok && text != "" {
					t.Errorf("%s level %d repeats the text of %s: %q", d.Slug, l, other, text)
				}
				seen[text] = d.Slug
			}
		}
	}
	if m.Scales["maturiteit"][2]["nl"] != "Herhaalbaar" || !strings.Contains(m.ScaleDefs["maturiteit"][2]["nl"], "herhalen") {
		t.Errorf("level 2 is named %q and defined as %q: name and text must agree", m.Scales["maturiteit"][2]["nl"], m.ScaleDefs["maturiteit"][2]["nl"])
	}
}

// Our own texts (everything but the study's verbatim words) use
// gender-neutral wording: no he/him/his/she/her for a person, in Dutch or
// English.
func TestGenderNeutralWording(t *testing.T) {
	qs, err := Quads(testBase)
	if err != nil {
		t.Fatal(err)
	}
	ix := newIndex(qs)
	verbatim := map[[2]string]bool{}
	for s := range ix {
		for _, p := range ix.iris(s, Mat("verbatimProperty")) {
			verbatim[[2]string{s, p}] = true
		}
	}
	words := map[string]*regexp.Regexp{
		"nl": regexp.MustCompile(`(?i)\b(hij|hem|zijn/haar|zij/hij|hij/zij)\b|\bzijn (rol|werk|functie|organisatie|dienst)\b`),
		"en": regexp.MustCompile(`(?i)\b(he|him|his|she|her|hers|himself|herself)\b`),
	}
	for _, q := range qs {
		re, ok := words[q.O.Lang]
		if !ok || verbatim[[2]string{q.S.Value, q.P.Value}] {
			continue
		}
		if m := re.FindString(q.O.Value); m != "" {
			t.Errorf("%s %s: %q in %q", q.S.Value, q.P.Value, m, q.O.Value)
		}
	}
}
