package webapp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/private"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// serveEditForm shows the form, pre-filled from the current version of the
// chosen organisation's assessment for the chosen year, if any.
func (s *App) serveEditForm(w http.ResponseWriter, r *http.Request) {
	u, ok := s.guardPage(w, r)
	if !ok {
		return
	}
	fc, ok := s.formContext(w, r)
	if !ok {
		return
	}
	f := fc.newForm(u)
	q := r.URL.Query()
	org, year := q.Get("org"), q.Get("year")
	if org == "" && len(f.Orgs) == 1 {
		// An editor has one organisation: open it at once.
		org = f.Orgs[0].Value
	}
	if year == "" {
		year = strconv.Itoa(time.Now().Year())
	}
	if private.NIS(org) && !u.canEdit(org) {
		s.forbidOrg(w, r, org)
		return
	}
	if q.Get("org") != "" || q.Get("year") != "" || org != "" {
		f.setKey(org, year)
		if f.KeyOK {
			if err := s.prefill(r.Context(), fc, f); err != nil {
				s.failed(w, r, err)
				return
			}
			if err := s.loadDraft(r.Context(), fc, f); err != nil {
				s.failed(w, r, err)
				return
			}
			if r.URL.Query().Get("bewaard") == "1" {
				f.Notice = i18n.T(fc.lang, "draftSavedNotice")
			}
		}
	} else {
		f.Year = year
	}
	s.renderEdit(w, r, fc, u, f, http.StatusOK)
}

// servePublish saves the draft (actie=opslaan), or validates the posted
// form and, when it is complete, writes a new version (and the survey of
// the draft, if any) and sends the browser to the dashboard.
func (s *App) servePublish(w http.ResponseWriter, r *http.Request) {
	u, fc, f, ok := s.editPost(w, r, true)
	if !ok {
		return
	}
	if r.PostForm.Get("actie") == "opslaan" {
		s.serveSave(w, r, u, fc, f)
		return
	}
	a := f.read(r.PostForm)
	if f.hasErrors() {
		s.renderEdit(w, r, fc, u, f, http.StatusUnprocessableEntity)
		return
	}
	var survey *private.DraftSurvey
	if s.cfg.Private != nil {
		dr, ok, err := s.cfg.Private.Draft(a.Org, a.Year)
		if err != nil {
			s.failed(w, r, err)
			return
		}
		if ok {
			survey = dr.Survey
		}
	}
	v, err := s.publish(r.Context(), fc, a, survey)
	if err != nil {
		s.log.ErrorContext(r.Context(), "publish assessment", "org", a.Org, "year", a.Year, "err", err)
		var ae *assess.Error
		switch {
		case errors.As(err, &ae):
			f.fail("evaluatie", localized(err, fc.lang))
			s.renderEdit(w, r, fc, u, f, http.StatusConflict)
			return
		case errors.As(err, new(*assess.IntegrityError)):
			ie, _ := errors.AsType[*assess.IntegrityError](err)
			f.fail("evaluatie", i18n.T(fc.lang, "errIntegrity", ie.Constraints()))
		default:
			f.fail("evaluatie", i18n.T(fc.lang, "errWrite"))
		}
		s.renderEdit(w, r, fc, u, f, http.StatusInternalServerError)
		return
	}
	s.log.InfoContext(r.Context(), "published assessment", "org", a.Org, "year", a.Year, "version", v, "survey", survey != nil, "by", u.name())
	if s.cfg.Private != nil {
		if err := s.cfg.Private.DeleteDraft(a.Org, a.Year); err != nil {
			s.log.ErrorContext(r.Context(), "delete draft after publishing", "err", err)
		}
	}
	http.Redirect(w, r, s.dashboardURL(a.Org, a.Year, fc), http.StatusSeeOther)
}

// serveSave keeps the form as the organisation's draft, complete or not,
// and shows it again.
func (s *App) serveSave(w http.ResponseWriter, r *http.Request, u *who, fc *formContext, f *editForm) {
	if s.cfg.Private == nil || !f.KeyOK {
		s.message(w, r, http.StatusBadRequest, "errNoDrafts")
		return
	}
	dr := f.draft(r.PostForm)
	if err := s.saveDraft(r, u, &dr); err != nil {
		s.failed(w, r, err)
		return
	}
	q := url.Values{"org": {f.Org}, "year": {f.Year}, "bewaard": {"1"}}
	if fc.langParam {
		q.Set("lang", fc.lang)
	}
	http.Redirect(w, r, s.base.URL("evaluatie/nieuw")+"?"+q.Encode()+"#evaluatie", http.StatusSeeOther)
}

