package assess

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// The plan lists domains by gap, largest first; equal gaps by the larger
// need; equal both by the model's order.
func TestPlanOrder(t *testing.T) {
	model, _ := testModel(t)
	a := &Assessment{Org: "99991", Year: 2024, Version: 1, Method: "zelfevaluatie", Partial: true, Scores: []Score{
		{Domain: "sponsoring", Maturity: 2, Need: 4},         // gap 2, need 4
		{Domain: "kennis", Maturity: 3, Need: 5},             // gap 2, need 5
		{Domain: "infrastructuur", Maturity: 1, Need: 4},     // gap 3
		{Domain: "aankoopbeleid", Maturity: 3, Need: 3},      // gap 0
		{Domain: "kennisdeling", Maturity: 4, Need: 3},       // gap -1
		{Domain: "visie-strategie", Maturity: 2, Need: 4},    // gap 2, need 4, after sponsoring
		{Domain: "ondersteuning", Maturity: 2.5, Need: 4.75}, // gap 2.25
	}}
	p := NewPlan(model, a)
	var got []string
	for i, r := range p.Items {
		got = append(got, r.Domain.Slug)
		if r.Rank != i+1 {
			t.Errorf("rank %d at position %d", r.Rank, i)
		}
	}
	want := "infrastructuur ondersteuning kennis sponsoring visie-strategie aankoopbeleid kennisdeling"
	if strings.Join(got, " ") != want {
		t.Errorf("order %v\nwant  %s", got, want)
	}
	kennis := p.Items[2]
	if len(kennis.Domain.Actions) != 4 || len(kennis.Principles) != 5 || len(kennis.Profiles) == 0 {
		t.Errorf("kennis: %d actions, %d principles, %d profiles", len(kennis.Domain.Actions), len(kennis.Principles), len(kennis.Profiles))
	}
}

// The printed plan names, per domain with a gap, the gap, the concrete
// actions, whom to involve and the charter principles, in the asked
// language; domains without a gap are only listed.
func TestPlanText(t *testing.T) {
	model, _ := testModel(t)
	a := &Assessment{Org: "99991", OrgLabel: vocab.Text{"nl": "Demostad Noord (fictief)", "en": "Demo City North (fictional)"}, Year: 2024, Version: 1,
		Method: "zelfevaluatie", Partial: true, Scores: []Score{
			{Domain: "aankoopbeleid", Maturity: 1, Need: 4, Rationale: "Geen clausules in bestekken"},
			{Domain: "sponsoring", Maturity: 4, Need: 3},
		}}
	p := NewPlan(model, a)
	tests := []struct {
		lang string
		want []string
	}{
		{"nl", []string{"Actieplan open data – Demostad Noord (fictief), 2024", "1. Aankoopbeleid — kloof 3.0 (nood 4.0, maturiteit 1.0)",
			"Het open data charter en de lokale visie wordt structureel opgenomen in het aankoopbeleid.",
			"Betrek: Stadsmedewerker (administratief), Beleidsmedewerker", "Aankoopdienst", "19 Aanbestedingen (heronderhandeling) (https://smart.flanders.be/open-data-charter/#19)",
			"Volgende stap (niveau 2, Herhaalbaar)", "Uw toelichting: Geen clausules in bestekken", "Geen kloof", "Sponsoring (nood 3.0, maturiteit 4.0)"}},
		{"en", []string{"Open data action plan – Demo City North (fictional), 2024", "1. Procurement policy — gap 3.0 (need 4.0, maturity 1.0)",
			"A dialogue is started with suppliers and their associations.", "Involve: City employee (administrative), Policy officer", "Procurement department",
			"Next step (level 2, Repeatable)", "Goal: Tenders, concessions and contracts", "No gap", "Sponsorship (need 3.0, maturity 4.0)"}},
	}
	for _, tc := range tests {
		var b bytes.Buffer
		if err := p.WriteText(&b, tc.lang); err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(b.String()), " ")
		for _, w := range tc.want {
			if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
				t.Errorf("%s plan lacks %q:\n%s", tc.lang, w, b.String())
			}
		}
		for _, line := range strings.Split(b.String(), "\n") {
			if n := len([]rune(line)); n > 90 && strings.Contains(line, " ") {
				t.Errorf("line of %d characters: %q", n, line)
			}
		}
	}
}

