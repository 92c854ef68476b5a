package assess

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Plan is an assessment's action plan: its domains ordered by gap.
type Plan struct {
	Assessment *Assessment
	Model      *vocab.Model
	Items      []Recommendation
}

// Recommendation is one domain of the plan, with what the model proposes.
type Recommendation struct {
	Rank       int
	Domain     *vocab.DomainDef
	Score      Score
	Profiles   []*vocab.ProfileDef
	Principles []*vocab.PrincipleDef
	// Baseline holds the study's findings on this domain for the profiles
	// to involve (or for everyone): where the ten cities of the study stood.
	Baseline []vocab.Finding
}

// NewPlan orders the assessment's domains by gap (need − maturity),
// largest first; equal gaps by the larger need, then by the model's order.
// Actions, profiles and principles come from the model, which is data: the
// same code plans for any model.
func NewPlan(model *vocab.Model, a *Assessment) *Plan {
	p := &Plan{Assessment: a, Model: model}
	for _, s := range a.Scores {
		d, ok := model.Domain(s.Domain)
		if !ok {
			continue
		}
		r := Recommendation{Domain: d, Score: s}
		for _, iri := range d.Profiles {
			if pr, ok := model.Profiles[iri]; ok {
				r.Profiles = append(r.Profiles, pr)
			}
		}
		for _, iri := range d.Principles {
			if pr, ok := model.Principles[iri]; ok {
				r.Principles = append(r.Principles, pr)
			}
		}
		r.Baseline = model.FindingsFor(d.Slug, d.Profiles)
		p.Items = append(p.Items, r)
	}
	sort.SliceStable(p.Items, func(i, j int) bool {
		a, b := p.Items[i], p.Items[j]
		if ga, gb := a.Score.Gap(), b.Score.Gap(); ga != gb {
			return ga > gb
		}
		if a.Score.Need != b.Score.Need {
			return a.Score.Need > b.Score.Need
		}
		return a.Domain.Order < b.Domain.Order
	})
	for i := range p.Items {
		p.Items[i].Rank = i + 1
	}
	return p
}

// plan emits one mat:Recommendation per domain, linked to the version.
func (b *builder) plan(p *Plan, a *Assessment) {
	v := vocab.AssessmentVersion(b.base, a.Org, a.Year, a.Version)
	for _, r := range p.Items {
		rec := vocab.Recommendation(b.base, a.Org, a.Year, a.Version, r.Rank)
		b.iri(v, b.mat("recommendation"), rec)
		b.iri(rec, rdf.RDFType, b.mat("Recommendation"))
		b.iri(rec, b.mat("assessment"), v)
		b.add(rec, b.mat("rank"), rdf.TypedLiteral(strconv.Itoa(r.Rank), rdf.XSDInteger))
		b.iri(rec, b.mat("domain"), r.Domain.IRI)
		b.add(rec, b.mat("gap"), rdf.TypedLiteral(decimal(r.Score.Gap()), rdf.XSDDecimal))
		b.add(rec, b.mat("maturityScore"), rdf.TypedLiteral(decimal(r.Score.Maturity), rdf.XSDDecimal))
		b.add(rec, b.mat("needScore"), rdf.TypedLiteral(decimal(r.Score.Need), rdf.XSDDecimal))
		b.text(rec, vocab.RDFS+"label", vocab.Text{
			"nl": fmt.Sprintf("Aanbeveling %d: %s", r.Rank, r.Domain.Label.In("nl")),
			"en": fmt.Sprintf("Recommendation %d: %s", r.Rank, r.Domain.Label.In("en")),
		})
		if r.Score.Gap() > 0 {
			for _, act := range r.Domain.Actions {
				b.iri(rec, b.mat("action"), act.IRI)
			}
			for _, pr := range r.Profiles {
				b.iri(rec, b.mat("targetProfile"), pr.IRI)
			}
			for _, pr := range r.Principles {
				b.iri(rec, b.mat("charterPrinciple"), pr.IRI)
			}
			for _, f := range r.Baseline {
				b.iri(rec, b.mat("studyBaseline"), f.IRI)
			}
		}
	}
}

// words holds the fixed text of the printed plan per language.
type words struct {
	title, method, order, goal, gap, need, maturity, why, whyText, now, next, top,
	rationale, evidence, actions, involve, principles, rest, restNone, level, baseline string
}

func wordsFor(lang string) words {
	if lang == "en" {
		return words{
			title: "Open data action plan", method: "Method", gap: "gap", need: "need", maturity: "maturity",
			order: "Order: largest gap between need and maturity first; equal gaps by the larger need.",
			why:   "Why", goal: "Goal", whyText: "the need (%s) is %s points above today's maturity (%s).",
			now: "Today", next: "Next step", top: "This domain is at the top of the scale; keep it there.",
			rationale: "Your rationale", evidence: "Evidence", actions: "Actions",
			involve: "Involve", principles: "Open Data Charter principles",
			rest: "No gap (maturity meets the need; keep it that way)", restNone: "none", level: "level",
			baseline: "In the study (baseline of ten cities)",
		}
	}
	return words{
		title: "Actieplan open data", method: "Methode", gap: "kloof", need: "nood", maturity: "maturiteit",
		order: "Volgorde: grootste kloof tussen nood en maturiteit eerst; bij gelijke kloof de grootste nood.",
		why:   "Waarom", goal: "Doel", whyText: "de nood (%s) ligt %s punten boven de huidige maturiteit (%s).",
		now: "Nu", next: "Volgende stap", top: "Dit domein staat bovenaan de schaal; hou het daar.",
		rationale: "Uw toelichting", evidence: "Bewijsstukken", actions: "Acties",
		involve: "Betrek", principles: "Principes van het open-data-charter",
		rest: "Geen kloof (de maturiteit volstaat voor de nood; zo houden)", restNone: "geen", level: "niveau",
		baseline: "In de studie (nulmeting in tien steden)",
	}
}