// loadSurvey shows the survey of the draft, if any.
func (s *App) loadSurvey(ctx context.Context, fc *formContext, f *editForm) error {
	year, _ := strconv.Atoi(f.Year)
	dr, ok, err := s.cfg.Private.Draft(f.Org, year)
	if err != nil || !ok {
		return err
	}
	return showSurvey(ctx, fc, f, dr)
}

// loadDraft fills the form from the organisation's draft for the year,
// if there is one: it wins over the published version.
func (s *App) loadDraft(ctx context.Context, fc *formContext, f *editForm) error {
	f.CanSave = s.cfg.Private != nil
	if s.cfg.Private == nil {
		return nil
	}
	year, _ := strconv.Atoi(f.Year)
	dr, ok, err := s.cfg.Private.Draft(f.Org, year)
	if err != nil || !ok {
		return err
	}
	f.fillDraft(dr)
	f.Draft = s.draftNote(fc.lang, dr)
	return showSurvey(ctx, fc, f, dr)
}

// showSurvey shows the survey of draft dr, if it has one.
func showSurvey(ctx context.Context, fc *formContext, f *editForm, dr private.Draft) error {
	if dr.Survey == nil {
		return nil
	}
	sv, err := surveyOf(ctx, fc, dr.Survey.CSV, dr.Survey.File)
	if err != nil {
		return err
	}
	sv.Notes = dr.Survey.Notes
	f.Survey = sv
	return nil
}

// editPost reads a POST to the form's routes (multipart, as the form
// sends it, or URL-encoded, as a script may), checks it (guardWrite) and lays out the form for its
// organisation and year, which the requester must be allowed to edit.
// It answers itself and returns false when the request goes no further.
func (s *App) editPost(w http.ResponseWriter, r *http.Request, _ bool) (*who, *formContext, *editForm, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	err := r.ParseMultipartForm(maxFormBytes)
	if errors.Is(err, http.ErrNotMultipart) {
		err = r.ParseForm()
	}
	if err != nil {
		s.message(w, r, http.StatusBadRequest, "errForm")
		return nil, nil, nil, false
	}
	u, ok := s.guardWrite(w, r)
	if !ok {
		return nil, nil, nil, false
	}
	fc, ok := s.formContext(w, r)
	if !ok {
		return nil, nil, nil, false
	}
	f := fc.newForm(u)
	f.CanSave = s.cfg.Private != nil
	org := r.FormValue("org")
	f.setKey(org, r.FormValue("year"))
	if private.NIS(org) && !u.canEdit(org) {
		s.forbidOrg(w, r, org)
		return nil, nil, nil, false
	}
	return u, fc, f, true
}

// publish builds the next version, checks it against the Data Cube
// integrity constraints (assess.CheckPublish: a cube that breaks one is
// refused) and writes its graphs in one write. The lock spans reading the
// version number and writing, so concurrent publishes get consecutive
// versions. The read view is closed before the write: a write may have to
// grow the store's memory map, which waits for every reader.
func (s *App) publish(ctx context.Context, fc *formContext, a *assess.Assessment, survey *private.DraftSurvey) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	graphs, err := s.buildVersion(ctx, fc, a, survey)
	if err != nil {
		return 0, err
	}
	gcs := make([]GraphContent, len(graphs))
	for i, g := range graphs {
		gcs[i] = GraphContent{Graph: rdf.IRI(g.IRI), Quads: g.Quads}
	}
	if err := s.cfg.Writer.ReplaceGraphs(ctx, gcs); err != nil {
		return 0, fmt.Errorf("write %s: %w", vocab.AssessmentVersion(s.base.IRI, a.Org, a.Year, a.Version), err)
	}
	return a.Version, nil
}