// Where the study measured a domain, the plan cites it: for Kennis, whose
// audience includes the administrative profile, the study's 60 %.
func TestPlanCitesStudy(t *testing.T) {
	model, _ := testModel(t)
	a := &Assessment{Org: "99991", Year: 2024, Version: 1, Method: "zelfevaluatie", Partial: true, Scores: []Score{
		{Domain: "kennis", Maturity: 1, Need: 4}, {Domain: "sponsoring", Maturity: 4, Need: 3}}}
	p := NewPlan(model, a)
	for _, tc := range []struct{ lang, want string }{
		{"nl", "Administratief, personeelsbevraging: “Beperktere kennis open data (60%)”"},
		{"en", "Administrative, staff survey: More limited knowledge of open data, 60 %"},
		{"nl", "In de studie (nulmeting in tien steden):"},
	} {
		var b bytes.Buffer
		if err := p.WriteText(&b, tc.lang); err != nil {
			t.Fatal(err)
		}
		if text := strings.Join(strings.Fields(b.String()), " "); !strings.Contains(text, tc.want) {
			t.Errorf("%s plan lacks %q:\n%s", tc.lang, tc.want, b.String())
		}
	}
	gs, err := BuildAssessment(context.Background(), testBase, model, a)
	if err != nil {
		t.Fatal(err)
	}
	cites := 0
	for _, q := range allQuads(gs) {
		if q.P.Value == vocab.Mat("studyBaseline") {
			cites++
			if !strings.HasPrefix(q.O.Value, vocab.Study("open-data-awareness")+"/") {
				t.Errorf("baseline %s is not a finding of the study", q.O.Value)
			}
		}
	}
	if cites == 0 {
		t.Error("the published plan cites no study baseline")
	}
}

// Another maturity model, given only as Turtle, plans without a code
// change: its own domains, actions and profiles come out.
func TestPlanOtherModel(t *testing.T) {
	other := fstest.MapFS{"model/m.ttl": {Data: []byte(`
@base <https://example.org/ander-model/> .
@prefix mat: <https://w3id.org/open-data-maturiteit/ns#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> . @prefix vann: <http://purl.org/vocab/vann/> .
<model> vann:preferredNamespaceUri "https://example.org/ander-model/model/" ; mat:sharedBase "https://example.org/ander-model/" .
<model/domein/water> a mat:Domain ; mat:order 1 ; skos:prefLabel "Water"@nl , "Water"@en ;
  mat:targetAudience <model/doelpubliek/techniek> ; mat:action <model/actie/water/1> .
<model/domein/lucht> a mat:Domain ; mat:order 2 ; skos:prefLabel "Lucht"@nl , "Air"@en ; mat:action <model/actie/lucht/1> .
<model/actie/water/1> a mat:Action ; mat:order 1 ; dct:description "Sensoren plaatsen"@nl , "Install sensors"@en .
<model/actie/lucht/1> a mat:Action ; mat:order 1 ; dct:description "Meetnet openstellen"@nl , "Open the network"@en .
<model/doelpubliek/techniek> mat:includesProfile <model/profiel/ingenieur> .
<model/profiel/ingenieur> a mat:Profile ; mat:order 1 ; skos:prefLabel "Ingenieur"@nl , "Engineer"@en .
<model/methode/zelfevaluatie> a mat:Method ; skos:prefLabel "Zelfevaluatie"@nl .
`)}}
	var qs []rdf.Quad
	if err := vocab.LoadFS(testBase, other, func(q rdf.Quad) error { qs = append(qs, q); return nil }); err != nil {
		t.Fatal(err)
	}
	model, err := vocab.ReadModel(qs)
	if err != nil {
		t.Fatal(err)
	}
	sheet := "domain,maturity,need\nLucht,1,2\nwater,1,5\n"
	scores, err := ReadSelfAssessment(strings.NewReader(sheet), "other.csv", model)
	if err != nil {
		t.Fatal(err)
	}
	if len(model.Namespaces) != 1 || model.Namespaces[0].IRI != "https://example.org/ander-model/model/" {
		t.Errorf("namespaces %+v", model.Namespaces)
	}
	a := &Assessment{Org: "99991", Year: 2025, Version: 1, Method: "zelfevaluatie", Partial: true, Scores: scores}
	p := NewPlan(model, a)
	var b bytes.Buffer
	if err := p.WriteText(&b, "en"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, w := range []string{"1. Water — gap 4.0", "Install sensors", "Engineer", "2. Air — gap 1.0", "Open the network"} {
		if !strings.Contains(out, w) {
			t.Errorf("plan lacks %q:\n%s", w, out)
		}
	}
	// The published observations name the other model's domains and method.
	gs, err := BuildAssessment(context.Background(), testBase, model, a)
	if err != nil {
		t.Fatal(err)
	}
	domains := map[string]bool{}
	for _, q := range allQuads(gs) {
		if q.P.Value == vocab.Mat("domain") || q.P.Value == vocab.Mat("method") {
			domains[q.O.Value] = true
		}
	}
	for _, iri := range []string{"https://example.org/ander-model/model/domein/water", "https://example.org/ander-model/model/domein/lucht", "https://example.org/ander-model/model/methode/zelfevaluatie"} {
		if !domains[iri] {
			t.Errorf("%s is not published; got %v", iri, domains)
		}
	}
	if _, err := ReadSelfAssessment(strings.NewReader("domein,maturiteit,nood\nkennis,1,2\n"), "x.csv", model); err == nil {
		t.Error("a domain of the default model was accepted by the other model")
	}
}
