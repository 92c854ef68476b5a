package assess

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/mappings/rml"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Assessment is one version of an organisation's assessment for one year.
type Assessment struct {
	Org      string // NIS code, e.g. "24062"
	OrgLabel vocab.Text
	Year     int
	Version  int    // 1 for the first import, then 2, 3, ...
	Method   string // slug in the model's method scheme, e.g. "zelfevaluatie"
	Scores   []Score
	// AttributedTo is the IRI of the agent responsible (prov:wasAttributedTo);
	// empty means the organisation itself.
	AttributedTo string
	// Author is a free-text name of who filled it in (dct:creator), optional.
	Author    string
	Generated time.Time // prov:generatedAtTime; zero means now
	// Licence is the IRI of the licence (dct:license); empty means CC0.
	// See vocab.Licences for the Flemish model licences.
	Licence string
	// Partial allows scores for some domains of the model only; the data
	// says so (mat:partial true). Without it every domain must be scored.
	Partial bool
}

// Graph is the complete content of one named graph; the caller replaces
// the graph with it in one write.
type Graph struct {
	IRI   string
	Quads []rdf.Quad
}

var nisPattern = regexp.MustCompile(`^[0-9]{5}$`)

// Validate checks the parts of a that do not come from the sheet.
func (a *Assessment) Validate(model *vocab.Model) error {
	if err := validateKey(a.Org, a.Year, a.Version); err != nil {
		return err
	}
	if len(a.Scores) == 0 {
		return errorf("de evaluatie heeft geen scores", "the assessment has no scores")
	}
	if _, ok := model.Methods[a.Method]; !ok {
		return errorf(fmt.Sprintf("onbekende methode %q", a.Method), fmt.Sprintf("unknown method %q", a.Method))
	}
	scored := map[string]bool{}
	for _, s := range a.Scores {
		if _, ok := model.Domain(s.Domain); !ok {
			return errorf(fmt.Sprintf("onbekend domein %q", s.Domain), fmt.Sprintf("unknown domain %q", s.Domain))
		}
		if scored[s.Domain] {
			return errorf(fmt.Sprintf("domein %q staat er twee keer in", s.Domain), fmt.Sprintf("domain %q is there twice", s.Domain))
		}
		scored[s.Domain] = true
	}
	if !a.Partial && len(scored) < len(model.Domains) {
		var missing []string
		for _, d := range model.Domains {
			if !scored[d.Slug] {
				missing = append(missing, d.Slug)
			}
		}
		return &IncompleteError{Scored: len(scored), Domains: len(model.Domains), Missing: missing}
	}
	return nil
}

// Error is a problem with what identifies or makes up an assessment or
// survey, in Dutch (Error) and English (English).
type Error struct{ NL, EN string }

func (e *Error) Error() string { return e.NL }

// English returns the message in English.
func (e *Error) English() string { return e.EN }

func errorf(nl, en string) error { return &Error{NL: nl, EN: en} }

// IncompleteError is an assessment that scores some domains of the model
// only, and does not say it is partial.
type IncompleteError struct {
	Scored, Domains int
	Missing         []string
}

func (e *IncompleteError) Error() string {
	return fmt.Sprintf("%d van de %d domeinen gescoord, %s ontbreken; scoor ze alle of publiceer de evaluatie uitdrukkelijk als gedeeltelijk",
		e.Scored, e.Domains, strings.Join(e.Missing, ", "))
}

// English returns the message in English.
func (e *IncompleteError) English() string {
	return fmt.Sprintf("%d of the %d domains scored, %s missing; score them all or publish the assessment explicitly as partial",
		e.Scored, e.Domains, strings.Join(e.Missing, ", "))
}

// FirstYear is the earliest year an assessment or survey may be for.
const FirstYear = 2000

// LastYear is the latest year an assessment or survey may be for: next
// year, so a plan can be made ahead, never a year far off.
func LastYear() int { return time.Now().Year() + 1 }

// validateKey checks what identifies an assessment or survey version.
func validateKey(org string, year, version int) error {
	switch {
	case !nisPattern.MatchString(org):
		return errorf(fmt.Sprintf("organisatie %q is geen NIS-code van vijf cijfers", org), fmt.Sprintf("organisation %q is not a five-digit NIS code", org))
	case year < FirstYear || year > LastYear():
		return errorf(fmt.Sprintf("jaar %d ligt niet tussen %d en %d", year, FirstYear, LastYear()), fmt.Sprintf("year %d is not between %d and %d", year, FirstYear, LastYear()))
	case version < 1:
		return errorf(fmt.Sprintf("versie %d: versies tellen vanaf 1", version), fmt.Sprintf("version %d: versions count from 1", version))
	}
	return nil
}