// buildVersion numbers a, builds its graphs and checks them, in one read
// view that it closes before returning.
func (s *App) buildVersion(ctx context.Context, fc *formContext, a *assess.Assessment, survey *private.DraftSurvey) ([]assess.Graph, error) {
	v, err := s.src.View(ctx)
	if err != nil {
		return nil, fmt.Errorf("open view: %w", err)
	}
	defer v.Close()
	a.Version, err = assess.NextAssessmentVersion(ctx, v, s.base.IRI, a.Org, a.Year)
	if err == nil {
		a.OrgLabel, err = assess.OrgLabel(ctx, v, s.base.IRI, a.Org)
	}
	if err != nil {
		return nil, err
	}
	a.Generated = time.Now()
	a.Licence = s.cfg.Licence
	graphs, err := assess.BuildAssessment(ctx, s.base.IRI, fc.model, a)
	if err != nil {
		return nil, err
	}
	if survey != nil {
		sv, err := assess.NextSurveyVersion(ctx, v, s.base.IRI, a.Org, a.Year)
		if err != nil {
			return nil, err
		}
		sg, err := assess.ImportSurvey(ctx, s.base.IRI, fc.model, bytes.NewReader(survey.CSV), survey.File, assess.SurveyImport{
			Org: a.Org, OrgLabel: a.OrgLabel, Year: a.Year, Version: sv, Generated: a.Generated, Licence: a.Licence})
		if err != nil {
			return nil, err
		}
		graphs = append(graphs, sg...)
	}
	if err := assess.CheckPublish(ctx, v, s.base.IRI, graphs); err != nil {
		return nil, err
	}
	return graphs, nil
}

// serveCSVUpload reads an uploaded self-assessment sheet into the form for
// the user to check; its scores become the draft, so nothing is lost. It
// publishes nothing.
func (s *App) serveCSVUpload(w http.ResponseWriter, r *http.Request) {
	s.serveUpload(w, r, "bestand", func(fc *formContext, f *editForm, dr *private.Draft, file io.Reader, name string) error {
		scores, err := assess.ReadSelfAssessment(file, name, fc.model)
		if err != nil {
			return err
		}
		f.fill(scores)
		f.Notice = i18n.T(fc.lang, "csvRead", name, len(scores))
		dr.Scores = nil
		for _, sc := range scores {
			dr.Scores = append(dr.Scores, private.DraftScore{Domain: sc.Domain, Maturity: sc.Maturity, Need: sc.Need, Rationale: sc.Rationale, Evidence: sc.Evidence})
		}
		return nil
	})
}

// serveUpload is what both uploads share: the edit POST, the draft the
// form sent, the file in field read by read (into the form and the
// draft), the draft saved when the read succeeded, and the form shown
// again, with 422 and the reason when the file is missing or unreadable.
func (s *App) serveUpload(w http.ResponseWriter, r *http.Request, field string, read func(fc *formContext, f *editForm, dr *private.Draft, file io.Reader, name string) error) {
	u, fc, f, ok := s.editPost(w, r, true)
	if !ok {
		return
	}
	dr := f.draft(r.PostForm)
	f.fillDraft(dr)
	status := http.StatusOK
	file, hdr, err := r.FormFile(field)
	switch {
	case err != nil || hdr.Size == 0:
		f.CSVError = i18n.T(fc.lang, "errCSVMissing")
		status = http.StatusUnprocessableEntity
	default:
		defer file.Close()
		if err := read(fc, f, &dr, file, hdr.Filename); err != nil {
			f.CSVError = i18n.T(fc.lang, "errCSV", localized(err, fc.lang))
			status = http.StatusUnprocessableEntity
		}
	}
	if status == http.StatusOK && f.KeyOK && s.cfg.Private != nil {
		if err := s.saveDraft(r, u, &dr); err != nil {
			s.failed(w, r, err)
			return
		}
		f.Draft = s.draftNote(fc.lang, dr)
	}
	if f.Survey == nil && f.KeyOK && s.cfg.Private != nil {
		if err := s.loadSurvey(r.Context(), fc, f); err != nil {
			s.failed(w, r, err)
			return
		}
	}
	s.renderEdit(w, r, fc, u, f, status)
}

// renderEdit writes the form page with status; forms are never cached.
func (s *App) renderEdit(w http.ResponseWriter, r *http.Request, fc *formContext, u *who, f *editForm, status int) {
	title := i18n.T(fc.lang, "formTitle")
	if f.hasErrors() || f.CSVError != "" {
		// Screen readers announce the title first: say at once that
		// something needs correcting.
		title = i18n.T(fc.lang, "errTitle") + " – " + title
	}
	p := s.page(r, fc.lang, fc.langParam, title, u)
	p.Form = f
	s.render(w, r, status, "edit", p)
}
