package webapp

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/private"
	"github.com/stadleuven/maturity/vocab"
)

// The scores the form offers: the model's scales run from 1 to 5, and the
// sheet reader and the Data Cube checks hold every score to that range.
const minScore, maxScore = 1, 5

// Lengths of the free-text fields, in characters: a rationale or the
// evidence of a domain, and the author.
const (
	maxText   = 5000
	maxAuthor = 200
)

// clip cuts s to at most n characters, for echoing a field back.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// formContext is what every form page reads from the data: the model (the
// domains, their level descriptors, the scales and the methods) and the
// organisations. Nothing of the model is compiled in.
type formContext struct {
	lang      string
	langParam bool
	model     *vocab.Model
	orgs      []option
	site      httpx.Base // the public base and mirror, for links to pages
	base      string
}

// formContext reads the model and the organisations from a fresh view,
// which it closes at once, answering 503/500 itself on failure.
func (s *App) formContext(w http.ResponseWriter, r *http.Request) (*formContext, bool) {
	lang, langParam := s.pickLang(r)
	v, ok := s.view(w, r)
	if !ok {
		return nil, false
	}
	defer v.Close()
	fc := &formContext{lang: lang, langParam: langParam, base: s.base.IRI, site: s.base}
	var err error
	if fc.model, err = assess.LoadModel(r.Context(), v, s.base.IRI); err != nil {
		s.failed(w, r, fmt.Errorf("load model: %w", err))
		return nil, false
	}
	if fc.orgs, err = organisations(r.Context(), v, s.base.IRI, fc.lang); err != nil {
		s.failed(w, r, fmt.Errorf("list organisations: %w", err))
		return nil, false
	}
	return fc, true
}

// editForm is the view model of the form page.
type editForm struct {
	Lang      string
	Org, Year string
	KeyOK     bool              // organisation and year are chosen and valid: show the scores
	KeyErrors map[string]string // "org", "year"
	Orgs      []option
	OrgLabel  string
	Methods   []option
	Method    string
	Author    string
	Domains   []*domainField
	// Definitions are the study's data and open data, shown before the
	// scores: the study found it hard to keep the focus on open data.
	Definitions []formDefinition
	Errors      []formError // the summary above the form
	Notice      string
	Current     int // the current version, 0 when none
	Links       []link
	MethodErr   string
	AuthorErr   string
	Partial     bool // publish without every domain, said so in the data
	// CanSave: drafts are kept on the server (accounts are on).
	CanSave bool
	// Draft says whose draft the form shows, when it shows one.
	Draft string
	// Survey is the staff survey uploaded with this draft, aggregated.
	Survey *surveyView
	// Withdrawn says when the assessment of this year was withdrawn; it
	// cannot be published again.
	Withdrawn string
	// MinYear and MaxYear bound the year field (assess.FirstYear,
	// assess.LastYear).
	MinYear, MaxYear int
	CSVError         string
	fc               *formContext
}

// formDefinition is one of the model's definitions, in the form's language.
type formDefinition struct {
	Term, Href, Text string
	Conditions       []string
}

// formError is one line of the error summary, linked to its field.
type formError struct{ Text, Anchor string }

// fail adds a line to the error summary.
func (f *editForm) fail(anchor, text string) {
	f.Errors = append(f.Errors, formError{Text: text, Anchor: anchor})
}

// domainField is one domain's fieldset.
type domainField struct {
	Slug, Label, Definition, Href string
	// Actions are the model's actions for the domain, Findings what the
	// study measured on it: shown beside the questions.
	Actions                   []planAction
	Findings                  []string
	Scales                    []*scaleField
	Rationale, Evidence       string
	RationaleErr, EvidenceErr string
}

// HasError reports whether the fieldset shows a message.
func (d *domainField) HasError() bool {
	if d.RationaleErr != "" || d.EvidenceErr != "" {
		return true
	}
	for _, sc := range d.Scales {
		if sc.Err != "" {
			return true
		}
	}
	return false
}

// scaleField is the radio group of one scale (maturity or need) of a domain.
type scaleField struct {
	Name, Legend string
	Levels       []levelOption
	Err, Note    string
	value        float64
}

// levelOption is one radio button: a level's number, name and descriptor.
type levelOption struct {
	ID    string
	Value int
	Name  string
	Descr string
	// Evidence is an example of what proves this level (maturity only).
	Evidence string
	Checked  bool
}