// BuildAssessment turns a validated assessment into two graphs: the version
// graph (graph/evaluatie/{NIS}/{year}/v{n}: the qb:DataSet, its
// observations mapped by mappings/rml/zelfevaluatie.ttl, provenance,
// revision links and the action plan) and the index graph
// (graph/evaluatie/{NIS}/{year}: which versions exist and which is current),
// which replaces the previous index graph.
func BuildAssessment(ctx context.Context, base string, model *vocab.Model, a *Assessment) ([]Graph, error) {
	if err := a.Validate(model); err != nil {
		return nil, err
	}
	year, ver := strconv.Itoa(a.Year), strconv.Itoa(a.Version)
	srcs := sources{}
	key := []string{"nis", "jaar", "versie", "domein"}
	srcs.declare("zelfevaluatie.csv", append(key, "methode", "maturiteit", "nood", "kloof", "domein_iri", "methode_iri")...)
	srcs.declare("toelichting.csv", append(key, "toelichting")...)
	srcs.declare("bewijs.csv", append(key, "url")...)
	method := model.MethodIRIs[a.Method]
	for _, s := range a.Scores {
		k := []string{a.Org, year, ver, s.Domain}
		d, _ := model.Domain(s.Domain) // Validate checked it exists
		srcs.add("zelfevaluatie.csv", append(k, a.Method, decimal(s.Maturity), decimal(s.Need), decimal(s.Gap()), d.IRI, method)...)
		if s.Rationale != "" {
			srcs.add("toelichting.csv", append(k, s.Rationale)...)
		}
		for _, u := range s.Evidence {
			srcs.add("bewijs.csv", append(k, u)...)
		}
	}
	doc, err := shippedMapping(rml.SelfAssessment)
	if err != nil {
		return nil, err
	}
	defer doc.Close()
	mapped, err := runMapping(ctx, base, rml.SelfAssessment, doc, srcs.open)
	if err != nil {
		return nil, err
	}
	g := rdf.IRI(vocab.AssessmentGraph(base, a.Org, a.Year, a.Version))
	for i := range mapped {
		if mapped[i].G != g {
			return nil, fmt.Errorf("assess: mapping %s wrote to graph %v, want %v", rml.SelfAssessment, mapped[i].G, g)
		}
	}
	b := newBuilder(base, g)
	b.quads = mapped
	b.datasetMetadata(a, method)
	plan := NewPlan(model, a)
	b.plan(plan, a)

	idx := newBuilder(base, rdf.IRI(vocab.AssessmentIndexGraph(base, a.Org, a.Year)))
	idx.index(a)
	return []Graph{{IRI: g.Value, Quads: b.quads}, {IRI: idx.graph.Value, Quads: idx.quads}}, nil
}

func licence(iri string) string {
	if iri == "" {
		return vocab.CC0
	}
	return iri
}

// builder collects quads in one graph, with shorthands for our terms.
type builder struct {
	base  string
	graph rdf.Term
	quads []rdf.Quad
}

func newBuilder(base string, graph rdf.Term) *builder { return &builder{base: base, graph: graph} }

func (b *builder) add(s, p string, o rdf.Term) {
	b.quads = append(b.quads, rdf.Quad{S: rdf.IRI(s), P: rdf.IRI(p), O: o, G: b.graph})
}

func (b *builder) iri(s, p, o string) { b.add(s, p, rdf.IRI(o)) }

func (b *builder) text(s, p string, t vocab.Text) {
	for lang, v := range t {
		b.add(s, p, rdf.LangLiteral(v, lang))
	}
}

func (b *builder) mat(local string) string { return vocab.Mat(local) }

func orgName(a *Assessment, lang string) string {
	if n := a.OrgLabel.In(lang); n != "" {
		return n
	}
	return a.Org
}

