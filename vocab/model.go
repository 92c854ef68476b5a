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
	// Scales holds the level names per scale ("maturiteit", "nood"): the
	// last path segment of the level's concept scheme.
	Scales map[string]map[int]Text
}

// DomainDef is one maturity domain.
type DomainDef struct {
	IRI, Slug    string
	Order        int
	Label        Text
	Definition   Text
	AudienceText Text
	Profiles     []string    // IRIs of the profiles its audience covers, in profile order
	Principles   []string    // IRIs, in charter order
	Actions      []ActionDef // in the model's order
	Levels       map[int]Text
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
// domain and whether it measures maturity or need.
type SurveyItem struct {
	IRI     string
	Column  string
	Domain  string // domain slug
	Measure string // IRI of mat:maturityScore or mat:needScore
	Label   Text
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

// ReadModel reads the maturity model from quads (typically graph/model);
// base is the instance base the model was loaded with, which names our
// ontology. Domains are the resources typed mat:Domain.
func ReadModel(base string, quads []rdf.Quad) (*Model, error) {
	ix := newIndex(quads)
	mat := NS(base)
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
		return nil, fmt.Errorf("vocab: the model has no mat:Domain (loaded with base %s?)", base)
	}
	byOrder(domains)
	for _, d := range domains {
		dom := DomainDef{IRI: d, Slug: lastSegment(d), Order: ix.integer(d, mat+"order"),
			Label: ix.text(d, SKOS+"prefLabel"), Definition: ix.text(d, SKOS+"definition"),
			AudienceText: ix.text(d, mat+"targetAudienceText"), Levels: map[int]Text{}}
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
		if d, ok := m.Domain(lastSegment(doms[0])); ok {
			d.Levels[ix.integer(levels[0], mat+"levelValue")] = ix.text(ld, SKOS+"definition")
		}
	}
	m.Scales = map[string]map[int]Text{}
	for _, l := range ix.subjectsOfType(mat + "Level") {
		for _, sc := range ix.iris(l, SKOS+"inScheme") {
			name := lastSegment(sc)
			if m.Scales[name] == nil {
				m.Scales[name] = map[int]Text{}
			}
			m.Scales[name][ix.integer(l, mat+"levelValue")] = ix.text(l, SKOS+"prefLabel")
		}
	}
	m.Methods = map[string]Text{}
	for _, me := range ix.subjectsOfType(mat + "Method") {
		m.Methods[lastSegment(me)] = ix.text(me, SKOS+"prefLabel")
	}
	items := ix.subjectsOfType(mat + "SurveyItem")
	byOrder(items)
	for _, it := range items {
		doms, meas := ix.iris(it, mat+"inDomain"), ix.iris(it, mat+"measures")
		if len(doms) != 1 || len(meas) != 1 {
			return nil, fmt.Errorf("vocab: survey item %s needs exactly one mat:inDomain and one mat:measures", it)
		}
		m.Items = append(m.Items, SurveyItem{IRI: it, Column: firstValue(ix.objects(it, mat+"columnName")),
			Domain: lastSegment(doms[0]), Measure: meas[0], Label: ix.text(it, RDFS+"label")})
	}
	return m, nil
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