// newForm lays out an empty form: one fieldset per domain of the model,
// and the organisations u may edit to choose from.
func (fc *formContext) newForm(u *who) *editForm {
	lang := fc.lang
	f := &editForm{Lang: lang, KeyErrors: map[string]string{}, fc: fc, MinYear: assess.FirstYear, MaxYear: assess.LastYear()}
	for _, o := range fc.orgs {
		if u.canEdit(o.Value) {
			f.Orgs = append(f.Orgs, o)
		}
	}
	for slug, label := range fc.model.Methods {
		f.Methods = append(f.Methods, option{Value: slug, Label: label.In(lang)})
	}
	sort.Slice(f.Methods, func(i, j int) bool { return f.Methods[i].Label < f.Methods[j].Label })
	if _, ok := fc.model.Methods["zelfevaluatie"]; ok {
		f.Method = "zelfevaluatie"
	} else if len(f.Methods) > 0 {
		f.Method = f.Methods[0].Value
	}
	for _, d := range fc.model.Definitions {
		fd := formDefinition{Term: d.Label.In(lang), Href: docHref(fc.site, d.IRI, fc), Text: d.Definition.In(lang)}
		for _, c := range d.Conditions {
			fd.Conditions = append(fd.Conditions, c.In(lang))
		}
		f.Definitions = append(f.Definitions, fd)
	}
	for _, d := range fc.model.Domains {
		df := &domainField{Slug: d.Slug, Label: d.Label.In(lang), Definition: d.Definition.In(lang), Href: docHref(fc.site, d.IRI, fc)}
		for _, act := range d.Actions {
			df.Actions = append(df.Actions, planAction{Text: act.Description.In(lang), Name: act.Label.In(lang), Href: docHref(fc.site, act.IRI, fc)})
		}
		cite := &assess.Plan{Model: fc.model}
		for _, fd := range fc.model.FindingsFor(d.Slug, d.Profiles) {
			df.Findings = append(df.Findings, cite.Cite(fd, lang))
		}
		df.Scales = []*scaleField{
			fc.scale(d, "maturiteit", "m-"+d.Slug, i18n.T(lang, "maturity")),
			fc.scale(d, "nood", "n-"+d.Slug, i18n.T(lang, "need")),
		}
		f.Domains = append(f.Domains, df)
	}
	return f
}

// scale lays out the radio buttons of one scale for domain d: the level's
// name from the scale, and the domain's own descriptor of that level where
// the model has one (with an example of acceptable evidence for maturity),
// else the scale's general definition.
func (fc *formContext) scale(d vocab.DomainDef, scale, name, legend string) *scaleField {
	sf := &scaleField{Name: name, Legend: legend}
	for n := minScore; n <= maxScore; n++ {
		lo := levelOption{ID: fmt.Sprintf("%s-%d", name, n), Value: n, Name: fc.model.Scales[scale][n].In(fc.lang)}
		switch scale {
		case "maturiteit":
			lo.Descr, lo.Evidence = d.Levels[n].In(fc.lang), d.Evidence[n].In(fc.lang)
		case "nood":
			lo.Descr = d.NeedLevels[n].In(fc.lang)
		}
		if lo.Descr == "" {
			lo.Descr = fc.model.ScaleDefs[scale][n].In(fc.lang)
		}
		sf.Levels = append(sf.Levels, lo)
	}
	return sf
}

// docHref links an IRI of ours to its page (a shared model IRI to this
// instance's copy), keeping ?lang= when chosen.
func docHref(b httpx.Base, iri string, fc *formContext) string {
	u, ok := b.DocURL(iri)
	if !ok {
		u = iri
	}
	if fc.langParam {
		u += "?lang=" + fc.lang
	}
	return u
}

// setKey sets and checks the organisation and the year.
func (f *editForm) setKey(org, year string) {
	f.Org, f.Year = strings.TrimSpace(org), strings.TrimSpace(year)
	known := false
	for i := range f.Orgs {
		if f.Orgs[i].Value == f.Org {
			f.Orgs[i].Selected, known = true, true
			f.OrgLabel = f.Orgs[i].Label
		}
	}
	if !known {
		f.KeyErrors["org"] = i18n.T(f.Lang, "errOrg")
	}
	if y, err := strconv.Atoi(f.Year); err != nil || y < assess.FirstYear || y > assess.LastYear() {
		f.KeyErrors["year"] = i18n.T(f.Lang, "errYear", assess.FirstYear, assess.LastYear())
	}
	f.KeyOK = len(f.KeyErrors) == 0
}

