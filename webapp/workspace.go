package webapp

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/private"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/vocab"
)

// overview is the editor's workspace at /evaluatie: per organisation the
// drafts, the published assessments (with a way to withdraw one), the
// withdrawn ones, and a form to start a new assessment.
type overview struct {
	Orgs    []overviewOrg
	Start   *editForm // the organisations, years and methods to start with
	Notice  string
	Errors  []formError
	Reason  string // a withdrawal's reason, echoed after an error
	MaxText int
}

type overviewOrg struct {
	NIS, Name string
	Drafts    []overviewDraft
	Published []overviewPublished
	Withdrawn []overviewWithdrawn
}

type overviewDraft struct {
	Year            int
	Method, Note    string
	Href            string
	Scored, Domains int
	HasSurvey       bool
}

type overviewPublished struct {
	Year, Version        int
	Doc, Plan, Dashboard string
	Key                  string // org-year, the withdrawal form's anchor
}

type overviewWithdrawn struct {
	Year int
	When string
	Doc  string
}

// serveOverview shows the workspace.
func (s *App) serveOverview(w http.ResponseWriter, r *http.Request) {
	u, ok := s.guardPage(w, r)
	if !ok {
		return
	}
	fc, ok := s.formContext(w, r)
	if !ok {
		return
	}
	ov := &overview{MaxText: assess.MaxReason}
	switch q := r.URL.Query(); {
	case q.Get("ingetrokken") != "":
		ov.Notice = i18n.T(fc.lang, "withdrawDone", q.Get("ingetrokken"))
	}
	s.renderOverview(w, r, fc, u, ov, http.StatusOK)
}

// renderOverview fills in the workspace and writes it.
func (s *App) renderOverview(w http.ResponseWriter, r *http.Request, fc *formContext, u *who, ov *overview, status int) {
	if err := s.fillOverview(r.Context(), fc, u, ov); err != nil {
		s.failed(w, r, err)
		return
	}
	title := i18n.T(fc.lang, "workspace")
	if len(ov.Errors) > 0 {
		title = i18n.T(fc.lang, "errTitle") + " – " + title
	}
	p := s.page(r, fc.lang, fc.langParam, title, u)
	p.Overview = ov
	s.render(w, r, status, "overview", p)
}

// fillOverview reads the organisations' assessments (from the data) and
// drafts (from the private file).
func (s *App) fillOverview(ctx context.Context, fc *formContext, u *who, ov *overview) error {
	ov.Start = fc.newForm(u)
	ov.Start.Year = strconv.Itoa(time.Now().Year())
	pub, gone, err := s.published(ctx)
	if err != nil {
		return err
	}
	var drafts []private.Draft
	if s.cfg.Private != nil {
		if drafts, err = s.cfg.Private.Drafts(""); err != nil {
			return err
		}
	}
	for _, o := range ov.Start.Orgs {
		oo := overviewOrg{NIS: o.Value, Name: o.Label}
		for _, dr := range drafts {
			if dr.Org != o.Value {
				continue
			}
			od := overviewDraft{Year: dr.Year, Method: fc.model.Methods[dr.Method].In(fc.lang), Note: s.draftNote(fc.lang, dr),
				Href:    s.base.URL("evaluatie/nieuw") + "?" + url.Values{"org": {dr.Org}, "year": {strconv.Itoa(dr.Year)}}.Encode(),
				Domains: len(fc.model.Domains), HasSurvey: dr.Survey != nil}
			for _, sc := range dr.Scores {
				if sc.Maturity != 0 && sc.Need != 0 {
					od.Scored++
				}
			}
			oo.Drafts = append(oo.Drafts, od)
		}
		for _, p := range pub[o.Value] {
			oo.Published = append(oo.Published, overviewPublished{Year: p[0], Version: p[1],
				Doc:       docHref(fc.site, vocab.Assessment(fc.base, o.Value, p[0]), fc),
				Plan:      fc.planURL(o.Value, p[0]),
				Dashboard: s.dashboardURL(o.Value, p[0], fc),
				Key:       o.Value + "-" + strconv.Itoa(p[0])})
		}
		for _, g := range gone[o.Value] {
			oo.Withdrawn = append(oo.Withdrawn, overviewWithdrawn{Year: g.year, When: g.at.UTC().Format("2006-01-02"),
				Doc: docHref(fc.site, vocab.Assessment(fc.base, o.Value, g.year), fc)})
		}
		if len(oo.Drafts)+len(oo.Published)+len(oo.Withdrawn) > 0 || len(ov.Start.Orgs) == 1 {
			ov.Orgs = append(ov.Orgs, oo)
		}
	}
	return nil
}

