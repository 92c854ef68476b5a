package webapp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
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
	if q.Get("org") != "" || q.Get("year") != "" || org != "" {
		f.setKey(org, year)
		if f.KeyOK && !u.canEdit(f.Org) {
			s.forbidOrg(w, r, f.Org)
			return
		}
		if f.KeyOK {
			if err := s.prefill(r.Context(), fc, f); err != nil {
				s.failed(w, r, err)
				return
			}
		}
	} else {
		f.Year = year
	}
	s.renderEdit(w, r, fc, u, f, http.StatusOK)
}

// servePublish validates a posted form and, when it is complete, writes a
// new version and sends the browser to the assessment's page.
func (s *App) servePublish(w http.ResponseWriter, r *http.Request) {
	u, fc, f, ok := s.editPost(w, r, false)
	if !ok {
		return
	}
	a := f.read(r.PostForm)
	if f.hasErrors() {
		s.renderEdit(w, r, fc, u, f, http.StatusUnprocessableEntity)
		return
	}
	v, err := s.publish(r.Context(), fc, a)
	if err != nil {
		s.log.ErrorContext(r.Context(), "publish assessment", "org", a.Org, "year", a.Year, "err", err)
		if ie, ok := errors.AsType[*assess.IntegrityError](err); ok {
			f.fail("evaluatie", i18n.T(fc.lang, "errIntegrity", ie.Constraints()))
		} else {
			f.fail("evaluatie", i18n.T(fc.lang, "errWrite"))
		}
		s.renderEdit(w, r, fc, u, f, http.StatusInternalServerError)
		return
	}
	s.log.InfoContext(r.Context(), "published assessment", "org", a.Org, "year", a.Year, "version", v, "by", u.name())
	loc := s.base.URL("doc/evaluatie/" + a.Org + "/" + strconv.Itoa(a.Year))
	if fc.langParam {
		loc += "?lang=" + fc.lang
	}
	http.Redirect(w, r, loc, http.StatusSeeOther)
}

// editPost reads a POST to the form's routes (a multipart one for an
// upload), checks it (guardWrite) and lays out the form for its
// organisation and year, which the requester must be allowed to edit.
// It answers itself and returns false when the request goes no further.
func (s *App) editPost(w http.ResponseWriter, r *http.Request, multipart bool) (*who, *formContext, *editForm, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	var err error
	if multipart {
		if err = r.ParseMultipartForm(maxFormBytes); errors.Is(err, http.ErrNotMultipart) {
			err = nil
		}
	} else {
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
func (s *App) publish(ctx context.Context, fc *formContext, a *assess.Assessment) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	graphs, err := s.buildVersion(ctx, fc, a)
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
func (s *App) buildVersion(ctx context.Context, fc *formContext, a *assess.Assessment) ([]assess.Graph, error) {
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
	if err := assess.CheckPublish(ctx, v, s.base.IRI, graphs); err != nil {
		return nil, err
	}
	return graphs, nil
}

// serveCSVUpload reads an uploaded self-assessment sheet into the form for
// the user to check; it writes nothing.
func (s *App) serveCSVUpload(w http.ResponseWriter, r *http.Request) {
	u, fc, f, ok := s.editPost(w, r, true)
	if !ok {
		return
	}
	f.Method = r.FormValue("method")
	f.Author = clip(r.FormValue("author"), maxAuthor)
	status := http.StatusOK
	file, hdr, err := r.FormFile("bestand")
	switch {
	case err != nil || hdr.Size == 0:
		f.CSVError = i18n.T(fc.lang, "errCSVMissing")
		status = http.StatusUnprocessableEntity
	default:
		defer file.Close()
		scores, err := assess.ReadSelfAssessment(file, hdr.Filename, fc.model)
		if err != nil {
			f.CSVError = i18n.T(fc.lang, "errCSV", csvMessage(err, fc.lang))
			status = http.StatusUnprocessableEntity
			break
		}
		f.fill(scores)
		f.Notice = i18n.T(fc.lang, "csvRead", hdr.Filename, len(scores))
	}
	s.renderEdit(w, r, fc, u, f, status)
}

// csvMessage is a sheet error in the page's language, with row and column.
func csvMessage(err error, lang string) string {
	var ce *assess.CSVError
	if errors.As(err, &ce) && lang == "en" {
		return ce.English()
	}
	return err.Error()
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
