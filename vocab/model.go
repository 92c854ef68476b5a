package vocab

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// Text is a text in several languages, keyed by language tag ("nl", "en").
type Text map[string]string

// In returns the text in lang, else Dutch, else any language, else "".
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok {
		return s
	}
	if s, ok := t["nl"]; ok {
		return s
	}
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 0 {
		return t[keys[0]]
	}
	return ""
}

// Model is a maturity model as read from its quads: what the plan, the
// survey and the CSV validation need. Nothing in it is compiled in; another
// model's Turtle gives another Model.
type Model struct {
	Domains    []DomainDef              // in the model's order (mat:order)
	Profiles   map[string]*ProfileDef   // by IRI
	Principles map[string]*PrincipleDef // by IRI
	Items      []SurveyItem             // in questionnaire order
	Methods    map[string]Text          // assessment methods: slug → label
	MethodIRIs map[string]string        // assessment methods: slug → IRI
	// Scales holds the level names per scale ("maturiteit", "nood",
	// "instemming"): the last path segment of the level's concept scheme.
	// ScaleDefs holds their general definitions, where the model gives one.
	Scales    map[string]map[int]Text
	ScaleDefs map[string]map[int]Text
	// Namespaces are the namespaces the model declares (vann:
	// preferredNamespaceUri with mat:sharedBase): what an instance mirrors.
	Namespaces []Namespace
	// Definitions are the terms the model rests on (mat:usesDefinition of
	// a mat:MaturityModel): the study's data and open data, which whoever
	// fills in an assessment reads first.
	Definitions []Definition
	// allGroup is the respondent group of everyone (slug "alle").
	allGroup string
	// Findings are the study's findings (qb:Observation with mat:indicator),
	// when the model's quads include the study; the plan cites them.
	Findings []Finding
}

// DomainDef is one maturity domain.
type DomainDef struct {
	IRI, Slug    string
	Order        int
	Label        Text
	Definition   Text
	AudienceText Text
	Profiles     []string     // IRIs of the profiles its audience covers, in profile order
	Principles   []string     // IRIs, in charter order
	Actions      []ActionDef  // in the model's order
	Levels       map[int]Text // maturity level → what you observe
	Evidence     map[int]Text // maturity level → an example of acceptable evidence
	NeedLevels   map[int]Text // need level → what it means in this domain
}

// ActionDef is one action of a domain.
type ActionDef struct {
	IRI         string
	Order       int
	Label       Text
	Description Text
}

// ProfileDef is one staff profile.
type ProfileDef struct {
	IRI, Slug  string
	Order      int
	Label      Text
	Definition Text
	Roles      map[string][]string // example roles per language
}

// PrincipleDef is one Open Data Charter principle.
type PrincipleDef struct {
	IRI    string
	Number int
	Label  Text
}

// SurveyItem is one survey statement: the CSV column it is read from, its
// domain and which domain score its agreement informs, if any.
type SurveyItem struct {
	IRI    string
	Slug   string // the IRI's last two path segments, e.g. "kennis/nood"
	Column string
	Domain string // domain slug
	// Informs is the IRI of mat:maturityScore or mat:needScore, or ""
	// for a statement that informs no score (one taken from the study).
	Informs  string
	Label    Text
	Baseline []string // IRIs of study findings to compare with (mat:studyBaseline)
}

// Definition is one term the model rests on, with its conditions.
type Definition struct {
	IRI        string
	Label      Text
	Definition Text
	Conditions []Text // in order (mat:order)
}

// Finding is one published figure of the study: a percentage of a
// respondent group for an indicator, in the study's own words.
type Finding struct {
	IRI        string
	Group      string // respondent group IRI
	GroupLabel Text
	GroupOrder int
	Indicator  Text // the indicator's label
	Percentage string
	Method     string   // method slug: bevraging or interviews
	SourceText string   // the study's words (Dutch)
	Domains    []string // slugs of the domains it bears on
	Profiles   []string // IRIs of the profiles it bears on
}