// prefill fills the form from the current version, if there is one.
func (s *App) prefill(ctx context.Context, fc *formContext, f *editForm) error {
	v, err := s.src.View(ctx)
	if err != nil {
		return err
	}
	defer v.Close()
	year, _ := strconv.Atoi(f.Year)
	next, err := assess.NextAssessmentVersion(ctx, v, fc.base, f.Org, year)
	if err != nil {
		return err
	}
	if at, err := assess.WithdrawnAt(ctx, v, fc.base, f.Org, year); err != nil {
		return err
	} else if !at.IsZero() {
		f.Withdrawn = i18n.T(f.Lang, "withdrawnNotice", at.UTC().Format("2006-01-02"))
	}
	f.Current = next - 1
	if f.Current == 0 {
		f.Notice = i18n.T(f.Lang, "new")
		return nil
	}
	a, err := assess.LoadAssessment(ctx, v, fc.base, f.Org, year)
	if err != nil {
		return err
	}
	f.fill(a.Scores)
	if _, ok := fc.model.Methods[a.Method]; ok {
		f.Method = a.Method
	}
	f.Notice = i18n.T(f.Lang, "existing", f.Current, f.Current+1, f.Current)
	f.Links = []link{
		{Href: docHref(fc.site, vocab.Assessment(fc.base, f.Org, year), fc), Text: i18n.T(f.Lang, "viewCurrent")},
		{Href: fc.planURL(f.Org, year), Text: i18n.T(f.Lang, "viewPlan")},
	}
	return nil
}

// fill puts scores into the form. A score between two levels (a survey
// average, a decimal from a sheet) selects no radio button and is shown
// as a note, so nobody publishes a rounded value without seeing it.
func (f *editForm) fill(scores []assess.Score) {
	by := map[string]assess.Score{}
	for _, s := range scores {
		by[s.Domain] = s
	}
	for _, d := range f.Domains {
		s, ok := by[d.Slug]
		if !ok {
			continue
		}
		d.Rationale = s.Rationale
		d.Evidence = strings.Join(s.Evidence, "\n")
		for i, v := range []float64{s.Maturity, s.Need} {
			if v != 0 {
				d.Scales[i].set(v, f.Lang)
			}
		}
	}
}

func (sf *scaleField) set(v float64, lang string) {
	sf.value = v
	for i := range sf.Levels {
		sf.Levels[i].Checked = float64(sf.Levels[i].Value) == v
	}
	if v != math.Trunc(v) {
		sf.Note = i18n.T(lang, "prevScore", strconv.FormatFloat(v, 'f', -1, 64))
	}
}

// read takes the posted values into the form, validates them and returns
// the assessment they describe (Version is set when publishing). Messages
// go beside the fields and into the summary. A partial assessment (the
// partial box ticked) leaves out the domains with nothing filled in; any
// other must have both scores.
func (f *editForm) read(form url.Values) *assess.Assessment {
	lang := f.Lang
	f.readCommon(form)
	if f.AuthorErr != "" {
		f.fail("author", i18n.T(lang, "author")+": "+f.AuthorErr)
	}
	if _, ok := f.fc.model.Methods[f.Method]; !ok {
		f.MethodErr = i18n.T(lang, "errMethod")
		f.fail("method", i18n.T(lang, "method")+": "+f.MethodErr)
	}
	for _, k := range []string{"org", "year"} {
		if msg, ok := f.KeyErrors[k]; ok {
			f.fail(k, i18n.T(lang, map[string]string{"org": "organisation", "year": "year"}[k])+": "+msg)
		}
	}
	year, _ := strconv.Atoi(f.Year)
	a := &assess.Assessment{Org: f.Org, Year: year, Method: f.Method, Author: f.Author, Partial: f.Partial}
	for _, d := range f.Domains {
		if f.Partial && d.empty(form) {
			continue
		}
		sc := assess.Score{Domain: d.Slug}
		for i, dst := range []*float64{&sc.Maturity, &sc.Need} {
			sf := d.Scales[i]
			raw := strings.TrimSpace(form.Get(sf.Name))
			v, ok := parseFormScore(raw)
			switch {
			case raw == "":
				sf.Err = i18n.T(lang, "errScore")
			case !ok:
				sf.Err = i18n.T(lang, "errScoreRange", raw)
			default:
				sf.set(v, lang)
				sf.Note = ""
				*dst = v
			}
			if sf.Err != "" {
				f.fail(sf.Name+"-1", d.Label+" – "+sf.Legend+": "+sf.Err)
			}
		}
		d.Rationale = strings.TrimSpace(form.Get("t-" + d.Slug))
		if len([]rune(d.Rationale)) > maxText {
			d.RationaleErr = i18n.T(lang, "errTooLong", maxText)
			f.fail("t-"+d.Slug, d.Label+" – "+i18n.T(lang, "rationale")+": "+d.RationaleErr)
		}
		sc.Rationale = d.Rationale
		d.Evidence = strings.TrimSpace(form.Get("b-" + d.Slug))
		for _, u := range strings.Fields(d.Evidence) {
			if !absoluteHTTP(u) {
				d.EvidenceErr = i18n.T(lang, "errURL", u)
				f.fail("b-"+d.Slug, d.Label+" – "+i18n.T(lang, "evidence")+": "+d.EvidenceErr)
				break
			}
			sc.Evidence = append(sc.Evidence, u)
		}
		if len(d.Evidence) > maxText && d.EvidenceErr == "" {
			d.EvidenceErr = i18n.T(lang, "errTooLong", maxText)
			f.fail("b-"+d.Slug, d.Label+" – "+i18n.T(lang, "evidence")+": "+d.EvidenceErr)
		}
		a.Scores = append(a.Scores, sc)
	}
	if f.Partial && len(a.Scores) == 0 {
		f.fail("d-"+f.Domains[0].Slug, i18n.T(lang, "errNoScores"))
	}
	return a
}

