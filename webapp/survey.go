package webapp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/private"
	"github.com/stadleuven/maturity/vocab"
)

// surveyView is an uploaded staff survey, aggregated with the small-group
// rule applied, as the form shows it before it is published: per domain
// and respondent group the mean agreement with the maturity and the need
// statement, or why the group's figures are not published.
type surveyView struct {
	File        string
	Notes       []string
	Respondents int
	Threshold   int
	Groups      []surveyGroup
	Rows        []surveyRow
	Legend      string // what a "–" means, when some figure is left out
}

// surveyGroup is one column: everyone, or one profile.
type surveyGroup struct {
	Label string
	Count int // respondents
}

// surveyRow is one domain: per group, the maturity and need agreement.
type surveyRow struct {
	Domain string
	Cells  []string // "3,2 / 4,1", or "–" for a group left out
}

// readSurvey reads an uploaded survey export: NormaliseCSV (Excel's
// separators and encodings, with notes), then the checks and the mapping
// of assess.ReadSurvey. It returns the normalised bytes to keep in the
// draft and the aggregated view; the respondents' rows are never shown.
func readSurvey(ctx context.Context, fc *formContext, r io.Reader, file string) ([]byte, *surveyView, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxFormBytes))
	if err != nil {
		return nil, nil, err
	}
	data, notes, err := assess.NormaliseCSV(raw)
	if err != nil {
		return nil, nil, err
	}
	sv, err := surveyOf(ctx, fc, data, file)
	if err != nil {
		return nil, nil, err
	}
	for _, n := range notes {
		sv.Notes = append(sv.Notes, n.In(fc.lang))
	}
	return data, sv, nil
}

// surveyOf aggregates a normalised survey export for the form.
func surveyOf(ctx context.Context, fc *formContext, data []byte, file string) (*surveyView, error) {
	resp, err := assess.ReadSurvey(ctx, fc.base, fc.model, bytes.NewReader(data), file, nil, "")
	if err != nil {
		return nil, err
	}
	res := assess.AggregateSurvey(fc.model, resp, 0)
	lang := fc.lang
	sv := &surveyView{File: file, Respondents: res.Respondents, Threshold: res.Threshold}
	// Columns: everyone first, then the profiles in the model's order.
	slugs := []string{assess.AllGroup}
	profiles := make([]*vocab.ProfileDef, 0, len(fc.model.Profiles))
	for _, p := range fc.model.Profiles {
		profiles = append(profiles, p)
	}
	sort.Slice(profiles, func(i, j int) bool { return profiles[i].Order < profiles[j].Order })
	labels := map[string]string{assess.AllGroup: i18n.T(lang, "surveyAll")}
	for _, p := range profiles {
		slugs = append(slugs, p.Slug)
		labels[p.Slug] = p.Label.In(lang)
	}
	type key struct{ item, group string }
	cells := map[key]assess.Cell{}
	for _, c := range res.Cells {
		cells[key{c.Item.IRI, c.Group}] = c
	}
	// A group's size is shown to its own editors (this preview is
	// private); which of its figures are left out shows in the cells.
	counts := map[string]int{assess.AllGroup: res.Respondents}
	for iri, n := range resp.PerProfile() {
		if p, ok := fc.model.Profiles[iri]; ok {
			counts[p.Slug] = n
		}
	}
	if len(res.Suppressed) > 0 {
		sv.Legend = i18n.T(lang, "surveyLegend", res.Threshold)
	}
	for _, g := range slugs {
		sv.Groups = append(sv.Groups, surveyGroup{Label: labels[g], Count: counts[g]})
	}
	for _, d := range fc.model.Domains {
		row := surveyRow{Domain: d.Label.In(lang)}
		for _, g := range slugs {
			var parts []string
			for _, it := range fc.model.Items {
				if it.Domain != d.Slug || it.Informs == "" {
					continue
				}
				if c, ok := cells[key{it.IRI, g}]; ok {
					parts = append(parts, fmtScore(c.Agreement, lang))
				} else {
					parts = append(parts, "–")
				}
			}
			row.Cells = append(row.Cells, joinSlash(parts))
		}
		sv.Rows = append(sv.Rows, row)
	}
	return sv, nil
}

func joinSlash(parts []string) string {
	var b bytes.Buffer
	for i, p := range parts {
		if i > 0 {
			b.WriteString(" / ")
		}
		b.WriteString(p)
	}
	return b.String()
}

// serveSurveyUpload reads an uploaded staff-survey export into the draft
// (the rows stay private; only aggregates are ever published, with the
// assessment) and shows its figures per profile. It writes nothing
// public.
func (s *App) serveSurveyUpload(w http.ResponseWriter, r *http.Request) {
	s.serveUpload(w, r, "bevraging", func(fc *formContext, f *editForm, dr *private.Draft, file io.Reader, name string) error {
		data, sv, err := readSurvey(r.Context(), fc, file, name)
		if err != nil {
			return err
		}
		f.Survey = sv
		dr.Survey = &private.DraftSurvey{File: name, CSV: data, Notes: sv.Notes}
		f.Notice = i18n.T(fc.lang, "surveyRead", name, sv.Respondents)
		return nil
	})
}

// saveDraft keeps dr (keeping an uploaded survey the form did not send
// again) when accounts are on.
func (s *App) saveDraft(r *http.Request, u *who, dr *private.Draft) error {
	if s.cfg.Private == nil {
		return nil
	}
	old, ok, err := s.cfg.Private.Draft(dr.Org, dr.Year)
	if err != nil {
		return err
	}
	if ok {
		dr.Created = old.Created
		if dr.Survey == nil {
			dr.Survey = old.Survey
		}
	}
	saved, err := s.cfg.Private.SaveDraft(*dr, u.name())
	if err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	*dr = saved
	return nil
}

// draftNote says whose draft the form shows and that it is shared.
func (s *App) draftNote(lang string, dr private.Draft) string {
	return i18n.T(lang, "draftNote", dr.UpdatedBy, dr.Updated.Local().Format("2006-01-02 15:04"))
}

// localized is an error of package assess (a sheet's row and column, a
// rule of the assessment) in lang.
func localized(err error, lang string) string {
	var e interface {
		error
		English() string
	}
	if lang == "en" && errors.As(err, &e) {
		return strings.Replace(err.Error(), e.Error(), e.English(), 1)
	}
	return err.Error()
}