// Domain returns the domain with the given slug.
func (m *Model) Domain(slug string) (*DomainDef, bool) {
	for i := range m.Domains {
		if m.Domains[i].Slug == slug {
			return &m.Domains[i], true
		}
	}
	return nil, false
}

// index answers "objects of (s, p)" over a set of quads, graphs ignored.
type index map[string]map[string][]rdf.Term

func newIndex(qs []rdf.Quad) index {
	ix := index{}
	for _, q := range qs {
		if q.S.IsZero() {
			continue
		}
		m := ix[q.S.Value]
		if m == nil {
			m = map[string][]rdf.Term{}
			ix[q.S.Value] = m
		}
		m[q.P.Value] = append(m[q.P.Value], q.O)
	}
	return ix
}

func (ix index) objects(s, p string) []rdf.Term { return ix[s][p] }

func (ix index) text(s, p string) Text {
	t := Text{}
	for _, o := range ix.objects(s, p) {
		if o.IsLiteral() {
			t[o.Lang] = o.Value
		}
	}
	return t
}

func (ix index) iris(s, p string) []string {
	var out []string
	for _, o := range ix.objects(s, p) {
		if o.IsIRI() {
			out = append(out, o.Value)
		}
	}
	return out
}

func (ix index) integer(s, p string) int {
	for _, o := range ix.objects(s, p) {
		if n, err := strconv.Atoi(o.Value); err == nil {
			return n
		}
	}
	return 0
}