// WriteText prints the plan for a city employee, in Dutch ("nl", the
// default) or English ("en"): per domain with a gap the reason, where the
// organisation stands and what the next level looks like, the model's
// concrete actions, whom to involve and the charter principles.
func (p *Plan) WriteText(w io.Writer, lang string) error {
	if lang != "en" {
		lang = "nl"
	}
	t := wordsFor(lang)
	a := p.Assessment
	var b strings.Builder
	fmt.Fprintf(&b, "%s – %s, %d (%s %d)\n", t.title, orgName(a, lang), a.Year, map[string]string{"nl": "versie", "en": "version"}[lang], a.Version)
	intro := t.order
	if m, ok := p.Model.Methods[a.Method]; ok {
		intro = fmt.Sprintf("%s: %s. %s", t.method, m.In(lang), t.order)
	}
	wrap(&b, "", intro)
	var rest []string
	for _, r := range p.Items {
		s := r.Score
		if s.Gap() <= 0 {
			rest = append(rest, fmt.Sprintf("%s (%s %s, %s %s)", r.Domain.Label.In(lang), t.need, decimal(s.Need), t.maturity, decimal(s.Maturity)))
			continue
		}
		fmt.Fprintf(&b, "\n%d. %s — %s %s (%s %s, %s %s)\n", r.Rank, r.Domain.Label.In(lang), t.gap, decimal(s.Gap()),
			t.need, decimal(s.Need), t.maturity, decimal(s.Maturity))
		wrap(&b, "   ", t.why+": "+fmt.Sprintf(t.whyText, decimal(s.Need), decimal(s.Gap()), decimal(s.Maturity)))
		if def := r.Domain.Definition.In(lang); def != "" {
			wrap(&b, "   ", t.goal+": "+def)
		}
		cur := int(math.Floor(s.Maturity))
		if d := r.Domain.Levels[cur].In(lang); d != "" {
			wrap(&b, "   ", fmt.Sprintf("%s (%s %d, %s): %s", t.now, t.level, cur, p.levelName(cur, lang), d))
		}
		if cur >= 5 {
			wrap(&b, "   ", t.top)
		} else if d := r.Domain.Levels[cur+1].In(lang); d != "" {
			wrap(&b, "   ", fmt.Sprintf("%s (%s %d, %s): %s", t.next, t.level, cur+1, p.levelName(cur+1, lang), d))
		}
		if s.Rationale != "" {
			wrap(&b, "   ", t.rationale+": "+s.Rationale)
		}
		if len(s.Evidence) > 0 {
			wrap(&b, "   ", t.evidence+": "+strings.Join(s.Evidence, " "))
		}
		fmt.Fprintf(&b, "   %s:\n", t.actions)
		for _, act := range r.Domain.Actions {
			wrap(&b, "     - ", act.Description.In(lang))
		}
		var who []string
		for _, pr := range r.Profiles {
			who = append(who, pr.Label.In(lang))
		}
		if len(who) > 0 {
			line := t.involve + ": " + strings.Join(who, ", ")
			if at := r.Domain.AudienceText.In(lang); at != "" {
				line += " (" + at + ")"
			}
			wrap(&b, "   ", line)
		}
		if len(r.Baseline) > 0 {
			fmt.Fprintf(&b, "   %s:\n", t.baseline)
			for _, f := range r.Baseline {
				wrap(&b, "     - ", p.Cite(f, lang))
			}
		}
		var pri []string
		for _, pr := range r.Principles {
			pri = append(pri, fmt.Sprintf("%d %s (%s#%d)", pr.Number, pr.Label.In(lang), vocab.Charter, pr.Number))
		}
		if len(pri) > 0 {
			wrap(&b, "   ", t.principles+": "+strings.Join(pri, "; "))
		}
	}
	if len(rest) == 0 {
		rest = []string{t.restNone}
	}
	b.WriteString("\n")
	wrap(&b, "", t.rest+": "+strings.Join(rest, "; ")+".")
	_, err := io.WriteString(w, b.String())
	return err
}

// Cite cites one finding of the study: in Dutch the study's own words,
// in English our translation of the indicator with the figure.
func (p *Plan) Cite(f vocab.Finding, lang string) string {
	who := f.GroupLabel.In(lang)
	if m, ok := p.Model.Methods[f.Method]; ok {
		who += ", " + strings.ToLower(m.In(lang))
	}
	if lang == "nl" {
		return fmt.Sprintf("%s: “%s”", who, f.SourceText)
	}
	return fmt.Sprintf("%s: %s, %s %%", who, f.Indicator.In(lang), f.Percentage)
}

func (p *Plan) levelName(n int, lang string) string {
	return p.Model.Scales["maturiteit"][n].In(lang)
}

// wrap writes text after prefix, broken at spaces before 90 columns, with
// continuation lines indented to the prefix's width.
func wrap(b *strings.Builder, prefix, text string) {
	const width = 90
	indent := strings.Repeat(" ", len([]rune(prefix)))
	line := prefix
	n := len([]rune(line))
	start := true
	for _, word := range strings.Fields(text) {
		wl := len([]rune(word))
		if !start && n+1+wl > width {
			b.WriteString(line + "\n")
			line, n, start = indent, len([]rune(indent)), true
		}
		if !start {
			line += " "
			n++
		}
		line += word
		n += wl
		start = false
	}
	b.WriteString(line + "\n")
}