func (b *builder) datasetMetadata(a *Assessment, method string) {
	v := vocab.AssessmentVersion(b.base, a.Org, a.Year, a.Version)
	org := vocab.Organisation(b.base, a.Org)
	b.iri(v, rdf.RDFType, vocab.QB+"DataSet")
	b.iri(v, rdf.RDFType, b.mat("Assessment"))
	b.iri(v, rdf.RDFType, vocab.PROV+"Entity")
	b.iri(v, vocab.QB+"structure", vocab.DSD("evaluatie"))
	title := vocab.Text{
		"nl": fmt.Sprintf("Open-data-maturiteit van %s, %d (versie %d)", orgName(a, "nl"), a.Year, a.Version),
		"en": fmt.Sprintf("Open data maturity of %s, %d (version %d)", orgName(a, "en"), a.Year, a.Version),
	}
	b.text(v, vocab.RDFS+"label", title)
	b.text(v, vocab.DCT+"title", title)
	b.text(v, vocab.DCT+"description", vocab.Text{
		"nl": "Maturiteit, nood en kloof per domein van het open-data-maturiteitsmodel, met het actieplan dat eruit volgt.",
		"en": "Maturity, need and gap per domain of the open data maturity model, with the action plan that follows from them.",
	})
	b.iri(v, vocab.DCT+"publisher", org)
	b.iri(v, b.mat("organisation"), org)
	b.add(v, b.mat("period"), rdf.TypedLiteral(strconv.Itoa(a.Year), rdf.XSDGYear))
	b.iri(v, b.mat("method"), method)
	b.add(v, b.mat("versionNumber"), rdf.TypedLiteral(strconv.Itoa(a.Version), rdf.XSDInteger))
	if a.Partial {
		b.add(v, b.mat("partial"), rdf.TypedLiteral("true", rdf.XSDBoolean))
	}
	b.iri(v, vocab.DCT+"isVersionOf", vocab.Assessment(b.base, a.Org, a.Year))
	b.iri(v, vocab.DCT+"license", licence(a.Licence))
	agent := a.AttributedTo
	if agent == "" {
		agent = org
	}
	b.iri(v, vocab.PROV+"wasAttributedTo", agent)
	if a.Author != "" {
		b.add(v, vocab.DCT+"creator", rdf.Literal(a.Author))
	}
	at := a.Generated
	if at.IsZero() {
		at = time.Now()
	}
	b.add(v, vocab.PROV+"generatedAtTime", rdf.TypedLiteral(at.UTC().Format(time.RFC3339), rdf.XSDDateTime))
	if a.Version > 1 {
		prev := vocab.AssessmentVersion(b.base, a.Org, a.Year, a.Version-1)
		b.iri(v, vocab.PROV+"wasRevisionOf", prev)
		// Stated in the new version's graph: the old graph stays untouched.
		b.iri(prev, vocab.DCT+"isReplacedBy", v)
	}
}

func (b *builder) index(a *Assessment) {
	s := vocab.Assessment(b.base, a.Org, a.Year)
	b.iri(s, rdf.RDFType, b.mat("Assessment"))
	b.text(s, vocab.RDFS+"label", vocab.Text{
		"nl": fmt.Sprintf("Open-data-maturiteit van %s, %d", orgName(a, "nl"), a.Year),
		"en": fmt.Sprintf("Open data maturity of %s, %d", orgName(a, "en"), a.Year),
	})
	b.iri(s, b.mat("organisation"), vocab.Organisation(b.base, a.Org))
	b.add(s, b.mat("period"), rdf.TypedLiteral(strconv.Itoa(a.Year), rdf.XSDGYear))
	cur := vocab.AssessmentVersion(b.base, a.Org, a.Year, a.Version)
	b.iri(s, b.mat("currentVersion"), cur)
	for v := 1; v <= a.Version; v++ {
		b.iri(s, vocab.DCT+"hasVersion", vocab.AssessmentVersion(b.base, a.Org, a.Year, v))
	}
}

// ImportAssessment reads a self-assessment sheet and builds its graphs:
// ReadSelfAssessment followed by BuildAssessment. a gives everything but
// the scores. On any error it returns no graphs, so nothing gets written.
func ImportAssessment(ctx context.Context, base string, model *vocab.Model, r io.Reader, file string, a Assessment) ([]Graph, error) {
	scores, err := ReadSelfAssessment(r, file, model)
	if err != nil {
		return nil, err
	}
	a.Scores = scores
	return BuildAssessment(ctx, base, model, &a)
}