func (ix index) subjectsOfType(class string) []string {
	var out []string
	for s, m := range ix {
		for _, o := range m[rdf.RDFType] {
			if o.Value == class {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

func lastSegment(iri string) string {
	iri = strings.TrimRight(iri, "/")
	return iri[strings.LastIndexAny(iri, "/#")+1:]
}

// ReadModel reads the maturity model from quads (graph/model, and
// graph/studie for the study's findings). Domains are the resources typed
// mat:Domain; the ontology is ours (NS) whatever namespace the model's own
// resources use.
func ReadModel(quads []rdf.Quad) (*Model, error) {
	ix := newIndex(quads)
	mat := NS
	byOrder := func(iris []string) {
		sort.Slice(iris, func(i, j int) bool {
			oi, oj := ix.integer(iris[i], mat+"order"), ix.integer(iris[j], mat+"order")
			if oi != oj {
				return oi < oj
			}
			return iris[i] < iris[j]
		})
	}
	m := &Model{Profiles: map[string]*ProfileDef{}, Principles: map[string]*PrincipleDef{}}
	for _, p := range ix.subjectsOfType(mat + "Profile") {
		roles := map[string][]string{}
		for _, o := range ix.objects(p, mat+"exampleRole") {
			roles[o.Lang] = append(roles[o.Lang], o.Value)
		}
		m.Profiles[p] = &ProfileDef{IRI: p, Slug: lastSegment(p), Order: ix.integer(p, mat+"order"),
			Label: ix.text(p, SKOS+"prefLabel"), Definition: ix.text(p, SKOS+"definition"), Roles: roles}
	}
	for _, p := range ix.subjectsOfType(mat + "Principle") {
		n, _ := strconv.Atoi(firstValue(ix.objects(p, SKOS+"notation")))
		m.Principles[p] = &PrincipleDef{IRI: p, Number: n, Label: ix.text(p, SKOS+"prefLabel")}
	}
	domains := ix.subjectsOfType(mat + "Domain")
	if len(domains) == 0 {
		return nil, fmt.Errorf("vocab: the model has no mat:Domain (a store made by an older build, whose model used another namespace than %s?)", NS)
	}
	byOrder(domains)
	for _, d := range domains {
		dom := DomainDef{IRI: d, Slug: lastSegment(d), Order: ix.integer(d, mat+"order"),
			Label: ix.text(d, SKOS+"prefLabel"), Definition: ix.text(d, SKOS+"definition"),
			AudienceText: ix.text(d, mat+"targetAudienceText"),
			Levels:       map[int]Text{}, Evidence: map[int]Text{}, NeedLevels: map[int]Text{}}
		seen := map[string]bool{}
		for _, a := range ix.iris(d, mat+"targetAudience") {
			for _, p := range ix.iris(a, mat+"includesProfile") {
				seen[p] = true
			}
		}
		for _, p := range ix.iris(d, mat+"targetProfile") {
			seen[p] = true
		}
		for p := range seen {
			dom.Profiles = append(dom.Profiles, p)
		}
		byOrder(dom.Profiles)
		dom.Principles = ix.iris(d, mat+"charterPrinciple")
		sort.Slice(dom.Principles, func(i, j int) bool {
			return principleNumber(m, dom.Principles[i]) < principleNumber(m, dom.Principles[j])
		})
		actions := ix.iris(d, mat+"action")
		byOrder(actions)
		for _, a := range actions {
			dom.Actions = append(dom.Actions, ActionDef{IRI: a, Order: ix.integer(a, mat+"order"),
				Label: ix.text(a, RDFS+"label"), Description: ix.text(a, DCT+"description")})
		}
		m.Domains = append(m.Domains, dom)
	}
	for _, ld := range ix.subjectsOfType(mat + "LevelDescriptor") {
		doms := ix.iris(ld, mat+"inDomain")
		levels := ix.iris(ld, mat+"level")
		if len(doms) != 1 || len(levels) != 1 {
			continue
		}
		d, ok := m.Domain(lastSegment(doms[0]))
		if !ok {
			continue
		}
		n := ix.integer(levels[0], mat+"levelValue")
		scale := ""
		for _, sc := range ix.iris(levels[0], SKOS+"inScheme") {
			scale = lastSegment(sc)
		}
		switch scale {
		case "nood":
			d.NeedLevels[n] = ix.text(ld, SKOS+"definition")
		case "maturiteit":
			d.Levels[n] = ix.text(ld, SKOS+"definition")
			if ev := ix.text(ld, mat+"evidenceExample"); len(ev) > 0 {
				d.Evidence[n] = ev
			}
		}
	}
	m.Scales, m.ScaleDefs = map[string]map[int]Text{}, map[string]map[int]Text{}
	for _, l := range ix.subjectsOfType(mat + "Level") {
		for _, sc := range ix.iris(l, SKOS+"inScheme") {
			name := lastSegment(sc)
			if m.Scales[name] == nil {
				m.Scales[name], m.ScaleDefs[name] = map[int]Text{}, map[int]Text{}
			}
			n := ix.integer(l, mat+"levelValue")
			m.Scales[name][n] = ix.text(l, SKOS+"prefLabel")
			if def := ix.text(l, SKOS+"definition"); len(def) > 0 {
				m.ScaleDefs[name][n] = def
			}
		}
	}
	m.Methods, m.MethodIRIs = map[string]Text{}, map[string]string{}
	for _, me := range ix.subjectsOfType(mat + "Method") {
		m.Methods[lastSegment(me)] = ix.text(me, SKOS+"prefLabel")
		m.MethodIRIs[lastSegment(me)] = me
	}
	items := ix.subjectsOfType(mat + "SurveyItem")
	byOrder(items)
	for _, it := range items {
		doms, informs := ix.iris(it, mat+"inDomain"), ix.iris(it, mat+"informs")
		if len(doms) != 1 || len(informs) > 1 {
			return nil, fmt.Errorf("vocab: survey item %s needs exactly one mat:inDomain and at most one mat:informs", it)
		}
		if len(informs) == 1 && informs[0] != mat+"maturityScore" && informs[0] != mat+"needScore" {
			return nil, fmt.Errorf("vocab: survey item %s informs %s; want mat:maturityScore or mat:needScore", it, informs[0])
		}
		si := SurveyItem{IRI: it, Slug: lastSegments(it, 2), Column: firstValue(ix.objects(it, mat+"columnName")),
			Domain: lastSegment(doms[0]), Label: ix.text(it, RDFS+"label"), Baseline: ix.iris(it, mat+"studyBaseline")}
		if len(informs) == 1 {
			si.Informs = informs[0]
		}
		m.Items = append(m.Items, si)
	}
	m.allGroup = RespondentGroup("alle")
	for _, g := range ix.subjectsOfType(mat + "RespondentGroup") {
		if lastSegment(g) == "alle" {
			m.allGroup = g
		}
	}
	ns, err := ReadNamespaces(quads)
	if err != nil {
		return nil, err
	}
	m.Namespaces = ns
	m.Findings = readFindings(ix)
	seen := map[string]bool{}
	for _, mm := range ix.subjectsOfType(mat + "MaturityModel") {
		defs := ix.iris(mm, mat+"usesDefinition")
		byOrder(defs)
		for _, d := range defs {
			if seen[d] {
				continue
			}
			seen[d] = true
			def := Definition{IRI: d, Label: ix.text(d, SKOS+"prefLabel"), Definition: ix.text(d, SKOS+"definition")}
			conds := ix.iris(d, mat+"condition")
			byOrder(conds)
			for _, c := range conds {
				def.Conditions = append(def.Conditions, ix.text(c, SKOS+"definition"))
			}
			m.Definitions = append(m.Definitions, def)
		}
	}
	return m, nil
}

// readFindings reads the study's observations: those with a mat:indicator
// and a mat:percentage, ordered by respondent group, then as published.
func readFindings(ix index) []Finding {
	mat := NS
	var out []Finding
	for _, o := range ix.subjectsOfType(QB + "Observation") {
		ind := ix.iris(o, mat+"indicator")
		pct := ix.objects(o, mat+"percentage")
		groups := ix.iris(o, mat+"respondentGroup")
		if len(ind) != 1 || len(pct) != 1 || len(groups) != 1 {
			continue
		}
		f := Finding{IRI: o, Group: groups[0], GroupLabel: ix.text(groups[0], SKOS+"prefLabel"),
			GroupOrder: ix.integer(groups[0], mat+"order"), Indicator: ix.text(ind[0], SKOS+"prefLabel"),
			Percentage: pct[0].Value, SourceText: ix.text(o, mat+"sourceText")["nl"],
			Profiles: ix.iris(o, mat+"relatedProfile")}
		for _, me := range ix.iris(o, mat+"method") {
			f.Method = lastSegment(me)
		}
		for _, d := range ix.iris(o, mat+"relatedDomain") {
			f.Domains = append(f.Domains, lastSegment(d))
		}
		sort.Strings(f.Domains)
		sort.Strings(f.Profiles)
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].GroupOrder != out[j].GroupOrder {
			return out[i].GroupOrder < out[j].GroupOrder
		}
		if oi, oj := ix.integer(out[i].IRI, mat+"order"), ix.integer(out[j].IRI, mat+"order"); oi != oj {
			return oi < oj
		}
		return out[i].IRI < out[j].IRI
	})
	return out
}

// AllGroupIRI returns the respondent group of all respondents ("alle").
func (m *Model) AllGroupIRI() string { return m.allGroup }

// FindingsFor returns the study's findings that bear on domain slug and,
// when profiles is not empty, on one of those profiles or on everyone (a
// finding with no profile): the study's baseline for a plan's line.
func (m *Model) FindingsFor(domain string, profiles []string) []Finding {
	want := map[string]bool{}
	for _, p := range profiles {
		want[p] = true
	}
	var out []Finding
	for _, f := range m.Findings {
		if !has(f.Domains, domain) {
			continue
		}
		match := len(f.Profiles) == 0 || len(want) == 0
		for _, p := range f.Profiles {
			match = match || want[p]
		}
		if match {
			out = append(out, f)
		}
	}
	return out
}

// lastSegments returns the last n path segments of iri, joined by "/".
func lastSegments(iri string, n int) string {
	parts := strings.Split(strings.TrimRight(iri, "/"), "/")
	if len(parts) < n {
		n = len(parts)
	}
	return strings.Join(parts[len(parts)-n:], "/")
}

func principleNumber(m *Model, iri string) int {
	if p, ok := m.Principles[iri]; ok {
		return p.Number
	}
	return 0
}

func firstValue(ts []rdf.Term) string {
	if len(ts) == 0 {
		return ""
	}
	return ts[0].Value
}