type withdrawn struct {
	year int
	at   time.Time
}

// published lists, per organisation, the assessments published (year and
// current version, newest first) and those withdrawn, from the names of
// their index and withdrawal graphs.
func (s *App) published(ctx context.Context) (map[string][][2]int, map[string][]withdrawn, error) {
	v, err := s.src.View(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer v.Close()
	dec := sparql.NewDecoder(v)
	var names []string
	err = v.Graphs(ctx, func(g uint64) bool {
		t, err := dec.Term(g)
		if err == nil {
			names = append(names, t.Value)
		}
		return true
	})
	if err != nil {
		return nil, nil, err
	}
	pub, gone := map[string][][2]int{}, map[string][]withdrawn{}
	// graph/evaluatie/{NIS}/{year} and graph/intrekking/evaluatie/{NIS}/{year}
	// (a version graph, …/{year}/v{n}, has no year after the NIS code).
	index := s.base.IRI + "graph/evaluatie/"
	wg := s.base.IRI + "graph/intrekking/evaluatie/"
	for _, g := range names {
		if nis, year, ok := nisYear(g, index); ok {
			next, err := assess.NextAssessmentVersion(ctx, v, s.base.IRI, nis, year)
			if err != nil {
				return nil, nil, err
			}
			if next > 1 {
				pub[nis] = append(pub[nis], [2]int{year, next - 1})
			}
		} else if nis, year, ok := nisYear(g, wg); ok {
			at, err := assess.WithdrawnAt(ctx, v, s.base.IRI, nis, year)
			if err != nil {
				return nil, nil, err
			}
			gone[nis] = append(gone[nis], withdrawn{year, at})
		}
	}
	for _, l := range pub {
		sort.Slice(l, func(i, j int) bool { return l[i][0] > l[j][0] })
	}
	return pub, gone, nil
}

// nisYear parses prefix + "{NIS}/{year}".
func nisYear(g, prefix string) (string, int, bool) {
	rest, ok := strings.CutPrefix(g, prefix)
	if !ok {
		return "", 0, false
	}
	nis, y, ok := strings.Cut(rest, "/")
	year, err := strconv.Atoi(y)
	return nis, year, ok && err == nil && private.NIS(nis)
}

// serveStart starts an assessment: an organisation, a year and a method
// make an empty draft (an existing draft or version is kept), and the
// form opens on it.
func (s *App) serveStart(w http.ResponseWriter, r *http.Request) {
	u, fc, f, ok := s.editPost(w, r, false)
	if !ok {
		return
	}
	f.readCommon(r.PostForm)
	if _, ok := fc.model.Methods[f.Method]; !ok {
		f.KeyErrors["method"] = i18n.T(fc.lang, "errMethod")
	}
	if len(f.KeyErrors) > 0 {
		ov := &overview{MaxText: assess.MaxReason}
		for k, msg := range f.KeyErrors {
			ov.Errors = append(ov.Errors, formError{Anchor: "start-" + k, Text: msg})
		}
		s.renderOverview(w, r, fc, u, ov, http.StatusUnprocessableEntity)
		return
	}
	if s.cfg.Private != nil {
		year, _ := strconv.Atoi(f.Year)
		if _, ok, err := s.cfg.Private.Draft(f.Org, year); err != nil {
			s.failed(w, r, err)
			return
		} else if !ok {
			if _, err := s.cfg.Private.SaveDraft(private.Draft{Org: f.Org, Year: year, Method: f.Method}, u.name()); err != nil {
				s.failed(w, r, err)
				return
			}
		}
	}
	q := url.Values{"org": {f.Org}, "year": {f.Year}}
	if fc.langParam {
		q.Set("lang", fc.lang)
	}
	http.Redirect(w, r, s.base.URL("evaluatie/nieuw")+"?"+q.Encode(), http.StatusSeeOther)
}

// serveWithdraw withdraws an organisation's assessment for a year, with
// a reason: its IRIs answer 410 Gone with a tombstone, the catalog drops
// it and records the withdrawal (assess.Withdraw).
func (s *App) serveWithdraw(w http.ResponseWriter, r *http.Request) {
	u, fc, f, ok := s.editPost(w, r, false)
	if !ok {
		return
	}
	reason := strings.TrimSpace(r.PostForm.Get("reden"))
	fail := func(msg string) {
		ov := &overview{MaxText: assess.MaxReason, Reason: clip(reason, assess.MaxReason)}
		ov.Errors = append(ov.Errors, formError{Anchor: "intrekken-" + f.Org + "-" + f.Year, Text: msg})
		s.renderOverview(w, r, fc, u, ov, http.StatusUnprocessableEntity)
	}
	if !f.KeyOK {
		fail(i18n.T(fc.lang, "errOrg"))
		return
	}
	year, _ := strconv.Atoi(f.Year)
	err := s.withdraw(r.Context(), f.Org, year, reason, fc.lang)
	var ae *assess.Error
	switch {
	case errors.As(err, &ae):
		fail(localized(err, fc.lang))
		return
	case err != nil:
		s.failed(w, r, err)
		return
	}
	s.log.InfoContext(r.Context(), "withdrew assessment", "org", f.Org, "year", year, "by", u.name())
	q := url.Values{"ingetrokken": {f.Org + "/" + f.Year}}
	if fc.langParam {
		q.Set("lang", fc.lang)
	}
	http.Redirect(w, r, s.base.URL("evaluatie")+"?"+q.Encode(), http.StatusSeeOther)
}

// withdraw builds the withdrawal in a read view it closes before writing.
func (s *App) withdraw(ctx context.Context, org string, year int, reason, lang string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.src.View(ctx)
	if err != nil {
		return err
	}
	graphs, err := assess.Withdraw(ctx, v, s.base.IRI, org, year, reason, lang, time.Now())
	v.Close()
	if err != nil {
		return err
	}
	gcs := make([]GraphContent, len(graphs))
	for i, g := range graphs {
		gcs[i] = GraphContent{Graph: rdf.IRI(g.IRI), Quads: g.Quads}
	}
	return s.cfg.Writer.ReplaceGraphs(ctx, gcs)
}

// serveTemplate sends an empty sheet to fill in: the self-assessment
// (one row per domain) or the staff survey (its columns), with commas or,
// for Excel in Belgium, semicolons; UTF-8 with a byte order mark, so
// Excel shows accents right.
func (s *App) serveTemplate(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "file")
	kind, semi := strings.TrimSuffix(name, ".csv"), false
	if k, ok := strings.CutSuffix(kind, "-puntkomma"); ok {
		kind, semi = k, true
	}
	fc, ok := s.formContext(w, r)
	if !ok {
		return
	}
	var rows [][]string
	switch kind {
	case "zelfevaluatie":
		rows = append(rows, []string{"domein", "maturiteit", "nood", "toelichting", "bewijs"})
		for _, d := range fc.model.Domains {
			rows = append(rows, []string{d.Slug, "", "", "", ""})
		}
	case "bevraging":
		head := []string{"profiel"}
		for _, it := range fc.model.Items {
			head = append(head, it.Column)
		}
		rows = append(rows, head)
	default:
		s.message(w, r, http.StatusNotFound, "notFound")
		return
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	if semi {
		cw.Comma = ';'
	}
	cw.UseCRLF = true
	cw.WriteAll(rows)
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+kind+`.csv"`)
	h.Set("Cache-Control", "public, max-age=3600")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}