// readCommon takes the fields every action reads: author, method and the
// partial box.
func (f *editForm) readCommon(form url.Values) {
	f.Author = strings.TrimSpace(form.Get("author"))
	if len([]rune(f.Author)) > maxAuthor {
		f.AuthorErr = i18n.T(f.Lang, "errTooLong", maxAuthor)
		f.Author = clip(f.Author, maxAuthor)
	}
	if m := form.Get("method"); m != "" {
		f.Method = m
	}
	f.Partial = form.Get("partial") == "1"
}

// empty reports whether nothing of domain d was filled in.
func (d *domainField) empty(form url.Values) bool {
	for _, k := range []string{d.Scales[0].Name, d.Scales[1].Name, "t-" + d.Slug, "b-" + d.Slug} {
		if strings.TrimSpace(form.Get(k)) != "" {
			return false
		}
	}
	return true
}

// draft takes what is filled in into a draft, without asking more: a
// draft may be incomplete. Texts longer than the limits are cut; a score
// that is not one is left out.
func (f *editForm) draft(form url.Values) private.Draft {
	f.readCommon(form)
	year, _ := strconv.Atoi(f.Year)
	dr := private.Draft{Org: f.Org, Year: year, Method: f.Method, Author: f.Author, Partial: f.Partial}
	for _, d := range f.Domains {
		ds := private.DraftScore{Domain: d.Slug, Rationale: clip(strings.TrimSpace(form.Get("t-"+d.Slug)), maxText)}
		ds.Maturity = draftScore(form.Get(d.Scales[0].Name))
		ds.Need = draftScore(form.Get(d.Scales[1].Name))
		for _, u := range strings.Fields(clip(form.Get("b-"+d.Slug), maxText)) {
			ds.Evidence = append(ds.Evidence, u)
		}
		if ds.Maturity != 0 || ds.Need != 0 || ds.Rationale != "" || len(ds.Evidence) > 0 {
			dr.Scores = append(dr.Scores, ds)
		}
	}
	return dr
}

// fillDraft puts a draft into the form.
func (f *editForm) fillDraft(dr private.Draft) {
	if _, ok := f.fc.model.Methods[dr.Method]; ok {
		f.Method = dr.Method
	}
	f.Author, f.Partial = dr.Author, dr.Partial
	var scores []assess.Score
	for _, ds := range dr.Scores {
		scores = append(scores, assess.Score{Domain: ds.Domain, Maturity: ds.Maturity, Need: ds.Need, Rationale: ds.Rationale, Evidence: ds.Evidence})
	}
	f.fill(scores)
}

// hasErrors reports whether anything must be corrected before publishing.
func (f *editForm) hasErrors() bool {
	return len(f.Errors) > 0 || len(f.KeyErrors) > 0 || f.MethodErr != ""
}

// draftScore is a posted score, or 0 when it is none.
func draftScore(raw string) float64 {
	if v, ok := parseFormScore(strings.TrimSpace(raw)); ok {
		return v
	}
	return 0
}

// parseFormScore accepts a score from 1 to 5 with at most two decimals
// (a decimal comma too), as the sheet does; the radio buttons send whole
// levels.
func parseFormScore(s string) (float64, bool) {
	norm := strings.Replace(s, ",", ".", 1)
	if norm == "" || strings.ContainsAny(norm, "eE+xXpP_") {
		return 0, false
	}
	v, err := strconv.ParseFloat(norm, 64)
	if err != nil || math.IsNaN(v) || v < minScore || v > maxScore {
		return 0, false
	}
	return v, math.Abs(v*100-math.Round(v*100)) < 1e-9
}

// absoluteHTTP reports whether s is an absolute http(s) URL with a host
// that is also a valid IRI: url.Parse lets through characters such as '"'
// and '{' that RDF forbids in IRIs, which would break every serialisation.
func absoluteHTTP(s string) bool {
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || strings.ContainsRune("<>\"{}|\\^`", r) }) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// planURL is the address of the plan page of an assessment.
func (fc *formContext) planURL(org string, year int) string {
	u := fc.base + "evaluatie/plan?org=" + url.QueryEscape(org) + "&year=" + strconv.Itoa(year)
	if fc.langParam {
		u += "&lang=" + fc.lang
	}
	return u
}
